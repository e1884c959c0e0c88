import {describe, expect, it} from 'vitest';
import {escapeChar, needsEscaping, visible, visibleMultiline} from '../../source/text/sanitize.js';

describe('visible (single line)', () => {
	it('returns the very same string when nothing needs escaping', () => {
		const s = 'plain ascii, café, 中文, 😀, e\u0301, back\\slash';
		expect(visible(s)).toBe(s);
		expect(needsEscaping(s)).toBe(false);
		const long = 'x'.repeat(1_000_000);
		expect(visible(long)).toBe(long);
	});
	it('escapes C0, DEL and C1 controls', () => {
		expect(visible('a\nb')).toBe('a\\nb');
		expect(visible('a\tb')).toBe('a\\tb');
		expect(visible('a\r\n')).toBe('a\\r\\n');
		expect(visible('\x00\x07\x08\x0b\x0c\x1f')).toBe('\\x00\\x07\\x08\\x0b\\x0c\\x1f');
		expect(visible('\x7f')).toBe('\\x7f');
		expect(visible('\u0080\u0085\u009b\u009f')).toBe('\\u0080\\u0085\\u009b\\u009f');
	});
	it('defuses terminal escape sequences from the hostile fixture image', () => {
		// docker history --no-trunc fixture/hostile:1 (CreatedBy of the LABEL step)
		const createdBy =
			'/bin/sh -c #(nop)  LABEL title=\u001b]0;pwned\u0007 clear=\u001b[2J\u001b[H colour=\u001b[31mred\u001b[0m bidi=abc\u202edef';
		expect(visible(createdBy)).toBe(
			'/bin/sh -c #(nop)  LABEL title=\\x1b]0;pwned\\x07 clear=\\x1b[2J\\x1b[H colour=\\x1b[31mred\\x1b[0m bidi=abc\\u202edef',
		);
	});
	it('escapes bidi controls and invisible format characters', () => {
		for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
			expect(visible(String.fromCodePoint(cp))).toBe('\\u' + cp.toString(16).padStart(4, '0'));
		}
		expect(visible('\u200b')).toBe('\\u200b');
		expect(visible('\u2060')).toBe('\\u2060');
		expect(visible('\ufeff')).toBe('\\ufeff');
		expect(visible('\u00ad')).toBe('\\u00ad');
		expect(visible('\ufff9')).toBe('\\ufff9');
		expect(visible('\u2028\u2029')).toBe('\\u2028\\u2029');
		expect(visible('\u{e0041}')).toBe('\\U000e0041');
		expect(visible('a\ud800b')).toBe('a\\ud800b');
	});
	it('keeps ZWJ/ZWNJ, marks, text variation selectors and a backslash; drops VS16 (terminals disagree on its width)', () => {
		const family = '👨\u200d👩\u200d👧';
		expect(visible(family)).toBe(family);
		expect(needsEscaping(family)).toBe(false);
		expect(visible('❤\ufe0e')).toBe('❤\ufe0e');
		expect(visible('❤\ufe0f')).toBe('❤');
		expect(visible('☁\ufe0f\x1b')).toBe('☁\\x1b');
		expect(needsEscaping('☁\ufe0f')).toBe(true);
		expect(visibleMultiline('a☁\ufe0f\n\tb')).toBe('a☁\n        b');
		expect(visible('\\n')).toBe('\\n');
		expect(visible('नमस्ते')).toBe('नमस्ते');
	});
	it('escapeChar', () => {
		expect(escapeChar('\x1b')).toBe('\\x1b');
		expect(escapeChar('\u202e')).toBe('\\u202e');
	});
});

describe('visibleMultiline', () => {
	it('keeps newlines and expands tabs to 8-column stops', () => {
		expect(visibleMultiline('a\tb\nxy\tz')).toBe('a       b\nxy      z');
		expect(visibleMultiline('\t1')).toBe('        1');
		expect(visibleMultiline('12345678\tx')).toBe('12345678        x');
		expect(visibleMultiline('中\tx')).toBe('中      x');
		expect(visibleMultiline('a\tb', {tabSize: 4})).toBe('a   b');
	});
	it('escapes everything else', () => {
		expect(visibleMultiline('a\x1b[2Jb\r\nc\u202e')).toBe('a\\x1b[2Jb\\r\nc\\u202e');
		expect(visibleMultiline('\x1b\t|')).toBe('\\x1b    |');
	});
	it('returns the input when nothing needs changing', () => {
		const s = 'line one\nline two\n';
		expect(visibleMultiline(s)).toBe(s);
	});
});

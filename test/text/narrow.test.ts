/**
 * The characters source/text/narrow.ts counts one column each (so the
 * bundled string-width skips its segmenter for them) are what string-width
 * itself says: every one alone, and strings of them mixed with ASCII.
 */
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {allNarrow} from '../../source/text/narrow.js';

const narrow: string[] = [];
for (let cp = 0x20; cp <= 0xffff; cp++) {
	const ch = String.fromCharCode(cp);
	if (allNarrow(ch)) narrow.push(ch);
}

describe('narrow characters', () => {
	it('covers the glyphs the explorer draws, and not the ones that may be wide or join', () => {
		for (const ch of '…↓↑←→⇒·–—•›─│┌┐└┘├┤┬┴┼█░▸▾✓✗éß') expect(allNarrow(ch), ch).toBe(true);
		// Emoji (⚠ ▪ ©), combining and zero-width marks, wide and control characters stay with string-width's segmenter.
		for (const ch of ['⚠', '▪', '©', '®', '\u00ad', '\u0301', '\u200b', '\u200d', '\ufe0f', '中', '\x1b', '\t', '\ud83d']) expect(allNarrow(ch), JSON.stringify(ch)).toBe(false);
		expect(allNarrow('')).toBe(true);
	});

	it('each is one column, as string-width counts it, and a grapheme of its own', () => {
		expect(narrow.length).toBeGreaterThan(700);
		for (const ch of narrow) {
			expect(stringWidth(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe(1);
			// ASCII is string-width's own fast path (# * 0-9 are emoji only before U+FE0F U+20E3, which are not here).
			if (ch < '\x7f') continue;
			expect(/\p{Grapheme_Base}/u.test(ch) && !/\p{General_Category=Spacing_Mark}|\p{Emoji}/u.test(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe(true);
		}
	});

	it('strings of them measure their length, as string-width measures them', () => {
		// A fixed pseudo-random sequence (no flakiness): 2,000 strings of up to 40 characters.
		let seed = 11;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let i = 0; i < 2000; i++) {
			let text = '';
			for (let n = next() % 40; n > 0; n--) text += narrow[next() % narrow.length];
			expect(allNarrow(text)).toBe(true);
			expect(stringWidth(text), JSON.stringify(text)).toBe(text.length);
		}
	});
});

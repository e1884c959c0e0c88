/**
 * Make untrusted strings (from images and the engine) safe to draw in the TUI: every character
 * that a terminal would interpret or that hides/reorders text is shown as an escape instead.
 *
 * - C0 controls: `\n`, `\r`, `\t` by name, the rest as `\x00`..`\x1f` (ESC is `\x1b`)
 * - DEL: `\x7f`
 * - C1 controls U+0080..U+009F: `\u0085`
 * - format characters (Unicode Cf: bidi embeddings/overrides/isolates U+202A..U+202E,
 *   U+2066..U+2069, marks U+200E/U+200F/U+061C, zero-width space U+200B, word joiner, BOM,
 *   soft hyphen, interlinear annotation, tag characters U+E0000..): `\u202e`, `\U000e0041`
 *   except ZWNJ/ZWJ (U+200C/U+200D), which emoji and Indic scripts need and terminals ignore
 * - line and paragraph separators U+2028/U+2029, lone surrogates: `\u2028`, `\ud800`
 *
 * - VARIATION SELECTOR-16 (U+FE0F, emoji presentation) is dropped: terminals disagree on
 *   whether it makes the character before it two columns wide (tmux 3.3 and xterm: no; kitty,
 *   wezterm: yes; Ink's string-width: yes; docker's go-runewidth: no), so a frame that kept it
 *   would be misaligned somewhere. Without it every one of them draws `☁` in one column.
 *
 * A backslash stays as is (the output is for eyes, not for parsing back); visibleName, for file
 * names, escapes it (`\\`) and shows bytes that were not UTF-8 (byte-names.ts) as `\xe9`, so
 * every name reads back unambiguously.
 * When nothing needs escaping the input string itself is returned.
 */
import {displayWidth} from './width.js';

// Candidates (ZWNJ/ZWJ are in Cf but let through by the replacer).
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}]/u;
const UNSAFE_G = /[\x00-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}]/gu;
const UNSAFE_NO_NL_TAB = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}]/u;

function hex(n: number, w: number): string {
	return n.toString(16).padStart(w, '0');
}

/** The visible form of one code point that needs escaping (or the character itself). */
export function escapeChar(ch: string): string {
	const cp = ch.codePointAt(0)!;
	switch (cp) {
		case 0x0a:
			return '\\n';
		case 0x0d:
			return '\\r';
		case 0x09:
			return '\\t';
		case 0x200c:
		case 0x200d:
			return ch;
	}
	if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
	if (cp <= 0xffff) return '\\u' + hex(cp, 4);
	return '\\U' + hex(cp, 8);
}

const VS16 = '\uFE0F';
const VS16_G = /\uFE0F/g;

/** True when visible(s) would change s. */
export function needsEscaping(s: string): boolean {
	if (s.includes(VS16)) return true;
	if (!UNSAFE.test(s)) return false;
	UNSAFE_G.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = UNSAFE_G.exec(s)) !== null) {
		const c = m[0].charCodeAt(0);
		if (c !== 0x200c && c !== 0x200d) return true;
	}
	return false;
}

/** Single-line rendering: every control character, including newline and tab, is escaped. */
export function visible(s: string): string {
	if (s.includes(VS16)) s = s.replace(VS16_G, '');
	if (!UNSAFE.test(s)) return s;
	const out = s.replace(UNSAFE_G, escapeChar);
	return out;
}

export interface MultilineOptions {
	/** tab stop width used to expand tabs (default 8) */
	tabSize?: number;
}

/**
 * Multi-line rendering: newlines are kept, tabs are expanded to spaces (tab stops every tabSize
 * display columns from the start of each line), everything else unsafe is escaped like visible().
 */
export function visibleMultiline(s: string, opts: MultilineOptions = {}): string {
	const tabSize = opts.tabSize ?? 8;
	if (s.includes(VS16)) s = s.replace(VS16_G, '');
	const hasTab = s.includes('\t');
	if (!hasTab && !UNSAFE_NO_NL_TAB.test(s)) return s;
	const lines = s.split('\n');
	for (let i = 0; i < lines.length; i++) {
		let line = lines[i];
		if (!line.includes('\t')) {
			lines[i] = visible(line);
			continue;
		}
		const parts = line.split('\t');
		line = '';
		let col = 0;
		for (let j = 0; j < parts.length; j++) {
			const p = visible(parts[j]);
			line += p;
			col += widthOf(p);
			if (j < parts.length - 1) {
				const n = tabSize - (col % tabSize);
				line += ' '.repeat(n);
				col += n;
			}
		}
		lines[i] = line;
	}
	return lines.join('\n');
}

function widthOf(s: string): number {
	return displayWidth(s);
}

const NAME_SPECIAL = /[\\\udc80-\udcff]/;
const NAME_SPECIAL_G = /\\|(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/**
 * A file name (decoded by byte-names.ts) for eyes: like visible(), and a byte that was not UTF-8
 * as `\xNN`, a backslash as `\\`; `caf\xe9` (one byte) and `caf\\xe9` (a real backslash) differ.
 */
export function visibleName(name: string): string {
	if (NAME_SPECIAL.test(name)) name = name.replace(NAME_SPECIAL_G, ch => (ch === '\\' ? '\\\\' : '\\x' + hex(ch.charCodeAt(0) - 0xdc00, 2)));
	return visible(name);
}

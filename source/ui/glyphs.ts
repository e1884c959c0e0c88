/**
 * The glyphs the explorer draws, and the ASCII stand-in of each, for a
 * terminal whose locale is not UTF-8 (or `--ascii`). Every stand-in takes
 * as many columns as its glyph, so the layout, measured once, holds in
 * both modes.
 *
 * ASCII mode applies at the output (screen.ts wraps the terminal's write
 * with `asciiOnly`), not in each screen: it then also covers the keymap's
 * labels, Ink's own truncation mark and anything from an image; a character
 * with no stand-in becomes `?` per column it takes. Nothing but ASCII
 * reaches such a terminal.
 */
import {displayWidth} from '../text/width.js';

export const glyphs: Record<string, string> = {
	'…': '>', // truncated (vim's `extends:>`), or "in progress"
	'✗': 'x', // an error
	'✓': '+', // done
	'⚠': '!', // a warning
	'↑': '^',
	'↓': 'v',
	'←': '<',
	'→': '>', // also a symlink's target
	'⇒': '=', // a hard link's target
	'·': '.', // metadata-only history step; a separator
	'▪': '*', // a history step that made a layer
	'▾': 'v', // an open directory
	'▸': '>', // a closed directory
	'›': '>', // the focused form field
	'❯': '>', // a menu's cursor
	'█': '#', // progress bar, done
	'░': '.', // progress bar, to do
	'–': '-', // en dash in ranges
	'—': '-',
	'─': '-',
	'│': '|',
	'┌': '+',
	'┐': '+',
	'└': '+',
	'┘': '+',
	'├': '+',
	'┤': '+',
	'┬': '+',
	'┴': '+',
	'┼': '+',
	'•': '*',
};

const nonAscii = /[^\x00-\x7f]/;
/** A flag: two columns on a terminal whichever width mode text/width.ts is in. */
const flag = /^[\u{1f1e6}-\u{1f1ff}]{2}$/u;
let segmenter: Intl.Segmenter | undefined;

/** `text` with every non-ASCII character replaced by its stand-in, or by `?` per column. */
export function asciiOnly(text: string): string {
	if (!nonAscii.test(text)) return text;
	segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'});
	let out = '';
	for (const {segment} of segmenter.segment(text)) {
		if (!nonAscii.test(segment)) out += segment;
		else out += glyphs[segment] ?? '?'.repeat(flag.test(segment) ? 2 : displayWidth(segment));
	}
	return out;
}

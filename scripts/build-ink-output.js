// ink 6.8.0's build/output.js (MIT, Vadim Demedes), as scripts/build.mjs
// bundles it: the same output, byte for byte, for less work per frame.
//
// Ink turns every frame into a grid of one object per cell, tokenizes every
// line of text (Intl.Segmenter) and turns every row back into a string,
// diffing styles cell by cell; its caches live for one frame. With 40 rows
// of 120 columns, that is most of a key press's time. Here:
//   - the caches outlive the frame (a line's cells and width depend only on
//     the line), with a bound on their size;
//   - turning cells back into a string skips the style diff between two
//     neighbours with the same styles (it is empty);
//   - a row that gets exactly one line, written at column 0, is never made
//     into cells: its string is the line's own styled string (cached), which
//     is what the grid would have produced for it; a line of printable ASCII
//     alone is its own string. Any other write to the
//     row (an offset, a second write) turns it into cells first, in order,
//     and Ink's code runs as before.
// Everything else is Ink's code unchanged.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';

// Entries across the caches (a line's cells are ~10 kB): a few screens' worth.
const cacheLimit = 3000;

class OutputCaches {
	widths = new Map();
	blockWidths = new Map();
	styledChars = new Map();
	rowStrings = new Map();
	getStyledChars(line) {
		let cached = this.styledChars.get(line);
		if (cached === undefined) {
			cached = styledCharsFromTokens(tokenize(line));
			this.styledChars.set(line, cached);
		}
		return cached;
	}
	getStringWidth(text) {
		let cached = this.widths.get(text);
		if (cached === undefined) {
			cached = stringWidth(text);
			this.widths.set(text, cached);
		}
		return cached;
	}
	getWidestLine(text) {
		let cached = this.blockWidths.get(text);
		if (cached === undefined) {
			let lineWidth = 0;
			for (const line of text.split('\n')) {
				lineWidth = Math.max(lineWidth, this.getStringWidth(line));
			}
			cached = lineWidth;
			this.blockWidths.set(text, cached);
		}
		return cached;
	}
	/** What Ink's grid makes of a row holding only `line` from column 0: its cells (with wide characters' placeholders) as a string, trimmed. */
	getRowString(line) {
		// Printable ASCII and nothing else (most rows of a list): one cell per character, no styles, so the row is the line.
		if (printableAscii.test(line)) return line.trimEnd();
		let cached = this.rowStrings.get(line);
		if (cached === undefined) {
			const row = [];
			// Not kept in styledChars: a row that stays a line never needs its cells again.
			placeCharacters(row, 0, styledCharsFromTokens(tokenize(line)), this);
			cached = styledCharsToString(row.filter((item) => item !== undefined)).trimEnd();
			this.rowStrings.set(line, cached);
		}
		return cached;
	}
	get size() {
		return this.widths.size + this.blockWidths.size + this.styledChars.size + this.rowStrings.size;
	}
}

/** Same codes in the same order: diffAnsiCodes of the two is empty. */
function sameStyles(a, b) {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
	}
	return true;
}

/**
 * ansi-tokenize's styledCharsToString, without diffing the styles of two
 * neighbours that have the same ones (the diff is empty then): most
 * neighbours do, and the diff builds three Sets.
 */
function styledCharsToString(chars) {
	let ret = '';
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i];
		if (i === 0) {
			if (char.styles.length > 0) ret += ansiCodesToString(char.styles);
		} else if (!sameStyles(chars[i - 1].styles, char.styles)) {
			ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
		}
		ret += char.value;
		// reset active styles at the end of the string
		if (i === chars.length - 1 && char.styles.length > 0) {
			ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
		}
	}
	return ret;
}

const printableAscii = /^[\x20-\x7e]*$/;

let shared = new OutputCaches();
function sharedCaches() {
	if (shared.size > cacheLimit) shared = new OutputCaches();
	return shared;
}

/** Ink's inner loop: a line's characters into a row of cells from column x. */
function placeCharacters(currentLine, x, characters, caches) {
	let offsetX = x;
	for (const character of characters) {
		currentLine[offsetX] = character;
		// Determine printed width using string-width to align with measurement
		const characterWidth = Math.max(1, caches.getStringWidth(character.value));
		// For multi-column characters, clear following cells to avoid stray spaces/artifacts
		if (characterWidth > 1) {
			for (let index = 1; index < characterWidth; index++) {
				currentLine[offsetX + index] = {
					type: 'char',
					value: '',
					fullWidth: false,
					styles: character.styles,
				};
			}
		}
		offsetX += characterWidth;
	}
}

function blankRow(width) {
	const row = [];
	for (let x = 0; x < width; x++) {
		row.push({
			type: 'char',
			value: ' ',
			fullWidth: false,
			styles: [],
		});
	}
	return row;
}

export default class Output {
	width;
	height;
	operations = [];
	caches = sharedCaches();
	constructor(options) {
		const {width, height} = options;
		this.width = width;
		this.height = height;
	}
	write(x, y, text, options) {
		const {transformers} = options;
		if (!text) {
			return;
		}
		this.operations.push({
			type: 'write',
			x,
			y,
			text,
			transformers,
		});
	}
	clip(clip) {
		this.operations.push({
			type: 'clip',
			clip,
		});
	}
	unclip() {
		this.operations.push({
			type: 'unclip',
		});
	}
	get() {
		// Rows: undefined (blank), {line} (one line at column 0, not yet cells), or an array of cells.
		const output = new Array(this.height);
		const cells = (y) => {
			const row = output[y];
			if (Array.isArray(row)) return row;
			const made = blankRow(this.width);
			if (row !== undefined) placeCharacters(made, 0, this.caches.getStyledChars(row.line), this.caches);
			output[y] = made;
			return made;
		};
		const clips = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
			}
			if (operation.type === 'unclip') {
				clips.pop();
			}
			if (operation.type === 'write') {
				const {text, transformers} = operation;
				let {x, y} = operation;
				let lines = text.split('\n');
				const clip = clips.at(-1);
				if (clip) {
					const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
					const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
					// If text is positioned outside of clipping area altogether,
					// skip to the next operation to avoid unnecessary calculations
					if (clipHorizontally) {
						const width = this.caches.getWidestLine(text);
						if (x + width < clip.x1 || x > clip.x2) {
							continue;
						}
					}
					if (clipVertically) {
						const height = lines.length;
						if (y + height < clip.y1 || y > clip.y2) {
							continue;
						}
					}
					if (clipHorizontally) {
						lines = lines.map((line) => {
							const from = x < clip.x1 ? clip.x1 - x : 0;
							const width = this.caches.getStringWidth(line);
							const to = x + width > clip.x2 ? clip.x2 - x : width;
							return sliceAnsi(line, from, to);
						});
						if (x < clip.x1) {
							x = clip.x1;
						}
					}
					if (clipVertically) {
						const from = y < clip.y1 ? clip.y1 - y : 0;
						const height = lines.length;
						const to = y + height > clip.y2 ? clip.y2 - y : height;
						lines = lines.slice(from, to);
						if (y < clip.y1) {
							y = clip.y1;
						}
					}
				}
				let offsetY = 0;
				for (let [index, line] of lines.entries()) {
					const rowIndex = y + offsetY;
					// Line can be missing if `text` is taller than height of pre-initialized `this.output`
					if (!(rowIndex >= 0 && rowIndex < this.height)) {
						continue;
					}
					for (const transformer of transformers) {
						line = transformer(line, index);
					}
					if (x === 0 && output[rowIndex] === undefined) {
						output[rowIndex] = {line};
					} else {
						placeCharacters(cells(rowIndex), x, this.caches.getStyledChars(line), this.caches);
					}
					offsetY++;
				}
			}
		}
		const rows = [];
		for (let y = 0; y < this.height; y++) {
			const row = output[y];
			if (row === undefined) {
				rows.push('');
			} else if (Array.isArray(row)) {
				// See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
				const lineWithoutEmptyItems = row.filter((item) => item !== undefined);
				rows.push(styledCharsToString(lineWithoutEmptyItems).trimEnd());
			} else {
				rows.push(this.caches.getRowString(row.line));
			}
		}
		return {
			output: rows.join('\n'),
			height: this.height,
		};
	}
}

/**
 * A one-line text editor as a pure value: the filter, the format box and
 * every form field share it, so they all edit the way a shell line does
 * (Ctrl+A/E, Ctrl+U, Ctrl+W, Ctrl+K, arrows, Home/End).
 */

export interface TextField {
	value: string;
	/** Cursor position in UTF-16 code units, 0..value.length. */
	cursor: number;
}

export function textField(value = ''): TextField {
	return {value, cursor: value.length};
}

/** Control characters never enter a field: a paste of "a\tb" types "ab". */
export function printable(text: string): string {
	return text.replace(/[\x00-\x1f\x7f-\x9f]/g, '');
}

export function insertText(field: TextField, text: string): TextField {
	const clean = printable(text);
	if (!clean) return field;
	return {value: field.value.slice(0, field.cursor) + clean + field.value.slice(field.cursor), cursor: field.cursor + clean.length};
}

function wordStart(value: string, from: number): number {
	let i = from;
	while (i > 0 && /\s/.test(value[i - 1])) i--;
	while (i > 0 && !/\s/.test(value[i - 1])) i--;
	return i;
}

/**
 * Applies an editing key (a keyName() such as `backspace`, `ctrl+u`,
 * `left`) to the field. Returns undefined for keys that are not editing keys,
 * so the caller can give them another meaning (Enter, Esc, Tab, Up).
 */
export function editField(field: TextField, key: string): TextField | undefined {
	const {value, cursor} = field;
	switch (key) {
		case 'backspace':
			if (cursor === 0) return field;
			return {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
		case 'delete':
		case 'ctrl+d':
			return {value: value.slice(0, cursor) + value.slice(cursor + 1), cursor};
		case 'left':
		case 'ctrl+b':
			return {value, cursor: Math.max(0, cursor - 1)};
		case 'right':
		case 'ctrl+f':
			return {value, cursor: Math.min(value.length, cursor + 1)};
		case 'home':
		case 'ctrl+a':
			return {value, cursor: 0};
		case 'end':
		case 'ctrl+e':
			return {value, cursor: value.length};
		case 'ctrl+u':
			return {value: value.slice(cursor), cursor: 0};
		case 'ctrl+k':
			return {value: value.slice(0, cursor), cursor};
		case 'ctrl+w': {
			const start = wordStart(value, cursor);
			return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
		}
		default:
			return undefined;
	}
}

/** The field as three parts around the cursor, for drawing an inverse-video cursor. */
export function fieldParts(field: TextField): {before: string; at: string; after: string} {
	return {before: field.value.slice(0, field.cursor), at: field.value[field.cursor] ?? ' ', after: field.value.slice(field.cursor + 1)};
}

/** The slice of a long value that fits `width` cells, keeping the cursor in view. */
export function fieldWindow(field: TextField, width: number): TextField {
	if (field.value.length < width) return field;
	const start = Math.max(0, Math.min(field.cursor - Math.floor(width * 0.7), field.value.length - width + 1));
	return {value: field.value.slice(start, start + width), cursor: field.cursor - start};
}

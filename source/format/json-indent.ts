/**
 * Go's encoding/json Indent and Compact over raw bytes: whitespace outside
 * strings is dropped and re-laid, everything else (key order, number text,
 * string escapes) is kept byte for byte. docker's inspect output is built
 * this way from the daemon's answer.
 */

export function indentJson(raw: string, prefix = '', indent = '    '): string {
	let out = '';
	let depth = 0;
	// Set after [ or {: the newline is written only if the container is not empty.
	let pendingOpen = false;
	const newline = (level: number) => `\n${prefix}${indent.repeat(level)}`;
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
		if (pendingOpen && c !== ']' && c !== '}') {
			out += newline(depth);
			pendingOpen = false;
		}
		switch (c) {
			case '"': {
				const end = stringEnd(raw, i);
				out += raw.slice(i, end);
				i = end - 1;
				break;
			}
			case '[':
			case '{':
				out += c;
				depth++;
				pendingOpen = true;
				break;
			case ']':
			case '}':
				depth--;
				if (pendingOpen) pendingOpen = false;
				else out += newline(depth);
				out += c;
				break;
			case ',':
				out += c + newline(depth);
				break;
			case ':':
				out += ': ';
				break;
			default:
				out += c;
		}
	}
	return out;
}

export function compactJson(raw: string): string {
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
		if (c === '"') {
			const end = stringEnd(raw, i);
			out += raw.slice(i, end);
			i = end - 1;
		} else out += c;
	}
	return out;
}

/** Index just past the string that starts at `start` (a quote). */
function stringEnd(raw: string, start: number): number {
	for (let i = start + 1; i < raw.length; i++) {
		const c = raw[i];
		if (c === '\\') i++;
		else if (c === '"') return i + 1;
	}
	return raw.length;
}

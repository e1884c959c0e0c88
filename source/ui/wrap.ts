import {displayWidth, truncateToWidth} from '../text/width.js';

/** Hard-wraps a line to `width` columns, at most `maxLines` lines (the last ends in … when cut). */
export function wrapText(text: string, width: number, maxLines: number): string[] {
	const lines: string[] = [];
	let rest = text;
	while (rest && lines.length < maxLines) {
		if (displayWidth(rest) <= width) {
			lines.push(rest);
			rest = '';
			break;
		}
		const head = truncateToWidth(rest, width);
		// Prefer to break at a space in the last third of the line.
		const space = head.lastIndexOf(' ');
		const cut = space > head.length * 0.66 ? space + 1 : head.length || 1;
		lines.push(rest.slice(0, cut));
		rest = rest.slice(cut);
	}
	if (rest && lines.length) lines[lines.length - 1] = truncateToWidth(lines[lines.length - 1], width - 1) + '…';
	return lines;
}

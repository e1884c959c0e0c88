import {displayWidth, padEndToWidth} from '../text/width.js';

/** A plain aligned table (three spaces between columns, the last not padded), like docker's own. */
export function renderTable(header: string[], rows: string[][]): string {
	const all = [header, ...rows];
	const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
	return all.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : padEndToWidth(cell, widths[column]))).join('   ')).join('\n') + '\n';
}

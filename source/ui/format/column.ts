/**
 * A template as a column of the image list (`F`): each image's cell is what
 * `imgscope inspect --format T IMAGE` prints for it, on one line, from the
 * inspect documents the controller already read for the LAYERS column (no
 * new requests). Each image id is evaluated once per template and document.
 */
import {visible} from '../../text/sanitize.js';
import type {Column} from '../columns.js';
import type {ImageRow} from '../rows.js';
import {evaluatePrepared, outputLines, prepare} from './evaluate.js';

/** What a cell shows when the template fails for that image. */
export const errorMarker = '✗ error';
/** …and while the image's document is not read yet. */
export const pendingMarker = '…';

/** The column's title: the template without its outer braces, made safe. */
export function columnTitle(template: string): string {
	const inner = /^\{\{-?\s*([^{}]*?)\s*-?\}\}$/.exec(template)?.[1];
	return visible(inner || template);
}

export function cellText(output: string): string {
	return visible(outputLines(output).join('\n'));
}

// Cells by template, then image id: a new batch of documents or a re-render re-evaluates nothing already shown.
const cellsByTemplate = new Map<string, Map<string, {raw: string; text: string}>>();

export function formatColumn(template: string, docs: Record<string, string>): Column<ImageRow> {
	const prepared = prepare(template);
	let cells = cellsByTemplate.get(template);
	if (!cells) {
		if (cellsByTemplate.size >= 4) cellsByTemplate.clear();
		cells = new Map();
		cellsByTemplate.set(template, cells);
	}
	const title = columnTitle(template);
	return {
		title,
		width: Math.min(16, Math.max(6, title.length)),
		want: Math.min(40, Math.max(16, title.length)),
		priority: 7,
		cell: (row) => {
			const raw = docs[row.id];
			if (raw === undefined) return pendingMarker;
			const hit = cells.get(row.id);
			if (hit && hit.raw === raw) return hit.text;
			const evaluation = evaluatePrepared(prepared, raw);
			const text = evaluation.ok ? cellText(evaluation.output) : errorMarker;
			cells!.set(row.id, {raw, text});
			return text;
		},
	};
}

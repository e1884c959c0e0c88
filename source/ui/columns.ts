/**
 * Fits table columns to a width: columns are dropped, lowest priority
 * first, until the rest fit; the flexible column takes what is left. Pure.
 */
import {visible} from '../text/sanitize.js';
import {displayWidth, padEndToWidth, truncateToWidth} from '../text/width.js';

export interface Column<Row> {
	title: string;
	/** Fixed width, or the minimum for the flexible column. */
	width: number;
	/**
	 * The width this column would like when the terminal is wide enough
	 * (CREATED: "About a minute ago"). For the flexible column: how wide it
	 * grows before the other columns take their `want`.
	 */
	want?: number;
	flex?: boolean;
	align?: 'left' | 'right';
	/** Lower goes first when space is short; 0 is never dropped. */
	priority: number;
	cell(row: Row): string;
}

export interface Fitted<Row> {
	columns: Column<Row>[];
	widths: number[];
}

const gap = 2;

export function fitColumns<Row>(columns: Column<Row>[], width: number): Fitted<Row> {
	let kept = columns.slice();
	const need = (list: Column<Row>[]) => list.reduce((sum, column) => sum + column.width, 0) + gap * Math.max(0, list.length - 1);
	while (need(kept) > width && kept.some((column) => column.priority > 0)) {
		const lowest = kept.filter((column) => column.priority > 0).reduce((a, b) => (b.priority < a.priority ? b : a));
		kept = kept.filter((column) => column !== lowest);
	}
	let spare = Math.max(0, width - need(kept));
	const widths = kept.map((column) => column.width);
	const flexIndex = kept.findIndex((column) => column.flex);
	const grow = (index: number, upTo: number) => {
		const by = Math.min(spare, Math.max(0, upTo - widths[index]));
		widths[index] += by;
		spare -= by;
	};
	// The flexible column first, up to its want; then the others up to theirs (most important first); the rest to the flexible one.
	if (flexIndex >= 0 && kept[flexIndex].want) grow(flexIndex, kept[flexIndex].want!);
	const wanting = kept
		.map((column, index) => ({column, index}))
		.filter(({column}) => !column.flex && column.want)
		.sort((a, b) => b.column.priority - a.column.priority);
	for (const {column, index} of wanting) grow(index, column.want!);
	if (flexIndex >= 0) widths[flexIndex] += spare;
	return {columns: kept, widths};
}

/** A cell's text from an engine value of any type: control characters made visible, never a crash on a missing field. */
export function cellText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return visible(typeof value === 'string' ? value : String(value));
}

/** `sha256:0123456789abcdef…` as docker shows it, 12 hex digits; made safe to draw first, so what is not hex shows as the escapes it is. */
export function shortId(id: unknown): string {
	const text = cellText(id).replace(/^sha256:/, '');
	return [...text].slice(0, 12).join('');
}

export function formatCells(cells: string[], fitted: Fitted<unknown>): string {
	return cells
		.map((cell, index) => {
			const width = fitted.widths[index];
			const text = displayWidth(cell) > width ? truncateToWidth(cell, width, '…') : cell;
			return fitted.columns[index].align === 'right' ? ' '.repeat(Math.max(0, width - displayWidth(text))) + text : padEndToWidth(text, width);
		})
		.join(' '.repeat(gap));
}

export function formatRow<Row>(row: Row, fitted: Fitted<Row>): string {
	return formatCells(
		fitted.columns.map((column) => column.cell(row)),
		fitted as Fitted<unknown>,
	);
}

export function formatHeader<Row>(fitted: Fitted<Row>): string {
	return formatCells(
		fitted.columns.map((column) => column.title),
		fitted as Fitted<unknown>,
	);
}

/** The first row to show so the cursor stays in a window of `height` rows, moving the window as little as possible. */
export function windowStart(previous: number, cursor: number, height: number, length: number): number {
	let start = previous;
	if (cursor < start) start = cursor;
	if (cursor >= start + height) start = cursor - height + 1;
	return Math.max(0, Math.min(start, Math.max(0, length - height)));
}

/**
 * The column shrunk to what `rows` hold (never below its title), when that
 * is less than it asks for: "latest" needs no 10 cells. A column whose
 * content reaches its `want` (or width) is returned as it is.
 */
export function fitToContent<Row>(column: Column<Row>, rows: readonly Row[], widths?: WeakMap<object, number>): Column<Row> {
	let widest = displayWidth(column.title);
	const limit = column.want ?? column.width;
	for (const row of rows) {
		// `widths`: each row's cell width, kept for a cell that depends on the row alone (typing in a filter of 5,000 rows measures none again).
		let width = widths?.get(row as object);
		if (width === undefined) {
			width = displayWidth(column.cell(row));
			widths?.set(row as object, width);
		}
		widest = Math.max(widest, width);
		if (widest >= limit) return column;
	}
	return {...column, width: Math.min(column.width, widest), want: column.want === undefined ? undefined : Math.min(column.want, widest)};
}

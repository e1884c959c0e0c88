/**
 * The image list's columns, pure (no ink): the list (screens/Images.tsx)
 * and the first frame drawn before ink loads (ui/preframe.ts) share them.
 */
import {createdSince, imageSize} from '../format/units.js';
import {cellText, fitToContent, shortId, type Column} from './columns.js';
import {displayWidth} from '../text/width.js';
import type {ImageRow} from './rows.js';

/**
 * The list's columns. Given the rows, TAG, CREATED and SIZE shrink to what
 * they hold ("latest", "4 hours ago"), so REPOSITORY keeps its full names on
 * an 80-column terminal, as docker's own table would show them.
 */
/** TAG widths by row (a tag's width depends on the row alone). */
const tagWidths = new WeakMap<ImageRow, number>();
const repositoryWidths = new WeakMap<ImageRow, number>();

/** `compressed`: the sizes are a registry's (the layers compressed, as its manifests give them), and the header says so. */
export function imageColumns(layerCounts: Record<string, number>, now: number, formatColumn?: Column<ImageRow>, rows?: readonly ImageRow[], unique?: Column<ImageRow>, compressed = false): Column<ImageRow>[] {
	const columns: Column<ImageRow>[] = [
		{title: 'REPOSITORY', width: 12, want: 24, flex: true, priority: 0, cell: (row) => cellText(row.repository)},
		{title: 'TAG', width: 10, priority: 9, cell: (row) => cellText(row.tag)},
		{title: 'IMAGE ID', width: 12, priority: 5, cell: (row) => shortId(row.id)},
		// "About a minute ago" is 18 wide; 14 holds "59 minutes ago", "2 weeks ago".
		{title: 'CREATED', width: 14, want: 18, priority: 3, cell: (row) => createdSince(row.created, now)},
		{title: compressed ? 'COMPRESSED' : 'SIZE', width: compressed ? 10 : 8, align: 'right', priority: 8, cell: (row) => imageSize(row.size)},
		{title: 'LAYERS', width: 6, align: 'right', priority: 2, cell: (row) => (layerCounts[row.id] === undefined ? '…' : String(layerCounts[row.id]))},
		{title: 'CTRS', width: 4, align: 'right', priority: 1, cell: (row) => String(row.containers)},
	];
	if (rows?.length) {
		for (const index of [3, 4]) columns[index] = fitToContent(columns[index], rows);
		// docker never cuts a tag: a long one asks for its whole width, and gets it when the terminal has room.
		let longest = columns[1].width;
		let repository = columns[0].want!;
		for (const row of rows) {
			let width = tagWidths.get(row);
			if (width === undefined) tagWidths.set(row, (width = displayWidth(columns[1].cell(row))));
			longest = Math.max(longest, width);
			let name = repositoryWidths.get(row);
			if (name === undefined) repositoryWidths.set(row, (name = displayWidth(columns[0].cell(row))));
			repository = Math.max(repository, name);
		}
		columns[1] = fitToContent({...columns[1], want: longest}, rows, tagWidths);
		// The whole repository names first (up to 64 cells), then the tags: the name is what a person reads.
		columns[0] = {...columns[0], want: Math.min(64, repository)};
	}
	// A template as a column (F; source/ui/format/column.ts), after SIZE.
	if (formatColumn) columns.splice(5, 0, formatColumn);
	// UNIQUE (U; source/ui/unique-column.ts), just after SIZE.
	if (unique) columns.splice(5, 0, unique);
	return columns;
}

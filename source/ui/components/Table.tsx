import React from 'react';
import {theme} from '../theme.js';
import {fitColumns, formatHeader, formatRow, windowStart, type Column} from '../columns.js';
import {Line} from './Line.js';

/**
 * A windowed table: only the rows that fit are rendered, so 5,000 rows
 * cost what 20 do. One line per row, and exactly `height` lines in all: the
 * header and the rows under it; with room for one line only, the selected
 * row alone (a 5-line terminal still shows where the cursor is); none for 0.
 * The window starts at `top` (the list state keeps it: a click's row is
 * `top` plus its line); the cursor is kept in it should the height differ.
 * Without colours the selected row is marked `>` (reverse video is a style
 * such a terminal does not draw).
 */
export function Table<Row>(props: {columns: Column<Row>[]; rows: readonly Row[]; cursor: number; top?: number; height: number; width: number; empty?: string}) {
	const height = Math.max(0, Math.floor(props.height));
	const header = height >= 2;
	const bodyHeight = header ? height - 1 : height;
	const gutter = theme.marker ? 2 : 0;
	const fitted = fitColumns(props.columns, Math.max(0, props.width - gutter));
	const start = windowStart(props.top ?? 0, props.cursor, Math.max(1, bodyHeight), props.rows.length);
	const slice = bodyHeight > 0 ? props.rows.slice(start, start + bodyHeight) : [];
	// Lines are keyed by their place on screen, not by row: a new window (PgDn, G, a filter typed)
	// changes the text of the same Ink nodes rather than unmounting every line and mounting new ones
	// (each a text node and a Yoga node to create, lay out and free), which made such a frame slow.
	const lines = slice.map((row, offset) => {
		const selected = start + offset === props.cursor;
		return (
			<Line key={`line-${offset}`} inverse={selected}>
				{(gutter ? (selected ? '> ' : '  ') : '') + formatRow(row, fitted)}
			</Line>
		);
	});
	for (let i = lines.length; i < bodyHeight; i++) {
		lines.push(<Line key={`line-${i}`}>{i === 0 && props.rows.length === 0 ? (props.empty ?? '') : ''}</Line>);
	}
	return (
		<>
			{header ? (
				<Line bold color={theme.header}>
					{' '.repeat(gutter) + formatHeader(fitted)}
				</Line>
			) : null}
			{lines}
		</>
	);
}

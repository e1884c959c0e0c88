import React, {useRef} from 'react';
import {theme} from '../theme.js';
import {fitColumns, formatHeader, formatRow, windowStart, type Column} from '../columns.js';
import {Line} from './Line.js';

/**
 * A windowed table: only the rows that fit are rendered, so 5,000 rows
 * cost what 20 do. One line per row.
 */
export function Table<Row>(props: {columns: Column<Row>[]; rows: Row[]; cursor: number; height: number; width: number; empty?: string; rowKey(row: Row): string}) {
	const start = useRef(0);
	const bodyHeight = Math.max(1, props.height - 1);
	const fitted = fitColumns(props.columns, props.width);
	start.current = windowStart(start.current, props.cursor, bodyHeight, props.rows.length);
	const slice = props.rows.slice(start.current, start.current + bodyHeight);
	const lines = slice.map((row, offset) => {
		const selected = start.current + offset === props.cursor;
		return (
			<Line key={props.rowKey(row)} inverse={selected}>
				{formatRow(row, fitted)}
			</Line>
		);
	});
	for (let i = lines.length; i < bodyHeight; i++) {
		lines.push(<Line key={`pad-${i}`}>{i === 0 && props.rows.length === 0 ? (props.empty ?? '') : ''}</Line>);
	}
	return (
		<>
			<Line bold color={theme.header}>
				{formatHeader(fitted)}
			</Line>
			{lines}
		</>
	);
}

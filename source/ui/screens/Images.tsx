import React, {useMemo} from 'react';
import {visible} from '../../text/sanitize.js';
import type {Column} from '../columns.js';
import {imageColumns} from '../image-columns.js';
import {Table} from '../components/Table.js';
import type {ImageRow} from '../rows.js';

export {imageColumns};

export function ImagesScreen(props: {rows: ImageRow[]; cursor: number; layerCounts: Record<string, number>; height: number; width: number; loaded: boolean; filter: string; formatColumn?: Column<ImageRow>}) {
	// CREATED is relative: recomputed whenever the list re-renders, which events and keys cause.
	const columns = useMemo(() => imageColumns(props.layerCounts, Date.now(), props.formatColumn, props.rows), [props.layerCounts, props.rows, props.formatColumn]);
	const empty = !props.loaded ? 'Loading images…' : props.filter ? `No image matches "${visible(props.filter)}"` : 'No images on this engine.';
	return <Table columns={columns} rows={props.rows} cursor={props.cursor} height={props.height} width={props.width} empty={empty} rowKey={(row) => row.key} />;
}

import React, {useMemo} from 'react';
import {visible} from '../../text/sanitize.js';
import {Table} from '../components/Table.js';
import type {ListState} from '../lists/list-state.js';
import type {AnySpec} from '../lists/spec.js';
import type {State} from '../model.js';

/** Any list, drawn from its spec and its state: the same table for Images, Containers, Engines and the next. */
export function ListScreen(props: {spec: AnySpec; state: State; height: number; width: number}) {
	const {spec, state} = props;
	const list = state.lists[spec.id] as ListState<unknown>;
	// CREATED is relative: recomputed whenever the list re-renders, which events and keys cause.
	const columns = useMemo(() => spec.columns(state, list.visible, Date.now()), [spec, list.visible, state.layerCounts, state.format.column, state.format.docs, state.uniqueColumn, state.data.disk]);
	const empty = !list.loaded ? spec.empty.loading : list.filter ? spec.empty.noMatch(visible(list.filter)) : spec.empty.none;
	return <Table columns={columns} rows={list.visible} cursor={list.cursor} top={list.top} height={props.height} width={props.width} empty={empty} />;
}

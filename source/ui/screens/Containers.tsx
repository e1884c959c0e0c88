import React, {useMemo} from 'react';
import type {ContainerSummary} from '../../engine/types.js';
import {createdSince} from '../../format/units.js';
import {cellText, type Column} from '../columns.js';
import {Table} from '../components/Table.js';

function containerColumns(now: number): Column<ContainerSummary>[] {
	return [
		{title: 'NAME', width: 16, want: 24, flex: true, priority: 0, cell: (c) => cellText(String(c.Names?.[0] ?? '').replace(/^\//, ''))},
		{title: 'IMAGE', width: 18, priority: 6, cell: (c) => cellText(c.Image)},
		{title: 'COMMAND', width: 20, priority: 2, cell: (c) => cellText(c.Command)},
		{title: 'STATUS', width: 18, priority: 5, cell: (c) => cellText(c.Status)},
		{title: 'CREATED', width: 14, want: 18, priority: 3, cell: (c) => createdSince(c.Created, now)},
	];
}

export function ContainersScreen(props: {containers: ContainerSummary[]; cursor: number; height: number; width: number}) {
	const columns = useMemo(() => containerColumns(Date.now()), [props.containers]);
	const rows = useMemo(() => props.containers.slice().sort((a, b) => b.Created - a.Created), [props.containers]);
	return <Table columns={columns} rows={rows} cursor={props.cursor} height={props.height} width={props.width} empty="No containers." rowKey={(c) => String(c.Id)} />;
}

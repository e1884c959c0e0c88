/** The Containers list (`docker ps -a`), newest first, and what can be done to a container. */
import {containerColumns, containerName, mountsText, portsText, type ContainerRow} from './container-columns.js';
import type {Context} from '../key-names.js';
import type {ListSpec} from './spec.js';

/** The open container's screen, where its actions work too. */
const open: Context[] = ['container'];

const byName = (a: ContainerRow, b: ContainerRow) => (containerName(a) < containerName(b) ? -1 : containerName(a) > containerName(b) ? 1 : 0) || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);
const newest = (a: ContainerRow, b: ContainerRow) => b.Created - a.Created || byName(a, b);
/** Running first, then paused, restarting, created, exited, dead; newest first within each. */
const stateOrder = ['running', 'paused', 'restarting', 'created', 'exited', 'dead'];
const rank = (c: ContainerRow) => {
	const index = stateOrder.indexOf(String(c.State ?? ''));
	return index < 0 ? stateOrder.length : index;
};

/**
 * What the filter looks in, lower-cased, by row: made once per row (rows are new objects after each
 * reload), so a key typed in the filter of 2,000 containers folds no ports and lowers no text again.
 */
const searched = new WeakMap<ContainerRow, string[]>();
function searchText(row: ContainerRow): string[] {
	let texts = searched.get(row);
	if (!texts) {
		texts = [containerName(row), row.Image, row.Status, portsText(row), mountsText(row)].map((text) => String(text ?? '').toLowerCase());
		searched.set(row, texts);
	}
	return texts;
}

declare module './names.js' {
	interface ListRows {
		containers: ContainerRow;
	}
	interface ListActionNames {
		logs: true;
		commit: true;
		stop: true;
		start: true;
		restart: true;
		exec: true;
		removeContainer: true;
	}
}

export const containersSpec: ListSpec<ContainerRow> = {
	id: 'containers',
	title: 'Containers',
	show: {key: '2', action: 'showContainers', label: 'containers'},
	needs: 'daemon',
	feeds: ['containers'],
	rows: (data) => data.containers,
	name: containerName,
	key: (row) => String(row.Id),
	columns: (_state, rows, now) => containerColumns(now, rows),
	sorts: [
		{label: 'created ↓', compare: newest},
		{label: 'state', compare: (a, b) => rank(a) - rank(b) || newest(a, b)},
		{label: 'name ↑', compare: byName},
	],
	matches: (row, needle) => searchText(row).some((text) => text.includes(needle)) || String(row.Id).startsWith(needle),
	filterHint: 'name, image, status, ports, mounts or ID',
	empty: {loading: 'Loading containers…', none: 'No containers.', noMatch: (filter) => `No container matches "${filter}"`},
	open: {action: 'open', keys: ['enter'], label: 'open', description: 'Open the container: its inspect JSON, as docker prints it', run: (state, step) => step(state, {type: 'openContainer'})},
	actions: [
		{action: 'logs', keys: ['l'], label: 'logs', footer: 4, needs: 'daemon', alsoIn: open, description: "Show the container's log, followed while it runs", run: (state, step) => step(state, {type: 'startAction', action: 'logs'})},
		{action: 'commit', alsoIn: open, keys: ['c'], label: 'commit', footer: 4, needs: 'daemon', description: 'Commit the container to a new image', run: (state, step) => step(state, {type: 'startAction', action: 'commit'})},
		{action: 'stop', alsoIn: open, keys: ['S'], label: 'stop', footer: 4, needs: 'daemon', description: 'Stop the container (asks first; SIGTERM, SIGKILL after 10 s)', run: (state, step) => step(state, {type: 'startAction', action: 'stop'})},
		{action: 'start', alsoIn: open, keys: ['u'], label: 'start', footer: 5, needs: 'daemon', description: 'Start the container', run: (state, step) => step(state, {type: 'immediate', action: 'start'})},
		{action: 'restart', alsoIn: open, keys: ['r'], label: 'restart', footer: 5, needs: 'daemon', description: 'Restart the container (asks first)', run: (state, step) => step(state, {type: 'startAction', action: 'restart'})},
		{action: 'exec', alsoIn: open, keys: ['E'], label: 'shell', footer: 4, needs: 'daemon', description: 'Open /bin/sh in the running container (the explorer steps aside; exit comes back)', run: (state, step) => step(state, {type: 'immediate', action: 'exec'})},
		{action: 'removeContainer', alsoIn: open, keys: ['d'], label: 'rm', footer: 4, needs: 'daemon', description: 'Remove the container (asks first, unless the config sets confirm.removeContainer false)', run: (state, step) => step(state, {type: 'startAction', action: 'removeContainer'})},
	],
};

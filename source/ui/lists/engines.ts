/**
 * The Engines list: the docker contexts as `docker context ls` knows them
 * (the default one stands for DOCKER_HOST when it is set), whether each
 * answers, and Enter to switch the explorer to one, live.
 */
import {cellText, type Column} from '../columns.js';
import type {ListSpec} from './spec.js';
import type {EngineRow} from './feeds.js';

function status(row: EngineRow): string {
	if (row.error) return `✗ ${row.error}`;
	if (row.answers === undefined) return '…';
	return row.answers ? `✓ ${row.version ? `engine ${row.version}` : 'answers'}` : `✗ ${row.problem ?? 'no answer'}`;
}

function columns(state: {context?: string}): Column<EngineRow>[] {
	return [
		{title: 'NAME', width: 12, want: 24, flex: true, priority: 0, cell: (row) => cellText(`${row.name}${row.current ? ' *' : ''}${state.context === row.name ? '  (shown)' : ''}`)},
		{title: 'DOCKER ENDPOINT', width: 24, want: 36, priority: 5, cell: (row) => cellText(row.dockerEndpoint)},
		{title: 'ANSWERS', width: 14, want: 30, priority: 4, cell: (row) => cellText(status(row))},
		{title: 'DESCRIPTION', width: 16, want: 40, priority: 2, cell: (row) => cellText(row.description)},
	];
}

const byName = (a: EngineRow, b: EngineRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

declare module './names.js' {
	interface ListRows {
		engines: EngineRow;
	}
	interface ListActionNames {
		useEngine: true;
	}
}

export const enginesSpec: ListSpec<EngineRow> = {
	id: 'engines',
	title: 'Engines',
	show: {key: '5', action: 'showEngines', label: 'engines'},
	feeds: ['engines'],
	rows: (data) => data.engines,
	key: (row) => row.name,
	name: (row) => row.name,
	columns: (state) => columns(state),
	// docker context ls's order (the adapter's), then: answering ones first.
	sorts: [
		{label: 'as docker', compare: () => 0},
		{label: 'answering first', compare: (a, b) => Number(b.answers === true) - Number(a.answers === true) || byName(a, b)},
	],
	matches: (row, needle) => [row.name, row.dockerEndpoint, row.description].some((text) => text.toLowerCase().includes(needle)),
	filterHint: 'name, endpoint or description',
	empty: {loading: 'Reading the docker contexts…', none: 'No docker contexts.', noMatch: (filter) => `No context matches "${filter}"`},
	open: {action: 'useEngine', keys: ['enter'], label: 'use', description: 'Switch the explorer to this engine (lists, events and actions follow it)', run: (state, step) => {
		const row = state.lists.engines.visible[state.lists.engines.cursor] as EngineRow | undefined;
		if (!row) return state;
		if (row.error) return step(state, {type: 'notice', text: `${row.name}: ${row.error}`, level: 'error'});
		return step(state, {type: 'effect', effect: {kind: 'useEngine', name: row.name}});
	}},
	actions: [],
};

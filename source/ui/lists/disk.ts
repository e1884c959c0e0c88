/**
 * The Disk list (`4`): where the bytes go, as `docker system df -v` counts
 * them: the totals per kind with what is reclaimable, then the images by
 * what removing each would free, then the build cache's records; the prune
 * keys ask first (ui/actions/prune.ts; unused volumes as the Volumes list
 * asks, ui/actions/volume-start.ts).
 */
import {pruneConfirm, type PruneKind} from '../actions/prune.js';
import {openVolumeAction} from '../actions/volume-start.js';
import type {State} from '../model.js';
import {diskColumns, diskCompare, diskRows, type DiskRow} from './disk-rows.js';
import type {ListAction, ListSpec, Step} from './spec.js';

function prune(kind: PruneKind): (state: State, step: Step) => State {
	return (state, step) => {
		const asked = pruneConfirm(kind, state.data.disk?.report);
		if ('notice' in asked) return step(state, {type: 'notice', text: asked.notice});
		return step(state, {type: 'openOverlay', overlay: asked});
	};
}

const actions: ListAction[] = [
	{action: 'pruneDangling', keys: ['p'], label: 'prune dangling', footer: 4, needs: 'daemon', description: 'Remove the dangling images (asks first: which, and the bytes freed)', run: prune('pruneDangling')},
	{action: 'pruneUnused', keys: ['P'], label: 'prune unused', footer: 5, needs: 'daemon', description: 'Remove every image no container uses (asks first)', run: prune('pruneUnused')},
	{action: 'pruneContainers', keys: ['c'], label: 'prune stopped', footer: 5, needs: 'daemon', description: 'Remove the stopped containers (asks first)', run: prune('pruneContainers')},
	// The Volumes list's prune (ui/actions/volume-start.ts): the same question, naming each volume and its bytes.
	{action: 'pruneVolumes', keys: ['V'], label: 'prune volumes', footer: 6, needs: 'daemon', description: 'Remove unused volumes, anonymous ones or named ones too (asks first, naming them with their sizes)', run: (state, step) => openVolumeAction(state, step, 'pruneVolumes')},
	{action: 'pruneBuildCache', keys: ['b'], label: 'prune cache', footer: 5, needs: 'daemon', description: 'Remove build cache, dangling, all, or unused for over a duration you type (asks first, with the bytes; says so when the engine has none)', run: prune('pruneBuildCache')},
];

declare module './names.js' {
	interface ListRows {
		disk: DiskRow;
	}
	interface ListActionNames {
		pruneDangling: true;
		pruneUnused: true;
		pruneContainers: true;
		pruneBuildCache: true;
	}
}

export const diskSpec: ListSpec<DiskRow> = {
	id: 'disk',
	title: 'Disk',
	// The other lists' footers show it only when there is room: their own actions come first.
	show: {key: '4', action: 'showDisk', label: 'disk', footer: 9},
	needs: 'daemon',
	feeds: ['disk'],
	rows: (data) => diskRows(data.disk?.report),
	// V: the Volumes list's question, naming each unused volume with its size.
	reads: () => ['volumeSizes'],
	name: (row) => (row.kind === 'total' ? row.totals.kind : row.kind === 'cache' ? row.record.ID : row.name),
	key: (row) => row.key,
	columns: (_state, _rows, now) => diskColumns(now),
	sorts: [
		{label: 'unique ↓', compare: diskCompare('unique')},
		{label: 'shared ↓', compare: diskCompare('shared')},
		{label: 'size ↓', compare: diskCompare('size')},
	],
	matches: (row, needle) => {
		if (row.kind === 'total') return true;
		if (row.kind === 'cache') return row.record.ID.startsWith(needle) || row.name.toLowerCase().includes(needle) || (row.record.Description ?? '').toLowerCase().includes(needle);
		return row.name.toLowerCase().includes(needle) || row.image.Id.replace(/^sha256:/, '').startsWith(needle);
	},
	filterHint: 'image name or ID, build cache record ID or step',
	empty: {loading: 'Reading disk usage…', none: 'No disk usage answer from the engine.', noMatch: (filter) => `No image or build cache record matches "${filter}"`},
	actions,
	titleExtra: (state) => (state.data.disk?.error ? `disk usage: ${state.data.disk.error}` : ''),
};

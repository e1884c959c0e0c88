/**
 * The Volumes list (`3`): name, driver, scope, size and links (counted by the
 * engine in the background), created, anonymous; and what can be done to a
 * volume (source/ui/actions/volumes.ts): open it (inspect, containers, files),
 * extract a file, back up, restore, create, remove, prune.
 */
import type {ListSpec} from './spec.js';
import {volumeColumns, volumeRows, type VolumeRow} from './volume-columns.js';
import {openVolumeAction} from '../actions/volume-start.js';

const byName = (a: VolumeRow, b: VolumeRow) => (a.volume.Name < b.volume.Name ? -1 : a.volume.Name > b.volume.Name ? 1 : 0);
const size = (r: VolumeRow) => r.usage?.Size ?? -1;

declare module './names.js' {
	interface ListRows {
		volumes: VolumeRow;
	}
	interface ListActionNames {
		volumeFiles: true;
		extractVolumeFile: true;
		exportVolume: true;
		importVolume: true;
		createVolume: true;
		removeVolume: true;
		pruneVolumes: true;
	}
}

export const volumesSpec: ListSpec<VolumeRow> = {
	id: 'volumes',
	title: 'Volumes',
	// The lists before it keep their own actions in a narrow footer: `3` is in the help either way.
	show: {key: '3', action: 'showVolumes', label: 'volumes', footer: 7},
	needs: 'daemon',
	feeds: ['volumes', 'volumeSizes'],
	rows: (data) => volumeRows(data.volumes, data.volumeSizes),
	key: (row) => row.volume.Name,
	name: (row) => row.volume.Name,
	columns: (_state, _rows, now) => volumeColumns(now),
	sorts: [
		{label: 'name ↑', compare: byName},
		{label: 'size ↓', compare: (a, b) => size(b) - size(a) || byName(a, b)},
		{label: 'created ↓', compare: (a, b) => b.created - a.created || byName(a, b)},
	],
	matches: (row, needle) => [row.volume.Name, row.volume.Driver, ...Object.entries(row.volume.Labels ?? {}).map(([k, v]) => `${k}=${v}`)].some((text) => String(text).toLowerCase().includes(needle)),
	filterHint: 'name, driver or label',
	empty: {loading: 'Loading volumes…', none: 'No volumes.', noMatch: (filter) => `No volume matches "${filter}"`},
	open: {action: 'open', keys: ['enter'], label: 'open', description: 'Open the volume: its inspect (as docker volume inspect prints it), the containers that mount it and the images that declare a VOLUME there (f: its files)', run: (state, step) => openVolumeAction(state, step, 'inspectVolume')},
	actions: [
		{action: 'volumeFiles', keys: ['f'], label: 'files', footer: 5, needs: 'daemon', description: "Browse the volume's files in the Files tab's tree (sizes, modes, owners, link targets; / search, s sort, x extracts)", run: (state, step) => openVolumeAction(state, step, 'volumeFiles')},
		{action: 'extractVolumeFile', keys: ['e'], label: 'extract', footer: 5, needs: 'daemon', description: 'Extract a file of the volume to a path you type (never outside the current directory, never over a file)', run: (state, step) => openVolumeAction(state, step, 'extractVolumeFile')},
		{action: 'exportVolume', keys: ['b'], label: 'back up', footer: 4, needs: 'daemon', description: 'Back up the volume to a .tar or .tar.gz file (progress in bytes)', run: (state, step) => openVolumeAction(state, step, 'exportVolume')},
		{action: 'importVolume', keys: ['i'], label: 'restore', footer: 5, needs: 'daemon', description: 'Restore a tar into a new or an empty volume (a volume with files only if you ask)', run: (state, step) => openVolumeAction(state, step, 'importVolume')},
		{action: 'createVolume', keys: ['n'], label: 'new', footer: 5, needs: 'daemon', description: 'Create a volume (name, driver, labels K=V, driver options K=V)', run: (state, step) => openVolumeAction(state, step, 'createVolume')},
		{action: 'removeVolume', keys: ['d'], label: 'rm', footer: 4, needs: 'daemon', description: 'Remove the volume (asks first, names the containers using it; F removes them first)', run: (state, step) => openVolumeAction(state, step, 'removeVolume')},
		{action: 'pruneVolumes', keys: ['P'], label: 'prune', footer: 5, needs: 'daemon', description: 'Remove unused volumes (asks first, lists them with their sizes; anonymous ones unless A)', run: (state, step) => openVolumeAction(state, step, 'pruneVolumes')},
	],
};

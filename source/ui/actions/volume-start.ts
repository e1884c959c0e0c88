/**
 * What a Volumes key opens, from the state alone (the reducer calls this):
 * a form, a question naming what goes, or the volume's view (a task that
 * starts reading at once). The handlers are in volumes.ts.
 */
import {humanSize} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay, Msg, State} from '../model.js';
import {task} from '../overlays/task.js';
import {selectedRow, type ListState} from '../lists/list-state.js';
import type {ContainerRow} from '../lists/container-columns.js';
import {volumeRows, type VolumeRow} from '../lists/volume-columns.js';

type NewOverlay = Overlay extends infer O ? (O extends Overlay ? Omit<O, 'id'> : never) : never;
export type VolumeStart = 'inspectVolume' | 'volumeFiles' | 'extractVolumeFile' | 'exportVolume' | 'importVolume' | 'createVolume' | 'removeVolume' | 'pruneVolumes';

/** The containers of the list that mount the volume (the question names them; the engine has the last word). */
export function mountersOf(state: State, volume: string): {name: string; state: string}[] {
	return (state.data.containers as ContainerRow[])
		.filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === volume))
		.map((c) => ({name: String(c.Names?.[0] ?? c.Id).replace(/^\//, ''), state: String(c.State ?? '')}));
}

function overlayFor(state: State, action: VolumeStart, row: VolumeRow | undefined): NewOverlay | string {
	const need = () => (row ? undefined : 'No volume selected');
	const name = row?.volume.Name ?? '';
	const shown = visible(name);
	switch (action) {
		case 'inspectVolume':
			return need() ?? {kind: 'task', task: task('inspectVolume', `Volume ${shown}`, {type: 'log', lines: ['Reading the volume…']}, {name}, false)};
		case 'volumeFiles':
			return need() ?? {kind: 'task', task: task('volumeFiles', `Files of ${shown}`, {type: 'log', lines: ['Starting a helper container…']}, {name}, false)};
		case 'extractVolumeFile':
			return (
				need() ?? {
					kind: 'form',
					form: form('extractVolumeFile', `Extract a file of ${shown}`, [
						{name: 'path', label: 'File in the volume', hint: 'path/in/volume'},
						{name: 'dest', label: 'Write to', hint: 'a new file under the current directory'},
					], {name}),
				}
			);
		case 'exportVolume':
			return need() ?? {kind: 'form', form: form('exportVolume', `Back up ${shown}`, [{name: 'file', label: 'File', value: `${name}.tar.gz`, hint: '.tar or .tar.gz; a new file'}], {name})};
		case 'importVolume':
			return {
				kind: 'form',
				form: form('importVolume', 'Restore a tar into a volume', [
					{name: 'file', label: 'Tar file', value: row ? `${name}.tar.gz` : '', hint: '.tar or .tar.gz'},
					{name: 'volume', label: 'Volume', value: '', hint: 'new, or an empty one'},
					{name: 'force', label: 'Into a volume with files', kind: 'toggle', on: false},
				]),
			};
		case 'createVolume':
			return {
				kind: 'form',
				form: form('createVolume', 'Create a volume', [
					{name: 'name', label: 'Name', hint: 'empty: the engine names it'},
					{name: 'driver', label: 'Driver', value: 'local'},
					{name: 'labels', label: 'Labels', hint: 'K=V K=V'},
					{name: 'options', label: 'Driver options', hint: 'K=V K=V (local: type=tmpfs device=tmpfs o=size=64m)'},
				]),
			};
		case 'removeVolume': {
			if (!row) return 'No volume selected';
			const users = mountersOf(state, name);
			const lines = [`volume ${shown} (${visible(row.volume.Driver)}${row.usage ? `, ${humanSize(row.usage.Size)}` : ''})`];
			if (users.length) {
				lines.push(`used by ${users.length === 1 ? 'container' : 'containers'} ${users.map((u) => `${visible(u.name)} (${visible(u.state)})`).join(', ')}: y is refused while one does`);
				lines.push('F removes those containers first (running ones are killed), then the volume');
			}
			lines.push('its files are deleted for good');
			return {
				kind: 'confirm',
				confirm: {action: 'removeVolume', title: `Remove volume ${shown}?`, lines, choices: [{key: 'y', label: 'remove', value: 'remove'}, ...(users.length ? [{key: 'F', label: 'remove the containers, then the volume', value: 'force'}] : [])], subject: {name}},
			};
		}
		case 'pruneVolumes': {
			const rows = volumeRows(state.data.volumes, state.data.volumeSizes);
			const lines: string[] = [];
			if (!state.data.volumeSizes) lines.push('The engine is still counting: which volumes are unused is asked again when you answer.');
			else {
				const unused = rows.filter((r) => r.usage && r.usage.RefCount === 0 && mountersOf(state, r.volume.Name).length === 0);
				const anonymous = unused.filter((r) => r.anonymous);
				const bytes = (list: VolumeRow[]) => humanSize(list.reduce((sum, r) => sum + Math.max(0, r.usage?.Size ?? 0), 0));
				lines.push(`y: ${anonymous.length} anonymous ${anonymous.length === 1 ? 'volume' : 'volumes'}, ${bytes(anonymous)}`);
				for (const r of anonymous.slice(0, 8)) lines.push(`  ${visible(r.volume.Name)}  ${humanSize(Math.max(0, r.usage?.Size ?? 0))}`);
				if (anonymous.length > 8) lines.push(`  … and ${anonymous.length - 8} more`);
				lines.push(`A: all ${unused.length} unused ${unused.length === 1 ? 'volume' : 'volumes'} (named ones too), ${bytes(unused)}`);
				for (const r of unused.filter((r) => !r.anonymous).slice(0, 8)) lines.push(`  ${visible(r.volume.Name)}  ${humanSize(Math.max(0, r.usage?.Size ?? 0))}`);
			}
			return {
				kind: 'confirm',
				confirm: {
					action: 'pruneVolumes',
					title: 'Remove unused volumes?',
					lines,
					choices: [{key: 'y', label: 'anonymous ones', value: 'anonymous'}, {key: 'A', label: 'all unused, named ones too', value: 'all'}],
					subject: {},
				},
			};
		}
	}
}

/** The list action's handler: opens the overlay (and, for the volume's view, starts reading). */
export function openVolumeAction(state: State, step: (state: State, msg: Msg) => State, action: VolumeStart): State {
	// The list's state directly: the spec (lists/volumes.ts) imports this file.
	const row = state.view === 'volumes' && state.lists.volumes ? selectedRow(state.lists.volumes as ListState<VolumeRow>) : undefined;
	const overlay = overlayFor(state, action, row);
	if (typeof overlay === 'string') return step(state, {type: 'notice', text: overlay, level: 'error'});
	const id = state.nextId;
	const opened = step(state, {type: 'openOverlay', overlay});
	if (overlay.kind !== 'task') return opened;
	return step(opened, {type: 'effect', effect: {kind: 'submit', action: overlay.task.action, values: {}, subject: overlay.task.subject, overlayId: id}});
}

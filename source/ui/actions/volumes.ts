/**
 * The Volumes list's handlers: the volume's view (its inspect as docker
 * prints it, the containers that mount it and the images that declare a
 * VOLUME where they do; its files are the Files tab's tree:
 * ./volume-files.ts), extract, back up, restore, create, remove, prune.
 * Every string from the engine or the volume is made visible before it is drawn.
 */
import path from 'node:path';
import {renderVolumeInspect} from '../../docker/volume-context.js';
import {bytesSize, humanSize} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import {exportVolume, importVolume} from '../../engine/volumes/backup.js';
import {extractVolumeFile} from '../../engine/volumes/files.js';
import {createVolume, inspectVolume, pruneVolumes, removeVolume, volumeUsers} from '../../engine/volumes/volumes.js';
import {task} from '../overlays/task.js';
import {failed, refuse, shownError} from './common.js';
import {TaskRun} from './task-runner.js';
import type {ActionHandler} from './types.js';

export const inspectVolumeAction: ActionHandler = async (request, context) => {
	const name = request.subject.name;
	const run = new TaskRun(context, request.overlayId);
	const show = (lines: string[], status: 'running' | 'done' = 'running', result?: string) => run.update((s) => ({...s, body: {type: 'log', lines}, status, result, top: s.top ?? 0}));
	try {
		const [inspect, users] = await Promise.all([inspectVolume(context.engine, name, run.signal), volumeUsers(context.engine, name, run.signal)]);
		const lines = ['Inspect (docker volume inspect):', ...renderVolumeInspect('', [{raw: inspect.raw}]).stdout.trimEnd().split('\n').map((l) => `  ${visible(l)}`), ''];
		lines.push(users.length ? `Mounted by ${users.length} ${users.length === 1 ? 'container' : 'containers'}:` : 'Mounted by no container.');
		const containers = context.getState().data.containers;
		const declaring = new Set<string>();
		for (const u of users) {
			lines.push(`  ${visible(u.name)}  ${visible(u.state)}  at ${visible(u.destination)}  ${u.rw ? 'read-write' : 'read-only'}`);
			const image = containers.find((c) => c.Id === u.id)?.ImageID;
			if (!image) continue;
			try {
				const config = (await context.engine.inspectImage(image, run.signal)).value.Config as {Volumes?: Record<string, unknown> | null} | null;
				if (config?.Volumes && u.destination in config.Volumes) declaring.add(`  ${visible(containers.find((c) => c.Id === u.id)?.Image ?? image)} declares VOLUME ${visible(u.destination)}`);
			} catch {
				// an image gone meanwhile: nothing to say about it
			}
		}
		if (declaring.size) lines.push('', 'Images that declare a VOLUME where it is mounted:', ...declaring);
		lines.push('', 'f on the list opens its files in the Files tab\'s tree (read through a helper container).');
		run.finish((s) => ({...s, body: {type: 'log', lines}, status: 'done', result: `${users.length} ${users.length === 1 ? 'container' : 'containers'}`, top: s.top ?? 0}));
	} catch (error) {
		if (run.stopped) return run.end();
		run.finish((s) => ({...s, status: 'failed', error: shownError(error)}));
	}
};

export const extractVolumeFileAction: ActionHandler = async (request, context) => {
	const {path: inVolume, dest} = request.values;
	if (!inVolume.trim()) return refuse(context, request, {path: 'name a file of the volume'});
	if (!dest.trim()) return refuse(context, request, {dest: 'name a new file under the current directory'});
	try {
		const done = await extractVolumeFile(context.engine, request.subject.name, inVolume.trim(), process.cwd(), dest.trim(), {signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Wrote ${visible(path.relative(process.cwd(), done.path))} (${bytesSize(done.bytes)})`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const exportVolumeAction: ActionHandler = async (request, context) => {
	const name = request.subject.name;
	const file = request.values.file.trim();
	if (!file) return refuse(context, request, {file: 'name a new file'});
	const run = new TaskRun(context, request.overlayId);
	const line = (text: string) => run.update((s) => ({...s, body: {type: 'log', lines: [...(s.body.type === 'log' ? s.body.lines.slice(0, -1) : []), text]}}));
	run.open(task('exportVolume', `Back up ${visible(name)} to ${visible(file)}`, {type: 'log', lines: ['Starting…']}, request.subject, true));
	try {
		const result = await exportVolume(context.engine, name, path.resolve(file), {
			signal: run.signal,
			onProgress: (bytes) => line(`${bytesSize(bytes)} copied`),
			onInUse: (users) =>
				run.update((s) => ({...s, body: {type: 'log', lines: [`In use by running ${users.map((u) => visible(u.name)).join(', ')}: files written meanwhile may be caught mid-change (each file is read once, whole).`, 'Starting…']}})),
		});
		run.finish((s) => ({...s, status: 'done', result: `${result.entries} entries, ${bytesSize(result.tarBytes)} of tar, ${bytesSize(result.fileBytes)} written to ${visible(file)}`}));
	} catch (error) {
		if (run.stopped) return run.end();
		run.finish((s) => ({...s, status: 'failed', error: shownError(error)}));
	}
};

export const importVolumeAction: ActionHandler = async (request, context) => {
	const file = request.values.file.trim();
	const volume = request.values.volume.trim();
	if (!file || !volume) return refuse(context, request, {file: file ? undefined : 'name a tar file', volume: volume ? undefined : 'name a new or an empty volume'});
	const run = new TaskRun(context, request.overlayId);
	run.open(task('importVolume', `Restore ${visible(file)} into ${visible(volume)}`, {type: 'log', lines: ['Checking the tar…']}, request.subject, true));
	try {
		const result = await importVolume(context.engine, path.resolve(file), volume, {
			intoNonEmpty: request.values.force === 'true',
			signal: run.signal,
			onProgress: (sent, total) => run.update((s) => ({...s, body: {type: 'log', lines: [`${bytesSize(sent)} of ${bytesSize(total)} sent`]}})),
		});
		run.finish((s) => ({...s, status: 'done', result: `${result.entries} entries into ${result.created ? 'new ' : ''}volume ${visible(volume)}`}));
	} catch (error) {
		if (run.stopped) return run.end();
		run.finish((s) => ({...s, status: 'failed', error: shownError(error)}));
	}
};

/** `K=V K=V` (or commas): a key without `=` is refused. */
function pairs(text: string): Record<string, string> | string {
	const out: Record<string, string> = {};
	for (const item of text.split(/[\s,]+/).filter(Boolean)) {
		const eq = item.indexOf('=');
		if (eq <= 0) return `"${item}" is not K=V`;
		out[item.slice(0, eq)] = item.slice(eq + 1);
	}
	return out;
}

export const createVolumeAction: ActionHandler = async (request, context) => {
	const labels = pairs(request.values.labels);
	const options = pairs(request.values.options);
	if (typeof labels === 'string' || typeof options === 'string') return refuse(context, request, {labels: typeof labels === 'string' ? labels : undefined, options: typeof options === 'string' ? options : undefined});
	try {
		const made = await createVolume(context.engine, {name: request.values.name.trim(), driver: request.values.driver.trim() || 'local', labels, driverOptions: options}, context.signal);
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Created volume ${visible(made.Name)}`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const removeVolumeAction: ActionHandler = async (request, context) => {
	const name = request.subject.name;
	try {
		const result = await removeVolume(context.engine, name, {force: request.values.choice === 'force', signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		const first = result.removedContainers.length ? `Removed ${result.removedContainers.length === 1 ? 'container' : 'containers'} ${result.removedContainers.map(visible).join(', ')}, then ` : '';
		context.dispatch({type: 'notice', text: `${first}${first ? 'volume' : 'Removed volume'} ${visible(name)}`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const pruneVolumesAction: ActionHandler = async (request, context) => {
	try {
		const result = await pruneVolumes(context.engine, {all: request.values.choice === 'all', signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Removed ${result.deleted.length} ${result.deleted.length === 1 ? 'volume' : 'volumes'}, ${humanSize(result.reclaimed)} reclaimed`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

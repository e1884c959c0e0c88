/**
 * The Disk list's prune keys: each asks first, naming what goes and the bytes
 * it frees (from the engine's disk usage answer), and the result line says
 * what the engine freed. Dangling images (`p`), every image no container uses
 * (`P`), stopped containers (`c`), the build cache (`b`: `y` its dangling
 * records, `a` all). With nothing to prune, a notice says so instead.
 */
import {type BuildCacheRecord, type DiskUsageJSON, pruneBuildCache, pruneContainers, pruneImages} from '../../engine/disk-usage.js';
import {humanSize} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import {cacheFrees, diskImageName} from '../lists/disk-rows.js';
import type {Overlay} from '../model.js';
import {failed} from './common.js';
import {cacheResult, cacheSubject, danglingRecord, noCache, refreshDisk} from './build-cache.js';
import {olderForm} from './prune-cache-older.js';
import type {ActionHandler} from './types.js';

export type PruneKind = 'pruneDangling' | 'pruneUnused' | 'pruneContainers' | 'pruneBuildCache';

type Confirm = Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'>;

function list(names: string[], max = 6): string {
	const shown = names.slice(0, max).join(', ');
	return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const active = (state: unknown): boolean => state === 'running' || state === 'paused' || state === 'restarting';

/** The question for `kind`, or the notice that there is nothing to prune. */
export function pruneConfirm(kind: PruneKind, report: DiskUsageJSON | undefined): Confirm | {notice: string} {
	if (!report) return {notice: 'The disk usage is not read yet'};
	const images = report.Images ?? [];
	if (kind === 'pruneDangling' || kind === 'pruneUnused') {
		const dangling = (i: (typeof images)[number]): boolean => !(i.RepoTags ?? []).some((t) => t !== '<none>:<none>');
		const going = images.filter((i) => i.Containers <= 0 && (kind === 'pruneUnused' || dangling(i)));
		const what = kind === 'pruneDangling' ? 'dangling image' : 'image no container uses';
		if (going.length === 0) return {notice: `No ${what.replace('image', 'images')} to remove`};
		const unique = going.reduce((sum, i) => sum + (i.Size - i.SharedSize), 0);
		return {
			kind: 'confirm',
			confirm: {
				action: kind,
				title: kind === 'pruneDangling' ? `Remove ${plural(going.length, 'dangling image')}?` : `Remove ${plural(going.length, 'image')} that no container uses?`,
				lines: [`${list(going.map(diskImageName))}`, `frees at least ${humanSize(unique)} (their unique bytes; layers only they share go too)`, 'as docker image prune' + (kind === 'pruneUnused' ? ' -a' : '')],
				choices: [{key: 'y', label: 'remove', value: 'remove'}],
				subject: {},
			},
		};
	}
	if (kind === 'pruneContainers') {
		const going = (report.Containers ?? []).filter((c) => !active(c.State));
		if (going.length === 0) return {notice: 'No stopped containers to remove'};
		const bytes = going.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
		const names = going.map((c) => visible(String(c.Names?.[0] ?? c.Id).replace(/^\//, '')));
		return {
			kind: 'confirm',
			confirm: {
				action: kind,
				title: `Remove ${plural(going.length, 'stopped container')}?`,
				lines: [list(names), `frees ${humanSize(bytes)} (what they wrote); their anonymous volumes stay`, 'as docker container prune'],
				choices: [{key: 'y', label: 'remove', value: 'remove'}],
				subject: {},
			},
		};
	}
	const records = report.BuildCache;
	if (!Array.isArray(records)) return {notice: noCache};
	if (records.length === 0) return {notice: 'The build cache is empty'};
	const all = records.filter((r) => !r.InUse);
	const dangling = all.filter(danglingRecord);
	const freed = (going: BuildCacheRecord[]): number => going.reduce((sum, r) => sum + cacheFrees(r), 0);
	const shared = all.filter((r) => r.Shared).length;
	return {
		kind: 'confirm',
		confirm: {
			action: kind,
			title: `Remove build cache (${plural(records.length, 'record')}, ${records.length - all.length} in use)?`,
			lines: [
				`y: the dangling ones (not in use, not shared with an image): ${plural(dangling.length, 'record')}, frees ${humanSize(freed(dangling))}`,
				`a: every record not in use: ${plural(all.length, 'record')}, frees ${humanSize(freed(all))}` + (shared > 0 ? ` (the ${shared} shared with images keep their bytes there)` : ''),
				'o: those unused for over a duration you type',
				'as docker builder prune [-a] [--filter until=D]',
			],
			choices: [
				{key: 'y', label: 'dangling', value: 'dangling'},
				{key: 'a', label: 'all', value: 'all'},
				{key: 'o', label: 'older than…', value: 'older'},
			],
			subject: cacheSubject(records),
		},
	};
}

/**
 * What `docker builder prune` without -a removes (BuildKit's prune with all
 * false): records not in use, not shared with an image, and neither internal
 * nor frontend ones.
 */
/** The result line: what went (docker lists image and layer IDs alike as deleted), then docker's total. */
function imagesResult(report: {ImagesDeleted?: {Untagged?: string; Deleted?: string}[] | null; SpaceReclaimed?: number}): string {
	const entries = report.ImagesDeleted ?? [];
	const untagged = entries.filter((d) => d.Untagged).length;
	const deleted = entries.filter((d) => d.Deleted).length;
	return `${plural(untagged, 'tag')} untagged, ${deleted} deleted (images and layers); total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}`;
}

function done(context: Parameters<ActionHandler>[1], overlayId: number, text: string): void {
	context.dispatch({type: 'closeOverlay', id: overlayId});
	context.dispatch({type: 'notice', text});
}

export const pruneDangling: ActionHandler = async (request, context) => {
	try {
		const report = await pruneImages(context.engine, {dangling: ['true']}, context.signal);
		done(context, request.overlayId, imagesResult(report));
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const pruneUnused: ActionHandler = async (request, context) => {
	try {
		const report = await pruneImages(context.engine, {dangling: ['false']}, context.signal);
		done(context, request.overlayId, imagesResult(report));
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const pruneContainersAction: ActionHandler = async (request, context) => {
	try {
		const report = await pruneContainers(context.engine, {}, context.signal);
		done(context, request.overlayId, `Removed ${plural((report.ContainersDeleted ?? []).length, 'container')}; total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}`);
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const pruneBuildCacheAction: ActionHandler = async (request, context) => {
	// o: the duration first (actions/prune-cache-older.ts), then its own question with what it frees.
	if (request.values.choice === 'older') {
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'openOverlay', overlay: olderForm()});
		return;
	}
	try {
		const report = await pruneBuildCache(context.engine, {all: request.values.choice === 'all', filters: {}}, context.signal);
		done(context, request.overlayId, cacheResult(report, request.subject));
		await refreshDisk(context);
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

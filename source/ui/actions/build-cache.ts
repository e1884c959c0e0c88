/**
 * What the build cache prunes of the Disk view share (ui/actions/prune.ts's
 * `b`, ui/actions/prune-cache-older.ts's `o`): which records a prune without
 * -a takes and the result line, which names the part of the engine's
 * reclaimed figure that stays on disk with the images (pure); and the Disk
 * list read again after a prune (no engine event follows one).
 */
import {type BuildCacheRecord, readDiskUsage} from '../../engine/disk-usage.js';
import type {EffectContext} from './types.js';
import {humanSize} from '../../format/units.js';

/**
 * A 20.10 daemon answers `BuildCache: null` when it holds no record: the
 * legacy builder keeps none, and BuildKit has none until it builds.
 */
export const noCache = 'No build cache: the engine reports none (the legacy builder keeps no cache records)';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a build cache prune's result line needs to know of the records before it: the shared ones and their sizes. */
export function cacheSubject(records: BuildCacheRecord[]): Record<string, string> {
	return {shared: JSON.stringify(Object.fromEntries(records.filter((r) => r.Shared).map((r) => [r.ID, r.Size ?? 0])))};
}

/**
 * The result line of a build cache prune: what the engine removed and the
 * space it reports reclaimed, which counts a record shared with an image
 * whole although its bytes stay with the image: that part is named.
 */
export function cacheResult(report: {CachesDeleted?: string[] | null; SpaceReclaimed?: number}, subject: Record<string, string>): string {
	const deleted = report.CachesDeleted ?? [];
	let shared: Record<string, number> = {};
	try {
		shared = JSON.parse(subject.shared ?? '{}') as Record<string, number>;
	} catch {
		// no sizes known: the engine's figure alone
	}
	const kept = deleted.filter((id) => Object.hasOwn(shared, id));
	const keptBytes = kept.reduce((sum, id) => sum + shared[id], 0);
	const line = `Removed ${plural(deleted.length, 'build cache record')}; total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}`;
	return kept.length === 0 ? line : `${line}, of which ${humanSize(keptBytes)} stays on disk in images`;
}

/**
 * A build cache prune sends no engine event (images and containers do, and
 * their lists reload on it): the Disk list is read again here. A failure
 * leaves the list as it was; the next reload mends it.
 */
export async function refreshDisk(context: EffectContext): Promise<void> {
	try {
		const answer = await readDiskUsage(context.engine, context.signal);
		context.dispatch({type: 'data', data: {disk: {report: answer.value}}});
	} catch {
		// the result line stands; the list is read again on the next event
	}
}

export const danglingRecord = (r: BuildCacheRecord): boolean => !r.InUse && !r.Shared && r.Type !== 'internal' && r.Type !== 'frontend';


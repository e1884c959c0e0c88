/**
 * The build cache prune by age: `o` in the Disk view's build cache question
 * opens a form for a duration (Go's time.ParseDuration, as `docker builder
 * prune --filter until=24h` takes it); the next question says how many
 * records and bytes go (from a fresh disk usage answer: records not in use,
 * last used before now minus the duration, their unshared bytes), and yes
 * prunes every such record (all=true with the until filter, as
 * `docker builder prune -a --filter until=D`). On an engine without a build
 * cache answer (the legacy builder) it says so instead.
 */
import type {BuildCacheRecord} from '../../engine/disk-usage.js';
import {pruneBuildCache, readDiskUsage} from '../../engine/disk-usage.js';
import {humanSize} from '../../format/units.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../overlays/index.js';
import {failed} from './common.js';
import type {ActionHandler} from './types.js';

const units: Record<string, number> = {ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** A Go duration ("24h", "30m", "1h30m", "1.5h") in milliseconds; undefined when it is not one, or not positive. */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim();
	if (!/^(\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h))*$/.test(trimmed)) return undefined;
	let total = 0;
	for (const [, number, unit] of trimmed.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h)/g)) total += Number(number) * units[unit];
	return total > 0 ? total : undefined;
}

/** The records an until=D prune removes at `now`: not in use, last used (else made) before now - D. */
export function olderRecords(records: BuildCacheRecord[], ms: number, now: number): {records: BuildCacheRecord[]; bytes: number} {
	const going = records.filter((record) => {
		if (record.InUse) return false;
		const when = Date.parse(record.LastUsedAt ?? record.CreatedAt ?? '');
		return Number.isFinite(when) && when < now - ms;
	});
	return {records: going, bytes: going.reduce((sum, r) => sum + (r.Shared ? 0 : (r.Size ?? 0)), 0)};
}

export const noCache = 'No build cache: the engine reports none (the legacy builder keeps no cache records)';

export function olderForm(): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	return {kind: 'form', form: form('pruneBuildCacheOlderForm', 'Remove build cache older than', [{name: 'until', label: 'Last used over', hint: 'a duration: 24h, 30m, 1h30m', value: '24h'}])};
}

/** The question once the duration is typed: how many records, how many bytes. */
export function olderConfirm(until: string, records: BuildCacheRecord[] | null | undefined, now: number): Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'> | {notice: string} {
	if (!Array.isArray(records)) return {notice: noCache};
	const ms = parseDuration(until)!;
	const going = olderRecords(records, ms, now);
	if (going.records.length === 0) return {notice: `No build cache record unused for over ${until}`};
	return {
		kind: 'confirm',
		confirm: {
			action: 'pruneBuildCacheUntil',
			title: `Remove ${going.records.length} build cache record${going.records.length === 1 ? '' : 's'} unused for over ${until}?`,
			lines: [`frees ${humanSize(going.bytes)} (their bytes no other record shares)`, `as docker builder prune -a --filter until=${until}`],
			choices: [{key: 'y', label: 'remove', value: 'remove'}],
			subject: {until},
		},
	};
}

/** The form's submit: validates the duration, then reads the cache anew and asks. */
export const pruneBuildCacheOlderForm: ActionHandler = async (request, context) => {
	const until = (request.values.until ?? '').trim();
	if (parseDuration(until) === undefined) {
		const problem = `"${until}" is not a duration (a number and a unit: 24h, 30m, 1h30m)`;
		context.dispatch({type: 'overlayFailed', id: request.overlayId, message: problem, fieldErrors: {until: problem}});
		return;
	}
	try {
		const answer = await readDiskUsage(context.engine, context.signal);
		const asked = olderConfirm(until, answer.value.BuildCache, Date.now());
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		if ('notice' in asked) context.dispatch({type: 'notice', text: asked.notice});
		else context.dispatch({type: 'openOverlay', overlay: asked});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

export const pruneBuildCacheUntil: ActionHandler = async (request, context) => {
	try {
		const report = await pruneBuildCache(context.engine, {all: true, filters: {until: [request.subject.until]}}, context.signal);
		const n = (report.CachesDeleted ?? []).length;
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Removed ${n} build cache record${n === 1 ? '' : 's'}; total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

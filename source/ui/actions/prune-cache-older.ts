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
import {type BuildCacheRecord, pruneBuildCache, readDiskUsage} from '../../engine/disk-usage.js';
import {parseGoDuration} from '../../format/go-duration.js';
import {humanSize} from '../../format/units.js';
import {cacheFrees} from '../lists/disk-rows.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import {failed} from './common.js';
import {cacheSubject, cacheResult, noCache, refreshDisk} from './build-cache.js';
import type {ActionHandler} from './types.js';

/**
 * The typed duration, read by Go's time.ParseDuration as the daemon reads the
 * until filter (spaces around it trimmed: it is a form field). Milliseconds,
 * or why not: Go's own error, or that it must be over 0 (the daemon takes 0
 * and below as "every record", which is `a`).
 */
export function readDuration(text: string): {ms: number} | {problem: string} {
	const typed = text.trim();
	const parsed = parseGoDuration(typed);
	if ('error' in parsed) return {problem: `not a duration: ${parsed.error} (write 24h, 30m, 1h30m)`};
	if (parsed.ns <= 0n) return {problem: `${JSON.stringify(typed)} is not over 0: the engine would remove every record (a does that)`};
	return {ms: Number(parsed.ns) / 1e6};
}

/** A duration over 0 in milliseconds, or undefined (readDuration says why). */
export function parseDuration(text: string): number | undefined {
	const read = readDuration(text);
	return 'ms' in read ? read.ms : undefined;
}

/** The records an until=D prune removes at `now`: not in use, last used (else made) before now - D. */
export function olderRecords(records: BuildCacheRecord[], ms: number, now: number): {records: BuildCacheRecord[]; bytes: number} {
	const going = records.filter((record) => {
		if (record.InUse) return false;
		const when = Date.parse(record.LastUsedAt ?? record.CreatedAt ?? '');
		return Number.isFinite(when) && when < now - ms;
	});
	return {records: going, bytes: going.reduce((sum, r) => sum + cacheFrees(r), 0)};
}

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
			lines: [`frees ${humanSize(going.bytes)} (a record shared with an image keeps its bytes there)`, `as docker builder prune -a --filter until=${until}`],
			choices: [{key: 'y', label: 'remove', value: 'remove'}],
			subject: {until, ...cacheSubject(records)},
		},
	};
}

/** The form's submit: validates the duration, then reads the cache anew and asks. */
export const pruneBuildCacheOlderForm: ActionHandler = async (request, context) => {
	const until = (request.values.until ?? '').trim();
	const read = readDuration(until);
	if ('problem' in read) {
		const problem = read.problem;
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
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: cacheResult(report, request.subject)});
		await refreshDisk(context);
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

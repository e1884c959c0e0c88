// The build cache prune by age (source/ui/actions/prune-cache-older.ts): the
// duration as docker's until filter takes it, which records it removes and
// the bytes the question names; on the real engine (the legacy builder: no
// build cache answer) it says so plainly. Records below have the shape of
// API 1.41's /system/df BuildCache entries.
import {describe, expect, it} from 'vitest';
import type {BuildCacheRecord} from '../../source/engine/disk-usage.js';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {cacheResult, cacheSubject, danglingRecord, noCache} from '../../source/ui/actions/build-cache.js';
import {pruneConfirm} from '../../source/ui/actions/prune.js';
import {olderConfirm, olderRecords, parseDuration, pruneBuildCacheOlderForm, readDuration} from '../../source/ui/actions/prune-cache-older.js';
import type {Msg} from '../../source/ui/model.js';
import {haveEngine} from '../helpers/engine.js';

const now = Date.parse('2026-12-02T12:00:00Z');
const record = (id: string, hoursAgo: number, size: number, extra: Partial<BuildCacheRecord> = {}): BuildCacheRecord => ({
	ID: id,
	Type: 'regular',
	Description: `mount / from exec /bin/sh -c ${id}`,
	InUse: false,
	Shared: false,
	Size: size,
	CreatedAt: new Date(now - hoursAgo * 3_600_000 - 60_000).toISOString(),
	LastUsedAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
	UsageCount: 1,
	...extra,
});
const records = [record('a', 48, 1000), record('b', 30, 2000, {Shared: true}), record('c', 30, 4000, {InUse: true}), record('d', 2, 8000), record('e', 0.1, 16000)];

describe('build cache prune by age', () => {
	it('reads durations as Go does (the daemon parses until with time.ParseDuration), over 0 only', () => {
		expect(parseDuration('24h')).toBe(86_400_000);
		expect(parseDuration('30m')).toBe(1_800_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration(' 1.5h ')).toBe(5_400_000);
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('+.5h')).toBe(1_800_000);
		expect(parseDuration('1.h')).toBe(3_600_000);
		expect(parseDuration('1500us')).toBe(1.5);
		expect(parseDuration('2\u00b5s1\u03bcs')).toBe(0.003);
		for (const bad of ['', '24', 'h', '1d', '-1h', '0s', '0', '1 h', 'abc', '.s', '1h-1m']) expect(parseDuration(bad)).toBeUndefined();
		// Go's own words for what it refuses; 0 and below are Go durations the daemon takes as "every record", which `a` is.
		expect(readDuration('1d')).toEqual({problem: 'not a duration: time: unknown unit "d" in duration "1d" (write 24h, 30m, 1h30m)'});
		expect(readDuration('24')).toEqual({problem: 'not a duration: time: missing unit in duration "24" (write 24h, 30m, 1h30m)'});
		expect(readDuration('-1h')).toEqual({problem: '"-1h" is not over 0: the engine would remove every record (a does that)'});
	});

	it('removes the records unused for longer, not in use; frees the bytes no other record shares', () => {
		const day = olderRecords(records, 86_400_000, now);
		expect(day.records.map((r) => r.ID)).toEqual(['a', 'b']);
		expect(day.bytes).toBe(1000);
		expect(olderRecords(records, 3_600_000, now).records.map((r) => r.ID)).toEqual(['a', 'b', 'd']);
	});

	it('asks with the count and the bytes; says when nothing is that old, and when the engine has no cache', () => {
		const asked = olderConfirm('1h', records, now);
		expect('confirm' in asked && asked.confirm.title).toBe('Remove 3 build cache records unused for over 1h?');
		expect('confirm' in asked && asked.confirm.lines).toEqual(['frees 9kB (a record shared with an image keeps its bytes there)', 'as docker builder prune -a --filter until=1h']);
		expect('confirm' in asked && asked.confirm.subject).toEqual({until: '1h', shared: '{"b":2000}'});
		expect(olderConfirm('72h', records, now)).toEqual({notice: 'No build cache record unused for over 72h'});
		expect(olderConfirm('24h', null, now)).toEqual({notice: noCache});
	});
});

describe('the build cache question and result line (b)', () => {
	it('names what the dangling prune and the prune of all free: a shared record keeps its bytes with its image', () => {
		const asked = pruneConfirm('pruneBuildCache', {BuildCache: records});
		expect('confirm' in asked && asked.confirm.title).toBe('Remove build cache (5 records, 1 in use)?');
		expect('confirm' in asked && asked.confirm.lines.slice(0, 2)).toEqual([
			'y: the dangling ones (not in use, not shared with an image): 3 records, frees 25kB',
			'a: every record not in use: 4 records, frees 25kB (the 1 shared with images keep their bytes there)',
		]);
		expect(records.filter(danglingRecord).map((r) => r.ID)).toEqual(['a', 'd', 'e']);
		expect(danglingRecord({...records[0], Type: 'internal'})).toBe(false);
	});

	it('says what the engine freed, and how much of it stays on disk in the images that share it', () => {
		const subject = cacheSubject(records);
		expect(cacheResult({CachesDeleted: ['a', 'b'], SpaceReclaimed: 3000}, subject)).toBe('Removed 2 build cache records; total reclaimed space: 3kB, of which 2kB stays on disk in images');
		expect(cacheResult({CachesDeleted: ['a'], SpaceReclaimed: 1000}, subject)).toBe('Removed 1 build cache record; total reclaimed space: 1kB');
		expect(cacheResult({CachesDeleted: null, SpaceReclaimed: 0}, {})).toBe('Removed 0 build cache records; total reclaimed space: 0B');
	});
});

describe.skipIf(!haveEngine)('build cache prune by age on the real engine', () => {
	const run = async (until: string): Promise<Msg[]> => {
		const engine = new Engine(resolveEndpoint({}));
		const sent: Msg[] = [];
		try {
			await pruneBuildCacheOlderForm({values: {until}, subject: {}, overlayId: 7}, {engine, dispatch: (msg) => sent.push(msg), getState: () => undefined as never, signal: new AbortController().signal});
		} finally {
			engine.close();
		}
		return sent;
	};

	it('refuses a duration it cannot read, in the form, asking the engine nothing', async () => {
		const sent = await run('1 day');
		const problem = 'not a duration: time: unknown unit " day" in duration "1 day" (write 24h, 30m, 1h30m)';
		expect(sent).toEqual([{type: 'overlayFailed', id: 7, message: problem, fieldErrors: {until: problem}}]);
	});

	it('says plainly that this engine (the legacy builder) has no build cache, and prunes nothing', async () => {
		const sent = await run('24h');
		expect(sent).toEqual([{type: 'closeOverlay', id: 7}, {type: 'notice', text: noCache}]);
	}, 130_000);
});

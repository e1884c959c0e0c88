// The build cache with records in it, on a private dockerd (the prunes here
// change the whole engine): BuildKit builds through the API
// (support/build-cache.ts) make records of several steps, one shared by two
// builds, and a held build keeps some in use.
//   - `builder prune` against docker's, byte for byte but for the record IDs
//     (new with every build): each case sets the cache up, runs docker, sets it
//     up again the same way, runs imgscope, and compares;
//   - what the engine answers for POST /build/prune (its filters, keep-storage,
//     a duration Go cannot read) and that imgscope says the same as docker;
//   - the Disk view lists each record as `docker system df -v` does, and its
//     prunes (dangling, all, older than a typed duration) ask with what they
//     free, then free what `docker builder prune [-a] [--filter until=D]`
//     frees on the same cache, and the result line says what the engine freed.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {pruneBuildCache} from '../../source/engine/disk-usage.js';
import {humanSize} from '../../source/format/units.js';
import {App} from '../../source/ui/App.js';
import {DOCKER_CLI, imgscopeCommand, run, type RunResult} from '../conformance/harness.js';
import {haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {buildKit, CACHE_BUILDS, cacheRecords, holdBuild, populateBuildCache} from './support/build-cache.js';
import {BASE} from './support/populate.js';

/** BuildKit record IDs: 25 characters of [a-z0-9]. */
const RECORD_ID = /\b[a-z0-9]{25}\b/g;


/** Clears the form's field, types `text` into it and submits the form. */
async function submitField(app: {stdin: {write(data: string): void}}, text: string): Promise<void> {
	app.stdin.write(keys.ctrlU);
	await tick();
	app.stdin.write(text);
	await tick();
	app.stdin.write(keys.enter);
}

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('the build cache on a private dockerd', () => {
	const daemon = suitePrivateDaemon([BASE]);
	let engine: Engine;
	let imgscope: string[];
	const env = (): Record<string, string> => ({DOCKER_HOST: daemon.url, DOCKER_CONTEXT: ''});

	/** The cache's records without what changes from build to build (IDs, times, the context's name): two setups compare alike. */
	const shape = (): string =>
		cacheRecords(daemon)
			.map((r) => `${r.Size}${r.Shared ? ' shared' : ''}${r.InUse ? ' in use' : ''} ${r.Description.replace(/build-context-[a-z0-9]+/, 'build-context-*')}`)
			.sort()
			.join('\n');
	/** The same cache each time: none, then both builds (new record IDs, the same steps, sizes and flags); its shape. */
	const fresh = async (): Promise<string> => {
		daemon.docker(['builder', 'prune', '-a', '-f']);
		await populateBuildCache(daemon);
		return shape();
	};

	beforeAll(async () => {
		engine = new Engine(resolveEndpoint({host: daemon.url}));
		imgscope = await imgscopeCommand();
		await fresh();
	}, 300_000);
	afterAll(() => engine?.close());

	it('has records of several steps, some shared with the images, some not', () => {
		const records = cacheRecords(daemon);
		expect(records.length).toBeGreaterThanOrEqual(6);
		expect(records.some((r) => r.Shared) && records.some((r) => !r.Shared)).toBe(true);
		// The first RUN step of both builds is one record, used by both.
		expect(records.filter((r) => r.Description.includes('of=/d/shared'))).toHaveLength(1);
	});

	it('builder du lists the records docker system df -v lists, column for column, and its totals are docker system df\'s', async () => {
		const cols = '{{.ID}}|{{.Parent}}|{{.CacheType}}|{{.Size}}|{{.Shared}}|{{.InUse}}|{{.CreatedAt}}|{{.LastUsedAt}}|{{.UsageCount}}|{{.Description}}';
		const theirs = daemon.docker(['system', 'df', '-v', '--format', `{{range .BuildCache}}${cols}\n{{end}}`]).trim();
		const mine = await run(process.execPath, [...imgscope, 'builder', 'du', '--no-trunc', '--format', cols], env());
		expect(mine.code).toBe(0);
		expect(mine.stdout.toString().trim()).toBe(theirs);
		const table = (await run(process.execPath, [...imgscope, 'builder', 'du'], env())).stdout.toString();
		for (const line of theirs.split('\n')) expect(table).toContain(line.slice(0, 12));
		const [size, reclaimable] = daemon.docker(['system', 'df', '--format', '{{if eq .Type "Build Cache"}}{{.Size}} {{.Reclaimable}}{{end}}']).trim().split(' ');
		expect(table).toContain(`\nTotal: ${size}, reclaimable: ${reclaimable}\n`);
	});

	describe('the Disk view', () => {
		it('lists every record as docker system df -v does, in use ones marked; the Build Cache total as docker system df', async () => {
			const release = await holdBuild(daemon);
			try {
				const fields = daemon.docker(['system', 'df', '-v', '--format', '{{range .BuildCache}}{{.ID}}|{{.CacheType}}|{{.Size}}|{{.Shared}}|{{.InUse}}\n{{end}}']).trim().split('\n');
				expect(fields.some((f) => f.endsWith('|true'))).toBe(true);
				const app = render(<App engine={engine} />);
				await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
				app.stdin.write('4');
				const frame = await waitFor(app.lastFrame, (f) => fields.every((line) => f.includes(line.slice(0, 12))), 20_000);
				for (const line of fields) {
					const [id, type, size, shared, inUse] = line.split('|');
					const row = frame.split('\n').find((l) => l.includes(id.slice(0, 12)));
					expect(row, id).toBeDefined();
					const mark = inUse === 'true' ? '*' : '';
					expect(row, line).toMatch(new RegExp(`^\\s+${id.slice(0, 12)}${mark ? '\\*' : ''} ${type.slice(0, 5)}`));
					// USE, SIZE (docker's), SHARED, UNIQUE, FREES.
					const frees = inUse === 'true' ? '0B \\(in use\\)' : shared === 'true' ? '0B \\(shared\\)' : '[\\d.]+k?B';
					expect(row, line).toMatch(new RegExp(`${inUse === 'true' ? 'in use' : '\\d+[smhd] ago'}\\s+${size.replace('.', '\\.')}\\s+[\\d.]+k?B\\s+[\\d.]+k?B\\s+${frees}`));
				}
				const [count, active, total, reclaimable] = daemon.docker(['system', 'df', '--format', '{{if eq .Type "Build Cache"}}{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}{{end}}']).trim().split('|');
				expect(frame).toMatch(new RegExp(`Build Cache\\s+${active}/${count} used\\s+${total.replace('.', '\\.')}\\s+${reclaimable.replace('.', '\\.')}`));
				app.unmount();
			} finally {
				await release();
			}
		}, 120_000);

		const docker = async (args: string[]): Promise<{deleted: number; reclaimed: string}> => {
			const r = await run(DOCKER_CLI, args, env());
			const text = r.stdout.toString();
			return {deleted: (text.match(RECORD_ID) ?? []).length, reclaimed: text.match(/Total reclaimed space: (\S+)/)![1]};
		};

		const pressed = async (choice: 'y' | 'a'): Promise<{question: string; result: string}> => {
			const app = render(<App engine={engine} />);
			try {
				await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
				app.stdin.write('4');
				await waitFor(app.lastFrame, (f) => f.includes('Build Cache') && /regular:/.test(f), 20_000);
				app.stdin.write('b');
				const question = await waitFor(app.lastFrame, (f) => f.includes('Remove build cache ('));
				app.stdin.write(choice);
				const result = await waitFor(app.lastFrame, (f) => /Removed \d+ build cache records?; total reclaimed space/.test(f), 30_000);
				return {question, result};
			} finally {
				app.unmount();
			}
		};

		for (const [choice, args, what] of [
			['y', ['builder', 'prune', '-f'], 'the dangling records'],
			['a', ['builder', 'prune', '-a', '-f'], 'every record'],
		] as const) {
			it(`b then ${choice} (${what}) asks with what it frees, then frees what docker ${args.join(' ')} frees, and says what the engine freed`, async () => {
				const setUp = await fresh();
				const theirs = await docker([...args]);
				expect(theirs.deleted).toBeGreaterThan(0);
				expect(await fresh()).toBe(setUp);
				const before = cacheRecords(daemon);
				const going = choice === 'a' ? before.filter((r) => !r.InUse) : before.filter((r) => !r.InUse && !r.Shared);
				const frees = humanSize(going.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
				const {question, result} = await pressed(choice);
				const line = question.split('\n').find((l) => l.trim().startsWith(`${choice}: `))!;
				expect(line).toContain(`${going.length} record${going.length === 1 ? '' : 's'}, frees ${frees}`);
				const [, n, reclaimed] = result.match(/Removed (\d+) build cache records?; total reclaimed space: ([\d.]+[kMG]?B)/)!;
				expect({deleted: Number(n), reclaimed}).toEqual(theirs);
				expect(Number(n)).toBe(going.length);
				// What is left is what docker leaves: the shared records after a dangling prune, nothing after all.
				expect(cacheRecords(daemon).map((r) => r.ID).sort()).toEqual(before.filter((r) => !going.includes(r)).map((r) => r.ID).sort());
			}, 240_000);
		}

		it('b then o: a typed duration; the question names the records unused for longer and their bytes; yes frees what docker builder prune -a --filter until=D frees', async () => {
			// One build, 40 s, the other (it uses the shared step again): until=20s takes the first build's own records (on a
			// loaded machine the view takes seconds to ask, well under 20).
			const older = async (): Promise<string> => {
				daemon.docker(['builder', 'prune', '-a', '-f']);
				await buildKit(daemon, 'bc/one:1', CACHE_BUILDS['bc/one:1']);
				await tick(40_000);
				await buildKit(daemon, 'bc/two:1', CACHE_BUILDS['bc/two:1']);
				return shape();
			};
			const setUp = await older();
			const theirs = await docker(['builder', 'prune', '-a', '-f', '--filter', 'until=20s']);
			expect(theirs.deleted, `docker removed nothing from:\n${setUp}`).toBeGreaterThan(0);
			expect(await older()).toBe(setUp);
			const app = render(<App engine={engine} />);
			try {
				await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
				app.stdin.write('4');
				await waitFor(app.lastFrame, (f) => f.includes('Build Cache') && /regular:/.test(f), 20_000);
				app.stdin.write('b');
				await waitFor(app.lastFrame, (f) => f.includes('Remove build cache ('));
				app.stdin.write('o');
				await waitFor(app.lastFrame, (f) => f.includes('Remove build cache older than'));
				// A duration Go cannot read is refused in the form, in Go's words.
				await submitField(app, '1 day');
				await waitFor(app.lastFrame, (f) => f.includes('time: unknown unit " day" in duration "1 day"'));
				await submitField(app, '20s');
				const question = await waitFor(app.lastFrame, (f) => /Remove \d+ build cache records? unused for over 20s\?/.test(f), 15_000);
				const asked = Number(question.match(/Remove (\d+) build cache records? unused/)![1]);
				const frees = question.match(/frees (\S+)/)![1];
				const records = cacheRecords(daemon);
				app.stdin.write('y');
				const result = await waitFor(app.lastFrame, (f) => /Removed \d+ build cache records?; total reclaimed space/.test(f), 30_000);
				const [, n, reclaimed] = result.match(/Removed (\d+) build cache records?; total reclaimed space: ([\d.]+[kMG]?B)/)!;
				expect({deleted: Number(n), reclaimed}).toEqual(theirs);
				expect(asked).toBe(Number(n));
				// The question's bytes: those of the removed records no image shares.
				const left = new Set(cacheRecords(daemon).map((r) => r.ID));
				expect(frees).toBe(humanSize(records.filter((r) => !left.has(r.ID) && !r.Shared).reduce((sum, r) => sum + r.Size, 0)));
				// The second build's records stay.
				expect(left.size).toBeGreaterThan(0);
			} finally {
				app.unmount();
			}
		}, 240_000);
	});

	describe('builder prune', () => {
		// Record IDs are new with every build: compared as <id>, in sorted order.
		// docker 28 without buildx warns on stderr that the legacy builder is deprecated (not the engine's words, nor ours).
		const normal = (r: RunResult): string => `exit ${r.code}\n` + r.stdout.toString('utf8').replace(RECORD_ID, '<id>').split('\n').sort().join('\n') + `\nstderr: ${r.stderr.replace(/^DEPRECATED:[\s\S]*?buildx\/\n\n?/m, '')}`;
		const cases: {args: string[]; input?: string}[] = [
			{args: ['builder', 'prune', '-f']},
			{args: ['builder', 'prune', '-a', '-f']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'until=1h']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'unused-for=1h']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'until=1d']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'until=1h', '--filter', 'until=2h']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'until=1h', '--filter', 'unused-for=2h']},
			{args: ['builder', 'prune', '-a', '-f', '--filter', 'bogus=1']},
			// keep-storage is held against the unshared bytes (about 21kB here): above them nothing goes, below them the longest unused do.
			{args: ['builder', 'prune', '-a', '-f', '--keep-storage', '100kB']},
			{args: ['builder', 'prune', '-a', '-f', '--keep-storage', '15kB']},
			{args: ['builder', 'prune', '-f', '--keep-storage', '15kB']},
			{args: ['builder', 'prune'], input: 'y\n'},
			{args: ['builder', 'prune', '-a'], input: 'n\n'},
		];
		/** A prune's output, the records before it and the IDs of those it removed. */
		const pruned = async (prune: () => Promise<RunResult>) => {
			const before = cacheRecords(daemon);
			const result = await prune();
			const left = new Set(cacheRecords(daemon).map((r) => r.ID));
			return {result, before, gone: before.map((r) => r.ID).filter((id) => !left.has(id)).sort()};
		};
		it.each(cases.map((c) => [c.args.join(' ') + (c.input === undefined ? '' : ` < ${JSON.stringify(c.input)}`), c] as const))('%s: as docker', async (_name, c) => {
			const setUp = await fresh();
			const docker = await pruned(() => run(DOCKER_CLI, c.args, env(), c.input));
			expect(await fresh()).toBe(setUp);
			const mine = await pruned(() => run(process.execPath, [...imgscope, ...c.args], env(), c.input));
			if (!c.args.includes('--keep-storage')) {
				expect(normal(mine.result)).toBe(normal(docker.result));
				expect(mine.gone.length).toBe(docker.gone.length);
				return;
			}
			// Which records keep-storage takes depends on the order the steps were last used in, which on a loaded
			// machine changes from one setup to the next: the same words, and each run names what it removed.
			const words = (r: RunResult): string => normal(r).replace(/(\n<id>)+/, '\n<ids>').replace(/space: \S+/, 'space: <size>');
			expect(words(mine.result)).toBe(words(docker.result));
			for (const {result, before, gone} of [docker, mine]) {
				expect(result.stdout.toString('utf8').match(RECORD_ID)?.sort() ?? []).toEqual(gone);
				if (gone.length) expect(result.stdout.toString('utf8')).toContain(`Total reclaimed space: ${humanSize(before.filter((r) => gone.includes(r.ID)).reduce((sum, r) => sum + r.Size, 0))}\n`);
			}
		}, 120_000);
	});

	it('the engine\'s answers to POST /build/prune: Go durations for until, one value, a known filter; keep-storage against the unshared bytes', async () => {
		await fresh();
		const refused = async (filters: Record<string, string[]>): Promise<string> => {
			try {
				await pruneBuildCache(engine, {all: true, filters});
			} catch (error) {
				return (error as Error).message;
			}
			return 'pruned';
		};
		expect(await refused({until: ['1d']})).toContain('"until" filter expects a duration (e.g., \'24h\'): time: unknown unit "d" in duration "1d"');
		expect(await refused({until: ['1h', '2h']})).toMatch(/filters expect only one value/);
		expect(await refused({bogus: ['1']})).toMatch(/failed to prune build cache: Invalid filter 'bogus'$/);
		// Everything is younger than an hour: nothing goes.
		expect(await pruneBuildCache(engine, {all: true, filters: {until: ['1h']}})).toEqual({CachesDeleted: null, SpaceReclaimed: 0});
		// keep-storage is measured against the records' unshared bytes: above them, nothing goes.
		const unshared = (): number => cacheRecords(daemon).reduce((sum, r) => sum + (r.Shared ? 0 : r.Size), 0);
		const before = unshared();
		expect(before).toBeLessThan(100_000);
		expect(await pruneBuildCache(engine, {all: true, keepStorage: 100_000, filters: {}})).toEqual({CachesDeleted: null, SpaceReclaimed: 0});
		// Below them, the longest unused go until the engine's count of what it freed (shared records' bytes
		// included, though they stay with the images) brings them under it.
		const keep = Math.floor(before * 0.7);
		const count = cacheRecords(daemon).length;
		const kept = await pruneBuildCache(engine, {all: true, keepStorage: keep, filters: {}});
		expect(kept.CachesDeleted?.length).toBeGreaterThan(0);
		expect(cacheRecords(daemon).length).toBe(count - kept.CachesDeleted!.length);
		expect(kept.SpaceReclaimed).toBeGreaterThanOrEqual(before - keep);
	}, 120_000);
});

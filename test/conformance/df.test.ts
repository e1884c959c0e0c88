// `imgscope df` against `docker system df`, byte for byte, on a private dockerd
// populated by test/df/support/populate.ts, with build cache records from
// BuildKit builds (test/df/support/build-cache.ts: shared ones, and a build
// held running so that some are in use, one never used). One case at a time:
// a 20.10 daemon refuses a second disk usage request while one runs.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {BASE, populate} from '../df/support/populate.js';
import {cacheRecords, holdBuild, populateBuildCache} from '../df/support/build-cache.js';
import {dfCases} from './df-cases.js';
import {describe as explain, imgscopeCommand, runAll, runCase, type Outcome} from './harness.js';

// The daemon lists volumes in its map's order, a new one each time: a JSON
// report is the same when it is the same with its volumes sorted by name.
function sameUpToVolumeOrder(o: Outcome): boolean {
	const sorted = (b: Buffer): string | undefined => {
		try {
			const report = JSON.parse(b.toString('utf8')) as {Volumes?: {Name: string}[]};
			report.Volumes?.sort((x, y) => (x.Name < y.Name ? -1 : 1));
			return JSON.stringify(report);
		} catch {
			return undefined;
		}
	};
	const a = sorted(o.docker.stdout);
	return o.docker.code === o.imgscope.code && a !== undefined && a === sorted(o.imgscope.stdout);
}

const seed = Number(process.env.IMGSCOPE_DF_SEED) || 20261202;
const CASES = dfCases(seed);

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('docker system df conformance (private dockerd)', () => {
	const daemon = suitePrivateDaemon([BASE]);
	const outcomes = new Map<string, Outcome>();
	let release: (() => Promise<void>) | undefined;
	afterAll(async () => release?.());

	beforeAll(async () => {
		populate(daemon);
		await populateBuildCache(daemon);
		release = await holdBuild(daemon);
		const records = cacheRecords(daemon);
		expect(records.some((r) => r.Shared) && records.some((r) => !r.Shared) && records.some((r) => r.InUse) && records.some((r) => r.LastUsedAt === null), 'shared, unshared, in use and never used build cache records').toBe(true);
		// Ages under a minute tick every second, at a different moment for each
		// image and container: a minute on, they read "About a minute ago" and
		// docker and imgscope, run back to back, see the same words.
		await new Promise((resolve) => setTimeout(resolve, 61_000));
		const env = {DOCKER_HOST: daemon.url, DOCKER_CONTEXT: ''};
		const results = await runAll(
			CASES.map((c) => ({...c, env})),
			await imgscopeCommand(),
			{},
			1,
		);
		const command = await imgscopeCommand();
		for (let o of results) {
			// An age that ticked over between the two runs (a loaded machine runs them further apart): once more, later.
			for (let again = 0; again < 3 && o.verdict === 'different' && !sameUpToVolumeOrder(o); again++) o = await runCase(o.case, command, {});
			if (o.verdict === 'different' && sameUpToVolumeOrder(o)) o.verdict = 'reordered';
			outcomes.set(o.case.id, o);
		}
		const identical = results.filter((o) => o.verdict === 'identical').length;
		console.log(`df conformance (seed ${seed}): ${identical}/${results.length} identical, ${results.filter((o) => o.verdict === 'reordered').length} up to the daemon's order`);
	}, 600_000);

	it.each(CASES.map((c) => [c.id, c] as const))('%s', (id) => {
		const o = outcomes.get(id);
		expect(o, 'case did not run').toBeDefined();
		expect(o!.verdict, explain(o!)).not.toBe('different');
	});
});

// The differential fuzzer on a fixed seed (test/conformance/fuzz): random
// --format templates for every command in fuzz/commands.ts, run through the
// docker client and imgscope; stdout bytes, stderr text and exit status must
// match (up to test/conformance/unstable.ts). `npm run fuzz -- --seed N --count M`
// runs more. Fails (does not skip) under IMGSCOPE_REQUIRE_ENGINE=1 without an engine.
import {describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {DANGLING} from './cases.js';
import {COMMANDS} from './fuzz/commands.js';
import {ImgscopePool} from './fuzz/in-process.js';
import {setUpFuzzObjects} from './fuzz/objects.js';
import {describeDifference, fuzz} from './fuzz/run.js';
import {danglingId, imgscopeCommand} from './harness.js';

const SEED = 20261202;
const COUNT = Number(process.env.IMGSCOPE_FUZZ_COUNT ?? 150);
// The commands that came later run fewer cases each, so the whole run stays within
// a couple of minutes on 2 cores (df's run one at a time, on the private dockerd).
const LATER = Number(process.env.IMGSCOPE_FUZZ_LATER_COUNT ?? 60);
const COUNTS = Object.fromEntries(COMMANDS.map(c => [c.name, ['inspect', 'ls', 'history'].includes(c.name) ? COUNT : LATER]));

describe.skipIf(!haveEngine)('differential fuzzing of --format', () => {
	it(`seed ${SEED}: ${COUNT} cases each of inspect, ls, history and ${LATER} each of ${COMMANDS.slice(3).map(c => c.name).join(', ')} agree with docker`, async () => {
		const pool = ImgscopePool.available() ? new ImgscopePool(2) : undefined;
		const objects = await setUpFuzzObjects({daemon: true});
		const runner = {imgscope: await imgscopeCommand(), substitutions: {[DANGLING]: danglingId()}, pool, envs: objects.env};
		// df needs the private dockerd (root; canRunPrivateDaemon throws without one under IMGSCOPE_REQUIRE_ENGINE=1).
		const commands = COMMANDS.filter(c => !c.env || objects.env[c.env]).map(c => c.name);
		const report = await fuzz(runner, {seed: SEED, count: COUNT, counts: COUNTS, commands}).finally(async () => {
			pool?.close();
			await objects.dispose();
		});
		console.log(`fuzz: ${report.cases} cases in ${report.seconds.toFixed(1)} s, docker's exit statuses ${JSON.stringify(report.exitCodes)}`);
		expect(report.cases).toBe(commands.reduce((n, c) => n + COUNTS[c]!, 0));
		expect(report.differences.map(describeDifference).join('\n\n')).toBe('');
		expect(report.repeats).toBe(0);
		expect(report.unsettled).toEqual([]);
	}, 600_000);
});

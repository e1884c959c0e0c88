// Differential conformance of `imgscope volume ls|inspect|create|rm` against
// the docker 28 client on the same engine (volume-cases.ts). The volumes are
// made here, labelled imgscope.test=volumes, and removed afterwards.
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {DOCKER_CLI, describe as explain, imgscopeCommand, runAll, type Outcome} from './harness.js';
import {SET_LABEL, VOLUMES, labelsInRandomOrder, sameUpToOrder, volumeCases} from './volume-cases.js';

const seed = Number(process.env.IMGSCOPE_CONFORMANCE_SEED) || Date.now() % 1_000_000;
const CASES = volumeCases(seed);

describe.skipIf(!haveEngine)(`docker volume conformance (seed ${seed})`, () => {
	const outcomes = new Map<string, Outcome>();

	beforeAll(async () => {
		for (const v of VOLUMES) {
			const set = v.solo ? [] : ['--label', SET_LABEL];
			execFileSync(DOCKER_CLI, ['volume', 'create', '--label', 'imgscope.test=volumes', ...set, ...v.labels.flatMap(l => ['--label', l]), v.name], {stdio: 'pipe'});
		}
		const results = await runAll(CASES, await imgscopeCommand(), {});
		for (const o of results) outcomes.set(o.case.id, o);
		console.log(`volume conformance (seed ${seed}): ${results.filter(o => o.verdict === 'identical').length}/${results.length} identical`);
	}, 900_000);

	afterAll(() => {
		for (const v of VOLUMES) {
			try {
				execFileSync(DOCKER_CLI, ['volume', 'rm', v.name], {stdio: 'pipe'});
			} catch {
				// gone already
			}
		}
	});

	it.each(CASES.map(c => [c.id, c] as const))('%s', id => {
		const o = outcomes.get(id);
		expect(o, 'case did not run').toBeDefined();
		if (labelsInRandomOrder(o!.case) && o!.verdict === 'different') {
			expect(o!.imgscope.code, explain(o!)).toBe(o!.docker.code);
			expect(sameUpToOrder(o!.docker.stdout, o!.imgscope.stdout), explain(o!)).toBe(true);
			return;
		}
		expect(o!.verdict, explain(o!)).toBe('identical');
	});
});

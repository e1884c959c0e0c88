// Differential conformance: every case in cases.ts runs through the docker 28
// client and through imgscope against the same engine; stdout bytes and exit
// status must match. Fails (does not skip) under IMGSCOPE_REQUIRE_ENGINE=1
// when no engine answers. The share identical is printed and written to
// $IMGSCOPE_CONFORMANCE_REPORT (default: <tmpdir>/imgscope-conformance.json).
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {CASES, DANGLING, documentedException, knownDifference} from './cases.js';
import {settled, setUpContainers, tearDownContainers} from './containers.js';
import {DOCKER_CLI, describe as explain, imgscopeCommand, runAll, type Outcome} from './harness.js';

function danglingId(): string {
	try {
		const out = execFileSync(DOCKER_CLI, ['image', 'ls', '-q', '--filter', 'dangling=true', '--filter', 'label=imgscope.fixture=dangling'], {encoding: 'utf8'});
		return out.split('\n')[0] || 'no-dangling-fixture';
	} catch {
		return 'no-dangling-fixture';
	}
}

// IMGSCOPE_CONFORMANCE_ONLY=REGEX runs the cases whose id matches (while working on one area).
const only = process.env.IMGSCOPE_CONFORMANCE_ONLY ? new RegExp(process.env.IMGSCOPE_CONFORMANCE_ONLY) : undefined;
const SELECTED = only ? CASES.filter(c => only.test(c.id)) : CASES;

describe.skipIf(!haveEngine)('docker conformance', () => {
	const outcomes = new Map<string, Outcome>();

	beforeAll(async () => {
		const started = Date.now();
		setUpContainers();
		const command = await imgscopeCommand();
		const substitutions = {[DANGLING]: danglingId()};
		const results = await runAll(SELECTED.filter(c => !c.clock), command, substitutions);
		// Relative times of the test containers tick once a second in their first minute.
		const clocked = SELECTED.filter(c => c.clock);
		if (clocked.length > 0) {
			await settled();
			results.push(...(await runAll(clocked, command, substitutions)));
		}
		for (const o of results) outcomes.set(o.case.id, o);
		const identical = results.filter(o => o.verdict === 'identical').length;
		const reordered = results.filter(o => o.verdict === 'reordered').length;
		const exceptions = results.filter(o => o.verdict === 'exception').length;
		const different = results.filter(o => o.verdict === 'different');
		const known = different.filter(o => knownDifference(o.case) !== undefined).length;
		const share = ((100 * identical) / results.length).toFixed(1);
		const summary =
			`conformance: ${identical}/${results.length} identical (${share}%), ${reordered} identical up to the daemon's order, ` +
			`${exceptions} documented exceptions (same stdout, exit status by design), ` +
			`${different.length} different (${known} known, outside this suite's code), in ${((Date.now() - started) / 1000).toFixed(1)} s`;
		console.log(summary);
		const file = process.env.IMGSCOPE_CONFORMANCE_REPORT ?? path.join(tmpdir(), 'imgscope-conformance.json');
		writeFileSync(
			file,
			JSON.stringify({summary, total: results.length, identical, reordered, exceptions, different: different.map(o => ({args: o.case.args, known: knownDifference(o.case), detail: explain(o)}))}, null, 2),
		);
	}, 900_000);

	afterAll(() => tearDownContainers());

	it.each(SELECTED.map(c => [c.id, c] as const))('%s', (id, c) => {
		const o = outcomes.get(id);
		expect(o, 'case did not run').toBeDefined();
		const exception = documentedException(c);
		if (exception) {
			expect(o!.verdict, `${exception.why}\n${explain(o!)}`).toBe('exception');
			return;
		}
		const known = knownDifference(c);
		if (known) {
			expect(o!.verdict, `known difference fixed? (${known}): remove it from knownDifference`).toBe('different');
			return;
		}
		expect(o!.verdict, explain(o!)).not.toBe('different');
	});
});

// What the fuzzer found, kept as live cases against the docker client (the
// form `npm run fuzz` prints a difference in). Unit tests of the same cases:
// test/template/fuzz-found.test.ts, test/docker/fuzz-found.test.ts.
import {afterAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {APP, BASE, DANGLING} from './cases.js';
import {ImgscopePool} from './fuzz/in-process.js';
import {replayCase, type CaseSpec} from './fuzz/run.js';
import {danglingId, imgscopeCommand} from './harness.js';

describe.skipIf(!haveEngine)('differences the fuzzer found', () => {
	const pool = ImgscopePool.available() ? new ImgscopePool(1) : undefined;
	afterAll(() => pool?.close());
	const differs = async (spec: CaseSpec): Promise<string> =>
		replayCase(spec, {imgscope: await imgscopeCommand(), substitutions: {[DANGLING]: danglingId()}, pool});

	it('inspect --format {{if ne .Config.Healthcheck $}}x{{end}} (a map holding bools, printed by %s)', async () => {
		expect(await differs({command: 'inspect', flags: [], targets: [APP], format: '{{if ne .Config.Healthcheck $}}x{{end}}'})).toBe('');
	});
	it("history --format 'table {{if .ID}} {{range split .ID \":\"}}{{.}}{{end}}{{end}}' (the header keeps its space)", async () => {
		expect(await differs({command: 'history', flags: [], targets: [BASE], format: 'table {{if .ID}} {{range split .ID ":"}}{{.}}{{end}}{{end}}'})).toBe('');
	});
	it('ls --format {{.UniqueSize|call -}} fixture/committed:1', async () => {
		expect(await differs({command: 'ls', flags: [], targets: ['fixture/committed:1'], format: '{{.UniqueSize|call -}}'})).toBe('');
	});
	it('inspect --format {{if slice .Config.WorkingDir .Size}}{{end}} fixture/app:1', async () => {
		expect(await differs({command: 'inspect', flags: [], targets: [APP], format: '{{if slice .Config.WorkingDir .Size}}{{end}}'})).toBe('');
	});
});

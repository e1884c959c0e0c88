// What the fuzzer found, kept as live cases against the docker client (the
// form `npm run fuzz` prints a difference in). Unit tests of the same cases:
// test/template/fuzz-found.test.ts, test/docker/fuzz-found.test.ts,
// test/docker/context-fuzz-found.test.ts, test/volumes/fuzz-found.test.ts,
// test/containers/container-context.test.ts. The later commands run on the
// fuzzer's own objects (fuzz/objects.ts, named for this process), each with a
// found case where the fuzzer found one, else a representative one.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {APP, BASE, DANGLING} from './cases.js';
import {ImgscopePool} from './fuzz/in-process.js';
import {CONTAINERS, setUpFuzzObjects, VOLUMES, type FuzzObjects} from './fuzz/objects.js';
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

describe.skipIf(!haveEngine)('differences the fuzzer found in the later commands', () => {
	const pool = ImgscopePool.available() ? new ImgscopePool(1) : undefined;
	let objects: FuzzObjects;
	beforeAll(async () => {
		objects = await setUpFuzzObjects({daemon: true});
	});
	afterAll(async () => {
		pool?.close();
		await objects?.dispose();
	});
	const differs = async (spec: CaseSpec): Promise<string> =>
		replayCase(spec, {imgscope: await imgscopeCommand(), substitutions: {}, pool, envs: objects.env});

	it("ps --format '{{ne $ $.MarshalJSON -}}' (the pre-pass's empty container was created at 0 by docker's clock: 56 years ago)", async () => {
		expect(await differs({command: 'ps', flags: [], targets: [], format: '{{ne $ $.MarshalJSON -}}'})).toBe('');
	});
	it("ps --format '{{ne .FieldsUsed .MarshalJSON}}' (seed 20261219: the field read first sees the map MarshalJSON's call of Size makes later)", async () => {
		expect(await differs({command: 'ps', flags: [], targets: [], format: '{{ne .FieldsUsed .MarshalJSON}}'})).toBe('');
	});
	it("ps -s --format 'table {{.Names}}\\t{{.Size}}\\t{{.Label \"imgscope.test\"}}|{{.Ports}}' (representative)", async () => {
		expect(await differs({command: 'ps', flags: ['-s'], targets: [], format: 'table {{.Names}}\\t{{.Size}}\\t{{.Label "imgscope.test"}}|{{.Ports}}'})).toBe('');
	});
	it('container inspect --format {{.HostConfig.RestartPolicy}}|{{.Config.Healthcheck}}|{{.Nope}} (representative: a struct through %v, the raw pass for a missing field)', async () => {
		expect(await differs({command: 'container inspect', flags: [], targets: [CONTAINERS[0]!, 'nope'], format: '{{.HostConfig.RestartPolicy}}|{{.Config.Healthcheck}}|{{.Nope}}'})).toBe('');
	});
	it('context ls --format {{- html $}} (the escapers print a row by its Error method)', async () => {
		expect(await differs({command: 'context ls', flags: [], targets: [], format: '{{- html $}}'})).toBe('');
	});
	it("volume ls --format 'table {{.Name}}\\t{{.Label \"imgscope.test\"}}\\t{{json .Size}}' (representative)", async () => {
		expect(await differs({command: 'volume ls', flags: [], targets: [], format: 'table {{.Name}}\\t{{.Label "imgscope.test"}}\\t{{json .Size}}'})).toBe('');
	});
	it('volume inspect --format {{- .ClusterVolume.Spec}} (a field of the nil *volume.ClusterVolume is a nil pointer)', async () => {
		expect(await differs({command: 'volume inspect', flags: [], targets: [VOLUMES[0]!], format: '{{- .ClusterVolume.Spec}}'})).toBe('');
	});
	it('volume inspect --format {{eq $ $}} (volume.Volume holds maps: a non-comparable type)', async () => {
		expect(await differs({command: 'volume inspect', flags: [], targets: [VOLUMES[1]!], format: '{{eq $ $}}'})).toBe('');
	});
	it("df -v --format 'table {{.Type}}\\t{{.TotalCount}}\\t{{.Reclaimable}}' (representative)", async () => {
		expect(await differs({command: 'df', flags: ['-v'], targets: [], format: 'table {{.Type}}\\t{{.TotalCount}}\\t{{.Reclaimable}}'})).toBe('');
	});
});

/**
 * Run, attach, logs, commit, stop and remove against the real engine; each
 * result is checked through `docker inspect` / `docker history` afterwards.
 * Containers use --network none: the checks do not need a network, and the
 * bridge is not available on every machine.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseCommitForm} from '../../source/actions/commit-spec.js';
import {parseRunForm, type RunForm} from '../../source/actions/run-spec.js';
import {attachContainer} from '../../source/engine/actions/attach.js';
import {commitContainer, removeContainer, runContainer, stopContainer} from '../../source/engine/actions/containers.js';
import {containerLogs, type LogChunk} from '../../source/engine/actions/logs.js';
import {EngineError} from '../../source/engine/errors.js';
import {docker, engine, haveEngine, imageExists} from '../helpers/engine.js';
import {expectRunVolumes, runVolumes} from '../helpers/mounts.js';

const prefix = 'imgscope-actions-ctr-';
const image = 'imgscope-test/actions-commit';

function containersNamed(): string[] {
	return docker(['ps', '-a', '--format', '{{.Names}}']).split('\n').filter((name) => name.startsWith(prefix));
}

function cleanup() {
	for (const name of containersNamed()) docker(['rm', '-f', name]);
	for (const ref of docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', image]).split('\n').filter(Boolean)) docker(['rmi', '-f', ref]);
}

function spec(form: Partial<RunForm>) {
	const parsed = parseRunForm({image: 'fixture/base:1', network: 'none', ...form});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.spec;
}

function inspect(name: string): any {
	return JSON.parse(docker(['inspect', name]))[0];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!haveEngine)('container actions', () => {
	const e = engine();
	beforeAll(cleanup);
	afterAll(cleanup);

	it('runs detached with the typed command, env, ports and mounts', async () => {
		const result = await runContainer(
			e,
			spec({
				command: `sh -c 'echo "$GREETING" > /data/out; sleep 30'`,
				name: `${prefix}run`,
				env: 'GREETING="hello world" EMPTY=',
				ports: '127.0.0.1:18081:80, 9000-9001:90-91/udp',
				volumes: runVolumes(`${prefix}vol`),
			}),
		);
		expect(result.name).toBe(`${prefix}run`);
		const info = inspect(`${prefix}run`);
		expect(info.Id).toBe(result.id);
		expect(info.State.Running).toBe(true);
		expect(info.Config.Cmd).toEqual(['sh', '-c', 'echo "$GREETING" > /data/out; sleep 30']);
		expect(info.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello world', 'EMPTY=']));
		expect(info.HostConfig.PortBindings).toEqual({
			'80/tcp': [{HostIp: '127.0.0.1', HostPort: '18081'}],
			'90/udp': [{HostIp: '', HostPort: '9000'}],
			'91/udp': [{HostIp: '', HostPort: '9001'}],
		});
		expect(Object.keys(info.Config.ExposedPorts).sort()).toEqual(['80/tcp', '90/udp', '91/udp']);
		expectRunVolumes(info, `${prefix}vol`);
		expect(info.HostConfig.AutoRemove).toBe(false);
		expect(info.Config.Tty).toBe(false);
	});

	it('stops and removes a container; a second stop reports it was already stopped', async () => {
		expect(await stopContainer(e, `${prefix}run`, {seconds: 1})).toEqual({alreadyStopped: false});
		expect(inspect(`${prefix}run`).State.Running).toBe(false);
		expect(await stopContainer(e, `${prefix}run`, {seconds: 1})).toEqual({alreadyStopped: true});
		await removeContainer(e, `${prefix}run`, {volumes: true});
		expect(containersNamed()).not.toContain(`${prefix}run`);
		docker(['volume', 'rm', '-f', `${prefix}vol`]);
	});

	it('a start that fails (no such command) reports the engine and leaves no container', async () => {
		const error = (await runContainer(e, spec({command: 'imgscope-no-such-command', name: `${prefix}bad`})).catch((error_: unknown) => error_)) as EngineError;
		expect(error).toBeInstanceOf(EngineError);
		expect(error.message).toMatch(/imgscope-no-such-command.*(not found|no such file)/i);
		expect(containersNamed()).not.toContain(`${prefix}bad`);
	});

	it('a name in use and a missing image are the engine errors, and create nothing', async () => {
		await runContainer(e, spec({command: 'sleep 30', name: `${prefix}taken`}));
		const conflict = (await runContainer(e, spec({command: 'true', name: `${prefix}taken`})).catch((error_: unknown) => error_)) as EngineError;
		expect(conflict.kind).toBe('conflict');
		expect(conflict.message).toMatch(/is already in use/);
		const missing = (await runContainer(e, spec({image: 'imgscope-test/actions-missing:1', name: `${prefix}missing`})).catch((error_: unknown) => error_)) as EngineError;
		expect(missing.kind).toBe('notFound');
		expect(missing.message).toMatch(/No such image/);
		expect(containersNamed().sort()).toEqual([`${prefix}taken`]);
		await removeContainer(e, `${prefix}taken`, {force: true});
	});

	it('actions on a container that no longer exists say so', async () => {
		for (const action of [
			() => stopContainer(e, `${prefix}gone`),
			() => removeContainer(e, `${prefix}gone`),
			() => containerLogs(e, `${prefix}gone`, () => {}),
			() => commitContainer(e, `${prefix}gone`, {changes: [], pause: true}),
		]) {
			const error = (await action().catch((error_: unknown) => error_)) as EngineError;
			expect(error).toBeInstanceOf(EngineError);
			expect(error.kind).toBe('notFound');
			expect(error.message).toMatch(/No such container/);
		}
	});

	it('removing a running container without force is the engine conflict', async () => {
		await runContainer(e, spec({command: 'sleep 30', name: `${prefix}running`}));
		const error = (await removeContainer(e, `${prefix}running`).catch((error_: unknown) => error_)) as EngineError;
		expect(error.kind).toBe('conflict');
		expect(error.message).toMatch(/cannot remove a running container/i);
		await removeContainer(e, `${prefix}running`, {force: true});
	});

	it('logs: stdout and stderr apart, and a follow that ends when aborted', async () => {
		const run = await runContainer(e, spec({command: `sh -c 'echo out1; echo err1 >&2; sleep 1; echo out2; sleep 30'`, name: `${prefix}logs`}));
		const chunks: LogChunk[] = [];
		const abort = new AbortController();
		const following = containerLogs(e, run.id, (chunk) => chunks.push(chunk), {follow: true, signal: abort.signal});
		for (let i = 0; i < 50 && !chunks.some((c) => c.text.includes('out2')); i++) await sleep(100);
		abort.abort();
		await following;
		const text = (stream: string) => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
		expect(text('stdout')).toBe('out1\nout2\n');
		expect(text('stderr')).toBe('err1\n');
		const tail: LogChunk[] = [];
		await containerLogs(e, run.id, (chunk) => tail.push(chunk), {tail: 1});
		expect(tail.map((c) => c.text).join('')).toBe('out2\n');
		await removeContainer(e, run.id, {force: true});
	});

	it('commits a container: the image holds the change, the changes and the message', async () => {
		await runContainer(e, spec({command: `sh -c 'echo committed-by-imgscope > /made.txt'`, name: `${prefix}commit`}));
		for (let i = 0; i < 50 && inspect(`${prefix}commit`).State.Running; i++) await sleep(100);
		const form = parseCommitForm({repository: `${image}:1`, message: 'made by the commit action', author: 'imgscope tests', changes: 'ENV COMMITTED=yes\nCMD ["cat", "/made.txt"]\nLABEL imgscope.test=commit'});
		if (!form.ok) throw new Error(JSON.stringify(form.errors));
		const result = await commitContainer(e, `${prefix}commit`, form.spec);
		expect(result.reference).toBe(`${image}:1`);
		const info = JSON.parse(docker(['image', 'inspect', `${image}:1`]))[0];
		expect(info.Id).toBe(result.id);
		expect(info.Comment).toBe('made by the commit action');
		expect(info.Author).toBe('imgscope tests');
		expect(info.Config.Env).toContain('COMMITTED=yes');
		expect(info.Config.Cmd).toEqual(['cat', '/made.txt']);
		expect(info.Config.Labels['imgscope.test']).toBe('commit');
		expect(docker(['history', '--no-trunc', '--format', '{{.Comment}}', `${image}:1`]).split('\n')[0]).toBe('made by the commit action');
		expect(docker(['run', '--rm', '--network', 'none', `${image}:1`]).trim()).toBe('committed-by-imgscope');
		await removeContainer(e, `${prefix}commit`);
	});

	it('a change the engine refuses is its error, and no image is made', async () => {
		await runContainer(e, spec({command: 'true', name: `${prefix}commit2`}));
		const error = (await commitContainer(e, `${prefix}commit2`, {repo: image, tag: 'bad', changes: ['EXPOSE notaport'], pause: true}).catch((error_: unknown) => error_)) as EngineError;
		expect(error).toBeInstanceOf(EngineError);
		expect(error.message).toMatch(/notaport/);
		expect(imageExists(`${image}:bad`)).toBe(false);
		await removeContainer(e, `${prefix}commit2`, {force: true});
	});

	it('attached run: the terminal talks to the container, and its exit code comes back', async () => {
		const run = await runContainer(e, spec({command: 'sh', name: `${prefix}attach`, attach: true, removeOnExit: true}));
		const session = run.session!;
		expect(session.tty).toBe(true);
		await session.resize(100, 30);
		let output = '';
		session.output.on('data', (chunk: Buffer) => (output += chunk.toString()));
		session.input.write('stty size; echo hel""lo; exit 3\n');
		const end = await session.ended;
		expect(end).toEqual({reason: 'exited', exitCode: 3});
		expect(output).toContain('30 100');
		expect(output).toContain('hello');
		// --rm: the engine removed it.
		for (let i = 0; i < 50 && containersNamed().includes(`${prefix}attach`); i++) await sleep(100);
		expect(containersNamed()).not.toContain(`${prefix}attach`);
	});

	it('Ctrl+P Ctrl+Q detaches and leaves the container running; attach works again', async () => {
		const run = await runContainer(e, spec({command: 'sh', name: `${prefix}detach`, attach: true}));
		run.session!.input.write('\x10\x11');
		expect(await run.session!.ended).toEqual({reason: 'detached'});
		expect(inspect(`${prefix}detach`).State.Running).toBe(true);
		const again = await attachContainer(e, run.id);
		let output = '';
		again.output.on('data', (chunk: Buffer) => (output += chunk.toString()));
		again.input.write('echo again; exit 0\n');
		expect(await again.ended).toEqual({reason: 'exited', exitCode: 0});
		expect(output).toContain('again');
		await removeContainer(e, run.id);
	});
});

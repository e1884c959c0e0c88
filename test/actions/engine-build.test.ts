/**
 * Builds against the real engine: the context honours .dockerignore exactly
 * as `docker build` does (the CLI's build of the same directory is the
 * oracle), steps stream as events, the second build is served from cache,
 * and a broken Dockerfile or a failing RUN is an error that leaves no
 * containers behind.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {BuildEvent} from '../../source/actions/build-log.js';
import {parseBuildForm, type BuildForm} from '../../source/actions/build-spec.js';
import {BuildError, buildImage} from '../../source/engine/actions/build.js';
import {docker, engine, haveEngine, imageExists} from '../helpers/engine.js';

const repo = 'imgscope-test/actions-build';
const marker = `imgscope-actions-build-${process.pid}`;

function spec(form: BuildForm) {
	// RUN steps need no network here, and the bridge is missing on some machines.
	const parsed = parseBuildForm({network: 'none', ...form});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.spec;
}

function write(root: string, files: Record<string, string>) {
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(root, name)), {recursive: true});
		writeFileSync(path.join(root, name), content);
	}
}

function strayContainers(): string[] {
	return docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).split('\n').filter((c) => c.includes(marker));
}

describe.skipIf(!haveEngine)('build', () => {
	const e = engine();
	let dir = '';
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-actions-build-'));
		write(dir, {
			'ctx/Dockerfile': 'FROM fixture/base:1\nARG WHO=nobody\nRUN echo "hi $WHO" > /who.txt\nCOPY . /ctx/\nRUN busybox find /ctx | busybox sort > /list.txt\nLABEL imgscope.test=build\n',
			'ctx/.dockerignore': '# comment line\n*.log\nsecret/\n!secret/keep.txt\n**/tmp-*\nDockerfile\n/abs.txt\n',
			'ctx/a.txt': 'a',
			'ctx/abs.txt': 'gone',
			'ctx/b.log': 'log',
			'ctx/secret/x': 'x',
			'ctx/secret/keep.txt': 'keep',
			'ctx/sub/tmp-1': 't',
			'ctx/sub/deeper/tmp-2': 't',
			'ctx/sub/ok.txt': 'ok',
			'ctx/sub/deeper/c.log.txt': 'c',
			'bad/Dockerfile': 'FROM fixture/base:1\nBOGUS nothing\n',
			'fail/Dockerfile': `FROM fixture/base:1\nRUN echo ${marker} && exit 3\n`,
			'elsewhere.Dockerfile': 'FROM fixture/base:1\nCOPY a.txt /a.txt\n',
		});
	});
	afterAll(() => {
		for (const r of docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo]).split('\n').filter(Boolean)) docker(['rmi', '-f', r]);
		rmSync(dir, {recursive: true, force: true});
	});

	it('builds with tags and build args, streaming the steps; the context matches docker build', async () => {
		const events: BuildEvent[] = [];
		const result = await buildImage(e, spec({context: path.join(dir, 'ctx'), tags: `${repo}:1 ${repo}:2`, buildArgs: 'WHO=imgscope'}), {onEvent: (event) => events.push(event)});
		expect(result.imageId).toMatch(/^sha256:[a-f0-9]{64}$/);
		expect(docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:1`]).trim()).toBe(result.imageId);
		expect(docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:2`]).trim()).toBe(result.imageId);
		expect(result.state.steps.map((s) => s.instruction)).toEqual(['FROM fixture/base:1', 'ARG WHO=nobody', 'RUN echo "hi $WHO" > /who.txt', 'COPY . /ctx/', 'RUN busybox find /ctx | busybox sort > /list.txt', 'LABEL imgscope.test=build']);
		expect(result.state.steps.every((s) => s.total === 6)).toBe(true);
		expect(events.filter((ev) => ev.type === 'running').length).toBeGreaterThanOrEqual(2);
		expect(result.state.tags).toEqual([`${repo}:1`, `${repo}:2`]);
		expect(docker(['run', '--rm', '--network', 'none', `${repo}:1`, 'cat', '/who.txt']).trim()).toBe('hi imgscope');

		const ours = docker(['run', '--rm', '--network', 'none', `${repo}:1`, 'cat', '/list.txt']);
		docker(['build', '-q', '--network', 'none', '-t', `${repo}:cli`, path.join(dir, 'ctx')]);
		const theirs = docker(['run', '--rm', '--network', 'none', `${repo}:cli`, 'cat', '/list.txt']);
		expect(ours).toBe(theirs);
		// The Dockerfile is sent (the engine needs it) but, being ignored, the engine drops it from COPY.
		expect(ours.split('\n').filter(Boolean)).toEqual(['/ctx', '/ctx/.dockerignore', '/ctx/a.txt', '/ctx/secret', '/ctx/secret/keep.txt', '/ctx/sub', '/ctx/sub/deeper', '/ctx/sub/deeper/c.log.txt', '/ctx/sub/ok.txt']);
	});

	it('a second build is served from the cache, and gives the same image', async () => {
		const first = docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:1`]).trim();
		const result = await buildImage(e, spec({context: path.join(dir, 'ctx'), tags: [`${repo}:1`], buildArgs: ['WHO=imgscope']}));
		expect(result.imageId).toBe(first);
		// FROM is never "cached"; ARG, RUN, COPY, RUN and LABEL are.
		expect(result.state.steps.slice(1).map((s) => s.cached)).toEqual([true, true, true, true, true]);
		expect(result.state.steps.slice(1).every((s) => s.containerId === undefined)).toBe(true);
	});

	it('takes a Dockerfile from outside the context', async () => {
		const result = await buildImage(e, spec({context: path.join(dir, 'ctx'), dockerfile: path.join(dir, 'elsewhere.Dockerfile'), tags: `${repo}:elsewhere`}));
		expect(docker(['run', '--rm', '--network', 'none', result.imageId, 'cat', '/a.txt'])).toBe('a');
	});

	it('a Dockerfile error is an error with the engine message, and builds nothing', async () => {
		const error = (await buildImage(e, spec({context: path.join(dir, 'bad'), tags: `${repo}:bad`})).catch((error_: unknown) => error_)) as BuildError;
		expect(error).toBeInstanceOf(BuildError);
		expect(error.message).toMatch(/unknown instruction: BOGUS/);
		expect(imageExists(`${repo}:bad`)).toBe(false);
	});

	it('a failing RUN names its step and leaves no container behind', async () => {
		const events: BuildEvent[] = [];
		const error = (await buildImage(e, spec({context: path.join(dir, 'fail'), tags: `${repo}:fail`}), {onEvent: (event) => events.push(event)}).catch((error_: unknown) => error_)) as BuildError;
		expect(error).toBeInstanceOf(BuildError);
		expect(error.message).toMatch(/returned a non-zero code: 3/);
		expect(error.step).toBe(2);
		expect(error.state.error).toEqual({step: 2, message: error.message});
		expect(error.state.steps[1].output).toContain(marker);
		expect(events.at(-1)).toEqual({type: 'error', step: 2, message: error.message});
		expect(imageExists(`${repo}:fail`)).toBe(false);
		expect(strayContainers()).toEqual([]);
	});

	it('a context or Dockerfile that does not exist is an error before anything is sent', async () => {
		await expect(buildImage(e, spec({context: path.join(dir, 'nope')}))).rejects.toThrow(/invalid context: .*nope does not exist/);
		await expect(buildImage(e, spec({context: path.join(dir, 'ctx'), dockerfile: 'Nope.Dockerfile'}))).rejects.toThrow(/invalid Dockerfile: .*Nope.Dockerfile does not exist/);
	});
});

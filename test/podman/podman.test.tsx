/**
 * The same commands and the same explorer against Podman's Docker-compatible
 * socket: the endpoint is only a DOCKER_HOST away.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {App} from '../../source/ui/App.js';
import {keys, waitFor} from '../helpers/ink.js';

const socket = '/tmp/imgscope-podman.sock';
const host = `unix://${socket}`;
const havePodman = existsSync(socket);
if (!havePodman && process.env.IMGSCOPE_REQUIRE_PODMAN === '1') throw new Error(`IMGSCOPE_REQUIRE_PODMAN=1 but ${socket} is missing: run test/podman/fixtures.sh`);

const bin = new URL('../../bin/imgscope', import.meta.url).pathname;
const env = {...process.env, DOCKER_HOST: host};

function both(args: string[]): {ours: string; docker: string} {
	const ours = spawnSync('node', [bin, ...args], {encoding: 'utf8', env, timeout: 30_000});
	expect(ours.stderr).toBe('');
	return {ours: ours.stdout, docker: execFileSync('docker', args[0] === 'ls' ? ['image', ...args] : args, {encoding: 'utf8', env})};
}

describe.skipIf(!havePodman)('Podman as the engine (DOCKER_HOST=unix:///tmp/imgscope-podman.sock)', () => {
	it('ls, inspect --format and history print what the docker client prints against the same socket', () => {
		for (const args of [['ls'], ['inspect', '--format', '{{json .RootFS.Layers}} {{.Os}}', 'localhost/fixture/base:1'], ['inspect', 'localhost/fixture/base:1'], ['history', '--no-trunc', 'localhost/fixture/base:1']]) {
			const {ours, docker} = both(args);
			expect(ours, args.join(' ')).toBe(docker);
		}
	});

	it('the explorer lists the podman images and opens one', async () => {
		const engine = new Engine(resolveEndpoint({env: {DOCKER_HOST: host}}));
		const {lastFrame, stdin, unmount} = render(<App engine={engine} />);
		await waitFor(lastFrame, (f) => f.includes('localhost/fixture/base'), 10_000);
		expect(lastFrame()).toContain(host);
		stdin.write(keys.enter);
		const frame = await waitFor(lastFrame, (f) => f.includes('Image localhost/fixture/base:1') && f.includes('ADD file:'), 10_000);
		expect(frame).toMatch(/0\s+[0-9a-f]{12}\s+2MB/);
		unmount();
	});
});

/**
 * Issue 7: "Streams are closed on every exit path; nothing keeps the process
 * alive after quit." bin/imgscope ends with process.exit(), which would hide
 * a leak; so this checks the explorer itself, in process: once it quits, no
 * connection to the engine is left open (the events stream, a request for an
 * image being opened, the layer counts, a list reload), even when the engine
 * has stopped answering.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {App} from '../../source/ui/App.js';
import {haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';
import {suiteFaultProxy} from './support/proxy.js';

/** The list has come (a count above 0), whatever is on its first page: other suites add newer images. */
const listed = (f: string) => /Images \([1-9]\d*\)/.test(f);

async function until(predicate: () => boolean, timeout: number): Promise<boolean> {
	const start = Date.now();
	while (Date.now() - start < timeout) {
		if (predicate()) return true;
		await tick(20);
	}
	return predicate();
}

describe.skipIf(!haveEngine)('nothing is left open after quit', () => {
	const proxy = suiteFaultProxy();
	afterEach(() => proxy.cutConnections());

	const engine = () => new Engine(parseHost(proxy.url, '-H', {}));

	it('q closes the events stream', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		try {
			await waitFor(lastFrame, listed, 15_000);
			await until(() => proxy.seen.some((r) => r.startsWith('GET /events')), 3000);
			expect(proxy.openConnections(), 'the events stream is open while running').toBeGreaterThan(0);
			await tick(300);
			stdin.write('q');
			expect(await until(() => proxy.openConnections() === 0, 1000), `${proxy.openConnections()} connection(s) still open 1 s after q`).toBe(true);
		} finally {
			unmount();
		}
	});

	it('q while opening an image on an engine that stopped answering aborts the requests', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		try {
			await waitFor(lastFrame, listed, 15_000);
			await tick(500);
			proxy.mode = 'stall';
			proxy.only = /^\/images\/fixture/;
			stdin.write('/');
			await tick();
			stdin.write('fixture/base');
			stdin.write(keys.enter);
			await tick();
			stdin.write(keys.enter);
			await waitFor(lastFrame, (f) => f.includes('Loading fixture/base:1'), 5000);
			await tick(200);
			stdin.write('q');
			expect(await until(() => proxy.openConnections() === 0, 1000), `${proxy.openConnections()} connection(s) still open 1 s after q`).toBe(true);
		} finally {
			unmount();
		}
	});

	it('q while the layer counts hang aborts them', async () => {
		// The list comes; the per-image inspects that count layers (by id) never answer.
		proxy.mode = 'stall';
		proxy.only = /^\/images\/sha256/;
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		try {
			await waitFor(lastFrame, listed, 15_000);
			await until(() => proxy.seen.some((r) => r.startsWith('GET /images/sha256')), 3000);
			await tick(200);
			stdin.write('q');
			expect(await until(() => proxy.openConnections() === 0, 1000), `${proxy.openConnections()} connection(s) still open 1 s after q`).toBe(true);
		} finally {
			unmount();
		}
	});

	it('q while the first list hangs aborts it', async () => {
		proxy.mode = 'stall';
		proxy.only = /^\/(images|containers)\/json/;
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		try {
			await waitFor(lastFrame, (f) => f.includes('Loading images'), 5000);
			await until(() => proxy.seen.filter((r) => /\/(images|containers)\/json/.test(r)).length >= 2, 3000);
			await tick(200);
			stdin.write('q');
			expect(await until(() => proxy.openConnections() === 0, 1000), `${proxy.openConnections()} connection(s) still open 1 s after q`).toBe(true);
		} finally {
			unmount();
		}
	});

	it('unmounting (any other way out) closes everything as well', async () => {
		const {lastFrame, unmount} = render(<App engine={engine()} />);
		await waitFor(lastFrame, listed, 15_000);
		await tick(300);
		unmount();
		expect(await until(() => proxy.openConnections() === 0, 1000), `${proxy.openConnections()} connection(s) still open 1 s after unmount`).toBe(true);
	});
});

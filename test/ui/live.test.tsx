import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {App} from '../../source/ui/App.js';
import {docker, haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';
import {EngineProxy} from '../helpers/proxy.js';

/**
 * The explorer on `engine` (the real one unless given), its list filtered to `filter`.
 * Other images (a benchmark's tags) may fill the first page: it waits for the list, then filters.
 */
async function openFiltered(filter: string, engine = new Engine(resolveEndpoint())) {
	const app = render(<App engine={engine} />);
	await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f));
	await tick();
	app.stdin.write('/');
	await tick();
	app.stdin.write(filter);
	app.stdin.write(keys.enter);
	await tick();
	return app;
}

describe.skipIf(!haveEngine)('the explorer on the real engine', () => {
	afterAll(() => {
		for (const ref of ['fixture/live-probe:1', 'fixture/live-probe:2']) {
			try {
				docker(['rmi', ref]);
			} catch {}
		}
	});

	it('follows the engine: a tag made elsewhere appears, and the selection stays put', async () => {
		const {lastFrame, stdin, unmount} = await openFiltered('fixture/');
		// Sorted by name, the last row is fixture/zero-layer:1; the new tag lands above it, shifting it down.
		stdin.write('s');
		await tick();
		stdin.write('s');
		await waitFor(lastFrame, (f) => f.includes('sort: name'));
		stdin.write('G');
		await tick(50);
		docker(['tag', 'fixture/base:1', 'fixture/live-probe:1']);
		const frame = await waitFor(lastFrame, (f) => f.includes('fixture/live-probe'), 10_000);
		expect(frame).toMatch(/fixture\/live-probe\s+1/);
		// Enter opens what was selected before the list changed.
		stdin.write(keys.enter);
		await waitFor(lastFrame, (f) => f.includes('Image fixture/zero-layer:1'), 10_000);
		stdin.write(keys.escape);
		docker(['rmi', 'fixture/live-probe:1']);
		await waitFor(lastFrame, (f) => !f.includes('fixture/live-probe'), 10_000);
		unmount();
	});

	it('opens an image and reads its layers, history and inspect from the engine', async () => {
		const {lastFrame, stdin, unmount} = await openFiltered('zero-layer');
		stdin.write(keys.enter);
		const frame = await waitFor(lastFrame, (f) => f.includes('mkdir /emptydir') && !f.includes('reading the config'), 10_000);
		expect(frame).toMatch(/1\s+\w{12}\s+0B\s+1.98MB\s+\/bin\/sh -c mkdir \/emptydir/);
		stdin.write(keys.tab);
		await waitFor(lastFrame, (f) => f.includes('COMMENT'));
		stdin.write(keys.tab);
		await waitFor(lastFrame, (f) => f.includes('"RootFS"') || f.includes('"Id": "sha256:'));
		unmount();
	});

	it('shows a banner when the engine goes away and recovers when it comes back', async () => {
		const proxy = new EngineProxy();
		await proxy.start();
		const {lastFrame, stdin, unmount} = await openFiltered('fixture/', new Engine(resolveEndpoint({host: proxy.url, env: {}})));
		await waitFor(lastFrame, (f) => f.includes('fixture/base'));
		await proxy.stop();
		let frame = await waitFor(lastFrame, (f) => f.includes('Cannot connect'), 10_000);
		expect(frame).toContain(proxy.url);
		// What was on screen stays there.
		expect(frame).toContain('fixture/base');
		docker(['tag', 'fixture/base:1', 'fixture/live-probe:2']);
		await proxy.start();
		frame = await waitFor(lastFrame, (f) => !f.includes('Cannot connect') && f.includes('fixture/live-probe'), 15_000);
		expect(frame).toContain('fixture/base');
		unmount();
		await proxy.stop();
	});
});

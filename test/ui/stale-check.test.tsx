/**
 * `U`, the stale check (issue 14, item 5), on the real engine and registry:
 * a local image pushed to 127.0.0.1:5000 (so its RepoDigests name the
 * registry) is up to date; once another image is copied to the same tag in
 * the registry (skopeo: the engine untouched), the same key says the tag now
 * points at a different digest. Nothing is pulled: the local image keeps its
 * id. The tag and the repository are this test's own.
 */
import {execFileSync} from 'node:child_process';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import {docker, engine, haveEngine} from '../helpers/engine.js';
import {plainFrame, waitFor} from '../helpers/ink.js';
import {haveRegistries, plain} from '../registry/support.js';

const ref = `${plain}/imgscope-remote-ui/stale:1`;

describe.skipIf(!haveEngine || !haveRegistries)('the stale check of a local image', () => {
	let id: string;
	beforeAll(() => {
		docker(['tag', 'fixture/base:1', ref]);
		docker(['push', ref]);
		id = docker(['image', 'inspect', '--format', '{{.Id}}', ref]).trim();
	}, 120_000);
	afterAll(() => {
		try {
			docker(['rmi', ref]);
		} catch {}
	});

	it('says up to date, then stale once the registry tag moved; nothing pulled', async () => {
		const app = render(<App engine={engine()} initial={{view: 'image', image: {ref, id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}}} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('DIFF ID'), 15_000);
			app.stdin.write('U');
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(': up to date') || f.includes('different digest') || f.includes('could not ask'), 15_000));
			expect(frame).toContain(`${ref}: up to date`);
			execFileSync('skopeo', ['copy', '-q', '--dest-tls-verify=false', 'docker-daemon:fixture/app:1', `docker://${ref}`], {stdio: 'pipe'});
			app.stdin.write('U');
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes("stale: the registry's tag"), 15_000));
			// The notice is cut at the frame's width: its start says it.
			expect(frame).toContain(`${ref}: stale: the registry's tag now points at`);
			expect(docker(['image', 'inspect', '--format', '{{.Id}}', ref]).trim()).toBe(id);
		} finally {
			app.unmount();
		}
	}, 60_000);
});

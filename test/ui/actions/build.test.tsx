/**
 * `b` build from a context directory: the steps stream in, the second run
 * is served from the cache (marked, and the same image), the new image is
 * selected; a Dockerfile error and a missing directory give their messages
 * and leave nothing behind. RUN steps use network none.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../../helpers/engine.js';
import {exists, flat, inspect, keys, openApp, scoped, type Driven} from './helpers.js';

const {imagePrefix, cleanup} = scoped('build');
const image = `${imagePrefix}app:1`;

async function build(app: Driven, fields: {context: string; dockerfile?: string; tags?: string; args?: string}): Promise<void> {
	await app.write('b');
	await app.waitFor((f) => f.includes('Build an image'));
	// The context field starts as ".".
	await app.write(keys.ctrlU);
	await app.fill(fields.context, fields.dockerfile ?? '', fields.tags ?? '', fields.args ?? '', 'none');
	await app.write(keys.enter);
}

describe.skipIf(!haveEngine)('b: build an image', () => {
	let dir = '';
	const stamp = String(Date.now());
	beforeAll(() => {
		cleanup();
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-ui-build-'));
		mkdirSync(path.join(dir, 'app'));
		writeFileSync(path.join(dir, 'app', 'hello.txt'), `hello ${stamp}\n`);
		writeFileSync(path.join(dir, 'secret.txt'), 'must not be sent\n');
		writeFileSync(path.join(dir, '.dockerignore'), 'secret.txt\n');
		writeFileSync(
			path.join(dir, 'Dockerfile'),
			['FROM fixture/base:1', 'ARG GREETING=none', 'COPY . /ctx/', `RUN echo "$GREETING ${stamp}" > /greeting.txt && ls /ctx`, 'LABEL ui.actions=build', ''].join('\n'),
		);
		writeFileSync(path.join(dir, 'Broken.Dockerfile'), 'FROM fixture/base:1\nRUNN echo nope\n');
		writeFileSync(path.join(dir, 'Failing.Dockerfile'), 'FROM fixture/base:1\nRUN echo about to fail && exit 7\n');
	});
	afterAll(() => {
		cleanup();
		rmSync(dir, {recursive: true, force: true});
	});

	it('streams each step, shows the new image and selects it; a second run is served from the cache', async () => {
		const app = await openApp();
		try {
			await build(app, {context: dir, tags: image, args: 'GREETING=hi'});
			let done = await app.waitFor((f) => f.includes('✓ Built'), 120_000);
			// The view follows the end; g goes to the top.
			await app.write('g');
			expect(await app.waitFor((f) => f.includes('lines 1-'))).toContain('Step 1/5 : FROM fixture/base:1');
			await app.write('G');
			done = await app.waitFor((f) => f.includes('(following)'));
			expect(done).toContain(`Step 4/5 : RUN echo "$GREETING ${stamp}" > /greeting.txt && ls /ctx`);
			// What the RUN printed, under its step: the context minus .dockerignore.
			expect(done).toMatch(/^ {2}Dockerfile$/m);
			expect(done).toMatch(/^ {2}app$/m);
			expect(done).not.toContain('secret.txt');
			expect(done).not.toMatch(/Step 4\/5 .*cached/);
			expect(flat(done)).toMatch(/Built [0-9a-f]{12} as /);
			expect(flat(done)).toContain(` as ${image}; 0 of 5 steps from cache`);
			const first = inspect(image);
			expect(first.Config.Labels['ui.actions']).toBe('build');
			expect(docker(['run', '--rm', '--network', 'none', image, 'cat', '/greeting.txt'])).toBe(`hi ${stamp}\n`);
			// Closing shows the list with the new image selected (the filter is cleared to show it).
			await app.write(keys.escape);
			await app.waitFor((f) => f.includes('fixture/ui-actions-build-app') && !f.includes('✓ Built'));

			await build(app, {context: dir, tags: image, args: 'GREETING=hi'});
			done = await app.waitFor((f) => f.includes('✓ Built'), 120_000);
			expect(done).toMatch(/Step 3\/5 : COPY \. \/ctx\/\s+cached/);
			expect(done).toMatch(/Step 4\/5 : RUN .*\s+cached/);
			expect(flat(done)).toMatch(/; 4 of 5 steps from cache/);
			// The cache gave the same image.
			expect(inspect(image).Id).toBe(first.Id);
		} finally {
			app.unmount();
		}
	});

	it('a build that reuses an earlier build\'s cached steps marks them, and its Layers tab names that build and its FROM', async () => {
		// After the test above: app:1 is built. Another greeting misses the cache at the RUN (it reads the ARG), not before.
		const second = `${imagePrefix}app:2`;
		// A retry starts where a first try left off: without app:2 and its cached RUN (rmi takes its untagged parents).
		if (exists('image', second)) docker(['rmi', second]);
		const app = await openApp();
		try {
			await build(app, {context: dir, tags: second, args: 'GREETING=other'});
			const done = await app.waitFor((f) => f.includes('✓ Built'), 120_000);
			expect(done).toMatch(/Step 3\/5 : COPY \. \/ctx\/\s+cached/);
			expect(done).not.toMatch(/Step 4\/5 : RUN .*\s+cached/);
			expect(flat(done)).toMatch(/; 2 of 5 steps from cache/);
			await app.write(keys.escape);
			// The new image is selected once the list has it: Enter opens it on its Layers tab.
			await app.waitFor((f) => /ui-actions-build-app\s+2\s/.test(f) && !f.includes('✓ Built'));
			await app.write(keys.enter);
			await app.waitFor((f) => f.includes(`Image ${second}`), 15_000);
			// Layer 1 is its base's, layer 2 (COPY) came from app:1's cache.
			await app.waitFor((f) => f.includes('fixture/base:1 (FROM)'), 15_000);
			await app.write('j');
			const frame = await app.waitFor((f) => /also in 1 other image: fixture\/ui-actions-build-app:1 \(earlier build\)/.test(f), 15_000);
			expect(frame).toContain(second.replace(/^fixture\//, ''));
			// Its own RUN layer is in no other image.
			await app.write('j');
			await app.waitFor((f) => f.includes('no other local image holds this layer'));
		} finally {
			app.unmount();
		}
	});

	it('refuses a missing context directory and a bad tag next to their fields; nothing is built', async () => {
		const app = await openApp();
		try {
			await build(app, {context: path.join(dir, 'no-such-dir'), tags: `${imagePrefix}Bad:1`});
			let frame = await app.waitFor((f) => f.includes('✗ invalid reference'));
			expect(frame).toContain('Build an image');
			// The cursor is on the field with the problem.
			expect(frame).toMatch(/› Tags/);
			await app.write(keys.ctrlU);
			await app.write(`${imagePrefix}never:1`);
			await app.write(keys.enter);
			frame = await app.waitFor((f) => f.includes('✗ invalid context'));
			expect(flat(frame)).toContain(`invalid context: ${path.join(dir, 'no-such-dir')} is not a directory`);
			expect(exists('image', `${imagePrefix}never:1`)).toBe(false);
		} finally {
			app.unmount();
		}
	});

	it('a Dockerfile error and a failing RUN give their messages; no image is tagged, no container left', async () => {
		// Other tests make containers meanwhile: look for this build's own (its RUN's command).
		const leftover = () => docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).split('\n').filter((command) => command.includes('about to fail'));
		const app = await openApp();
		try {
			await build(app, {context: dir, dockerfile: 'Broken.Dockerfile', tags: `${imagePrefix}broken:1`});
			let frame = await app.waitFor((f) => f.includes('✗ '), 60_000);
			expect(flat(frame)).toMatch(/unknown instruction: RUNN/i);
			expect(exists('image', `${imagePrefix}broken:1`)).toBe(false);
			await app.write(keys.escape);
			await app.waitFor((f) => !f.includes('✗ '));

			await build(app, {context: dir, dockerfile: 'Failing.Dockerfile', tags: `${imagePrefix}failing:1`});
			frame = await app.waitFor((f) => f.includes('✗ '), 60_000);
			expect(flat(frame)).toMatch(/✗ step 2: .*returned a non-zero code: 7/);
			expect(frame).toContain('about to fail');
			expect(exists('image', `${imagePrefix}failing:1`)).toBe(false);
		} finally {
			app.unmount();
		}
		expect(leftover()).toEqual([]);
	});
});

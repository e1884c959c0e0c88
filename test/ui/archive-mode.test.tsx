/**
 * The explorer on an archive, with no engine reachable (the App's source is
 * an ArchiveEngine; DOCKER_HOST points at a socket that is not there): a
 * `docker save` tar and an OCI archive (skopeo) of fixture/app:1. The engine
 * is only used here to make the archives and to know the answers.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ArchiveEngine} from '../../source/engine/archive-engine.js';
import {loadImageDetail, type ImageDetail} from '../../source/engine/image-detail.js';
import {App} from '../../source/ui/App.js';
import {docker, engine, haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';

const REF = 'fixture/app:1';
const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');

let dir: string;
let fromEngine: ImageDetail;
let dockerSave: string;
let ociArchive: string;
let ociLayout: string;
let ociConfigId: string;
let savedHost: string | undefined;

beforeAll(async () => {
	if (!haveEngine) return;
	dir = mkdtempSync(path.join(tmpdir(), 'imgscope-archive-mode-'));
	dockerSave = path.join(dir, 'tmp.tar');
	ociArchive = path.join(dir, 'tmp-oci.tar');
	ociLayout = path.join(dir, 'layout');
	docker(['save', REF, '-o', dockerSave]);
	execFileSync('skopeo', ['copy', '-q', `docker-daemon:${REF}`, `oci-archive:${ociArchive}:${REF}`], {stdio: 'pipe'});
	mkdirSync(ociLayout);
	execFileSync('tar', ['xf', ociArchive, '-C', ociLayout]);
	// skopeo writes an OCI config: a different document, so another id than the engine's.
	const index = JSON.parse(readFileSync(path.join(ociLayout, 'index.json'), 'utf8'));
	const manifest = JSON.parse(readFileSync(path.join(ociLayout, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'));
	ociConfigId = manifest.config.digest;
	expect(createHash('sha256').update(readFileSync(path.join(ociLayout, 'blobs/sha256', ociConfigId.slice(7)))).digest('hex')).toBe(ociConfigId.slice(7));
	fromEngine = await loadImageDetail(engine(), REF);
	// From here on, nothing may reach an engine.
	savedHost = process.env.DOCKER_HOST;
	process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
}, 120_000);

afterAll(() => {
	if (savedHost === undefined) delete process.env.DOCKER_HOST;
	else process.env.DOCKER_HOST = savedHost;
	if (dir) rmSync(dir, {recursive: true, force: true});
});

const cases = [
	{name: 'a docker save tar', file: () => dockerSave, id: () => fromEngine.inspect.value.Id},
	{name: 'an OCI archive (skopeo)', file: () => ociArchive, id: () => ociConfigId},
	{name: 'an OCI layout directory', file: () => ociLayout, id: () => ociConfigId},
];

describe.skipIf(!haveEngine).each(cases)('the explorer on $name, no engine', ({file, id}) => {
	it('answers the list, inspect and history from the archive', async () => {
		const source = new ArchiveEngine(file());
		const [image] = await source.listImages();
		expect(image.Id).toBe(id());
		expect(image.RepoTags).toEqual([REF]);
		expect(image.Created).toBe(Math.floor(Date.parse(String(fromEngine.inspect.value.Created)) / 1000));
		expect(await source.listContainers()).toEqual([]);
		const inspect = await source.inspectImage(REF);
		const value = inspect.value;
		expect(Object.keys(value).slice(0, 6)).toEqual(['Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created']);
		expect(value.Id).toBe(id());
		expect(value.RootFS).toEqual(fromEngine.inspect.value.RootFS);
		expect(value.Config?.Env).toEqual(fromEngine.inspect.value.Config?.Env);
		expect(value.Config?.Cmd).toEqual(['echo ready']);
		expect(value.Architecture).toBe(fromEngine.inspect.value.Architecture);
		expect(value.Os).toBe('linux');
		expect(JSON.parse(inspect.raw)).toEqual(value);
		// By id, short id and tag alike.
		expect((await source.inspectImage(id().slice(7, 19))).value.Id).toBe(id());
		const history = await source.history(REF);
		expect(history.map((item) => item.CreatedBy)).toEqual(fromEngine.history.map((item) => item.CreatedBy));
		expect(history[0]).toMatchObject({Id: id(), Tags: [REF]});
		const detail = await loadImageDetail(source, REF);
		expect(detail.pairingSource).toBe('config');
		expect(detail.pairing.exact).toBe(true);
		expect(detail.pairing.layers.map((layer) => [layer.diffId, layer.step?.createdBy])).toEqual(fromEngine.pairing.layers.map((layer) => [layer.diffId, layer.step?.createdBy]));
		await expect(source.inspectImage('fixture/nope:1')).rejects.toThrow(/No such image/);
	});

	it('shows the list, Layers, Inspect and Files of the archive; actions say they are not available', async () => {
		const app = render(<App engine={new ArchiveEngine(file())} initial={{width: 120, height: 40}} />);
		const until = (predicate: (frame: string) => boolean, timeout = 20_000) => waitFor(() => plain(app.lastFrame() ?? ''), predicate, timeout);
		try {
			const shortId = id().slice(7, 19);
			let frame = await until((f) => /fixture\/app\s+1\s/.test(f) && /\s5\s*\S*\s*$/m.test(f.split('\n').find((line) => line.startsWith('fixture/app')) ?? ''));
			const row = frame.split('\n').find((line) => line.startsWith('fixture/app'))!;
			expect(row).toMatch(new RegExp(`^fixture/app\\s+1\\s+${shortId}\\s`));
			// LAYERS: the five diff_ids of RootFS.
			expect(row).toMatch(/\s5\s+\S*\s*$/);
			expect(frame).toContain(`archive ${file()}`);
			expect(frame).toContain('Images (1)');
			expect(frame).not.toContain('⚠');
			// The footer leaves out what needs a daemon.
			const footer = frame.trimEnd().split('\n').at(-1)!;
			expect(footer).toContain('enter open');
			expect(footer).not.toMatch(/t tag|r run|p push|2 containers|b build/);

			// An action key: the notice, not a form.
			app.stdin.write('t');
			frame = await until((f) => f.includes('not available when reading an archive'));
			expect(frame).not.toContain('New tag');
			app.stdin.write('2');
			frame = await until((f) => f.includes('containers: not available when reading an archive'));
			expect(frame).toContain('Images (1)');

			// Enter opens it on the Layers tab: the engine's steps and diff_ids.
			app.stdin.write(keys.enter);
			frame = await until((f) => f.includes('echo two > /app/one.txt'));
			expect(frame).toContain(`Image ${REF}  ${shortId}  5 layers`);
			for (const layer of fromEngine.pairing.layers) expect(frame).toContain(layer.diffId.slice(7, 19));
			expect(frame).toContain('echo one > /app/one.txt');
			app.stdin.write('p');
			frame = await until((f) => f.includes('push: not available when reading an archive'));

			// Inspect: the synthesised document.
			app.stdin.write(keys.tab);
			await tick();
			app.stdin.write(keys.tab);
			frame = await until((f) => f.includes('"Id": '));
			expect(frame).toContain(`"Id": "${id()}"`);
			expect(frame).toContain('"RepoTags": [');
			expect(frame).toContain('"Parent": ""');

			// Files: what the Dockerfile wrote, read from the archive.
			app.stdin.write(keys.tab);
			frame = await until((f) => f.includes('Layer 0 of 0–4'), 30_000);
			app.stdin.write(keys.escape);
			await until((f) => f.includes('Image '));
		} finally {
			app.unmount();
		}
	}, 60_000);

	it('pick mode: Enter writes the archive image\'s inspect output', async () => {
		let last: {pick?: {output?: string}} | undefined;
		const app = render(<App engine={new ArchiveEngine(file())} pick initial={{width: 120, height: 30}} onExit={(state) => (last = state)} />);
		try {
			await waitFor(() => plain(app.lastFrame() ?? ''), (f) => /fixture\/app\s+1\s/.test(f), 20_000);
			await tick();
			app.stdin.write(keys.enter);
			await waitFor(() => (last?.pick?.output === undefined ? '' : 'done'), (f) => f === 'done', 10_000);
			expect(JSON.parse(last!.pick!.output!)[0].Id).toBe(id());
		} finally {
			app.unmount();
		}
	});

	it('lists a file the Dockerfile creates in the Files tab', async () => {
		const source = new ArchiveEngine(file());
		const detail = await loadImageDetail(source, REF);
		// Layer 1: RUN mkdir -p /app/data && echo one > /app/one.txt
		const initial = {width: 120, height: 40, view: 'image' as const, image: {ref: REF, id: id(), tab: 'files' as const, cursor: {layers: 1, history: 0, inspect: 0}, detail, inspectLines: []}};
		const app = render(<App engine={source} controller={null} initial={initial} />);
		const cwd = process.cwd();
		try {
			const frame = await waitFor(() => plain(app.lastFrame() ?? ''), (f) => f.includes('one.txt'), 30_000);
			expect(frame).toContain('Layer 1 of 0–4');
			expect(frame).toMatch(/\+ +▾ app\//);
			expect(frame).toMatch(/\+ +one\.txt +4B/);
			// x extracts it from the archive (no engine to export it).
			const out = mkdtempSync(path.join(dir, 'out-'));
			process.chdir(out);
			app.stdin.write('/');
			await tick();
			app.stdin.write('one.txt');
			await tick();
			app.stdin.write(keys.enter);
			await waitFor(() => plain(app.lastFrame() ?? ''), (f) => f.includes('/app/one.txt · file'));
			app.stdin.write('x');
			await waitFor(() => plain(app.lastFrame() ?? ''), (f) => f.includes('Extract app/one.txt (4 bytes) from layer 1'));
			app.stdin.write(keys.enter);
			const done = await waitFor(() => plain(app.lastFrame() ?? ''), (f) => f.includes('✓ Extracted') || f.includes('✗'), 30_000);
			expect(done).toContain(`✓ Extracted app/one.txt from layer 1 to ${path.join(realpathSync(out), 'one.txt')} (4 bytes)`);
			expect(readFileSync(path.join(out, 'one.txt'), 'utf8')).toBe('one\n');
		} finally {
			process.chdir(cwd);
			app.unmount();
		}
	}, 60_000);
});

describe.skipIf(!haveEngine)('a broken archive', () => {
	it('fails once and is not read again until the file changes (the explorer retries every 2 s)', async () => {
		const broken = path.join(dir, 'broken.tar');
		const whole = readFileSync(dockerSave);
		writeFileSync(broken, whole.subarray(0, Math.floor(whole.length / 2)));
		const source = new ArchiveEngine(broken);
		const first = source.listImages();
		await expect(first).rejects.toThrow();
		// The same failure, not a new read of the file.
		const again = source.images();
		expect(source.images()).toBe(again);
		await expect(again).rejects.toThrow();
		expect(source.images()).toBe(again);
		// docker save finished writing it: read again, and it answers.
		writeFileSync(broken, whole);
		const images = await source.listImages();
		expect(images.flatMap((image) => image.RepoTags ?? [])).toContain(REF);
	});
});

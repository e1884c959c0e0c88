/**
 * The explorer on a registry (engine/registry-source.ts), through the same
 * App and list spec as the engine's images, against the real registry on
 * 127.0.0.1:5000 (test/registry/fixtures.sh): the tags as the list, an
 * image's Layers, History and Files read from the manifest, the config and
 * the blobs, the platform switched on a multi-platform index, the daemon's
 * actions refused with their reason. DOCKER_HOST points at a socket that is
 * not there: nothing can reach (or be written to) an engine.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {registryOnlyNotice} from '../../source/engine/image-source.js';
import {RegistrySource} from '../../source/engine/registry-source.js';
import {parseRemote} from '../../source/registry/remote-reference.js';
import {App} from '../../source/ui/App.js';
import {chooseMenuItem, keys, plainFrame, tick, waitFor} from '../helpers/ink.js';
import {haveRegistries, plain} from '../registry/support.js';

let savedHost: string | undefined;

async function registryJson(path: string, accept?: string): Promise<any> {
	const res = await fetch(`http://${plain}/v2/${path}`, {headers: accept ? {accept} : {}});
	expect(res.status).toBe(200);
	return res.json();
}

beforeAll(() => {
	savedHost = process.env.DOCKER_HOST;
	process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
});

afterAll(() => {
	if (savedHost === undefined) delete process.env.DOCKER_HOST;
	else process.env.DOCKER_HOST = savedHost;
});

describe.skipIf(!haveRegistries)('the explorer on a registry, no engine', () => {
	it('lists the tags, and answers inspect and history from the config', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/base`));
		try {
			const list = await source.listImages();
			const tags = list.flatMap((image) => image.RepoTags ?? []).sort();
			expect(tags).toEqual(['1', '2', '3', '4', '5'].map((t) => `${plain}/registry-test/base:${t}`));
			const manifest = await registryJson('registry-test/base/manifests/1', 'application/vnd.docker.distribution.manifest.v2+json');
			const config = await registryJson(`registry-test/base/blobs/${manifest.config.digest}`);
			const image = list.find((i) => i.RepoTags?.includes(`${plain}/registry-test/base:1`))!;
			expect(image.Id).toBe(manifest.config.digest);
			expect(image.Size).toBe(manifest.layers.reduce((n: number, l: {size: number}) => n + l.size, 0));
			expect(image.Created).toBe(Math.floor(Date.parse(config.created) / 1000));
			const inspect = (await source.inspectImage(image.Id)).value;
			expect(inspect.RootFS?.Layers).toEqual(config.rootfs.diff_ids);
			const history = await source.history(`${plain}/registry-test/base:1`);
			// The history API's shape: newest first, one entry per config step, empty_layer steps of size 0.
			expect(history.map((h) => h.CreatedBy)).toEqual(config.history.map((h: {created_by?: string}) => h.created_by ?? '').reverse());
			expect(await source.listContainers()).toEqual([]);
			await expect(source.exportImage()).rejects.toThrow(/no engine/);
		} finally {
			source.close();
		}
	});

	it('opens a tag: its Layers, History and Files, read from the registry; the daemon actions say why not', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/app`));
		const manifest = await registryJson('registry-test/app/manifests/1', 'application/vnd.docker.distribution.manifest.v2+json');
		const config = await registryJson(`registry-test/app/blobs/${manifest.config.digest}`);
		const app = render(<App engine={source} />);
		try {
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('registry-test/app') && f.includes('Images (1)'), 15_000));
			expect(frame.split('\n')[0]).toContain(`registry ${plain}/registry-test/app`);
			app.stdin.write('p');
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(registryOnlyNotice)));
			app.stdin.write(keys.enter);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('DIFF ID') && f.includes(config.rootfs.diff_ids[0].slice(7, 19)), 15_000));
			for (const diffId of config.rootfs.diff_ids as string[]) expect(frame).toContain(diffId.slice(7, 19));
			expect(frame).toContain('mkdir -p /app/data');
			app.stdin.write(keys.tab);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('CREATED BY') && !f.includes('DIFF ID')));
			app.stdin.write(keys.tab);
			app.stdin.write(keys.tab);
			// The Files tab streams the blobs (verified against their digests) and shows the first layer's tree.
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('busybox') && f.includes('changes:'), 30_000));
			expect(frame).toContain('bin/');
		} finally {
			app.unmount();
			source.close();
		}
	});

	it('switches the platform of a multi-platform index with O (a chooser), the open image and the title following it', async () => {
		const index = await registryJson('registry-test/multi/manifests/1', 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json');
		const entries = index.manifests.filter((m: {platform?: {os: string}}) => m.platform && m.platform.os !== 'unknown');
		expect(entries.length).toBeGreaterThan(1);
		const configIds: string[] = [];
		for (const entry of entries) configIds.push((await registryJson(`registry-test/multi/manifests/${entry.digest}`, entry.mediaType)).config.digest);
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/multi`));
		const ref = `${plain}/registry-test/multi:1`;
		const first = await source.resolve('1');
		const app = render(<App engine={source} initial={{view: 'image', image: {ref, id: first.manifest.config.digest, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}}} />);
		try {
			// This machine's platform first.
			expect(first.entry?.platformName).toBe('linux/amd64');
			await waitFor(app.lastFrame, (f) => f.includes('DIFF ID'), 15_000);
			expect(plainFrame(app.lastFrame() ?? '')).toContain(first.manifest.config.digest.slice(7, 19));
			expect(source.platforms()).toEqual(entries.map((e: {platform: {os: string; architecture: string; variant?: string}}) => [e.platform.os, e.platform.architecture, e.platform.variant].filter(Boolean).join('/')));
			// O lists the tag's platforms (with their sizes), the one shown marked; the second is picked.
			app.stdin.write('O');
			await waitFor(app.lastFrame, (f) => f.includes(`Platform of ${ref}`) && f.includes('• linux/amd64'), 15_000);
			await chooseMenuItem(app, /❯.*linux\/arm64/);
			const second = configIds.find((id) => id !== first.manifest.config.digest)!;
			const frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(second.slice(7, 19)) && f.includes('DIFF ID'), 15_000));
			expect(frame).toContain('platform linux/arm64/v8');
		} finally {
			app.unmount();
			source.close();
		}
	});

	it('the format box over a registry image says its sizes are the compressed ones until the layers are read', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/app`));
		const image = await source.resolve('1');
		const compressed = image.manifest.layers.reduce((n, l) => n + l.size, 0);
		const app = render(<App engine={source} initial={{view: 'image', image: {ref: image.reference.ref.reference, id: image.manifest.config.digest, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}}} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('DIFF ID'), 15_000);
			app.stdin.write('f');
			await waitFor(app.lastFrame, (f) => f.includes('format '));
			app.stdin.write('{{.Size}}');
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`\n${compressed}`)));
			expect(frame).toContain("registry image: .Size and .VirtualSize are compressed until the Files tab reads the layers");
			app.stdin.write(keys.enter);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('format: {{.Size}}')));
			expect(frame).toContain("# registry image: .Size and .VirtualSize are compressed until");
			expect(frame).toContain(String(compressed));
		} finally {
			app.unmount();
			source.close();
		}
	});

	it('R, then a reference, opens another remote repository on the image it names; a wrong one stays in the form', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/app`));
		const app = render(<App engine={source} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('Images (1)'), 15_000);
			app.stdin.write('R');
			await waitFor(app.lastFrame, (f) => f.includes('Open a remote repository'));
			app.stdin.write('Not A Reference');
			app.stdin.write(keys.enter);
			await waitFor(app.lastFrame, (f) => f.includes('invalid reference'));
			for (let i = 0; i < 15; i++) app.stdin.write(keys.backspace);
			app.stdin.write(`${plain}/registry-test/zstd:1`);
			app.stdin.write(keys.enter);
			const frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`Image ${plain}/registry-test/zstd:1`) && f.includes('DIFF ID'), 15_000));
			expect(frame).toContain('mkdir -p /app/data');
			app.stdin.write(keys.escape);
			expect(plainFrame(await waitFor(app.lastFrame, (f) => f.includes('Images (1)')))).toContain(`${plain}/registry-test/zstd`);
		} finally {
			app.unmount();
			source.close();
		}
	});

	it('6 shows the Tags list: the index with its platforms and type; Enter opens the tag', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/multi`));
		const app = render(<App engine={source} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('Images (1)'), 15_000);
			app.stdin.write('6');
			// 100 columns cut PLATFORMS short: the row's start on screen, the whole list from the same feed.
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('Tags (1)') && f.includes('oci index'), 15_000));
			expect(frame).toContain('linux/amd64, ');
			const [row] = await source.tagRows();
			expect(row.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
			expect(row.kind).toBe('index');
			app.stdin.write(keys.enter);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`Image ${plain}/registry-test/multi:1`) && f.includes('DIFF ID'), 15_000));
			expect(frame).toContain('5 layers');
		} finally {
			app.unmount();
			source.close();
		}
	});
});

/**
 * `P` on a registry source's tag (issue 14): the pull form filled with the
 * tag and the platform chosen with `O` (the chooser lists the index's
 * platforms with their sizes), the pull into the real engine with the
 * progress the local pull shows, then the engine's Images with the pulled
 * image in it. The repository is this test's own copy of the fixture index
 * (regtest-registry/pull-multi on 127.0.0.1:5000), deleted after, and the
 * pulled tag is removed.
 */
import {execFileSync} from 'node:child_process';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {RegistrySource} from '../../source/engine/registry-source.js';
import {parseRemote} from '../../source/registry/remote-reference.js';
import {App} from '../../source/ui/App.js';
import {docker, haveEngine, imageExists} from '../helpers/engine.js';
import {chooseMenuItem, keys, plainFrame, tick, waitFor} from '../helpers/ink.js';
import {haveRegistries, plain} from '../registry/support.js';

const repository = `${plain}/regtest-registry/pull-multi`;
const ref = `${repository}:1`;
const skopeo = (args: string[]) => execFileSync('skopeo', args, {stdio: 'pipe'}).toString();

async function manifestOf(path: string, accept: string): Promise<any> {
	const res = await fetch(`http://${plain}/v2/${path}`, {headers: {accept}});
	expect(res.status).toBe(200);
	return res.json();
}

describe.skipIf(!haveRegistries || !haveEngine)('P on a registry tag pulls it into the engine', () => {
	beforeAll(() => {
		skopeo(['copy', '-q', '--all', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${plain}/registry-test/multi:1`, `docker://${ref}`]);
		if (imageExists(ref)) docker(['rmi', ref]);
	}, 60_000);
	afterAll(() => {
		if (imageExists(ref)) docker(['rmi', ref]);
		skopeo(['delete', '--tls-verify=false', `docker://${ref}`]);
	});

	it('the platform chosen with O (sizes listed) is the one pulled; the local Images then show the image', async () => {
		const index = await manifestOf('regtest-registry/pull-multi/manifests/1', 'application/vnd.oci.image.index.v1+json');
		const arm = index.manifests.find((m: any) => m.platform?.architecture === 'arm64');
		const armManifest = await manifestOf(`regtest-registry/pull-multi/manifests/${arm.digest}`, arm.mediaType);
		const armSize = armManifest.config.size + armManifest.layers.reduce((n: number, l: {size: number}) => n + l.size, 0);
		const endpoint = resolveEndpoint({});
		const source = new RegistrySource(parseRemote(repository), {pullTo: {label: endpoint.url, engine: () => new Engine(endpoint)}});
		const first = await source.resolve('1');
		const app = render(<App engine={source} initial={{view: 'image', image: {ref, id: first.manifest.config.digest, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}}} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('DIFF ID') && f.includes('5 layers'), 15_000);
			app.stdin.write('O');
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`Platform of ${ref}`) && f.includes('linux/arm64/v8'), 15_000));
			// Each platform with its stored size (layers + config, compressed), the one shown marked.
			expect(frame).toMatch(/• linux\/amd64 +\S+ compressed \(layers \+ config\)/);
			const {imageSize} = await import('../../source/format/units.js');
			expect(frame).toContain(`linux/arm64/v8  ${imageSize(armSize)} compressed`);
			await chooseMenuItem(app, /❯.*linux\/arm64/);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('1 layer ') && f.includes('DIFF ID'), 15_000));
			app.stdin.write('P');
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`Pull an image into ${endpoint.url}`)));
			expect(frame).toMatch(new RegExp(`Reference +${ref.replace(/[.]/g, '\\.')}`));
			expect(frame).toMatch(/Platform +linux\/arm64\/v8/);
			app.stdin.write(keys.enter);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`✓ Pulled ${ref}`), 60_000));
			expect(frame).toContain(`Pull ${ref} (linux/arm64/v8) into ${endpoint.url}`);
			expect(frame).toContain('Status: Downloaded newer image');
			// The arm64 entry's image, not this machine's.
			const pulled = JSON.parse(docker(['image', 'inspect', ref]))[0];
			expect(pulled.Id).toBe(armManifest.config.digest);
			app.stdin.write(keys.escape);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('Images (') && f.includes('regtest-registry/pull-multi'), 15_000));
			expect(frame.split('\n')[0]).toContain(endpoint.url);
			expect(frame.split('\n')[0]).not.toContain('registry');
		} finally {
			app.unmount();
			source.close();
		}
	}, 120_000);

	it('compressed sizes say so; once the Files tab has read the layers, SIZE is docker\'s (the local copy of the same image)', async () => {
		const source = new RegistrySource(parseRemote(`${plain}/registry-test/app`));
		const image = await source.resolve('1');
		// fixture/app:1 is the image pushed there (test/registry/fixtures.sh): the same config, so the same id.
		const local = JSON.parse(docker(['image', 'inspect', 'fixture/app:1']))[0];
		expect(local.Id).toBe(image.manifest.config.digest);
		const {imageSize} = await import('../../source/format/units.js');
		const layerSizes = docker(['history', '--human=false', '--format', '{{.Size}}', 'fixture/app:1']).trim().split('\n').map(Number).filter((n) => n > 0);
		const app = render(<App engine={source} initial={{view: 'image', image: {ref: image.reference.ref.reference, id: image.manifest.config.digest, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}}} />);
		try {
			let frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('DIFF ID'), 15_000));
			const compressed = image.manifest.layers.reduce((n, l) => n + l.size, 0);
			expect(frame.split('\n')[0]).toContain(`${imageSize(compressed)} compressed`);
			const header = frame.split('\n').find((line) => line.includes('DIFF ID'))!;
			expect(header).toMatch(/COMPRESSED +SIZE +CUMULATIVE/);
			// Before the read: the compressed size in its column, SIZE unknown.
			const row0 = frame.split('\n').find((line) => /^ +0 /.test(line))!;
			expect(row0).toMatch(new RegExp(`${imageSize(image.manifest.layers[0].size).replace('.', '\\.')} +\\? +\\?`));
			expect(frame).toContain('SIZE (uncompressed, as docker shows it) once the Files tab has read the layers');
			app.stdin.write(keys.tab);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('CREATED BY') && !f.includes('DIFF ID')));
			expect(frame).toMatch(/COMPRESSED +COMMENT/);
			app.stdin.write(keys.tab);
			app.stdin.write(keys.tab);
			await waitFor(app.lastFrame, (f) => f.includes('changes:'), 30_000);
			app.stdin.write(keys.tab);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('DIFF ID') && !f.split('\n')[0].includes('compressed'), 15_000));
			expect(frame.split('\n')[0]).toContain(`5 layers  ${imageSize(local.Size)}  linux/amd64`);
			const rows = frame.split('\n').filter((line) => /^ +\d /.test(line));
			expect(rows).toHaveLength(layerSizes.length);
			// docker history lists newest first; the Layers tab oldest first.
			rows.forEach((line, i) => expect(line).toMatch(new RegExp(`${imageSize(image.manifest.layers[i].size).replace('.', '\\.')} +${imageSize(layerSizes[layerSizes.length - 1 - i]).replace('.', '\\.')} `)));
			app.stdin.write(keys.tab);
			frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes('CREATED BY') && !f.includes('DIFF ID')));
			expect(frame).toMatch(/ SIZE +COMMENT/);
		} finally {
			app.unmount();
			source.close();
		}
	}, 60_000);

	it('P on a row of the Tags list fills the form with that tag and the platform shown', async () => {
		// The first test's pull goes: Esc on the form must leave the engine without it.
		if (imageExists(ref)) docker(['rmi', ref]);
		const endpoint = resolveEndpoint({});
		const source = new RegistrySource(parseRemote(repository), {pullTo: {label: endpoint.url, engine: () => new Engine(endpoint)}});
		const app = render(<App engine={source} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('Images (1)'), 15_000);
			app.stdin.write('6');
			await waitFor(app.lastFrame, (f) => f.includes('Tags (1)') && f.includes('oci index'), 15_000);
			app.stdin.write('P');
			const frame = plainFrame(await waitFor(app.lastFrame, (f) => f.includes(`Pull an image into ${endpoint.url}`)));
			expect(frame).toMatch(new RegExp(`Reference +${ref.replace(/[.]/g, '\\.')}`));
			expect(frame).toMatch(/Platform +linux\/amd64/);
			app.stdin.write(keys.escape);
			await waitFor(app.lastFrame, (f) => f.includes('Tags (1)'));
			expect(imageExists(ref)).toBe(false);
		} finally {
			app.unmount();
			source.close();
		}
	});

	it('without an engine to pull into, P says so', async () => {
		const source = new RegistrySource(parseRemote(repository));
		const app = render(<App engine={source} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('Images (1)'), 15_000);
			app.stdin.write('P');
			expect(plainFrame(await waitFor(app.lastFrame, (f) => f.includes('no engine to pull into')))).toContain('no engine to pull into');
		} finally {
			app.unmount();
			source.close();
		}
	});
});

/**
 * `p` push and `P` pull against the local registry (127.0.0.1:5000), with
 * the per-layer progress view; then registries that fail (refused, silent)
 * and bad references. Checked through the registry's API and the engine.
 */
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../../helpers/engine.js';
import {listenSilently, type SilentServer} from '../../helpers/silent-server.js';
import {exists, flat, inspect, keys, openApp, scoped, selectImage, tick} from './helpers.js';

const {imagePrefix, cleanup, uniqueImage} = scoped('reg');

const registry = '127.0.0.1:5000';
const repo = `${imagePrefix}push`;
const tag = `t${Date.now()}`;
const remote = `${registry}/${repo}:${tag}`;

function curl(args: string[]): string {
	return execFileSync('curl', ['-fsS', '-m', '10', ...args], {encoding: 'utf8'});
}

function registryUp(): boolean {
	try {
		curl([`http://${registry}/v2/`]);
		return true;
	} catch {
		return false;
	}
}

const haveRegistry = haveEngine && registryUp();

describe.skipIf(!haveRegistry)('p push and P pull with the local registry', () => {
	let id = '';
	let digest = '';
	beforeAll(() => {
		cleanup();
		id = uniqueImage(`${repo}:1`, {megabytes: 8});
	});
	afterAll(() => {
		cleanup();
		// The pushed tag goes from the registry too (found by its tag, should the test have stopped before it knew the digest).
		try {
			const headers = curl(['-I', '-H', 'Accept: application/vnd.docker.distribution.manifest.v2+json', `http://${registry}/v2/${repo}/manifests/${tag}`]);
			const pushed = /docker-content-digest: (sha256:[a-f0-9]{64})/i.exec(headers)?.[1] ?? digest;
			if (pushed) curl(['-X', 'DELETE', `http://${registry}/v2/${repo}/manifests/${pushed}`]);
		} catch {}
	});

	it('refuses an invalid reference next to the field; nothing is tagged or sent', async () => {
		const app = await openApp();
		try {
			await selectImage(app, `${repo}:1`);
			await app.write('p');
			await app.waitFor((f) => f.includes('Push as') && f.includes(`${repo}:1`));
			await app.write(keys.ctrlU);
			await app.write(`${registry}/UPPER/Case:1`);
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('✗ invalid reference'));
			expect(flat(frame)).toMatch(/✗ invalid reference: repository name .* must be lowercase/);
			expect(docker(['image', 'inspect', '--format', '{{json .RepoTags}}', id]).trim()).toBe(JSON.stringify([`${repo}:1`]));
		} finally {
			app.unmount();
		}
	});

	it('pushes under a new name: tags it, shows each layer, ends with the digest; the registry lists the tag', async () => {
		const app = await openApp();
		try {
			await selectImage(app, `${repo}:1`);
			await app.write('p');
			await app.waitFor((f) => f.includes('Push as'));
			await app.write(keys.ctrlU);
			await app.write(remote);
			await app.write(keys.enter);
			const done = await app.waitFor((f) => f.includes('✓ Pushed'), 60_000);
			digest = /digest (sha256:[a-f0-9]{64})/.exec(flat(done))![1];
			expect(done).toContain(`Push ${remote}`);
			expect(done).toContain(`The push refers to repository [${registry}/${repo}]`);
			// One row per layer: the unique one uploaded, the base one already there or mounted.
			const rows = done.split('\n').filter((line) => /^[0-9a-f]{12}: /.test(line));
			expect(rows.length).toBe(2);
			expect(rows.some((row) => /: Pushed$/.test(row.trim()))).toBe(true);
			expect(rows.every((row) => /: (Pushed|Layer already exists|Mounted from .*)$/.test(row.trim()))).toBe(true);
			// 8 MB take long enough for the rows to show on the way (the bar and the bytes while pushing).
			expect(app.frames.some((f) => /[0-9a-f]{12}: Pushing \[=*>? *\] [\d.]+k?B\/[\d.]+MB/.test(f))).toBe(true);
			expect(JSON.parse(curl([`http://${registry}/v2/${repo}/tags/list`])).tags).toContain(tag);
			const headers = curl(['-I', '-H', 'Accept: application/vnd.docker.distribution.manifest.v2+json', `http://${registry}/v2/${repo}/manifests/${tag}`]);
			expect(headers.toLowerCase()).toContain(`docker-content-digest: ${digest}`);
			expect(inspect(remote).Id).toBe(id);
			await app.write(keys.escape);
			await app.waitFor((f) => !f.includes('Push as') && !f.includes('✓ Pushed'));
		} finally {
			app.unmount();
		}
	});

	it('pulls it back by reference: the same image and digest', async () => {
		// Gone entirely (both names), so its own layer is downloaded again.
		docker(['rmi', remote, `${repo}:1`]);
		expect(exists('image', id)).toBe(false);
		const app = await openApp();
		try {
			await app.write('P');
			await app.waitFor((f) => f.includes('Pull an image'));
			await app.write(remote);
			await app.write(keys.enter);
			const done = await app.waitFor((f) => f.includes('✓ Pulled'), 60_000);
			expect(done).toContain(`${tag}: Pulling from ${repo}`);
			expect(flat(done)).toContain(`digest ${digest}`);
			expect(done).toMatch(/[0-9a-f]{12}: Pull complete/);
			expect(done).toMatch(/[0-9a-f]{12}: Already exists/);
			const info = inspect(remote);
			expect(info.Id).toBe(id);
			expect(info.RepoDigests).toContain(`${registry}/${repo}@${digest}`);
			// Closing shows the list with the pulled image selected.
			await app.write(keys.escape);
			await app.waitFor((f) => f.includes(`${registry}/fixture/ui-act`) && !f.includes('Pulled'));
		} finally {
			app.unmount();
		}
	});

	it('a tag the registry does not have is an error in the view; nothing is left', async () => {
		const app = await openApp();
		try {
			await app.write('P');
			await app.waitFor((f) => f.includes('Pull an image'));
			await app.write(`${registry}/${repo}`);
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('✗ '), 30_000);
			expect(flat(frame)).toMatch(/manifest unknown|not found/i);
			expect(exists('image', `${registry}/${repo}:latest`)).toBe(false);
		} finally {
			app.unmount();
		}
	});
});

describe.skipIf(!haveEngine)('registries that fail', () => {
	let silent: SilentServer;
	beforeAll(async () => {
		cleanup();
		uniqueImage(`${imagePrefix}push-fail:1`);
		silent = await listenSilently();
	});
	afterAll(() => {
		silent.close();
		cleanup();
	});

	it('a registry that refuses connections: the error within seconds, and the tag made for the push is removed', async () => {
		const target = `127.0.0.1:5999/${imagePrefix}push-fail:1`;
		const app = await openApp();
		try {
			await selectImage(app, `${imagePrefix}push-fail:1`);
			await app.write('p');
			await app.waitFor((f) => f.includes('Push as'));
			await app.write(keys.ctrlU);
			await app.write(target);
			const started = Date.now();
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('✗ '), 30_000);
			expect(Date.now() - started).toBeLessThan(25_000);
			expect(flat(frame)).toMatch(/127\.0\.0\.1:5999.*connection refused/);
			expect(flat(frame)).toContain('the tag made for the push was removed');
			expect(exists('image', target)).toBe(false);
			expect(exists('image', `${imagePrefix}push-fail:1`)).toBe(true);
		} finally {
			app.unmount();
		}
	});

	it('a registry that never answers: Esc asks, any other key keeps waiting, y stops the pull', async () => {
		const app = await openApp();
		try {
			await app.write('P');
			await app.waitFor((f) => f.includes('Pull an image'));
			await app.write(`127.0.0.1:${silent.port}/${imagePrefix}silent:1`);
			await app.write(keys.enter);
			await app.waitFor((f) => f.includes('pulling…'));
			await app.write(keys.escape);
			await app.waitFor((f) => f.includes('Stop the pull? y stops it'));
			await app.write('n');
			await app.waitFor((f) => f.includes('pulling…') && !f.includes('Stop the pull?'));
			await app.write(keys.escape);
			await app.waitFor((f) => f.includes('Stop the pull?'));
			await app.write('y');
			await app.waitFor((f) => f.includes(`Pull of 127.0.0.1:${silent.port}/${imagePrefix}silent:1 stopped`));
			await tick(200);
			expect(exists('image', `127.0.0.1:${silent.port}/${imagePrefix}silent:1`)).toBe(false);
		} finally {
			app.unmount();
		}
	});
});

/**
 * Push and pull against the real engine and the local registry
 * (127.0.0.1:5000, started by .ci/run), plus registries that fail: one that
 * refuses connections, one that never answers, one that refuses the login.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {TransferProgress} from '../../source/actions/progress.js';
import {pullImage, pushImage} from '../../source/engine/actions/transfer.js';
import {EngineError} from '../../source/engine/errors.js';
import {docker, engine, haveEngine, imageExists} from '../helpers/engine.js';
import {listenSilently, type SilentServer} from '../helpers/silent-server.js';

const registry = '127.0.0.1:5000';
const repo = 'imgscope-test/actions-push';
const tag = `t${Date.now()}`;
const ref = `${registry}/${repo}:${tag}`;
const container = 'imgscope-actions-push-src';

function registryUp(): boolean {
	try {
		execFileSync('curl', ['-fs', '-m', '2', `http://${registry}/v2/`]);
		return true;
	} catch {
		return false;
	}
}

function curl(args: string[]): string {
	return execFileSync('curl', ['-fsS', '-m', '10', ...args], {encoding: 'utf8'});
}

function localRefs(): string[] {
	return docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter((r) => r.includes('imgscope-test/actions-push') || r.includes('imgscope-test/actions-pull'));
}

const haveRegistry = haveEngine && registryUp();

describe.skipIf(!haveRegistry)('push and pull with the local registry', () => {
	const e = engine();
	let digest = '';
	beforeAll(() => {
		// A layer of its own (a unique file), so the push really uploads something.
		docker(['rm', '-f', container]);
		docker(['run', '--network', 'none', '--name', container, 'fixture/base:1', 'sh', '-c', `echo ${tag} > /unique.txt`]);
		docker(['commit', container, ref]);
		docker(['rm', container]);
	});
	afterAll(() => {
		for (const r of localRefs()) docker(['rmi', '-f', r]);
		if (digest) {
			try {
				curl(['-X', 'DELETE', `http://${registry}/v2/${repo}/manifests/${digest}`]);
			} catch {}
		}
	});

	it('pushes with per-layer progress; the registry lists the tag under the reported digest', async () => {
		const states: TransferProgress[] = [];
		const result = await pushImage(e, ref, {onProgress: (state) => states.push(state)});
		digest = result.digest!;
		expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
		expect(result.reference).toBe(ref);
		const seen = new Set(states.flatMap((s) => s.layers.map((l) => l.status)));
		expect(seen.has('Preparing')).toBe(true);
		expect(seen.has('Pushed')).toBe(true);
		expect(result.progress.layers.length).toBe(2);
		expect(result.progress.layers.every((l) => l.done)).toBe(true);
		expect(states.some((s) => s.layers.some((l) => l.status === 'Pushing' && (l.total ?? 0) > 0))).toBe(true);
		expect(result.progress.messages[0]).toBe(`The push refers to repository [${registry}/${repo}]`);

		expect(JSON.parse(curl([`http://${registry}/v2/${repo}/tags/list`])).tags).toContain(tag);
		const headers = curl(['-I', '-H', 'Accept: application/vnd.docker.distribution.manifest.v2+json', `http://${registry}/v2/${repo}/manifests/${tag}`]);
		expect(headers.toLowerCase()).toContain(`docker-content-digest: ${digest}`);
	});

	it('a second push finds every layer already there', async () => {
		const result = await pushImage(e, ref);
		expect(result.digest).toBe(digest);
		expect(result.progress.layers.map((l) => l.status)).toEqual(['Layer already exists', 'Layer already exists']);
	});

	it('pulls it back: the same digest, recorded in the image', async () => {
		docker(['rmi', ref]);
		expect(imageExists(ref)).toBe(false);
		const states: TransferProgress[] = [];
		const result = await pullImage(e, ref, {onProgress: (state) => states.push(state)});
		expect(result.digest).toBe(digest);
		const info = JSON.parse(docker(['image', 'inspect', ref]))[0];
		expect(info.Id).toBe(result.imageId);
		expect(info.RepoDigests).toContain(`${registry}/${repo}@${digest}`);
		expect(result.progress.messages).toContain(`${tag}: Pulling from ${repo}`);
		// Every layer is local already (the base, and the pushed one under its old ID).
		expect(result.progress.layers.every((l) => l.status === 'Already exists' || l.status === 'Pull complete')).toBe(true);
	});

	it('pulls by digest, and fills in latest where no tag is given', async () => {
		const byDigest = await pullImage(e, `${registry}/${repo}@${digest}`);
		expect(byDigest.digest).toBe(digest);
		const noTag = (await pullImage(e, `${registry}/${repo}`).catch((error: unknown) => error)) as EngineError;
		expect(noTag).toBeInstanceOf(EngineError);
		expect(noTag.message).toMatch(/manifest unknown|not found/i);
		expect(localRefs()).not.toContain(`${registry}/${repo}:latest`);
	});
});

describe.skipIf(!haveEngine)('registries that fail', () => {
	const e = engine();
	const bad = 'imgscope-test/actions-pull';
	let silent: SilentServer;
	beforeAll(async () => {
		silent = await listenSilently();
	});
	afterAll(() => {
		silent.close();
		for (const r of localRefs()) docker(['rmi', '-f', r]);
	});

	it('a registry that refuses connections is an error within seconds (push and pull)', async () => {
		docker(['tag', 'fixture/base:1', `127.0.0.1:5999/${bad}:1`]);
		const started = Date.now();
		const push = (await pushImage(e, `127.0.0.1:5999/${bad}:1`).catch((error: unknown) => error)) as EngineError;
		expect(push).toBeInstanceOf(EngineError);
		expect(push.message).toMatch(/127\.0\.0\.1:5999.*connection refused/);
		const pull = (await pullImage(e, `127.0.0.1:5999/${bad}:2`).catch((error: unknown) => error)) as EngineError;
		expect(pull.message).toMatch(/127\.0\.0\.1:5999.*connection refused/);
		expect(Date.now() - started).toBeLessThan(20_000);
		expect(imageExists(`127.0.0.1:5999/${bad}:2`)).toBe(false);
		docker(['rmi', `127.0.0.1:5999/${bad}:1`]);
	});

	it('a registry that never answers is cut off by the idle timeout', async () => {
		const started = Date.now();
		const error = (await pullImage(e, `127.0.0.1:${silent.port}/${bad}:1`, {idleMs: 2000}).catch((error_: unknown) => error_)) as EngineError;
		expect(error).toBeInstanceOf(EngineError);
		expect(error.kind).toBe('timeout');
		expect(error.message).toMatch(/no answer for 2 s/);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('a cancelled pull is "aborted"', async () => {
		const abort = new AbortController();
		setTimeout(() => abort.abort(), 300);
		const error = (await pullImage(e, `127.0.0.1:${silent.port}/${bad}:1`, {signal: abort.signal}).catch((error_: unknown) => error_)) as EngineError;
		expect(error.kind).toBe('aborted');
	});

	it('a refused login is an error, and the credentials reach the registry as docker sends them', async () => {
		const seen: string[] = [];
		const server = http.createServer((request, response) => {
			seen.push(request.headers.authorization ?? '');
			response.writeHead(401, {'WWW-Authenticate': 'Basic realm="imgscope-test"', 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Type': 'application/json'});
			response.end(JSON.stringify({errors: [{code: 'UNAUTHORIZED', message: 'authentication required'}]}));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as net.AddressInfo).port;
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-actions-cfg-'));
		try {
			writeFileSync(path.join(dir, 'config.json'), JSON.stringify({auths: {[`127.0.0.1:${port}`]: {auth: Buffer.from('alice:s3cret').toString('base64')}}}));
			const error = (await pullImage(e, `127.0.0.1:${port}/${bad}:1`, {env: {...process.env, DOCKER_CONFIG: dir}}).catch((error_: unknown) => error_)) as EngineError;
			expect(error).toBeInstanceOf(EngineError);
			expect(error.message).toMatch(/unauthorized|authentication required/i);
			expect(seen).toContain(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
		} finally {
			server.close();
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('an invalid reference is refused before anything is sent', async () => {
		await expect(pushImage(e, '127.0.0.1:5000/UPPER/case:1')).rejects.toThrow(/invalid reference: repository name .* must be lowercase/);
		await expect(pushImage(e, `127.0.0.1:5000/x@sha256:${'a'.repeat(64)}`)).rejects.toThrow(/invalid reference: .*digest/);
		await expect(pullImage(e, 'bad::tag')).rejects.toThrow(/invalid reference/);
	});
});



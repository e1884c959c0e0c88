/**
 * Build cache records on a private dockerd (never the machine's shared
 * engine: these tests prune the cache). The docker CLI here has no buildx, so
 * its `docker build` is the legacy builder, which keeps no cache records; the
 * 20.10 daemon builds with BuildKit through the API without a session when
 * the context is the request body (POST /build?version=2). Its RUN steps run
 * with no network (networkmode=none: the private dockerd has no bridge).
 *
 * Two builds share their first RUN step (so its record is SHARED with both
 * images, and the second build reuses it); `holdBuild` leaves a build running
 * on a `sleep`, so that some records are IN USE (and one has never been used:
 * no LastUsedAt) until it is let go.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type {PrivateDaemon} from '../../hardening/support/daemon.js';
import {BASE} from './populate.js';

const dd = (file: string, kb: number): string => `RUN mkdir -p /d && dd if=/dev/zero of=/d/${file} bs=1024 count=${kb} 2>/dev/null`;

/** The Dockerfiles: `bc/one` and `bc/two` share their first RUN step. */
export const CACHE_BUILDS: Record<string, string> = {
	'bc/one:1': `FROM ${BASE}\n${dd('shared', 100)}\n${dd('one', 50)}\nCOPY note.txt /note.txt\nLABEL imgscope.test=df-cache\n`,
	'bc/two:1': `FROM ${BASE}\n${dd('shared', 100)}\n${dd('two', 20)}\nLABEL imgscope.test=df-cache\n`,
};

/** The build context as a tar: a Dockerfile and one small file. */
function contextTar(dockerfile: string): Buffer {
	const dir = mkdtempSync('/tmp/imgscope-df-bk-');
	try {
		writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
		writeFileSync(path.join(dir, 'note.txt'), 'copied by a BuildKit build\n');
		return execFileSync('tar', ['-C', dir, '-cf', '-', '.'], {maxBuffer: 1 << 24});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** POST /build?version=2: a BuildKit build; resolves when it ends, rejects with the engine's error. `signal` cancels it (the connection closes). */
export function buildKit(daemon: PrivateDaemon, tag: string, dockerfile: string, signal?: AbortSignal): Promise<void> {
	const body = contextTar(dockerfile);
	const query = new URLSearchParams({version: '2', networkmode: 'none', t: tag});
	return new Promise((resolve, reject) => {
		const req = http.request({socketPath: daemon.socketPath, method: 'POST', path: `/v1.41/build?${query}`, headers: {'Content-Type': 'application/x-tar', 'Content-Length': body.length}, agent: false, signal}, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => {
				const error = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as {error?: string}).find((m) => m.error);
				if (res.statusCode !== 200 || error) reject(new Error(`BuildKit build of ${tag} failed (${res.statusCode}): ${error?.error ?? text.slice(0, 500)}`));
				else resolve();
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** The records as the engine answers them (GET /system/df). */
export function cacheRecords(daemon: PrivateDaemon): {ID: string; InUse: boolean; Shared: boolean; Size: number; Description: string; LastUsedAt: string | null}[] {
	const out = execFileSync('curl', ['-sf', '--unix-socket', daemon.socketPath, 'http://x/v1.41/system/df'], {encoding: 'utf8', maxBuffer: 1 << 26});
	return (JSON.parse(out) as {BuildCache: null | ReturnType<typeof cacheRecords>}).BuildCache ?? [];
}

/** Both builds: records of several steps, the first RUN step shared by both. */
export async function populateBuildCache(daemon: PrivateDaemon): Promise<void> {
	for (const [tag, dockerfile] of Object.entries(CACHE_BUILDS)) {
		// Images are listed newest first by their Created second, and two of one second come in either order (in
		// docker's output as in ours): each build starts in a second of its own.
		await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
		await buildKit(daemon, tag, dockerfile);
	}
}

/**
 * A build left running on its last step (`sleep`) until the returned function
 * lets it go: its records are in use meanwhile. Resolves once the engine
 * lists a record in use.
 */
export async function holdBuild(daemon: PrivateDaemon): Promise<() => Promise<void>> {
	const abort = new AbortController();
	const build = buildKit(daemon, 'bc/held:1', `FROM ${BASE}\n${dd('shared', 100)}\nRUN dd if=/dev/zero of=/d/held bs=1024 count=30 2>/dev/null && sleep 3600\n`, abort.signal).catch(() => undefined);
	for (let i = 0; i < 200 && !cacheRecords(daemon).some((r) => r.InUse && r.LastUsedAt === null && r.Description.includes('sleep 3600')); i++) await new Promise((resolve) => setTimeout(resolve, 100));
	if (!cacheRecords(daemon).some((r) => r.InUse)) throw new Error('the held BuildKit build shows no record in use');
	return async () => {
		abort.abort();
		await build;
		// The cancelled step's records are released when BuildKit notices: wait for none in use.
		for (let i = 0; i < 100 && cacheRecords(daemon).some((r) => r.InUse); i++) await new Promise((resolve) => setTimeout(resolve, 100));
	};
}

/**
 * Engine tests talk to the real dockerd. Where none answers they skip, except
 * under IMGSCOPE_REQUIRE_ENGINE=1 (CI), where they fail.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';

export const requireEngine = process.env.IMGSCOPE_REQUIRE_ENGINE === '1';

let cached: boolean | undefined;

export function engineAvailable(): boolean {
	if (cached === undefined) {
		try {
			execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], {stdio: 'pipe', timeout: 10_000});
			cached = true;
		} catch {
			cached = false;
		}
	}
	if (!cached && requireEngine) {
		throw new Error('IMGSCOPE_REQUIRE_ENGINE=1 but no Docker engine answers: start dockerd (see .ci/run)');
	}
	return cached;
}

/** For `describe.skipIf(!haveEngine)`: throws under IMGSCOPE_REQUIRE_ENGINE=1 when there is no engine. */
export const haveEngine = engineAvailable();

export function engine(): Engine {
	return new Engine(resolveEndpoint());
}

export function docker(args: string[], input?: string): string {
	return execFileSync('docker', args, {encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, DOCKER_BUILDKIT: '0'}});
}

export function imageExists(ref: string): boolean {
	try {
		docker(['image', 'inspect', ref]);
		return true;
	} catch {
		return false;
	}
}

/**
 * An image built here with the legacy builder from a context that `write` fills (in a fresh temporary
 * folder, `work/ctx`); `remove` deletes the image and the folder, whatever is left of them.
 */
export function buildImage(tag: string, write: (ctx: string, work: string) => void): {work: string; remove(): void} {
	const work = mkdtempSync(path.join(tmpdir(), 'imgscope-built-'));
	const ctx = path.join(work, 'ctx');
	mkdirSync(ctx);
	write(ctx, work);
	execFileSync('docker', ['build', '-q', '-t', tag, ctx], {env: {...process.env, DOCKER_BUILDKIT: '0'}, stdio: ['ignore', 'ignore', 'pipe']});
	return {
		work,
		remove() {
			try {
				execFileSync('docker', ['rmi', '-f', tag], {stdio: 'ignore'});
			} catch {
				// already gone
			}
			rmSync(work, {recursive: true, force: true});
		},
	};
}

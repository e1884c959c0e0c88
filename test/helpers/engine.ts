/**
 * Engine tests talk to the real dockerd. Where none answers they skip, except
 * under IMGSCOPE_REQUIRE_ENGINE=1 (CI), where they fail.
 */
import {execFileSync} from 'node:child_process';
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

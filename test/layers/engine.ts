/**
 * Whether the engine tests can run. When IMGSCOPE_REQUIRE_ENGINE=1 a missing
 * engine is a failure, not a skip (CI must not go green without the engine).
 * (A shared test/helpers/engine.ts is planned; this stays local to keep to
 * the files this work owns.)
 */
import {execFileSync} from 'node:child_process';
import {describe, it} from 'vitest';

export function engineReachable(): boolean {
	try {
		execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], {stdio: 'pipe', timeout: 10_000});
		return true;
	} catch {
		return false;
	}
}

export const requireEngine = process.env.IMGSCOPE_REQUIRE_ENGINE === '1';

/** describe() when the engine answers; otherwise a failing test (required) or a skipped suite. */
export function describeWithEngine(name: string, body: () => void): void {
	if (engineReachable()) {
		describe(name, body);
		return;
	}
	if (requireEngine) {
		describe(name, () => {
			it('needs a reachable docker engine (IMGSCOPE_REQUIRE_ENGINE=1)', () => {
				throw new Error('docker is not reachable but IMGSCOPE_REQUIRE_ENGINE=1');
			});
		});
		return;
	}
	describe.skip(name, body);
}

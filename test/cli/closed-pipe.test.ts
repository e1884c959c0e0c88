import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';

const bin = new URL('../../bin/imgscope', import.meta.url).pathname;

describe.skipIf(!haveEngine)('a reader that closes the pipe early', () => {
	it('ends imgscope quietly: no EPIPE stack trace on stderr', () => {
		for (const command of [`node ${bin} ls | head -1`, `node ${bin} inspect fixture/app:1 fixture/base:1 | head -c 5`]) {
			const result = spawnSync('bash', ['-o', 'pipefail', '-c', `${command} >/dev/null`], {encoding: 'utf8', timeout: 30_000});
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
		}
	});
});

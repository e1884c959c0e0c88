// df, builder du and the prune commands when the engine fails: docker's words
// for the daemon's error, exit status 1, nothing on stdout but what docker
// would print, no stack. Through a fault proxy in front of the machine's
// engine: df only reads; the prune requests are answered by the proxy itself
// and never reach the engine.
import {describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {hasStackTrace, runCli} from '../helpers/cli.js';
import {suiteFaultProxy} from '../hardening/support/proxy.js';

describe.skipIf(!haveEngine)('disk use and prune when the engine fails', () => {
	const proxy = suiteFaultProxy();
	const env = {IMGSCOPE_TIMEOUT_MS: '1500'};

	it('df: the daemon\'s refusal in docker\'s words (a 20.10 daemon runs one disk usage at a time)', async () => {
		proxy.mode = 'error';
		proxy.only = /\/system\/df/;
		proxy.errorMessage = 'a disk usage operation is already running';
		for (const args of [['df'], ['df', '-v'], ['system', 'df', '--format', 'json'], ['builder', 'du']]) {
			const r = await runCli(['-H', proxy.url, ...args], {env});
			expect(r.code, r.stderr).toBe(1);
			expect(r.stdout).toBe('');
			expect(r.stderr).toBe('Error response from daemon: a disk usage operation is already running\n');
		}
	});

	it('df: an answer that is not JSON, or none in time, is said so, with the engine named', async () => {
		proxy.only = /\/system\/df/;
		for (const mode of ['garbage', 'stall', 'drop'] as const) {
			proxy.mode = mode;
			const r = await runCli(['-H', proxy.url, 'df'], {env, timeout: 30_000});
			expect(r.timedOut, `${mode}: imgscope hung`).toBe(false);
			expect(r.code, `${mode}: ${r.stderr}`).toBe(1);
			expect(r.stdout).toBe('');
			expect(hasStackTrace(r.stderr)).toBe(false);
			expect(r.stderr).toContain(proxy.url);
		}
	}, 120_000);

	it('prune: the daemon\'s error after the question was answered yes; nothing sent when it was not', async () => {
		proxy.mode = 'error';
		proxy.only = /\/prune/;
		proxy.errorMessage = 'a prune operation is already running';
		for (const args of [['image', 'prune', '-f'], ['container', 'prune', '-f'], ['builder', 'prune', '-f', '--filter', 'until=24h']]) {
			const r = await runCli(['-H', proxy.url, ...args], {env});
			expect(r.code, r.stderr).toBe(1);
			expect(r.stdout).toBe('');
			expect(r.stderr).toBe('Error response from daemon: a prune operation is already running\n');
		}
		const before = proxy.seen.length;
		// stdin is /dev/null for runCli: no answer is a no.
		const r = await runCli(['-H', proxy.url, 'image', 'prune'], {env});
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ');
		expect(proxy.seen.slice(before).filter((s) => s.includes('prune'))).toEqual([]);
	});
});

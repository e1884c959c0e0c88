/**
 * A slow registry, in a real terminal: `check` on a remote image shows its
 * progress on stderr (the layer and the bytes read) and Ctrl+C stops it at
 * once (exit status 130, the line cleared, no stack trace).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bin} from '../helpers/cli.js';
import {RegistryFront} from '../helpers/registry-front.js';
import {Terminal} from '../helpers/tmux.js';
import {haveRegistries} from './support.js';

describe.skipIf(!haveRegistries)('a slow registry', () => {
	const front = new RegistryFront();
	beforeAll(async () => {
		await front.start();
		front.fault = 'slow-blobs';
	});
	afterAll(() => front.stop());

	it('shows progress and is cancelled by Ctrl+C', async () => {
		const term = new Terminal(`node ${bin} check ${front.host}/registry-test/app:1`, 100, 10);
		try {
			const screen = await term.waitFor((s) => /reading .*registry-test\/app:1: layer 1 of 5, [\d.]+kB of [\d.]+MB read/.test(s), 20_000, 'no progress line');
			expect(screen).toContain('layer 1 of 5');
			term.keys('C-c');
			const end = await term.waitFor((s) => s.includes('[exit 130]'), 10_000, 'Ctrl+C did not stop it');
			expect(end).not.toMatch(/reading|Error|at /);
		} finally {
			term.close();
		}
	}, 40_000);
});

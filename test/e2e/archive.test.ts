/**
 * `imgscope --archive x.tar` in a real terminal with no engine reachable
 * (DOCKER_HOST names a socket that is not there): the list, an image's
 * layers, its files, and an action that needs a daemon.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));

describe.skipIf(!haveEngine)('imgscope --archive in a real terminal, no engine', () => {
	let dir: string;
	let tar: string;
	let id: string;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-e2e-archive-'));
		tar = path.join(dir, 'x.tar');
		docker(['save', 'fixture/app:1', '-o', tar]);
		id = docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1']).trim();
	}, 60_000);
	afterAll(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('lists the archive, opens the image, shows its files; actions say they need an engine', async () => {
		const term = new Terminal(`node ${bin} --archive ${tar}`, 110, 30, {DOCKER_HOST: 'unix:///nonexistent', NO_COLOR: '1'});
		try {
			// LAYERS: 5, once the archive's inspect document is counted.
			let screen = await term.waitFor((s) => /fixture\/app +1 .* 5 +\d+\s*$/m.test(s), 20_000);
			expect(screen).toMatch(new RegExp(`fixture/app +1 +${id.slice(7, 19)} .* 5 +\\d+\\s*$`, 'm'));
			expect(screen).toContain(`archive ${tar}`);
			expect(screen).not.toContain('⚠');
			term.keys('r');
			screen = await term.waitFor((s) => s.includes('run: not available when reading an archive'));
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('echo two > /app/one.txt'), 20_000);
			expect(screen).toContain('5 layers');
			term.keys('j');
			await term.waitFor((s) => /layer 1 {2}sha256:/.test(s));
			term.keys('Tab', 'Tab', 'Tab');
			screen = await term.waitFor((s) => s.includes('Layer 1 of 0–4') && /one\.txt +4B/.test(s), 20_000);
			expect(screen).toMatch(/\+ +▾ app\//);
			term.keys('q');
			screen = await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	}, 90_000);

	it('refuses an archive that is not there', async () => {
		const term = new Terminal(`node ${bin} --archive ${path.join(dir, 'missing.tar')}`, 110, 10, {DOCKER_HOST: 'unix:///nonexistent'});
		try {
			const screen = await term.waitFor((s) => s.includes('[exit 1]'), 20_000);
			expect(screen).toContain('cannot read the archive');
			expect(screen).toContain('no such file or directory');
		} finally {
			term.close();
		}
	}, 30_000);
});

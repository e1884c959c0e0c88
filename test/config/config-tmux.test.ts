/**
 * The config file as a user of the installed command meets it: bin/imgscope
 * in a real terminal (tmux) with XDG_CONFIG_HOME pointing at a file that
 * rebinds keys, turns the mouse off and turns the image removal question
 * off. Everything the terminal was sent is recorded (script(1) between
 * tmux and imgscope), so "no mouse mode" is checked on the bytes as well as
 * on tmux's own flag. Then a file that turns the container removal
 * question off, on containers of the test's own. What is removed is made
 * here (the tag cfgtest/… on fixture/app:1, containers cfgtest-…) and
 * removed again if the test did not.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine, imageExists} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const TAG = `cfgtest/app-${process.pid}:1`;
const STOPPED = `cfgtest-stopped-${process.pid}`;
const RUNNING = `cfgtest-running-${process.pid}`;

class Pane extends Terminal {
	display(format: string): string {
		return this.tmux(['display-message', '-p', '-t', 'main', format]).trim();
	}
}

const footer = (screen: string) => screen.trimEnd().split('\n').filter((line) => line.trim()).at(-1) ?? '';

describe.skipIf(!haveEngine)('the config file in a real terminal', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-config-tmux-'));
	const record = path.join(dir, 'typescript');
	beforeAll(() => {
		docker(['tag', 'fixture/app:1', TAG]);
		mkdirSync(path.join(dir, 'imgscope'));
		writeFileSync(
			path.join(dir, 'imgscope', 'config.json'),
			`${JSON.stringify({keys: {sort: 'v', removeImage: 'D', help: 'H', filter: ['/', 'ctrl+f']}, mouse: false, confirm: {removeImage: false}}, null, 2)}\n`,
		);
	});
	afterAll(() => {
		if (imageExists(TAG)) docker(['rmi', TAG]);
		for (const name of [STOPPED, RUNNING]) {
			try {
				docker(['rm', '-f', name]);
			} catch {}
		}
		rmSync(dir, {recursive: true, force: true});
	});

	it('imgscope config shows the file and each value it sets', () => {
		const out = execFileSync('node', [bin, 'config'], {encoding: 'utf8', env: {...process.env, XDG_CONFIG_HOME: dir}});
		const file = path.join(dir, 'imgscope', 'config.json');
		expect(out).toContain(`config file: ${file}\n`);
		expect(out).toMatch(new RegExp(`^mouse +false +${file}:\\d+$`, 'm'));
		expect(out).toMatch(new RegExp(`^confirm\\.removeImage +false +${file}:\\d+$`, 'm'));
		expect(out).toMatch(/^confirm\.removeContainer +true +default$/m);
		expect(out).toMatch(new RegExp(`^keys\\.sort +v +${file}:\\d+$`, 'm'));
		expect(out).toMatch(new RegExp(`^keys\\.removeImage +D +${file}:\\d+$`, 'm'));
	});

	it('the rebound keys act and show in the footer and ? help; no mouse mode is written until m; D removes the tag at once and says so', async () => {
		const term = new Pane(`script -q -f -c ${JSON.stringify(`node ${bin}`)} ${record}`, 200, 30, {XDG_CONFIG_HOME: dir, LANG: 'C.UTF-8', TERM: 'xterm'});
		try {
			let screen = await term.waitFor((s) => s.includes('REPOSITORY') && s.includes('H help'), 20_000);
			expect(footer(screen)).toContain('v sort');
			expect(footer(screen)).toContain('D rm');
			expect(footer(screen)).not.toContain('s sort');
			expect(footer(screen)).not.toContain('? help');
			// Mouse off from the start: tmux has no mouse mode for the pane, and none was ever sent.
			expect(term.display('#{mouse_any_flag}#{mouse_sgr_flag}')).toBe('00');
			const sent = readFileSync(record, 'latin1');
			expect(sent).toContain('\x1b[?1049h');
			expect(sent).not.toContain('\x1b[?1000h');
			expect(sent).not.toContain('\x1b[?1006h');

			// s no longer sorts; v does.
			expect(screen).toContain('sort: created');
			term.type('s');
			term.type('v');
			screen = await term.waitFor((s) => s.includes('sort: size'));
			// ? is free now (nothing opens); H shows the help with the keys as bound.
			term.type('?');
			term.type('H');
			screen = await term.waitFor((s) => /^\s+v\s+Cycle the sort/m.test(s));
			expect(screen).not.toMatch(/^\s+s\s+Cycle the sort/m);
			expect(screen).toMatch(/^\s+\/ Ctrl\+F\s+Filter by/m);
			term.type('H');
			await term.waitFor((s) => s.includes('REPOSITORY'));

			// Ctrl+F filters too (the file gave filter two keys).
			term.keys('C-f');
			term.type(TAG.split(':')[0]);
			term.keys('Enter');
			screen = await term.waitFor((s) => /Images \(1 of \d+\)/.test(s) && s.includes(TAG.split(':')[0]));
			// d is no longer rm: nothing is asked, nothing goes.
			term.type('d');
			await new Promise((resolve) => setTimeout(resolve, 400));
			expect(term.screen()).not.toContain('Remove ');
			expect(imageExists(TAG)).toBe(true);
			// D: no question (confirm.removeImage false); the image keeps its other tags, only ours goes, and the result line says so.
			term.type('D');
			screen = await term.waitFor((s) => s.includes(`Removed: untagged ${TAG}`), 15_000);
			expect(screen).not.toContain('this tag only');
			expect(imageExists(TAG)).toBe(false);
			expect(imageExists('fixture/app:1')).toBe(true);

			// m turns the mouse on: now the mode is written and tmux has it.
			term.type('m');
			await term.waitFor((s) => s.includes('mouse on'));
			await term.waitFor(() => term.display('#{mouse_any_flag}#{mouse_sgr_flag}') === '11', 5000, 'tmux never saw the mouse mode');
			expect(readFileSync(record, 'latin1')).toContain('\x1b[?1000h\x1b[?1006h');
			term.type('q');
			await term.waitFor((s) => s.includes('[exit 0]'), 10_000);
		} finally {
			term.close();
		}
	});

	it('confirm.removeContainer false: d removes a stopped container at once; a running one is refused by the engine, said on the result line; stop still asks', async () => {
		const exists = (name: string) => docker(['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Names}}']).trim() === name;
		docker(['create', '--network', 'none', '--label', 'imgscope.test=cfgtest', '--name', STOPPED, 'fixture/app:1', 'true']);
		docker(['run', '-d', '--network', 'none', '--label', 'imgscope.test=cfgtest', '--name', RUNNING, 'fixture/app:1', 'sleep 300']);
		const config = path.join(dir, 'containers');
		mkdirSync(path.join(config, 'imgscope'), {recursive: true});
		writeFileSync(path.join(config, 'imgscope', 'config.json'), '{"confirm": {"removeContainer": false}}\n');
		const term = new Pane(`node ${bin}`, 200, 30, {XDG_CONFIG_HOME: config, LANG: 'C.UTF-8', TERM: 'xterm'});
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.type('2');
			await term.waitFor((s) => s.includes(STOPPED) && s.includes(RUNNING), 15_000);
			term.type('/');
			term.type(STOPPED);
			term.keys('Enter');
			await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s));
			term.type('d');
			await term.waitFor((s) => s.includes(`Removed container ${STOPPED}`), 15_000);
			expect(exists(STOPPED)).toBe(false);

			term.keys('Escape');
			term.type('/');
			term.type(RUNNING);
			term.keys('Enter');
			await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s) && s.includes(RUNNING));
			term.type('d');
			const screen = await term.waitFor((s) => s.includes(`Remove container ${RUNNING} failed:`), 15_000);
			expect(screen).toMatch(/running/i);
			expect(exists(RUNNING)).toBe(true);
			// Stop is not a kind the file can turn off: it asks.
			term.type('S');
			await term.waitFor((s) => s.includes(`Stop container ${RUNNING}?`));
			term.keys('Escape');
			await term.waitFor((s) => !s.includes(`Stop container ${RUNNING}?`));
			expect(exists(RUNNING)).toBe(true);
			term.type('q');
			await term.waitFor((s) => s.includes('[exit 0]'), 10_000);
		} finally {
			term.close();
		}
	});
});

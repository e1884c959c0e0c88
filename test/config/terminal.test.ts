/**
 * The explorer in a real terminal (tmux) under each kind of terminal: a
 * locale that is not UTF-8 and --ascii (nothing but ASCII drawn, the layout
 * unchanged), TERM=dumb (no alternate screen), the colour levels
 * (COLORTERM=truecolor|24bit, 256, 16) with a config colour, NO_COLOR (the
 * change marks are text), emoji and flags in file names (the size column
 * lines up as tmux draws them), Ctrl+Z and fg in a shell with job control,
 * and a bad config file reported at start.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures.sh', import.meta.url));
const IMAGE = 'imgscope-test/config-emoji:1';

/** A Terminal that can also ask tmux about the pane, and read it with its colours. */
class Pane extends Terminal {
	display(format: string): string {
		return this.tmux(['display-message', '-p', '-t', 'main', format]).trim();
	}

	styled(): string {
		return this.tmux(['capture-pane', '-p', '-e', '-t', 'main']);
	}
}

const nonAscii = /[^\x00-\x7f]/;

/** The first process named `name` under `pid` (the pane runs sh, which runs bash, which runs node). */
function descendant(pid: number, name: string): number {
	const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], {encoding: 'utf8'})
		.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.map(([child, parent, comm]) => ({pid: Number(child), ppid: Number(parent), comm}));
	const queue = [pid];
	while (queue.length) {
		const parent = queue.shift()!;
		for (const row of table.filter((entry) => entry.ppid === parent)) {
			if (row.comm === name) return row.pid;
			queue.push(row.pid);
		}
	}
	throw new Error(`no ${name} under ${pid}`);
}

/** Opens IMAGE's Files tab with every directory open. */
async function openFiles(term: Pane): Promise<string> {
	await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
	term.keys('/');
	term.type('config-emoji');
	await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));
	term.keys('Enter', 'Enter');
	await term.waitFor((s) => s.includes('CUMULATIVE'));
	term.keys('Tab', 'Tab', 'Tab');
	await term.waitFor((s) => s.includes('plain.txt'), 20_000);
	term.keys('e');
	return term.waitFor((s) => s.includes('wide-') && s.includes('plain.txt'));
}

/** Where each listed file's size ends, in cells as tmux draws them (no VS16 left: string-width then counts as tmux does). */
function sizeEnds(screen: string): number[] {
	return screen
		.split('\n')
		.filter((line) => /(cloud|flag|plain|wide)-?.*\.txt/.test(line))
		.map((line) => stringWidth(line.trimEnd()));
}

describe.skipIf(!haveEngine)('the explorer in each kind of terminal', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-config-term-'));
	const noConfig = path.join(dir, 'empty');
	beforeAll(() => {
		execFileSync('bash', [fixtures], {stdio: 'pipe'});
		mkdirSync(noConfig);
	});
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const env = (extra: Record<string, string> = {}) => ({XDG_CONFIG_HOME: noConfig, LANG: 'C.UTF-8', TERM: 'xterm', COLORTERM: '', ...extra});

	it('UTF-8: emoji, a flag and a wide character in names keep the size column lined up; VS16 is not drawn', async () => {
		const term = new Pane(`node ${bin}`, 70, 16, env());
		try {
			const screen = await openFiles(term);
			expect(screen).toContain('flag-🇩🇪.txt');
			expect(screen).toContain('cloud-☁.txt');
			expect(screen).not.toContain('\ufe0f');
			const ends = sizeEnds(screen);
			expect(ends).toHaveLength(4);
			expect(new Set(ends).size, screen).toBe(1);
			expect(screen.split('\n').every((line) => stringWidth(line) <= 70)).toBe(true);
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	});

	for (const [what, extra, flag] of [
		['LANG=C', {LANG: 'C'}, ''],
		['LC_ALL=POSIX', {LC_ALL: 'POSIX'}, ''],
		['--ascii in a UTF-8 locale', {}, '--ascii'],
	] as const) {
		it(`${what}: nothing but ASCII on the screen, every glyph a stand-in of its width`, async () => {
			const term = new Pane(`node ${bin} ${flag}`, 70, 16, env(extra));
			try {
				const list = await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
				expect(list).toContain('sort: created v');
				expect(nonAscii.test(list), list).toBe(false);
				const screen = await openFiles(term);
				expect(nonAscii.test(screen), screen).toBe(false);
				expect(screen).toMatch(/\+ v w\//);
				expect(screen).toContain('sort: name ^');
				// ☁ has no stand-in: one '?' per column; the flag and 中 take two.
				expect(screen).toContain('cloud-?.txt');
				expect(screen).toContain('flag-??.txt');
				expect(screen).toContain('wide-??.txt');
				expect(new Set(sizeEnds(screen)).size, screen).toBe(1);
				term.keys('Escape');
				term.keys('?');
				const help = await term.waitFor((s) => s.includes('Move down'));
				expect(nonAscii.test(help), help).toBe(false);
				term.keys('Escape', 'q');
				await term.waitFor((s) => s.includes('[exit 0]'));
			} finally {
				term.close();
			}
		});
	}

	it('TERM=dumb: no alternate screen (a usual TERM has one)', async () => {
		for (const [term, alternate] of [['xterm', '1'], ['dumb', '0']] as const) {
			const pane = new Pane(`node ${bin}`, 90, 14, env({TERM: term}));
			try {
				await pane.waitFor((s) => s.includes('REPOSITORY'), 20_000);
				expect(pane.display('#{alternate_on}'), `TERM=${term}`).toBe(alternate);
				pane.keys('q');
				await pane.waitFor((s) => s.includes('[exit 0]'));
				expect(pane.display('#{alternate_on}')).toBe('0');
			} finally {
				pane.close();
			}
		}
	});

	it('colours: a config colour in truecolor where COLORTERM says so, else brought down to 256 or 16 colours', async () => {
		const config = path.join(dir, 'colours');
		mkdirSync(path.join(config, 'imgscope'), {recursive: true});
		writeFileSync(path.join(config, 'imgscope', 'config.json'), '{"theme": {"title": "#ff8700", "header": "color(33)"}}\n');
		const cases: [Record<string, string>, RegExp][] = [
			[{COLORTERM: 'truecolor'}, /\x1b\[(1;)?38;2;255;135;0m(\x1b\[1m)?imgscope/],
			[{COLORTERM: '24bit'}, /\x1b\[(1;)?38;2;255;135;0m(\x1b\[1m)?imgscope/],
			[{TERM: 'xterm-256color'}, /\x1b\[(1;)?38;5;214m(\x1b\[1m)?imgscope/],
			[{TERM: 'xterm'}, /\x1b\[(1;)?93m(\x1b\[1m)?imgscope/],
		];
		for (const [extra, title] of cases) {
			const term = new Pane(`node ${bin}`, 90, 12, env({XDG_CONFIG_HOME: config, ...extra}));
			try {
				await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
				const styled = await new Promise<string>((resolve) => setTimeout(() => resolve(term.styled()), 300));
				expect(styled, JSON.stringify(extra)).toMatch(title);
				// color(N) is sent as a palette colour at every level, as chalk does.
				expect(styled).toMatch(/38;5;33m/);
				term.keys('q');
				await term.waitFor((s) => s.includes('[exit 0]'));
			} finally {
				term.close();
			}
		}
	});

	it('NO_COLOR: no colour at all, and the change marks are still there as text', async () => {
		const term = new Pane(`node ${bin}`, 70, 16, env({NO_COLOR: '1'}));
		try {
			const screen = await openFiles(term);
			expect(screen).toMatch(/^\+ {5}plain\.txt/m);
			const styled = term.styled();
			expect(styled).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[25])[;m]/);
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	});

	it('Ctrl+Z stops it as a shell job with the screen given back; fg draws it again; so do kill -TSTP and fg', async () => {
		const term = new Pane('bash --norc --noprofile -i', 90, 14, env({PS1: 'shell$ '}));
		try {
			await term.waitFor((s) => s.includes('shell$'));
			term.type(`node ${bin}`);
			term.keys('Enter');
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('C-z');
			let screen = await term.waitFor((s) => /Stopped\s+node/.test(s));
			expect(term.display('#{alternate_on}')).toBe('0');
			expect(screen).not.toContain('REPOSITORY');
			term.type('fg');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('REPOSITORY') && s.includes('? help'));
			expect(term.display('#{alternate_on}')).toBe('1');
			// Keys work again (raw mode is back): the help opens.
			term.keys('?');
			await term.waitFor((s) => s.includes('Move down'));
			term.keys('Escape');
			await term.waitFor((s) => !s.includes('Move down'));
			// A SIGTSTP from elsewhere, as `kill -TSTP` sends it.
			process.kill(descendant(Number(term.display('#{pane_pid}')), 'node'), 'SIGTSTP');
			await term.waitFor((s) => /Stopped\s+node/.test(s));
			term.type('fg');
			term.keys('Enter');
			await term.waitFor((s) => s.includes('REPOSITORY'));
			term.keys('q');
			screen = await term.waitFor((s) => /shell\$$/.test(s.trimEnd()) && !s.includes('REPOSITORY'));
			expect(term.display('#{alternate_on}')).toBe('0');
		} finally {
			term.close();
		}
	});

	it('a bad config file: the file, line, column and key, exit 2, the terminal untouched', async () => {
		const config = path.join(dir, 'bad');
		mkdirSync(path.join(config, 'imgscope'), {recursive: true});
		const file = path.join(config, 'imgscope', 'config.json');
		writeFileSync(file, '{\n  "keys": {\n    "sort": "q"\n  }\n}\n');
		const term = new Pane(`node ${bin}`, 200, 10, env({XDG_CONFIG_HOME: config}));
		try {
			const screen = await term.waitFor((s) => s.includes('[exit'), 20_000);
			expect(screen).toContain(`imgscope: ${file}:3:5: keys.sort: "q" is also bound to "quit" in images`);
			expect(screen).toContain('[exit 2]');
			expect(screen).not.toContain('REPOSITORY');
		} finally {
			term.close();
		}
	});
});

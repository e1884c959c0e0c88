/**
 * `imgscope config` through `node bin/imgscope`: the path, the effective
 * config with each value's source, --json, and a bad file (exit 2, the
 * file, line and column, no stack trace). No engine involved.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasStackTrace, runCli} from '../helpers/cli.js';

describe('imgscope config', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-config-cli-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const home = (name: string, text?: string) => {
		const base = path.join(dir, name);
		mkdirSync(path.join(base, 'imgscope'), {recursive: true});
		if (text !== undefined) writeFileSync(path.join(base, 'imgscope', 'config.json'), text);
		return {XDG_CONFIG_HOME: base, LANG: 'C.UTF-8', TERM: 'xterm', COLORTERM: undefined, NO_COLOR: undefined};
	};

	it('--path: under XDG_CONFIG_HOME, else ~/.config', async () => {
		const env = home('p');
		expect((await runCli(['config', '--path'], {env})).stdout).toBe(`${env.XDG_CONFIG_HOME}/imgscope/config.json\n`);
		const r = await runCli(['config', '--path'], {env: {XDG_CONFIG_HOME: undefined, HOME: '/home/someone'}});
		expect(r.stdout).toBe('/home/someone/.config/imgscope/config.json\n');
	});

	it('no file: the defaults, each said to be one; the environment and --ascii where they decide', async () => {
		const env = home('none');
		const r = await runCli(['config'], {env: {...env, COLORTERM: 'truecolor'}});
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/^config file: .*\/none\/imgscope\/config.json \(none: the defaults apply\)\nSETTING +VALUE +FROM\n/);
		expect(r.stdout).toMatch(/^sort +created +default$/m);
		expect(r.stdout).toMatch(/^ascii +false +environment \(LANG=C\.UTF-8\)$/m);
		expect(r.stdout).toMatch(/^colors +truecolor +environment \(COLORTERM=truecolor\)$/m);
		expect(r.stdout).toMatch(/^keys\.quit +q +default$/m);
		expect(r.stdout).toMatch(/^keys\.toggle +space +default$/m);
		const ascii = await runCli(['--ascii', 'config'], {env});
		expect(ascii.stdout).toMatch(/^ascii +true +flag --ascii$/m);
	});

	it('a file: its values with their lines, --json the same', async () => {
		const env = home('file', '{\n  "sort": "name",\n  "keys": {"sort": ["v", "K"]},\n  "theme": {"title": "color(208)"}\n}\n');
		const file = `${env.XDG_CONFIG_HOME}/imgscope/config.json`;
		const r = await runCli(['config'], {env});
		expect(r.stdout).toMatch(new RegExp(`^sort +name +${file}:2$`, 'm'));
		expect(r.stdout).toMatch(new RegExp(`^keys\\.sort +v K +${file}:3$`, 'm'));
		expect(r.stdout).toMatch(new RegExp(`^theme\\.title +color\\(208\\) +${file}:4$`, 'm'));
		const json = JSON.parse((await runCli(['config', '--json'], {env})).stdout);
		expect(json.path).toBe(file);
		expect(json.found).toBe(true);
		expect(json.settings).toContainEqual({setting: 'sort', value: 'name', from: `${file}:2`});
	});

	it('a bad file: exit 2, the file, line, column and key; the explorer refuses it the same way', async () => {
		const env = home('bad', '{\n  "theme": {"title": "orange"}\n}\n');
		const file = `${env.XDG_CONFIG_HOME}/imgscope/config.json`;
		const r = await runCli(['config'], {env});
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(hasStackTrace(r.stderr)).toBe(false);
		expect(r.stderr).toBe(`imgscope: ${file}:2:22: theme.title: "orange" is not a colour: use a name (red, brightBlue, gray), color(0-255), #rrggbb, or none\n`);
		const json = await runCli(['config'], {env: home('badjson', '{"sort": "size",}')});
		expect(json.code).toBe(2);
		expect(json.stderr).toMatch(/config\.json:1:17: invalid JSON: a comma before \} \(trailing commas are not JSON\)\n$/);
		// A config file that is a directory.
		const base = path.join(dir, 'dir');
		mkdirSync(path.join(base, 'imgscope', 'config.json'), {recursive: true});
		const unreadable = await runCli(['config'], {env: {XDG_CONFIG_HOME: base}});
		expect(unreadable.code).toBe(2);
		expect(unreadable.stderr).toContain('cannot read the config: is a directory');
	});
});

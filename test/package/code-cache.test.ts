/**
 * bin/imgscope's V8 code cache: under $XDG_CACHE_HOME/imgscope (or
 * ~/.cache/imgscope), one file per bundle and node version whatever the
 * arguments, never in the install, bounded, rewritten when it does not
 * match, and skipped in silence where it cannot be written. Runs the build
 * (dist/) as installed: bin/ and dist/ copied to a directory of the test's own.
 */
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let install: string;

function run(args: string[], env: Record<string, string | undefined>) {
	const full: Record<string, string | undefined> = {...process.env, IMGSCOPE_NO_CODE_CACHE: undefined, XDG_CACHE_HOME: undefined, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, ...env};
	for (const key of Object.keys(full)) if (full[key] === undefined) delete full[key];
	const result = spawnSync(`${install}/bin/imgscope`, args, {env: full as NodeJS.ProcessEnv, encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

beforeAll(() => {
	if (!existsSync(`${root}dist/imgscope.cjs`)) throw new Error('no build in dist/: npm run build');
	work = mkdtempSync(`${tmpdir()}/imgscope-cache-test-`);
	install = `${work}/install`;
	cpSync(`${root}bin`, `${install}/bin`, {recursive: true});
	cpSync(`${root}dist`, `${install}/dist`, {recursive: true});
	cpSync(`${root}package.json`, `${install}/package.json`);
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('the code cache', () => {
	it('goes to $XDG_CACHE_HOME/imgscope: one file for the bundle, whatever the arguments, and none in the install', () => {
		const xdg = `${work}/xdg`;
		for (const context of ['a', 'b', 'c', 'default']) expect(run(['--context', context, 'completion', 'bash'], {XDG_CACHE_HOME: xdg}).code).toBe(0);
		expect(run(['--version'], {XDG_CACHE_HOME: xdg}).stdout).toBe(`imgscope ${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version}\n`);
		const files = cacheFiles(`${xdg}/imgscope`);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(new RegExp(`^imgscope-[0-9a-f]+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
		// The --context values are no mode: the file holds the two that ran.
		expect(JSON.parse(readFileSync(`${xdg}/imgscope/${files[0]}`, 'utf8').split('\n')[0]).modes).toEqual(['completion', 'pipe']);
		expect(existsSync(`${install}/dist/.cache`)).toBe(false);
		expect(readdirSync(`${install}/dist`).sort()).toEqual(readdirSync(`${root}dist`).filter((name) => name !== '.cache').sort());
	});

	it('defaults to ~/.cache/imgscope', () => {
		const home = `${work}/home`;
		mkdirSync(home);
		expect(run(['--version'], {HOME: home}).code).toBe(0);
		expect(cacheFiles(`${home}/.cache/imgscope`)).toHaveLength(1);
	});

	it('records each mode that ran in its one file, and is used by the next run', () => {
		const xdg = `${work}/modes`;
		run(['--version'], {XDG_CACHE_HOME: xdg});
		run(['completion', 'bash'], {XDG_CACHE_HOME: xdg});
		const [file] = cacheFiles(`${xdg}/imgscope`);
		const head = JSON.parse(readFileSync(`${xdg}/imgscope/${file}`, 'utf8').split('\n')[0]) as {bundle: string; modes: string[]};
		expect(head.bundle).toBe(`${install}/dist/imgscope.cjs`);
		expect(head.modes).toEqual(['pipe', 'completion']);
		// A mode it holds already: the file is not written again.
		const before = statSync(`${xdg}/imgscope/${file}`).mtimeMs;
		utimesSync(`${xdg}/imgscope/${file}`, new Date(before - 10_000), new Date(before - 10_000));
		const aged = statSync(`${xdg}/imgscope/${file}`).mtimeMs;
		run(['--version'], {XDG_CACHE_HOME: xdg});
		expect(statSync(`${xdg}/imgscope/${file}`).mtimeMs).toBe(aged);
	});

	it('is rewritten when it does not match (damaged, or made from another build)', () => {
		const xdg = `${work}/damaged`;
		run(['--version'], {XDG_CACHE_HOME: xdg});
		const [file] = cacheFiles(`${xdg}/imgscope`);
		const path = `${xdg}/imgscope/${file}`;
		const good = readFileSync(path);
		writeFileSync(path, Buffer.concat([good.subarray(0, good.indexOf(10) + 1), Buffer.alloc(4096, 0x5a)]));
		const result = run(['--version'], {XDG_CACHE_HOME: xdg});
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(readFileSync(path).equals(good)).toBe(false);
		expect(readFileSync(path).subarray(good.indexOf(10) + 1, good.indexOf(10) + 64).equals(Buffer.alloc(63, 0x5a))).toBe(false);
		// Another build of the bundle (its size or time changed): the head says so, and it is made again.
		const head = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as {mtime: number};
		writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify({...head, mtime: head.mtime - 1})}\n`), readFileSync(path).subarray(good.indexOf(10) + 1)]));
		expect(run(['--version'], {XDG_CACHE_HOME: xdg}).code).toBe(0);
		expect((JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as {mtime: number}).mtime).toBe(head.mtime);
	});

	it('keeps the newest 12 files of its directory', () => {
		const xdg = `${work}/bound`;
		mkdirSync(`${xdg}/imgscope`, {recursive: true});
		for (let i = 0; i < 20; i++) {
			const path = `${xdg}/imgscope/imgscope-old${i}-v18.0.0-x64.v8`;
			writeFileSync(path, 'old\n');
			utimesSync(path, new Date(Date.now() - (i + 1) * 60_000), new Date(Date.now() - (i + 1) * 60_000));
		}
		expect(run(['--version'], {XDG_CACHE_HOME: xdg}).code).toBe(0);
		const files = cacheFiles(`${xdg}/imgscope`);
		expect(files).toHaveLength(12);
		// This run's file and the 11 newest of the old ones.
		expect(files.filter((name) => name.startsWith('imgscope-old')).sort()).toEqual(Array.from({length: 11}, (_, i) => `imgscope-old${i}-v18.0.0-x64.v8`).sort());
	});

	it('is skipped in silence where it cannot be written', () => {
		const blocker = `${work}/not-a-directory`;
		writeFileSync(blocker, '');
		const result = run(['--version'], {XDG_CACHE_HOME: `${blocker}/sub`});
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^imgscope /);
		// No home at all, and a relative XDG_CACHE_HOME (the XDG spec says to ignore it): no cache, no error.
		expect(run(['--version'], {HOME: undefined, XDG_CACHE_HOME: 'relative'})).toMatchObject({code: 0, stderr: ''});
		expect(existsSync(`${install}/bin/relative`)).toBe(false);
		expect(existsSync('relative')).toBe(false);
	});

	it('is not used with IMGSCOPE_NO_CODE_CACHE=1', () => {
		const xdg = `${work}/off`;
		expect(run(['--version'], {XDG_CACHE_HOME: xdg, IMGSCOPE_NO_CODE_CACHE: '1'}).code).toBe(0);
		expect(cacheFiles(`${xdg}/imgscope`)).toEqual([]);
	});
});

/**
 * Bad input to files, check and diff, through `node bin/imgscope` (the
 * build): usage errors exit 2 with a line that says what is wrong (and the
 * help pointer, like every usage error here); a missing image exits 1 and is
 * named, as docker does; never a stack trace, never anything on stdout.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasStackTrace} from '../helpers/cli.js';
import {haveEngine} from '../helpers/engine.js';
import {IMAGE} from '../layers/waste-expected.js';
import {runCli, saveArchives, type SavedArchives} from './support.js';

type CliResult = Awaited<ReturnType<typeof runCli>>;

function usageError(r: CliResult, command: string, message: RegExp): void {
	expect(r.timedOut).toBe(false);
	expect(r.code, r.stderr).toBe(2);
	expect(r.stdout).toBe('');
	expect(hasStackTrace(r.stderr)).toBe(false);
	const lines = r.stderr.trimEnd().split('\n');
	expect(lines, r.stderr).toHaveLength(2);
	expect(lines[0]).toMatch(message);
	expect(lines[1]).toBe(`See 'imgscope ${command} --help'.`);
}

function failure(r: CliResult, ...what: string[]): void {
	expect(r.timedOut).toBe(false);
	expect(r.code, r.stderr).toBe(1);
	expect(r.stdout).toBe('');
	expect(hasStackTrace(r.stderr)).toBe(false);
	expect(r.stderr).not.toMatch(/unexpected error|\(node:\d+\)/);
	expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
	for (const text of what) expect(r.stderr).toContain(text);
}

// No engine is needed for any of these: flags are checked before anything is read.
const noEngine = {DOCKER_HOST: 'unix:///nonexistent/imgscope-test.sock'};

describe('bad flags and arguments: exit 2 before anything is read', () => {
	const cases: Array<[string, string[], string, RegExp]> = [
		['no image', ['files'], 'files', /^imgscope: "imgscope files" requires 1 argument \(IMAGE, or --archive FILE\)$/],
		['no image for check', ['check', '--json'], 'check', /requires 1 argument/],
		['a layer that is not a number', ['files', 'x', '--layer', 'top'], 'files', /^imgscope: invalid argument "top" for "--layer" flag: a layer index is a whole number from 0/],
		['a negative layer', ['files', 'x', '--layer', '-1'], 'files', /invalid argument "-1" for "--layer" flag/],
		['an efficiency over 1', ['check', 'x', '--lowest-efficiency', '1.5'], 'check', /^imgscope: invalid argument "1.5" for "--lowest-efficiency" flag: the ratio must be between 0 and 1 \(100%\)$/],
		['an efficiency over 100%', ['check', 'x', '--lowest-efficiency', '150%'], 'check', /invalid argument "150%" for "--lowest-efficiency"/],
		['an efficiency that is no number', ['check', 'x', '--lowest-efficiency', 'high'], 'check', /invalid argument "high" for "--lowest-efficiency" flag: expected a ratio such as 0.9 or 90%/],
		['a negative user-wasted ratio', ['check', 'x', '--highest-user-wasted-percent', '-0.1'], 'check', /invalid argument "-0.1" for "--highest-user-wasted-percent"/],
		['a size with an unknown unit', ['check', 'x', '--highest-wasted-bytes', '12QB'], 'check', /^imgscope: invalid argument "12QB" for "--highest-wasted-bytes" flag: expected a size such as 20MB, 1.5GB, 512kB/],
		['a negative size', ['check', 'x', '--highest-wasted-bytes', '-5'], 'check', /invalid argument "-5" for "--highest-wasted-bytes"/],
		['a size too big to count', ['check', 'x', '--highest-wasted-bytes', '99999999999PB'], 'check', /the size is out of range/],
		['diff with one image', ['diff', 'x'], 'diff', /"imgscope diff" requires 2 arguments/],
		['diff with three images', ['diff', 'a', 'b', 'c'], 'diff', /at most 2 arguments/],
		['diff with three archives', ['diff', '--archive', 'a', '--archive', 'b', '--archive', 'c'], 'diff', /at most twice/],
		['an empty --archive', ['files', '--archive', ''], 'files', /invalid argument "" for "--archive" flag/],
		['an unknown flag', ['check', 'x', '--ci'], 'check', /unknown flag: --ci/],
	];
	for (const [what, args, command, message] of cases) {
		it(`${what}: imgscope ${args.join(' ')}`, async () => usageError(await runCli(args, noEngine), command, message));
	}
});

describe('archives that cannot be read: exit 1, named', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-layers-cli-bad-'));
		writeFileSync(path.join(dir, 'notes.txt'), 'this is not an image archive\n'.repeat(100));
	});
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('a file that does not exist', async () => {
		failure(await runCli(['files', '--archive', path.join(dir, 'nope.tar')], noEngine), 'nope.tar', 'no such file or directory');
	});

	it('a file that is not an image archive', async () => {
		failure(await runCli(['check', '--archive', path.join(dir, 'notes.txt')], noEngine), 'notes.txt', 'not a valid image archive');
	});

	it('a directory that is not an OCI layout', async () => {
		failure(await runCli(['diff', '--archive', dir, '--archive', dir], noEngine), 'not an image archive');
	});
});

describe.skipIf(!haveEngine)('images the engine does not have, and layers the image does not have', () => {
	let saved: Record<string, SavedArchives>;
	beforeAll(() => {
		saved = saveArchives([IMAGE]);
	});
	afterAll(() => saved?.[IMAGE]?.dispose());

	it('a missing image is named (files, check, diff; text and --json)', async () => {
		for (const args of [['files', 'hostile/no-such-image:1'], ['files', '--json', 'hostile/no-such-image:1'], ['check', 'hostile/no-such-image:1'], ['diff', IMAGE, 'hostile/no-such-image:1']]) {
			failure(await runCli(args), 'hostile/no-such-image:1');
		}
	});

	it('a name with .. segments never reaches the engine', async () => {
		failure(await runCli(['files', '../../containers/json']), 'invalid reference format');
	});

	it('--layer past the top says the valid range (engine and archive)', async () => {
		usageError(await runCli(['files', IMAGE, '--layer', '11']), 'files', /^imgscope: invalid argument "11" for "--layer" flag: the image has 11 layers: valid indexes are 0 to 10$/);
		usageError(await runCli(['files', '--archive', saved[IMAGE].oci, '--layer', '99', '--json']), 'files', /valid indexes are 0 to 10$/);
	});

	it('an image the archive does not hold is named', async () => {
		failure(await runCli(['files', '--archive', saved[IMAGE].dockerSave, 'other/image:2'], noEngine), 'other/image:2', 'not in this archive');
	});

	it('nothing on stderr when it is not a terminal; the same output with no engine at all', async () => {
		const fromEngine = await runCli(['files', IMAGE, '--layer', '6']);
		expect(fromEngine.code).toBe(0);
		expect(fromEngine.stderr).toBe('');
		const offline = await runCli(['files', '--archive', saved[IMAGE].dockerSave, '--layer', '6'], noEngine);
		expect(offline.code).toBe(0);
		expect(offline.stderr).toBe('');
		expect(offline.stdout).toBe(fromEngine.stdout);
		const checked = await runCli(['check', '--archive', saved[IMAGE].oci, '--lowest-efficiency', '0.5', '--highest-user-wasted-percent', 'disabled'], noEngine);
		expect(checked.code, checked.stderr).toBe(0);
		expect(checked.stderr).toBe('');
		expect(checked.stdout).toMatch(/result: PASS\n$/);
	});
});

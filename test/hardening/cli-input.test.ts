/**
 * Issue 7, bad input on the command line: usage errors exit 2 with one line
 * that says what is wrong and a line pointing at the help, no stack trace,
 * nothing on stdout; engine-side failures exit 1 and name what was missing.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {hasStackTrace, runCli, type CliResult} from '../helpers/cli.js';
import {suiteFaultProxy} from './support/proxy.js';

function expectUsageError(result: CliResult, command?: string): void {
	expect(result.timedOut).toBe(false);
	expect(result.code, result.stderr).toBe(2);
	expect(result.stdout).toBe('');
	expect(hasStackTrace(result.stderr)).toBe(false);
	const lines = result.stderr.trimEnd().split('\n');
	expect(lines, result.stderr).toHaveLength(2);
	expect(lines[0]).toMatch(/^imgscope: \S/);
	expect(lines[1]).toBe(`See '${command ? `imgscope ${command} --help` : 'imgscope --help'}'.`);
}

/** Exit 1, a short message that names `what`, no stack trace, nothing on stdout. */
function expectFailure(result: CliResult, ...what: string[]): void {
	expect(result.timedOut).toBe(false);
	expect(result.code, result.stderr).toBe(1);
	expect(result.stdout).toBe('');
	expect(hasStackTrace(result.stderr)).toBe(false);
	expect(result.stderr).not.toMatch(/unexpected error|DeprecationWarning|\(node:\d+\)/);
	for (const text of what) expect(result.stderr).toContain(text);
}

describe('usage errors: exit 2, one line and the help pointer', () => {
	const cases: [string, string[], string | undefined, RegExp][] = [
		['an unknown command', ['frobnicate'], undefined, /unknown command "frobnicate"/],
		['an unknown command asked for help', ['frobnicate', '--help'], undefined, /unknown command "frobnicate"/],
		['help for an unknown command', ['help', 'frobnicate'], undefined, /unknown command "frobnicate"/],
		['an unknown global flag', ['--frob'], undefined, /unknown flag: --frob/],
		['an unknown shorthand', ['-z'], undefined, /unknown shorthand flag: 'z'/],
		['an unknown flag of a command', ['layers', '--frob', 'x'], 'layers', /unknown flag: --frob/],
		['an unknown shorthand of a command', ['ps', '-z'], 'ps', /'z'/],
		['a missing argument', ['layers'], 'layers', /requires 1 argument/],
		['a missing argument after --', ['layers', '--'], 'layers', /requires 1 argument/],
		['too many arguments', ['layers', 'a', 'b'], 'layers', /at most 1 argument/],
		['an unknown subcommand of a group', ['container', 'frob'], 'container', /unknown command "frob" for "imgscope container"$/m],
		['a group without its subcommand', ['context'], 'context', /"imgscope context" needs a subcommand \(ls\)$/m],
		['a bad boolean', ['layers', '--json=maybe', 'x'], 'layers', /invalid argument "maybe" for "--json"/],
		['a bad boolean shorthand', ['ps', '-q=maybe'], 'ps', /invalid argument "maybe" for "-q"/],
		['-H without a value', ['-H'], undefined, /flag needs an argument: -H/],
		['--context without a value', ['--context'], undefined, /flag needs an argument: --context/],
	];
	for (const [what, args, command, message] of cases) {
		it(`${what}: imgscope ${args.join(' ')}`, async () => {
			const result = await runCli(args);
			expectUsageError(result, command);
			expect(result.stderr).toMatch(message);
		});
	}
});

describe('where the engine is: bad -H, DOCKER_HOST and contexts', () => {
	let config: string;
	beforeAll(() => {
		config = mkdtempSync(path.join(tmpdir(), 'imgscope-hcfg-'));
	});
	afterAll(() => rmSync(config, {recursive: true, force: true}));

	const hosts: [string, RegExp][] = [
		['foo', /expected unix:\/\/\/path, tcp:\/\/host:port or ssh:/],
		['ftp://x', /unsupported scheme "ftp"/],
		['unix://', /no socket path/],
		['tcp://127.0.0.1:99999', /invalid host/],
		['tcp://[::1', /invalid host/],
	];
	for (const [host, message] of hosts) {
		it(`-H ${JSON.stringify(host)}: exit 1, the value and what is valid`, async () => {
			const result = await runCli(['-H', host, 'ps']);
			expectFailure(result, `"${host}"`, '-H');
			expect(result.stderr).toMatch(message);
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		});
	}

	it('a bad DOCKER_HOST is named as such', async () => {
		const result = await runCli(['ps'], {env: {DOCKER_HOST: 'garbage'}});
		expectFailure(result, '"garbage"', 'DOCKER_HOST');
	});

	it('-H at a socket nobody listens on: the endpoint and the fix', async () => {
		const socket = path.join(config, 'nobody.sock');
		for (const args of [['-H', `unix://${socket}`, 'ps'], ['layers', '-H', `unix://${socket}`, 'fixture/base:1']]) {
			const result = await runCli(args);
			expectFailure(result, `unix://${socket}`, 'is the daemon running');
		}
	});

	it('-H at a file that is not a socket', async () => {
		const file = path.join(config, 'plain-file');
		writeFileSync(file, 'not a socket');
		const result = await runCli(['-H', `unix://${file}`, 'ps']);
		expectFailure(result, `unix://${file}`);
	});

	it('-H tcp:// at a closed loopback port', async () => {
		const result = await runCli(['-H', 'tcp://127.0.0.1:1', 'ps']);
		expectFailure(result, 'tcp://127.0.0.1:1', 'ECONNREFUSED');
	});

	it('-H ssh:// without a user at a closed loopback port: the endpoint is named, no Node warnings', async () => {
		const result = await runCli(['-H', 'ssh://127.0.0.1:1', 'ps'], {timeout: 30_000});
		expectFailure(result, 'ssh://127.0.0.1:1');
	});

	it('-H ssh://user@ at a closed loopback port: the endpoint is named, no Node warnings', async () => {
		const result = await runCli(['-H', 'ssh://root@127.0.0.1:1', 'ps'], {timeout: 30_000});
		expectFailure(result, 'ssh://root@127.0.0.1:1');
	});

	it('a --context that does not exist (flag and DOCKER_CONTEXT)', async () => {
		expectFailure(await runCli(['--context', 'no-such-context', 'ps'], {env: {DOCKER_CONFIG: config}}), 'context "no-such-context"', 'does not exist');
		expectFailure(await runCli(['ps'], {env: {DOCKER_CONFIG: config, DOCKER_CONTEXT: 'no-such-context'}}), 'context "no-such-context"');
		expectFailure(await runCli(['layers', '--context', 'no-such-context', 'fixture/base:1'], {env: {DOCKER_CONFIG: config}}), 'context "no-such-context"');
	});

	it('a current context in config.json that does not exist', async () => {
		const dir = mkdtempSync(path.join(config, 'cur-'));
		writeFileSync(path.join(dir, 'config.json'), JSON.stringify({currentContext: 'gone'}));
		expectFailure(await runCli(['ps'], {env: {DOCKER_CONFIG: dir}}), 'context "gone"');
	});

	it('a config.json that is not JSON is named', async () => {
		const dir = mkdtempSync(path.join(config, 'bad-'));
		writeFileSync(path.join(dir, 'config.json'), '{not json');
		expectFailure(await runCli(['ps'], {env: {DOCKER_CONFIG: dir}}), path.join(dir, 'config.json'));
	});

	it('-H and --context together', async () => {
		expectFailure(await runCli(['-H', 'unix:///x.sock', '--context', 'y', 'ps']), 'conflicting options');
	});
});

describe.skipIf(!haveEngine)('references the engine does not know', () => {
	const proxy = suiteFaultProxy();

	it('a missing image is named (text and --json)', async () => {
		for (const args of [['layers', 'hostile/no-such-image:1'], ['layers', '--json', 'hostile/no-such-image:1']]) {
			const result = await runCli(args);
			expectFailure(result, 'hostile/no-such-image:1');
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		}
	});

	it('an invalid reference says so', async () => {
		const result = await runCli(['layers', 'UPPER/Case']);
		expectFailure(result, 'invalid reference format');
	});

	it('an empty reference gets a message about the reference, not a JSON parse error', async () => {
		const result = await runCli(['layers', '']);
		expectFailure(result);
		expect(result.stderr).not.toMatch(/JSON/);
	});

	it('a reference with .. segments never reaches another API path', async () => {
		const before = proxy.seen.length;
		const result = await runCli(['-H', proxy.url, 'layers', '../../containers/json']);
		expectFailure(result);
		expect(result.stderr).not.toMatch(/JSON/);
		const paths = proxy.seen.slice(before);
		for (const request of paths) expect(request).not.toMatch(/\/\.\.(\/|$|\?)/);
	});
});

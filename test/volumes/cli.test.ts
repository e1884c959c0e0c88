// `imgscope volume export|import` as scripts run them: status, messages
// without stack traces, and Ctrl+C (SIGINT) in the middle of an export
// leaving neither a partial file nor a helper container.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {hasStackTrace} from '../helpers/cli.js';
import {imgscopeCommand} from '../conformance/harness.js';
import {cleanupVolumes, createTestVolume, fill, leftoverHelpers, listing, volumeName} from './support.js';
import {tar} from './tar-writer.js';

interface Ran {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

let command: string[];

function imgscope(args: string[], options: {cwd?: string; onSpawn?: (child: ReturnType<typeof spawn>) => void} = {}): Promise<Ran> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [...command, ...args], {cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
		options.onSpawn?.(child);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	});
}

describe.skipIf(!haveEngine)('imgscope volume export and import', () => {
	let dir: string;
	let small: string;

	beforeAll(async () => {
		command = await imgscopeCommand();
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-vt-cli-'));
		small = createTestVolume('cli');
		fill(small, 'echo a > /v/a; mkdir /v/d; echo b > /v/d/b; busybox chown 7:8 /v/d/b');
	}, 120_000);

	afterAll(() => {
		cleanupVolumes();
		rmSync(dir, {recursive: true, force: true});
	});

	it('exports, imports into a new volume, and refuses it the second time', async () => {
		const file = path.join(dir, 'small.tgz');
		const exported = await imgscope(['volume', 'export', small, file]);
		expect(exported).toMatchObject({code: 0, stdout: ''});
		expect(exported.stderr).toMatch(/^exported .* to .*small\.tgz: 4 entries, /m);
		const target = volumeName('cli-restored');
		const imported = await imgscope(['volume', 'import', '--label', 'imgscope.test=volumes', file, target]);
		expect(imported.code).toBe(0);
		expect(imported.stderr).toMatch(/into new volume/);
		expect(listing(target)).toBe(listing(small));
		const again = await imgscope(['volume', 'import', file, target]);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/^imgscope: volume .* is not empty: import into a new or an empty volume \(or ask for a non-empty one: --force\)\n$/);
		expect((await imgscope(['volume', 'import', '--force', file, target])).code).toBe(0);
	}, 60_000);

	it('bad input: a clear message, status 1, no stack trace, nothing left', async () => {
		const hostile = path.join(dir, 'hostile.tar');
		writeFileSync(hostile, tar([{name: '../../etc/evil', data: 'x'}]));
		const exists = path.join(dir, 'exists.tar');
		writeFileSync(exists, 'mine');
		const cases: [string[], RegExp][] = [
			[['volume', 'export', volumeName('nope'), path.join(dir, 'n.tar')], /^Error response from daemon: get imgscope-vt-nope-\w+: no such volume\n$/],
			[['volume', 'export', small, exists], /^imgscope: .*exists\.tar already exists: name a new file\n$/],
			[['volume', 'export', small, path.join(dir, 'no-dir', 'x.tar')], /^imgscope: cannot write .*x\.tar: the directory .*no-dir does not exist\n$/],
			[['volume', 'import', hostile, volumeName('hostile')], /^imgscope: refusing .*hostile\.tar: "\.\.\/\.\.\/etc\/evil" has a "\.\." part; nothing was written\n$/],
			[['volume', 'import', path.join(dir, 'missing.tar'), volumeName('missing')], /^imgscope: cannot read .*missing\.tar: no such file\n$/],
			[['volume', 'export', small], /requires 2 arguments/],
			[['volume', 'nope'], /unknown command "nope" for "imgscope volume"/],
		];
		for (const [args, message] of cases) {
			const r = await imgscope(args);
			expect(r.code, args.join(' ')).toBe(args[1] === 'nope' ? 2 : 1);
			expect(r.stderr).toMatch(message);
			expect(hasStackTrace(r.stderr)).toBe(false);
		}
		expect(readdirSync(dir).sort()).toEqual(['exists.tar', 'hostile.tar', 'small.tgz']);
	}, 60_000);

	it('Ctrl+C during an export: no partial file, no helper container', async () => {
		const big = createTestVolume('big');
		fill(big, 'busybox dd if=/dev/urandom of=/v/big bs=1M count=120 2>/dev/null');
		const out = mkdtempSync(path.join(dir, 'sigint-'));
		let sent = false;
		const r = await imgscope(['volume', 'export', big, path.join(out, 'big.tar.gz')], {
			onSpawn: child => {
				// Interrupt once the copy has started writing (its temporary file is there).
				const poll = setInterval(() => {
					if (readdirSync(out).length > 0) {
						clearInterval(poll);
						sent = true;
						child.kill('SIGINT');
					}
				}, 20);
				child.on('close', () => clearInterval(poll));
			},
		});
		expect(sent).toBe(true);
		expect(r.signal ?? r.code).toBe(r.signal ? 'SIGINT' : 130);
		expect(readdirSync(out)).toEqual([]);
		expect(existsSync(path.join(out, 'big.tar.gz'))).toBe(false);
		expect(hasStackTrace(r.stderr)).toBe(false);
	}, 120_000);

	it('leaves no helper container behind', () => {
		expect(leftoverHelpers()).toEqual([]);
	});
});

/**
 * `imgscope files`, `check` and `diff` on the fixture test-layers/waste:1
 * (test/layers/fixtures/waste/Dockerfile: one case per layer: a file
 * overwritten, an identical rewrite, a file deleted, a directory deleted, a
 * directory deleted and recreated (opaque), hard and symbolic links, a big
 * file added then deleted, a link retargeted, a mode change). Every figure is
 * asserted exactly, from three sources: the engine, a `docker save` archive
 * and an OCI archive made by skopeo; and the three must print the same JSON.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {statSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import check from '../../source/cli/check.js';
import diff from '../../source/cli/diff.js';
import files from '../../source/cli/files.js';
import {haveEngine} from '../helpers/engine.js';
import {IMAGE, USER_STORED, WASTED, expected, expectedBase, expectedFinalW, expectedWasted} from '../layers/waste-expected.js';
import {type Result, type SavedArchives, runCommand as runUncached, saveArchives, sourceFree} from './support.js';
import type {Command} from '../../source/cli/command.js';

// Each run's output is kept: the equality test compares what the exactness tests already checked.
const cache = new Map<string, Promise<Result>>();
function runCommand(command: Command, argv: string[]): Promise<Result> {
	const key = `${command.name} ${JSON.stringify(argv)}`;
	if (!cache.has(key)) cache.set(key, runUncached(command, argv));
	return cache.get(key)!;
}

const BASE = 'test-layers/base:1';

describe.skipIf(!haveEngine)('files, check and diff on test-layers/waste:1 from the engine, a docker-save archive and an OCI archive', () => {
	let saved: Record<string, SavedArchives>;
	let sources: Array<[string, string[]]>;
	let imageId: string;
	let busybox: number;

	beforeAll(() => {
		saved = saveArchives([IMAGE, BASE]);
		sources = [
			['engine', [IMAGE]],
			['docker save', ['--archive', saved[IMAGE].dockerSave]],
			['OCI archive', ['--archive', saved[IMAGE].oci]],
		];
		imageId = execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', IMAGE], {encoding: 'utf8'}).trim();
		// The base layer holds the host's busybox, as fixtures.sh copied it.
		busybox = statSync(execFileSync('sh', ['-c', 'command -v busybox'], {encoding: 'utf8'}).trim()).size;
	});
	afterAll(() => {
		for (const s of Object.values(saved ?? {})) s.dispose();
	});

	const line = (e: {change: string; path: string; size: number; type: string}) => `${e.change} ${e.path} ${e.size} ${e.type}`;

	it('files --layer N --json: each layer\'s changes, exactly, from each source', async () => {
		for (const [name, args] of sources) {
			for (let n = 0; n < expected.length; n++) {
				const r = await runCommand(files, [...args, '--layer', String(n), '--json']);
				expect(r.code, `${name} layer ${n}: ${r.stderr}`).toBe(0);
				expect(r.stderr).toBe('');
				const doc = JSON.parse(r.stdout);
				expect(doc).toMatchObject({layer: n, layers: 11, aggregate: false});
				expect(doc.entries.map(line), `${name} layer ${n}`).toEqual(n === 0 ? expectedBase(busybox) : expected[n]);
			}
		}
	});

	it('files: what changed is said (content, link, mode) with the entry before', async () => {
		for (const [name, args] of sources) {
			const at = async (n: number) => JSON.parse((await runCommand(files, [...args, '--layer', String(n), '--json'])).stdout).entries;
			const [over] = await at(3);
			expect(over, name).toMatchObject({path: 'w/over.txt', change: 'modified', what: ['content'], size: 6, before: {size: 4, type: 'file'}});
			expect(over.digest).toBe(`sha256:${sha256('bbbbbb')}`);
			expect(over.before.digest).toBe(`sha256:${sha256('aaaa')}`);
			expect((await at(9))[0]).toMatchObject({path: 'w/sym', change: 'modified', what: ['link'], linkTarget: 'same.txt', before: {linkTarget: 'over.txt'}});
			expect((await at(10))[0]).toMatchObject({path: 'w/over.txt', change: 'modified', what: ['mode'], mode: '0600', before: {mode: '0644'}});
			const layer1 = await at(1);
			const h1 = layer1.find((e: {path: string}) => e.path === 'w/h1');
			expect(layer1.find((e: {path: string}) => e.path === 'w/h2')).toMatchObject({type: 'hardlink', linkTarget: 'w/h1', size: 0, digest: h1.digest});
		}
	});

	it('files without --layer shows the last layer; --aggregate the whole filesystem at a layer', async () => {
		for (const [name, args] of sources) {
			const last = JSON.parse((await runCommand(files, [...args, '--json'])).stdout);
			expect(last.layer, name).toBe(10);
			expect(last.entries.map(line)).toEqual(expected[10]);
			const final = JSON.parse((await runCommand(files, [...args, '--aggregate', '--json'])).stdout);
			const w = final.entries
				.filter((e: {path: string}) => e.path === 'w' || e.path.startsWith('w/'))
				.map((e: {path: string; type: string; size: number; mode: string; linkTarget?: string; layer: number}) => `${e.path} ${e.type} ${e.size} ${e.mode}${e.linkTarget ? ` -> ${e.linkTarget}` : ''} @${e.layer}`);
			expect(w, name).toEqual(expectedFinalW);
			expect(final.entries.find((e: {path: string}) => e.path === 'w/over.txt').change).toBe('modified');
			expect(final.entries.find((e: {path: string}) => e.path === 'w/h1').change).toBeNull();
			// At layer 2 the big file is there, and the directory that layer 6 deletes.
			const at2 = JSON.parse((await runCommand(files, [...args, '--layer', '2', '--aggregate', '--json'])).stdout);
			const paths = at2.entries.map((e: {path: string}) => e.path);
			expect(paths).toEqual(expect.arrayContaining(['w/big.bin', 'w/dir/sub/b', 'w/del.txt', 'w/opq/keep/f']));
			expect(at2.entries.find((e: {path: string}) => e.path === 'w/big.bin')).toMatchObject({change: 'added', layer: 2, size: 1048576});
		}
	});

	it('files as text: one row per change, sizes in docker units, links shown', async () => {
		for (const [, args] of sources) {
			expect((await runCommand(files, [...args, '--layer', '7'])).stdout).toBe(
				[
					'CHANGE    TYPE   SIZE   PATH',
					'removed   dir    0B     w/opq/keep',
					'removed   file   5B     w/opq/keep/f',
					'added     file   3B     w/opq/new',
					'removed   file   2B     w/opq/o1',
					'',
				].join('\n'),
			);
			expect((await runCommand(files, [...args, '--layer', '9'])).stdout).toContain('modified   symlink   0B     w/sym -> same.txt');
		}
	});

	it('check --json: the figures and the wasted copies, exactly; dive\'s default rules fail (exit 1)', async () => {
		for (const [name, args] of sources) {
			const r = await runCommand(check, [...args, '--json']);
			expect(r.code, `${name}: ${r.stderr}`).toBe(1);
			expect(r.stderr).toBe('');
			const doc = JSON.parse(r.stdout);
			const stored = busybox + USER_STORED;
			expect(doc, name).toMatchObject({layers: 11, storedBytes: stored, userStoredBytes: USER_STORED, wastedBytes: WASTED, efficiency: 1 - WASTED / stored, userWastedPercent: WASTED / USER_STORED, pass: false});
			expect(doc.wasted.map((w: {path: string; bytes: number; addedIn: number; hiddenIn: number; hiddenBy: string}) => `${w.path} ${w.bytes} ${w.addedIn}->${w.hiddenIn} ${w.hiddenBy}`)).toEqual(expectedWasted);
			expect(doc.wasted.reduce((n: number, w: {bytes: number}) => n + w.bytes, 0)).toBe(WASTED);
			expect(doc.rules).toEqual([
				{rule: 'lowest-efficiency', limit: 0.9, value: 1 - WASTED / stored, status: 'fail'},
				{rule: 'highest-wasted-bytes', limit: null, value: WASTED, status: 'disabled'},
				{rule: 'highest-user-wasted-percent', limit: 0.1, value: WASTED / USER_STORED, status: 'fail'},
			]);
			expect(doc.perLayer.map((l: {wastedBytes: number}) => l.wastedBytes)).toEqual([0, 4 + 12 + 10 + 5 + 7, 1048576, 6, 0, 0, 0, 0, 0, 0, 0]);
			if (name !== 'OCI archive') expect(doc.id).toBe(imageId); // skopeo rewrites the config as OCI: another digest
		}
	});

	it('check: each rule passes at its limit and fails just past it', async () => {
		const stored = busybox + USER_STORED;
		const efficiency = 1 - WASTED / stored;
		const off = ['--lowest-efficiency', 'disabled', '--highest-user-wasted-percent', 'disabled'];
		for (const [name, args] of sources) {
			const code = async (...flags: string[]) => (await runCommand(check, [...args, ...flags])).code;
			expect(await code(...off), name).toBe(0);
			expect(await code(...off, '--highest-wasted-bytes', String(WASTED))).toBe(0);
			expect(await code(...off, '--highest-wasted-bytes', String(WASTED - 1))).toBe(1);
			expect(await code(...off, '--highest-wasted-bytes', '1MB')).toBe(1); // 1,000,000 < 1,048,620
			expect(await code(...off, '--highest-wasted-bytes', '1.1MB')).toBe(0);
			expect(await code('--highest-user-wasted-percent', 'disabled', '--lowest-efficiency', String(efficiency))).toBe(0);
			expect(await code('--highest-user-wasted-percent', 'disabled', '--lowest-efficiency', String(efficiency + 1e-9))).toBe(1);
			expect(await code('--highest-user-wasted-percent', 'disabled', '--lowest-efficiency', '60%')).toBe(0);
			expect(await code('--lowest-efficiency', 'disabled', '--highest-user-wasted-percent', '100%')).toBe(0);
			expect(await code('--lowest-efficiency', 'disabled', '--highest-user-wasted-percent', '0.99')).toBe(1);
		}
	});

	it('check as text: figures, the biggest wasted paths, a verdict per rule', async () => {
		const r = await runCommand(check, [IMAGE, '--highest-wasted-bytes', '2MB']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(`wasted bytes:        1.049MB (${WASTED}) in 9 copies`);
		expect(r.stdout).toContain('  1.049MB   layer 2    layer 8     removed       w/big.bin');
		expect(r.stdout).toMatch(/^ {2}FAIL {2}lowest-efficiency: 65\.\d\d% \(0\.65\d+\) < 90\.00% \(0\.9\)$/m);
		expect(r.stdout).toContain(`  PASS  highest-wasted-bytes: 1.049MB (${WASTED} bytes) <= 2MB (2000000 bytes)`);
		expect(r.stdout).toMatch(/^ {2}FAIL {2}highest-user-wasted-percent: /m);
		expect(r.stdout.endsWith('result: FAIL\n')).toBe(true);
	});

	it('the three sources print the same JSON (but for where it came from)', async () => {
		const runs: Array<[string, string[]]> = [];
		for (let n = 0; n < 11; n++) runs.push(['files', ['--layer', String(n), '--json']], ['files', ['--layer', String(n), '--aggregate', '--json']]);
		runs.push(['check', ['--json']]);
		for (const [command, flags] of runs) {
			const outputs = [];
			for (const [, args] of sources) outputs.push(sourceFree((await runCommand(command === 'files' ? files : check, [...args, ...flags])).stdout));
			expect(outputs[1], `${command} ${flags.join(' ')}: docker save`).toEqual(outputs[0]);
			expect(outputs[2], `${command} ${flags.join(' ')}: OCI`).toEqual(outputs[0]);
		}
	});

	it('diff: shared layers and the files between the two final filesystems, from each source', async () => {
		const pairs: Array<[string, string[]]> = [
			['engine', [BASE, IMAGE]],
			['docker save', ['--archive', saved[BASE].dockerSave, '--archive', saved[IMAGE].dockerSave]],
			['OCI archive', ['--archive', saved[BASE].oci, '--archive', saved[IMAGE].oci]],
			['mixed', ['--archive', saved[BASE].oci, '--archive', saved[IMAGE].dockerSave]],
		];
		const docs = [];
		for (const [name, args] of pairs) {
			const r = await runCommand(diff, [...args, '--json']);
			expect(r.code, `${name}: ${r.stderr}`).toBe(0);
			const doc = JSON.parse(r.stdout);
			expect(doc.commonPrefix, name).toBe(1);
			expect(doc.sharedLayers).toEqual([doc.a.diffIds[0]]);
			expect(doc.a.layers).toBe(1);
			expect(doc.b.layers).toBe(11);
			expect(doc.changes.map(line)).toEqual([
				'added w 0 dir',
				'added w/h1 12 file',
				'added w/h2 0 hardlink',
				'added w/opq 0 dir',
				'added w/opq/new 3 file',
				'added w/over.txt 6 file',
				'added w/same.txt 12 file',
				'added w/sym 0 symlink',
			]);
			expect(doc.summary).toEqual({added: 8, modified: 0, removed: 0, addedBytes: 33, modifiedBytes: 0, removedBytes: 0});
			docs.push(sourceFree(r.stdout));
		}
		for (const doc of docs.slice(1)) expect(doc).toEqual(docs[0]);
		// The other way round: the same paths, removed.
		const back = JSON.parse((await runCommand(diff, [IMAGE, BASE, '--json'])).stdout);
		expect(back.changes.map((c: {change: string}) => c.change)).toEqual(Array(8).fill('removed'));
		// An image against itself: every layer shared, nothing changed.
		const same = JSON.parse((await runCommand(diff, ['--archive', saved[IMAGE].oci, '--archive', saved[IMAGE].dockerSave, '--json'])).stdout);
		expect(same.changes).toEqual([]);
		expect(same.commonPrefix).toBe(11);
	});

	it('diff picks two images out of one archive by name', async () => {
		const both = `${saved[IMAGE].dir}/both.tar`;
		execFileSync('docker', ['save', BASE, IMAGE, '-o', both]);
		const r = await runCommand(diff, ['--archive', both, BASE, IMAGE, '--json']);
		expect(r.code, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout).summary.added).toBe(8);
		const text = await runCommand(diff, ['--archive', both, BASE, IMAGE]);
		expect(text.stdout).toContain('shared layers: 1, the bottom 1 in common\nadded: 8 (33B), modified: 0 (0B), removed: 0 (0B)\n');
		expect(text.stdout).toContain('added    symlink    0B     w/sym -> same.txt');
	});
});

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

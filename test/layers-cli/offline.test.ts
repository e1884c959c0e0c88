/**
 * The parts of files, check and diff that need no engine: flag parsing
 * (ratios, sizes in docker units, layer indexes), the progress line, JSON
 * output, and the commands themselves on hand-built archives (a context whose
 * engine throws proves --archive never touches one).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseArgs, UsageError} from '../../source/cli/args.js';
import check, {evaluate, parseRatio, parseRules, parseSizeLimit} from '../../source/cli/check.js';
import type {Command, CommandContext} from '../../source/cli/command.js';
import {commandTable} from '../../source/cli/command-table.js';
import diff, {diffSpecs} from '../../source/cli/diff.js';
import files, {layerRangeText, parseLayerIndex} from '../../source/cli/files.js';
import {progressLine} from '../../source/cli/image-progress.js';
import {emit, emitJsonDocument, octalMode} from '../../source/cli/layer-output.js';
import {type Layer, layer, legacyArchive, ociItems, packTar} from '../archive/helpers.js';
import {Capture} from './support.js';

describe('limits and indexes', () => {
	it('ratios: decimals or percentages, bounded, or disabled', () => {
		expect(parseRatio('lowest-efficiency', '0.9', 1)).toBe(0.9);
		expect(parseRatio('lowest-efficiency', '.5', 1)).toBe(0.5);
		expect(parseRatio('lowest-efficiency', '1', 1)).toBe(1);
		expect(parseRatio('lowest-efficiency', '90%', 1)).toBe(0.9);
		expect(parseRatio('lowest-efficiency', '0', 1)).toBe(0);
		expect(parseRatio('lowest-efficiency', 'disabled', 1)).toBeUndefined();
		expect(parseRatio('highest-user-wasted-percent', '2.5', Number.MAX_SAFE_INTEGER)).toBe(2.5);
		for (const bad of ['', 'x', '-1', '1.5', '101%', '0.9.1', '1e-3', '%', '0x1']) {
			expect(() => parseRatio('lowest-efficiency', bad, 1), bad).toThrow(UsageError);
		}
	});

	it('sizes in docker units (go-units FromHumanSize: decimal), or disabled', () => {
		expect(parseSizeLimit('highest-wasted-bytes', '20MB')).toBe(20_000_000);
		expect(parseSizeLimit('highest-wasted-bytes', '1.5GB')).toBe(1_500_000_000);
		expect(parseSizeLimit('highest-wasted-bytes', '512kB')).toBe(512_000);
		expect(parseSizeLimit('highest-wasted-bytes', '512KiB')).toBe(512_000); // go-units ignores the i
		expect(parseSizeLimit('highest-wasted-bytes', '100')).toBe(100);
		expect(parseSizeLimit('highest-wasted-bytes', '0')).toBe(0);
		expect(parseSizeLimit('highest-wasted-bytes', 'disabled')).toBeUndefined();
		for (const bad of ['', 'MB', '-1', '1.2.3MB', '12QB', '99999999999PB']) expect(() => parseSizeLimit('highest-wasted-bytes', bad), bad).toThrow(UsageError);
	});

	it("dive's defaults when a rule is not given; each rule's direction", () => {
		const rules = parseRules({});
		expect(rules).toEqual([
			{name: 'lowest-efficiency', limit: 0.9},
			{name: 'highest-wasted-bytes', limit: undefined},
			{name: 'highest-user-wasted-percent', limit: 0.1},
		]);
		const figures = {efficiency: 0.9, wastedBytes: 10, userWastedPercent: 0.1};
		expect(evaluate(rules, figures).map(r => r.status)).toEqual(['pass', 'disabled', 'pass']);
		expect(evaluate(parseRules({'highest-wasted-bytes': '9'}), figures)[1]).toEqual({rule: 'highest-wasted-bytes', limit: 9, value: 10, status: 'fail'});
		expect(evaluate(rules, {...figures, efficiency: 0.89}).map(r => r.status)).toEqual(['fail', 'disabled', 'pass']);
		expect(evaluate(rules, {...figures, userWastedPercent: 0.11}).map(r => r.status)).toEqual(['pass', 'disabled', 'fail']);
	});

	it('layer indexes and the range message', () => {
		expect(parseLayerIndex(undefined)).toBeUndefined();
		expect(parseLayerIndex('0')).toBe(0);
		expect(parseLayerIndex('12')).toBe(12);
		for (const bad of ['', '-1', '1.5', 'top', '0x2', '9999999999']) expect(() => parseLayerIndex(bad), bad).toThrow(UsageError);
		expect(layerRangeText(0)).toBe('the image has no layers');
		expect(layerRangeText(1)).toBe('the image has 1 layer: the only valid index is 0');
		expect(layerRangeText(11)).toBe('the image has 11 layers: valid indexes are 0 to 10');
	});

	it('diff: which image comes from where', () => {
		expect(diffSpecs(['a', 'b'], [])).toEqual([{ref: 'a'}, {ref: 'b'}]);
		expect(diffSpecs(['a', 'b'], ['x.tar'])).toEqual([{archive: 'x.tar', ref: 'a'}, {archive: 'x.tar', ref: 'b'}]);
		expect(diffSpecs([], ['x.tar', 'y.tar'])).toEqual([{archive: 'x.tar', ref: undefined}, {archive: 'y.tar', ref: undefined}]);
		expect(diffSpecs(['a'], ['x.tar', 'y.tar'])).toEqual([{archive: 'x.tar', ref: 'a'}, {archive: 'y.tar', ref: undefined}]);
		expect(() => diffSpecs(['a'], [])).toThrow(/requires 2 arguments/);
		expect(() => diffSpecs(['a'], ['x.tar'])).toThrow(/both in the archive/);
		expect(() => diffSpecs([], ['x', 'y', 'z'])).toThrow(/at most twice/);
	});

	it('modes as four octal digits', () => {
		expect(octalMode(0o644)).toBe('0644');
		expect(octalMode(0o4755)).toBe('4755');
		expect(octalMode(0o7)).toBe('0007');
	});
});

describe('the progress line', () => {
	it('draws nothing when stderr is not a terminal', () => {
		const out = new Capture(false);
		const p = progressLine(out, 'img');
		p.update({bytesRead: 5, layer: 1, layers: 2});
		p.done();
		expect(p.active).toBe(false);
		expect(out.text).toBe('');
	});

	it('on a terminal: bytes and layer n of m on one line, at most every 100 ms, cut to the width, cleared when done', () => {
		const out = new Capture(true);
		let now = 1000;
		const p = progressLine(out, 'test-layers/waste:1', () => now);
		p.update({bytesRead: 1_500_000, layer: 2, layers: 11, position: 2});
		expect(out.text).toBe('\r\x1b[2Kreading test-layers/waste:1: layer 2 of 11, 1.5MB read');
		now += 50;
		p.update({bytesRead: 2_000_000, layer: 3, layers: 11});
		expect(out.text).not.toContain('layer 3');
		now += 60;
		p.update({bytesRead: 123_456_789, layer: 3, layers: 11, position: 3, totalBytes: 208_000_000});
		const last = out.text.split('\r\x1b[2K').at(-1)!;
		expect(last).toBe('reading test-layers/waste:1: layer 3 of 11, 123.5MB of 208…');
		expect(last.length).toBeLessThanOrEqual(59);
		p.done();
		expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
		const length = out.text.length;
		p.done();
		p.update({bytesRead: 1, layer: 1});
		expect(out.text.length).toBe(length);
	});

	it('says layers begun when the RootFS position is unknown, and drops an estimate the count passed', () => {
		const out = new Capture(true);
		let now = 1000;
		const p = progressLine(out, 'img', () => now);
		p.update({bytesRead: 1_270_000_000, layer: 3, layers: 8, totalBytes: 1_260_000_000});
		expect(out.text).toBe('\r\x1b[2Kreading img: 3 of 8 layers begun, 1.27GB read');
		now += 200;
		p.update({bytesRead: 1_270_000_000, layer: 3, layers: 8, position: 6, totalBytes: 1_260_000_000});
		expect(out.text.split('\r\x1b[2K').at(-1)).toBe('reading img: layer 6 of 8, 1.27GB read');
	});

	it('control characters in the name are shown, not sent to the terminal', () => {
		const out = new Capture(true);
		progressLine(out, 'evil\x1b]0;title\x07').update({bytesRead: 0, layer: 0});
		expect(out.text).toBe('\r\x1b[2Kreading evil\\x1b]0;title\\x07: 0B read');
	});

	it('a terminal that says it has 0 columns (a bare pty) gets 80; a note before bytes flow', () => {
		const out = new Capture(true);
		out.columns = 0;
		const p = progressLine(out, 'x'.repeat(100));
		p.note('waiting');
		expect(out.text).toBe(`\r\x1b[2Kreading ${'x'.repeat(70)}…`);
		const short = new Capture(true);
		short.columns = 100;
		progressLine(short, 'img').note("waiting for the engine's export (3 layers, 208MB)…");
		expect(short.text).toBe("\r\x1b[2Kreading img: waiting for the engine's export (3 layers, 208MB)…");
	});

	it('clears nothing when nothing was drawn', () => {
		const out = new Capture(true);
		progressLine(out, 'x').done();
		expect(out.text).toBe('');
	});
});

describe('output', () => {
	it('a JSON document with one item per line parses to the same value', async () => {
		const out = new Capture();
		const items = Array.from({length: 3000}, (_, i) => ({path: `p/${i}`, n: i, s: 'x'.repeat(40)}));
		await emitJsonDocument(out, {image: 'a"b', nested: {x: [1, 2]}, none: null}, {entries: items, more: []});
		expect(JSON.parse(out.text)).toEqual({image: 'a"b', nested: {x: [1, 2]}, none: null, entries: items, more: []});
		expect(out.text.split('\n')).toContain('    {"path":"p/0","n":0,"s":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},');
		const empty = new Capture();
		await emitJsonDocument(empty, {a: 1}, {});
		expect(JSON.parse(empty.text)).toEqual({a: 1});
	});

	it('a reader that went away (EPIPE) ends the output quietly', async () => {
		const closed = new Writable({write: (_c, _e, cb) => cb(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))});
		closed.on('error', () => undefined); // what a dead pipe does after the first one
		await expect(emit(closed, 'text\n')).resolves.toBeUndefined();
	});
});

/** A context for --archive runs: touching the engine fails the test. */
function offline(tty = false): CommandContext & {stdout: Capture; stderr: Capture} {
	return {
		stdout: new Capture(),
		stderr: new Capture(tty),
		engine: () => {
			throw new Error('the engine was asked for during an --archive read');
		},
		commandTable,
	};
}

async function run(command: Command, argv: string[], tty = false): Promise<{code: number; stdout: string; stderr: string}> {
	const context = offline(tty);
	const code = await command.run(context, parseArgs(argv, command.flags, {command: command.name}));
	return {code, stdout: context.stdout.text, stderr: context.stderr.text};
}

describe('the commands on hand-built archives, with no engine', () => {
	let dir: string;
	let docker: string;
	let oci: string;
	let other: string;
	let layers: Layer[];

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-offline-'));
		layers = [
			await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/a', data: 'aaaa'}, {name: 'etc/b', data: 'bb'}, {name: 'opt/', type: 'directory'}, {name: 'opt/x', data: 'xxxxxx'}]),
			await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/.wh.a'}, {name: 'etc/b', data: 'BB', mode: 0o600}, {name: 'opt/', type: 'directory'}, {name: 'opt/.wh..wh..opq'}, {name: 'opt/y', data: 'y'}]),
			await layer([{name: 'big', data: Buffer.alloc(300_000, 1)}, {name: 'hl', type: 'link', linkname: 'big'}, {name: 'sl', type: 'symlink', linkname: 'big'}]),
		];
		docker = path.join(dir, 'docker.tar');
		oci = path.join(dir, 'oci.tar');
		other = path.join(dir, 'other.tar');
		writeFileSync(docker, await legacyArchive(layers, {tags: ['x/y:1']}));
		writeFileSync(oci, await packTar(await ociItems(layers, {ref: 'x/y:1'})));
		writeFileSync(other, await legacyArchive(layers.slice(0, 2), {tags: ['x/y:0']}));
	});
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('files: each layer from either layout, the image named by its tag', async () => {
		for (const archive of [docker, oci]) {
			const doc = JSON.parse((await run(files, ['--archive', archive, '--layer', '1', '--json'])).stdout);
			expect(doc).toMatchObject({image: 'x/y:1', layer: 1, layers: 3, diffId: layers[1].diffId});
			expect(doc.entries.map((e: {change: string; path: string; size: number}) => `${e.change} ${e.path} ${e.size}`)).toEqual([
				'removed etc/a 4',
				'modified etc/b 2',
				'removed opt/x 6',
				'added opt/y 1',
			]);
		}
	});

	it('check: the figures follow from the layers (12 stored in the first layer, 300,003 after; 12 wasted)', async () => {
		for (const archive of [docker, oci]) {
			const r = await run(check, ['--archive', archive, '--json']);
			const doc = JSON.parse(r.stdout);
			expect(doc).toMatchObject({storedBytes: 300_015, userStoredBytes: 300_003, wastedBytes: 12, efficiency: 1 - 12 / 300_015, userWastedPercent: 12 / 300_003, layers: 3, pass: true});
			expect(doc.wasted).toEqual([
				{path: 'opt/x', bytes: 6, addedIn: 0, hiddenIn: 1, hiddenBy: 'opaque'},
				{path: 'etc/a', bytes: 4, addedIn: 0, hiddenIn: 1, hiddenBy: 'removed'},
				{path: 'etc/b', bytes: 2, addedIn: 0, hiddenIn: 1, hiddenBy: 'overwritten'},
			]);
			expect(r.code).toBe(0);
			expect((await run(check, ['--archive', archive, '--highest-wasted-bytes', '11'])).code).toBe(1);
		}
	});

	it('diff between two archives (docker save and OCI)', async () => {
		const r = JSON.parse((await run(diff, ['--archive', other, '--archive', oci, '--json'])).stdout);
		expect(r.commonPrefix).toBe(2);
		expect(r.sharedLayers).toEqual([layers[0].diffId, layers[1].diffId]);
		expect(r.changes.map((c: {change: string; path: string; type: string}) => `${c.change} ${c.path} ${c.type}`)).toEqual(['added big file', 'added hl hardlink', 'added sl symlink']);
		const text = await run(diff, ['--archive', other, '--archive', oci]);
		expect(text.stdout).toBe(
			[
				`A: x/y:0 (2 layers)`,
				`B: x/y:1 (3 layers)`,
				'shared layers: 2, the bottom 2 in common',
				'added: 3 (300kB), modified: 0 (0B), removed: 0 (0B)',
				'',
				'CHANGE   TYPE       SIZE    PATH',
				'added    file       300kB   big',
				'added    hardlink   0B      hl link to big',
				'added    symlink    0B      sl -> big',
				'',
			].join('\n'),
		);
	});

	it('the progress line for an archive on a terminal, cleared at the end; stdout untouched', async () => {
		const r = await run(files, ['--archive', docker, '--json'], true);
		expect(r.stderr.startsWith(`\r\x1b[2Kreading ${docker}: `)).toBe(true);
		expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
		expect(r.stdout).not.toContain('\x1b');
		expect(JSON.parse(r.stdout).layer).toBe(2);
	});

	it('paths with control characters are escaped in text, kept exact in JSON', async () => {
		const evil = await layer([{name: 'a\x1b[31mred', data: 'x'}, {name: 'line\nbreak', data: 'y'}]);
		const archive = path.join(dir, 'evil.tar');
		writeFileSync(archive, await legacyArchive([evil]));
		const text = (await run(files, ['--archive', archive])).stdout;
		expect(text).not.toContain('\x1b');
		expect(text).toContain('a\\x1b[31mred');
		expect(text).toContain('line\\nbreak');
		const json = JSON.parse((await run(files, ['--archive', archive, '--json'])).stdout);
		expect(json.entries.map((e: {path: string}) => e.path)).toEqual(['a\x1b[31mred', 'line\nbreak']);
	});
});

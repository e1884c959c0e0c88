/**
 * File names are bytes: names that differ only in bytes that are not UTF-8
 * stay distinct from the tar (written by GNU tar here, as images get them)
 * through the model, the waste figures, the text and JSON output, and come
 * back as the same bytes when written to disk.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {extractFile, readImageArchive} from '../../source/engine/archive/index.js';
import {TarParser} from '../../source/engine/archive/tar.js';
import {buildImageModel} from '../../source/layers/model.js';
import {wasteReport} from '../../source/layers/waste.js';
import {decodeName, encodeName, pathBytes} from '../../source/text/byte-names.js';
import {visibleName} from '../../source/text/sanitize.js';
import {changeJson, pathJson, shownPath} from '../../source/cli/layer-output.js';
import {type Layer, legacyArchive, sha256} from './helpers.js';

const work = mkdtempSync(path.join(tmpdir(), 'imgscope-bytenames-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const raw = {
	e9: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
	e8: Buffer.from([0x63, 0x61, 0x66, 0xe8]),
	fffd: Buffer.from('caf\ufffd', 'utf8'),
	back: Buffer.from('back\\slash'),
};

/** A layer tar written by GNU tar from a directory of these names (Buffer paths: the bytes as they are). */
function gnuTar(files: Array<[Buffer, string]>, format: 'gnu' | 'pax'): Layer {
	const dir = mkdtempSync(path.join(work, 'layer-'));
	for (const [name, data] of files) writeFileSync(Buffer.concat([Buffer.from(dir + '/'), name]), data, {mode: 0o640});
	const tar = execFileSync('tar', ['-C', dir, `--format=${format}`, '--sort=name', '--owner=0', '--group=0', '-cf', '-', '.']);
	return {tar, blob: tar, diffId: `sha256:${sha256(tar)}`};
}

function names(tar: Buffer): string[] {
	const out: string[] = [];
	const p = new TarParser({entry: h => void out.push(h.name)});
	p.write(tar);
	p.end();
	return out;
}

describe('names as bytes', () => {
	it('decodes invalid bytes as lone surrogates and encodes them back exactly', () => {
		expect(decodeName(raw.e9)).toBe('caf\udce9');
		expect(decodeName(raw.e8)).toBe('caf\udce8');
		expect(decodeName(raw.fffd)).toBe('caf\ufffd');
		for (const b of [...Object.values(raw), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xff]), Buffer.from([0xe2, 0x82])]) {
			expect(encodeName(decodeName(b))).toEqual(b);
		}
		expect(pathBytes('caf\udce9')).toBe(raw.e9.toString('base64'));
		expect(pathBytes('caf\ufffd')).toBeUndefined();
	});

	it('shows invalid bytes and backslashes unambiguously', () => {
		expect(visibleName('caf\udce9')).toBe('caf\\xe9');
		expect(visibleName('caf\\xe9')).toBe('caf\\\\xe9');
		expect(visibleName('back\\slash')).toBe('back\\\\slash');
		expect(visibleName('caf\ufffd')).toBe('caf\ufffd');
		expect(visibleName('a\nb')).toBe('a\\nb');
		expect(shownPath('caf\udce9')).toBe('caf\\xe9');
	});

	for (const format of ['gnu', 'pax'] as const) {
		it(`keeps the names GNU tar wrote (--format=${format}) distinct`, () => {
			const l = gnuTar([[raw.e9, 'a'], [raw.e8, 'b'], [raw.fffd, 'c'], [raw.back, 'd']], format);
			const got = names(l.tar).filter(n => n !== './').map(n => n.slice(2));
			expect(got.sort()).toEqual(['back\\slash', 'caf\udce8', 'caf\udce9', 'caf\ufffd']);
			expect(got.map(n => encodeName(n).toString('hex')).sort()).toEqual(Object.values(raw).map(b => b.toString('hex')).sort());
		});
	}

	it('counts waste per name: 20 B, not one merged path', async () => {
		const base = gnuTar([[raw.e9, '0123456789'], [raw.e8, 'abcdefghij'], [raw.fffd, 'x'.repeat(1003)]], 'pax');
		const top = gnuTar([[raw.e9, 'new'], [raw.e8, 'new']], 'pax');
		const archive = await readImageArchive([await legacyArchive([base, top])].values() as never);
		const model = buildImageModel(archive.layers);
		expect(Array.from({length: model.nodeCount - 1}, (_, i) => model.pathOf(i + 1)).filter(k => k.startsWith('caf')).sort()).toEqual(['caf\udce8', 'caf\udce9', 'caf\ufffd']);
		const report = wasteReport(model);
		expect(report.wastedBytes).toBe(20);
		expect(report.wastedCount).toBe(2);
		const json = JSON.parse(JSON.stringify(pathJson('caf\udce9')));
		expect(Buffer.from(json.pathBytes, 'base64')).toEqual(raw.e9);
		expect(changeJson({path: 'caf\udce8', change: 'added', type: 'file', size: 3, entry: {path: 'caf\udce8', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0}} as never)).toMatchObject({pathBytes: raw.e8.toString('base64')});
	});

	it('extracts to the original bytes, with the entry mode', async () => {
		const l = gnuTar([[raw.e9, 'e9'], [raw.fffd, 'fffd']], 'pax');
		const archive = await legacyArchive([l]);
		const file = path.join(work, 'image.tar');
		writeFileSync(file, archive);
		const dest = mkdtempSync(path.join(work, 'out-'));
		const result = await extractFile(file, 0, './caf\udce9', dest, 'caf\udce9');
		expect(result.bytes).toBe(2);
		const listed = readdirSync(Buffer.from(dest), {encoding: 'buffer'});
		expect(listed).toEqual([raw.e9]);
		const target = Buffer.concat([Buffer.from(dest + '/'), raw.e9]);
		expect(readFileSync(target, 'utf8')).toBe('e9');
		expect(statSync(target).mode & 0o777).toBe(0o640);
	});
});

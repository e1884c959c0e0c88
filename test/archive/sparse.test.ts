/**
 * Sparse members as GNU tar writes them (PAX 0.0, 0.1, 1.0 and old GNU 'S'):
 * read as tar reads them, the real name and the real size, contents with the
 * holes as zeros (and the digest over those).
 */
import {execFileSync} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, ftruncateSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readImageArchive} from '../../source/engine/archive/index.js';
import {TarParser} from '../../source/engine/archive/tar.js';
import {legacyArchive, sha256} from './helpers.js';

const work = mkdtempSync(path.join(tmpdir(), 'imgscope-sparse-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const size = 64 * 1024 * 1024;
const dir = path.join(work, 'src');
execFileSync('mkdir', ['-p', `${dir}/d`]);
const file = path.join(dir, 'd', 'holes');
{
	// Data at the start, in the middle and at the very end, holes between: more than four segments
	// for old GNU's extension blocks.
	const fd = openSync(file, 'w');
	ftruncateSync(fd, size);
	for (let i = 0; i < 8; i++) writeSync(fd, Buffer.from(`segment ${i}`), 0, 9, i * 8 * 1024 * 1024 + (i ? 4096 : 0));
	writeSync(fd, Buffer.from('end'), 0, 3, size - 3);
	closeSync(fd);
}
const truth = sha256(readFileSync(file));

function member(tar: Buffer): {name: string; size: number; digest: string; bytes: number} {
	let out: {name: string; size: number; digest: string; bytes: number} | undefined;
	const p = new TarParser({
		entry(h) {
			if (h.type !== 'file') return undefined;
			const hash = createHash('sha256');
			let bytes = 0;
			return {
				write: c => {
					hash.update(c);
					bytes += c.length;
				},
				end: () => void (out = {name: h.name, size: h.size, digest: hash.digest('hex'), bytes}),
			};
		},
	});
	p.write(tar);
	p.end();
	return out!;
}

const variants: Array<[string, string[]]> = [
	['pax 1.0', ['--format=pax', '--sparse-version=1.0']],
	['pax 0.1', ['--format=pax', '--sparse-version=0.1']],
	['pax 0.0', ['--format=pax', '--sparse-version=0.0']],
	['old GNU (S)', ['--format=gnu']],
];

describe('sparse members', () => {
	for (const [label, flags] of variants) {
		it(`reads ${label} as the whole file`, async () => {
			const tar = execFileSync('tar', ['-C', dir, '--sparse', ...flags, '-cf', '-', 'd/holes'], {maxBuffer: 1 << 26});
			expect(tar.length).toBeLessThan(1 << 20); // really sparse in the tar
			const m = member(tar);
			expect(m).toEqual({name: 'd/holes', size, digest: truth, bytes: size});
			const image = await readImageArchive([await legacyArchive([{tar, blob: tar, diffId: `sha256:${sha256(tar)}`}])].values() as never);
			const entry = image.layers[0].entries.find(e => e.type === 'file')!;
			expect(entry).toMatchObject({path: 'd/holes', size, digest: truth});
		});
	}

	it('refuses a sparse map that does not fit its data', () => {
		const tar = execFileSync('tar', ['-C', dir, '--sparse', '--format=pax', '--sparse-version=1.0', '-cf', '-', 'd/holes']);
		// The map's first offset (after the count line) moved past the real size.
		const text = tar.toString('latin1');
		const at = text.indexOf('\n', text.indexOf('GNUSparseFile')) ;
		expect(at).toBeGreaterThan(0);
		const damaged = Buffer.from(tar);
		const dataStart = Math.ceil((text.lastIndexOf('GNU.sparse.realsize') + 40) / 512) * 512 + 512;
		damaged.write('99999999999', dataStart + 2, 'latin1');
		expect(() => member(damaged)).toThrow();
	});
});

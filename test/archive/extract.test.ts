import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {extractFile, readImageArchive} from '../../source/engine/archive/index.js';
import {layer, legacyArchive, sha256} from './helpers.js';

async function archive() {
	return legacyArchive([
		await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/a', data: 'first'}, {name: 'etc/h', type: 'link', linkname: 'etc/a'}]),
		await layer([{name: 'etc/a', data: 'second, longer'}, {name: 'etc/a', data: 'second, last copy wins'}], 'gzip'),
	]);
}

const fresh = () => mkdtempSync(path.join(tmpdir(), 'imgscope-extract-'));

describe('extractFile', () => {
	it('writes the file of the layer asked for (manifest after the layers: no hint needed), leaving nothing else', async () => {
		const bytes = await archive();
		const dir = fresh();
		const one = await extractFile(Readable.from([bytes]), 0, 'etc/a', dir, 'a0');
		const two = await extractFile(Readable.from([bytes]), 1, '/etc/a', dir, 'a1');
		expect(readFileSync(one.path, 'utf8')).toBe('first');
		expect(readFileSync(two.path, 'utf8')).toBe('second, last copy wins');
		expect(two).toMatchObject({bytes: 22, digest: sha256('second, last copy wins')});
		expect(readdirSync(dir).sort()).toEqual(['a0', 'a1']);
	});

	it('with the layer blobPath from an earlier read, only that layer is looked at', async () => {
		const bytes = await archive();
		const read = await readImageArchive(Readable.from([bytes]));
		const dir = fresh();
		const r = await extractFile(Readable.from([bytes]), 1, 'etc/a', dir, 'x', {blobPath: read.layers[1].blobPath});
		expect(readFileSync(r.path, 'utf8')).toBe('second, last copy wins');
	});

	it('follows a hard link when the source can be opened again, and says so when it cannot', async () => {
		const bytes = await archive();
		const dir = fresh();
		const r = await extractFile(() => Readable.from([bytes]), 0, 'etc/h', dir, 'h');
		expect(readFileSync(r.path, 'utf8')).toBe('first');
		await expect(extractFile(Readable.from([bytes]), 0, 'etc/h', dir, 'h2')).rejects.toThrow(/etc\/h is a hard link to etc\/a/);
	});

	it('refuses what is not a regular file, or not in that layer', async () => {
		const bytes = await archive();
		const dir = fresh();
		await expect(extractFile(Readable.from([bytes]), 0, 'etc', dir, 'x')).rejects.toThrow(/etc in layer 0 is a dir, not a regular file/);
		await expect(extractFile(Readable.from([bytes]), 1, 'etc/h', dir, 'x')).rejects.toThrow(/etc\/h is not in layer 1/);
		await expect(extractFile(Readable.from([bytes]), 5, 'etc/a', dir, 'x')).rejects.toThrow(/no layer 5/);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses destinations that escape destDir, exist, or go through a symlink out of it', async () => {
		const bytes = await archive();
		const outside = fresh();
		const dir = fresh();
		symlinkSync(outside, path.join(dir, 'link'));
		symlinkSync(path.join(outside, 'target'), path.join(dir, 'dangling'));
		writeFileSync(path.join(dir, 'exists'), 'keep');
		mkdirSync(path.join(dir, 'sub'));
		for (const [name, why] of [
			['../x', /outside/],
			[path.join(outside, 'abs'), /outside/],
			['link/x', /leads outside/],
			['dangling', /already exists/],
			['exists', /already exists/],
			['', /outside/],
			['.', /outside/],
			['nodir/x', /does not exist/],
		] as const) {
			await expect(extractFile(Readable.from([bytes]), 0, 'etc/a', dir, name), name).rejects.toThrow(why);
		}
		expect(readdirSync(outside)).toEqual([]);
		expect(readFileSync(path.join(dir, 'exists'), 'utf8')).toBe('keep');
		const ok = await extractFile(Readable.from([bytes]), 0, 'etc/a', dir, 'sub/a');
		expect(ok.path).toBe(path.join(dir, 'sub', 'a'));
		expect(existsSync(path.join(outside, 'target'))).toBe(false);
	});
});

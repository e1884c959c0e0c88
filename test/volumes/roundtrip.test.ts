// Export then import on the real engine: a volume with files of every kind
// comes back with the same names (bytes), types, modes, owners, link targets
// and contents; .tar and .tar.gz. No helper container is left behind.
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {engine as makeEngine, haveEngine} from '../helpers/engine.js';
import {exportVolume, importVolume, readVolumeFiles} from '../../source/engine/volumes/index.js';
import {EVERY_KIND, TEST_LABEL, cleanupVolumes, createTestVolume, fill, leftoverHelpers, listing, volumeName} from './support.js';

describe.skipIf(!haveEngine)('volume export and import round trip', () => {
	const engine = makeEngine();
	let source: string;
	let dir: string;
	let original: string;

	beforeAll(() => {
		source = createTestVolume('every');
		fill(source, EVERY_KIND);
		original = listing(source);
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-vt-'));
	}, 120_000);

	afterAll(() => {
		cleanupVolumes();
		rmSync(dir, {recursive: true, force: true});
		engine.close();
	});

	it('the source holds what the fixture wrote', () => {
		const lines = original.split('\n');
		expect(lines.length).toBeGreaterThanOrEqual(26);
		const kinds = new Set(lines.map(l => l.split('|')[1].split(' ').slice(0, -5).join(' ')));
		expect([...kinds].sort()).toEqual(['directory', 'fifo', 'regular empty file', 'regular file', 'symbolic link']);
		expect(original).toMatch(/\|regular file 4755 0 0 5 1\|/); // setuid
		expect(original).toMatch(/\|regular file 644 1234 5678 6 1\|/); // owner
		expect(original).toMatch(/\|regular file 644 0 0 6 2\|/); // the hard link pair
	});

	for (const ext of ['.tar', '.tar.gz']) {
		it(`${ext}: the imported volume holds the same files, modes, owners and contents`, async () => {
			const file = path.join(dir, `backup${ext}`);
			let progressed = 0;
			const exported = await exportVolume(engine, source, file, {onProgress: b => (progressed = b)});
			expect(exported.entries).toBeGreaterThanOrEqual(27);
			expect(progressed).toBe(exported.tarBytes);
			expect(statSync(file).size).toBe(exported.fileBytes);
			if (ext === '.tar') expect(exported.fileBytes).toBe(exported.tarBytes);
			else expect(exported.fileBytes).toBeLessThan(exported.tarBytes / 10); // 20 MiB of sparse zeros
			const target = volumeName('restored');
			const imported = await importVolume(engine, file, target, {labels: {'imgscope.test': 'volumes'}});
			expect(imported).toMatchObject({volume: target, created: true, entries: exported.entries});
			expect(listing(target)).toBe(original);
			const inspect = await engine.json<{Labels: Record<string, string>}>(`/volumes/${target}`);
			expect(`imgscope.test=${inspect.Labels['imgscope.test']}`).toBe(TEST_LABEL);
		}, 120_000);
	}

	it('the files tree has every entry with its type, mode, owner and link target', async () => {
		const files = await readVolumeFiles(engine, source);
		const byPath = new Map(files.entries.map(e => [e.path, e]));
		// Which name of the pair is the file and which the link is the tar's (readdir) order.
		const pair = [byPath.get('plain')!, byPath.get('hard')!].sort((a, b) => a.type.localeCompare(b.type));
		expect(pair[0]).toMatchObject({type: 'file', size: 6, mode: 0o644, uid: 0});
		expect(pair[1]).toMatchObject({type: 'hardlink', linkTarget: pair[0].path});
		expect(byPath.get('up/sym-up-inside')).toMatchObject({type: 'symlink', linkTarget: '../plain'});
		expect(byPath.get('sym')).toMatchObject({type: 'symlink', linkTarget: 'plain'});
		expect(byPath.get('sym-abs')).toMatchObject({type: 'symlink', linkTarget: '/etc/passwd'});
		expect(byPath.get('fifo')).toMatchObject({type: 'fifo'});
		expect(byPath.get('suid')).toMatchObject({mode: 0o4755});
		expect(byPath.get('owned')).toMatchObject({uid: 1234, gid: 5678});
		expect(byPath.get('bigid')).toMatchObject({uid: 2000000, gid: 65534});
		expect(byPath.get('sparse')).toMatchObject({type: 'file', size: 20971521});
		expect(byPath.get('0'.repeat(200))).toMatchObject({type: 'file', size: 5});
		const d = `d${'0'.repeat(100)}`;
		expect(byPath.get(`${d}/${d}/${d}/file`)).toMatchObject({type: 'file'});
		expect(files.tree.find('deep/a/b/c/leaf')).toMatchObject({type: 'file', size: 2});
		expect(files.tree.find('deep')).toMatchObject({files: 1, size: 2});
		expect(files.tree.root.files).toBe(files.entries.filter(e => e.type === 'file').length);
	}, 60_000);

	it('leaves no helper container behind', () => {
		expect(leftoverHelpers()).toEqual([]);
	});
});

/**
 * The fixture image test-layers/waste:1 (fixtures/waste/Dockerfile) has one
 * case per layer, so every figure below follows from the Dockerfile. It is
 * read three ways (and a fourth: an OCI layout with zstd layers), and every
 * way must give the same answers.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {type ImageArchive, extractFile, readImageArchive} from '../../source/engine/archive/index.js';
import {buildImageModel, layerChanges, wasteReport} from '../../source/layers/index.js';
import {describeWithEngine} from './engine.js';
import {IMAGE, USER_STORED, WASTED, expected, expectedWasted} from './waste-expected.js';

const here = path.dirname(new URL(import.meta.url).pathname);

function check(archive: ImageArchive): void {
	expect(archive.warnings).toEqual([]);
	expect(archive.layers).toHaveLength(11);
	expect(archive.layers.map(l => l.diffId)).toEqual(archive.config.rootfs.diff_ids);
	const model = buildImageModel(archive.layers);
	for (let n = 1; n < expected.length; n++) {
		expect(layerChanges(model, n).map(c => `${c.change} ${c.path} ${c.size} ${c.type}`), `layer ${n}`).toEqual(expected[n]);
	}
	expect(layerChanges(model, 3)[0].what).toEqual(['content']);
	expect(layerChanges(model, 9)[0].what).toEqual(['link']);
	expect(layerChanges(model, 10)[0].what).toEqual(['mode']);
	const h2 = archive.layers[1].entries.find(e => e.path === 'w/h2')!;
	expect(h2).toMatchObject({type: 'hardlink', linkTarget: 'w/h1', size: 0, digest: archive.layers[1].entries.find(e => e.path === 'w/h1')!.digest});
	const base = archive.layers[0].entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
	const w = wasteReport(model);
	expect(w.wastedBytes).toBe(WASTED);
	expect(w.userStoredBytes).toBe(USER_STORED);
	expect(w.storedBytes).toBe(base + USER_STORED);
	expect(w.efficiency).toBe(1 - WASTED / (base + USER_STORED));
	expect(w.userWastedPercent).toBe(WASTED / USER_STORED);
	expect(w.wasted.map(x => `${x.path} ${x.bytes} ${x.addedIn}->${x.hiddenIn} ${x.hiddenBy}`)).toEqual(expectedWasted);
}

describeWithEngine('fixture test-layers/waste:1, read three ways', () => {
	let dir: string;
	let saved: string;
	let oci: string;
	let zstdLayout: string;

	beforeAll(() => {
		execFileSync(path.join(here, 'fixtures.sh'), {stdio: 'pipe'});
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-layers-'));
		saved = path.join(dir, 'saved.tar');
		oci = path.join(dir, 'oci.tar');
		zstdLayout = path.join(dir, 'zstd');
		execFileSync('docker', ['save', IMAGE, '-o', saved]);
		execFileSync('skopeo', ['copy', '-q', `docker-archive:${saved}`, `oci-archive:${oci}`]);
		execFileSync('skopeo', ['copy', '-q', '--dest-compress-format', 'zstd', `docker-archive:${saved}`, `oci:${zstdLayout}:waste`]);
	});
	afterAll(() => dir && rmSync(dir, {recursive: true, force: true}));

	it('from the engine: docker save piped as a stream', async () => {
		const child = spawn('docker', ['save', IMAGE], {stdio: ['ignore', 'pipe', 'inherit']});
		const progress: number[] = [];
		const archive = await readImageArchive(child.stdout, {onProgress: p => progress.push(p.bytesRead)});
		check(archive);
		expect(archive.format).toBe('docker');
		expect(archive.repoTags).toEqual([IMAGE]);
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.at(-1)).toBeGreaterThan(1048576);
	});

	it('from a docker-save archive file', async () => {
		const archive = await readImageArchive(saved);
		check(archive);
		expect(archive.layers.every(l => l.compression === 'none')).toBe(true);
	});

	it('from an OCI archive made by skopeo (gzip layers)', async () => {
		const archive = await readImageArchive(oci);
		check(archive);
		expect(archive.format).toBe('oci');
		expect(archive.layers.every(l => l.compression === 'gzip')).toBe(true);
	});

	it('from an OCI layout directory with zstd layers', async () => {
		const archive = await readImageArchive(zstdLayout);
		check(archive);
		expect(archive.layers.every(l => l.compression === 'zstd')).toBe(true);
		expect(archive.repoTags).toEqual(['waste']);
	});

	it('extracts a file of a given layer from each source, and follows a hard link', async () => {
		const out = mkdtempSync(path.join(dir, 'out-'));
		const sources: Array<[string, Parameters<typeof extractFile>[0]]> = [
			['stream', () => spawn('docker', ['save', IMAGE], {stdio: ['ignore', 'pipe', 'inherit']}).stdout],
			['file', saved],
			['oci', oci],
			['zstd', zstdLayout],
		];
		for (const [name, source] of sources) {
			const first = await extractFile(source, 1, 'w/over.txt', out, `${name}-1`);
			expect(readFileSync(first.path, 'utf8')).toBe('aaaa');
			const later = await extractFile(source, 3, '/w/over.txt', out, `${name}-3`);
			expect(readFileSync(later.path, 'utf8')).toBe('bbbbbb');
			const linked = await extractFile(source, 1, 'w/h2', out, `${name}-h2`);
			expect(readFileSync(linked.path, 'utf8')).toBe('hard-content');
		}
		await expect(extractFile(saved, 1, 'w/sym', out, 'sym')).rejects.toThrow(/symlink, not a regular file/);
		await expect(extractFile(saved, 2, 'w/over.txt', out, 'x')).rejects.toThrow(/not in layer 2/);
		// Only the files asked for are left: no temporary copies.
		expect(execFileSync('ls', ['-A', out], {encoding: 'utf8'}).split('\n').filter(Boolean).sort()).toEqual(
			['file-1', 'file-3', 'file-h2', 'oci-1', 'oci-3', 'oci-h2', 'stream-1', 'stream-3', 'stream-h2', 'zstd-1', 'zstd-3', 'zstd-h2'],
		);
	});
});

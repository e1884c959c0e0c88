/**
 * Where the sha256 work runs (source/engine/archive/layer-hashing.ts): on a
 * worker thread for big reads, inline for small ones. Both must give the same
 * entries and diff_ids whatever the chunking; the worker must not outlive a
 * read (done, failed or aborted); and diff_ids can come from the config when
 * the source vouches for them.
 */
import {randomBytes} from 'node:crypto';
import {Readable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {readImageArchive} from '../../source/engine/archive/index.js';
import {Flow} from '../../source/engine/archive/flow.js';
import {HashWorker, chooseHashing, inlineHashing, runningHashWorkers} from '../../source/engine/archive/layer-hashing.js';
import {type Layer, layer, legacyArchive, ociItems, packTar, sha256} from './helpers.js';

const streamOf = (b: Buffer, chunk: number) => Readable.from((function* () {
	for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
})());

async function someLayers(compress: 'none' | 'gzip' | 'zstd' = 'none'): Promise<Layer[]> {
	const random = (n: number, seed: number) => Buffer.from(Array.from({length: n}, (_, i) => (i * 7919 + seed * 104729) % 251));
	return [
		await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/a', data: 'aaa'}, {name: 'etc/empty', data: ''}, {name: 'etc/b', data: random(5000, 1)}], compress),
		// Bigger than a worker batch (1 MiB), so a file spans batches and chunks.
		await layer([{name: 'big', data: random(2_500_000, 2)}, {name: 'hl', type: 'link', linkname: 'big'}, {name: 'small', data: 'x'}], compress),
		await layer(Array.from({length: 300}, (_, i) => ({name: `many/f${i}`, data: random(i * 37, i)})), compress),
	];
}

/** Waits (a little) for every hashing thread to have exited. */
async function allStopped(): Promise<number> {
	for (let i = 0; i < 50 && runningHashWorkers() > 0; i++) await new Promise(r => setTimeout(r, 20));
	return runningHashWorkers();
}

describe('worker and inline hashing give the same answers', () => {
	for (const compress of ['none', 'gzip', 'zstd'] as const) {
		it(`${compress} layers, chunks of any size`, async () => {
			const layers = await someLayers(compress);
			const archive = compress === 'none' ? await legacyArchive(layers) : await packTar(await ociItems(layers));
			const inline = await readImageArchive(streamOf(archive, 65_536), {hashing: 'inline'});
			expect(inline.warnings).toEqual([]);
			expect(inline.layers.map(l => l.diffId)).toEqual(layers.map(l => l.diffId));
			expect(inline.layers[1].entries[0].digest).toBe(sha256(layers[1].tar.subarray(512, 512 + 2_500_000)));
			for (const chunk of [97, 511, 4096, 1 << 20, 3 << 20]) {
				const worker = await readImageArchive(streamOf(archive, chunk), {hashing: 'worker'});
				expect(worker.layers, `chunk ${chunk}`).toEqual(inline.layers);
				expect(worker.warnings).toEqual([]);
			}
		}, 60_000);
	}

	it('a hard link gets its target\'s digest from the worker too', async () => {
		const layers = await someLayers();
		const r = await readImageArchive(streamOf(await legacyArchive(layers), 10_000), {hashing: 'worker'});
		const [big, hl] = r.layers[1].entries;
		expect(hl).toMatchObject({type: 'hardlink', linkTarget: 'big', digest: big.digest});
		expect(r.layers[0].entries.find(e => e.path === 'etc/empty')!.digest).toBe(sha256(''));
	});

	it('the HashWorker and inlineHashing agree piece by piece', async () => {
		const flow = new Flow();
		const worker = new HashWorker(flow);
		try {
			const data = Buffer.from('0123456789abcdefghij');
			const [w, i] = [worker.layer(), inlineHashing()];
			for (const h of [w, i]) {
				h.data(data.subarray(0, 10));
				h.file(0, data.subarray(0, 4), true);
				h.file(1, data.subarray(4, 10), false);
				h.data(data.subarray(10));
				h.file(1, data.subarray(10, 12), true);
			}
			const [a, b] = await Promise.all([w.end(), i.end()]);
			expect(a).toEqual(b);
			expect(a.diff).toBe(sha256(data));
			const hexes = new Map(Array.from(a.files.ids, (id, i) => [id, Buffer.from(a.files.bytes.subarray(i * 32, i * 32 + 32)).toString('hex')]));
			expect(hexes).toEqual(new Map([[0, sha256('0123')], [1, sha256('456789ab')]]));
		} finally {
			worker.close();
		}
	});
});

it('a big gzip layer read 1 MiB at a time adds no listener per full buffer (no MaxListeners warning)', async () => {
	const warnings: string[] = [];
	const onWarning = (w: Error) => warnings.push(w.name);
	process.on('warning', onWarning);
	try {
		const random = randomBytes(14 << 20); // incompressible: a gzip blob of 14 MiB, fed 1 MiB at a time
		const layers = [await layer([{name: 'big', data: random}], 'gzip')];
		const r = await readImageArchive(streamOf(await packTar(await ociItems(layers)), 1 << 20), {hashing: 'inline'});
		expect(r.layers[0].entries[0].digest).toBe(sha256(random));
		await new Promise(resolve => setTimeout(resolve, 20));
		expect(warnings).toEqual([]);
	} finally {
		process.off('warning', onWarning);
	}
});

describe('diff_ids', () => {
	it('with verifyDiffIds false they come from the config, unhashed (and a wrong one is not noticed)', async () => {
		const layers = await someLayers();
		const r = await readImageArchive(streamOf(await legacyArchive(layers), 65_536), {verifyDiffIds: false});
		expect(r.layers.map(l => l.diffId)).toEqual(layers.map(l => l.diffId));
		expect(r.warnings).toEqual([]);
		// A config that lies: believed without hashing, caught with it.
		const lying = [{...layers[0], diffId: `sha256:${'0'.repeat(64)}`}, layers[1], layers[2]];
		const archive = await packTar(await ociItems(lying));
		const trusted = await readImageArchive(streamOf(archive, 65_536), {verifyDiffIds: false});
		expect(trusted.layers[0].diffId).toBe(`sha256:${'0'.repeat(64)}`);
		expect(trusted.warnings).toEqual([]);
		const checked = await readImageArchive(streamOf(archive, 65_536));
		expect(checked.warnings).toEqual([`layer 0: content is ${layers[0].diffId} but the config says sha256:${'0'.repeat(64)}`]);
	});

	it('a config without diff_ids is said to be one', async () => {
		const l = await layer([{name: 'a', data: 'x'}]);
		const tarball = await packTar([
			{name: 'aa/layer.tar', data: l.blob},
			{name: 'c.json', data: JSON.stringify({rootfs: {type: 'layers'}})},
			{name: 'manifest.json', data: JSON.stringify([{Config: 'c.json', RepoTags: null, Layers: ['aa/layer.tar']}])},
		]);
		const r = await readImageArchive(streamOf(tarball, 4096), {verifyDiffIds: false});
		expect(r.warnings).toEqual(['the config does not give every layer its diff_id']);
		expect((await readImageArchive(streamOf(tarball, 4096))).layers[0].diffId).toBe(l.diffId);
	});
});

describe('without digests', () => {
	it('the same entries but for the digests, and no thread', async () => {
		const layers = await someLayers();
		const archive = await legacyArchive(layers);
		const full = await readImageArchive(streamOf(archive, 65_536));
		expect(await allStopped()).toBe(0);
		const bare = await readImageArchive(streamOf(archive, 65_536), {digests: false, hashing: 'worker', verifyDiffIds: false});
		expect(runningHashWorkers()).toBe(0);
		expect(bare.layers.map(l => l.entries)).toEqual(full.layers.map(l => l.entries.map(({digest: _digest, ...rest}) => rest)));
		expect(bare.layers.map(l => l.diffId)).toEqual(full.layers.map(l => l.diffId));
		expect(bare.layers.map(l => l.anomalyCount)).toEqual([0, 0, 0]); // the hard link's target is found without a digest
		// diff_ids are still checked when asked for.
		const checked = await readImageArchive(streamOf(archive, 65_536), {digests: false});
		expect(checked.warnings).toEqual([]);
		expect(checked.layers[1].entries[1]).toMatchObject({type: 'hardlink', linkTarget: 'big'});
		expect(checked.layers[1].entries[1].digest).toBeUndefined();
	});
});

describe('the worker does not outlive the read', () => {
	afterEach(async () => {
		expect(await allStopped()).toBe(0);
	});

	it('after a read that ends well', async () => {
		await readImageArchive(streamOf(await legacyArchive(await someLayers()), 65_536), {hashing: 'worker'});
	});

	it('after a corrupt layer', async () => {
		const layers = await someLayers();
		const archive = await legacyArchive(layers);
		// Break the checksum of the 'small' entry's header in layer 1, after the big file's data.
		const at = archive.indexOf(Buffer.from('small\0'));
		archive[at + 148] = 0x37;
		await expect(readImageArchive(streamOf(archive, 65_536), {hashing: 'worker'})).rejects.toThrow(/bad checksum/);
	});

	it('after an abort in the middle of a layer', async () => {
		const controller = new AbortController();
		const archive = await legacyArchive(await someLayers());
		const slow = Readable.from((async function* () {
			for (let i = 0; i < archive.length; i += 100_000) {
				if (i === 1_000_000) controller.abort();
				yield archive.subarray(i, i + 100_000);
				await new Promise(r => setTimeout(r, 1));
			}
		})());
		await expect(readImageArchive(slow, {hashing: 'worker', signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'});
	});
});

it('which hashing: a thread for big or unknown sizes, inline for small; IMGSCOPE_HASH_WORKER=0 forces inline', () => {
	const saved = process.env.IMGSCOPE_HASH_WORKER;
	try {
		delete process.env.IMGSCOPE_HASH_WORKER;
		expect(chooseHashing(undefined, undefined)).toBe('worker');
		expect(chooseHashing('auto', 100 << 20)).toBe('worker');
		expect(chooseHashing('auto', 1 << 20)).toBe('inline');
		expect(chooseHashing('inline', undefined)).toBe('inline');
		expect(chooseHashing('worker', 10)).toBe('worker');
		process.env.IMGSCOPE_HASH_WORKER = '0';
		expect(chooseHashing('worker', undefined)).toBe('inline');
		process.env.IMGSCOPE_HASH_WORKER = '1';
		expect(chooseHashing('auto', 10)).toBe('worker');
	} finally {
		if (saved === undefined) delete process.env.IMGSCOPE_HASH_WORKER;
		else process.env.IMGSCOPE_HASH_WORKER = saved;
	}
});

import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {ArchiveError, readImageArchive} from '../../source/engine/archive/index.js';
import {TarParser} from '../../source/engine/archive/tar.js';
import {type Layer, gzipSync, layer, legacyArchive, ociItems, packTar, sha256} from './helpers.js';

const streamOf = (b: Buffer, chunk = 777) => Readable.from((function* () {
	for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
})());

async function threeLayers(compress: 'none' | 'gzip' | 'zstd' = 'none'): Promise<Layer[]> {
	return [
		await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/a', data: 'aaa'}, {name: 'etc/b', data: 'bb', mode: 0o600, uid: 5, gid: 6}], compress),
		await layer([{name: './etc/', type: 'directory'}, {name: './etc/.wh.a'}, {name: 'etc/l', type: 'symlink', linkname: '../x'}], compress),
		await layer([{name: 'big', data: Buffer.alloc(300_000, 7)}, {name: 'hl', type: 'link', linkname: 'big'}], compress),
	];
}

function checkThree(r: Awaited<ReturnType<typeof readImageArchive>>, layers: Layer[]) {
	expect(r.layers.map(l => l.diffId)).toEqual(layers.map(l => l.diffId));
	expect(r.warnings).toEqual([]);
	expect(r.layers[0].entries).toEqual([
		{path: 'etc', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0},
		{path: 'etc/a', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0, digest: sha256('aaa')},
		{path: 'etc/b', type: 'file', size: 2, mode: 0o600, uid: 5, gid: 6, digest: sha256('bb')},
	]);
	expect(r.layers[1].entries.map(e => [e.path, e.type, e.linkTarget])).toEqual([['etc', 'dir', undefined], ['etc/.wh.a', 'file', undefined], ['etc/l', 'symlink', '../x']]);
	const big = sha256(Buffer.alloc(300_000, 7));
	expect(r.layers[2].entries).toEqual([
		{path: 'big', type: 'file', size: 300_000, mode: 0o644, uid: 0, gid: 0, digest: big},
		{path: 'hl', type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: 'big', digest: big},
	]);
	expect(r.layers[2].tarBytes).toBe(layers[2].tar.length);
	expect(r.config.rootfs.diff_ids).toEqual(layers.map(l => l.diffId));
	expect(JSON.parse(r.configRaw.toString())).toEqual(r.config);
}

describe('legacy docker save archives', () => {
	it('reads layers in manifest order, with the manifest after the layers and layers out of order', async () => {
		const layers = await threeLayers();
		const r = await readImageArchive(streamOf(await legacyArchive(layers, {order: [2, 0, 1], tags: ['a/b:1', 'a/b:2']})));
		checkThree(r, layers);
		expect(r.format).toBe('docker');
		expect(r.repoTags).toEqual(['a/b:1', 'a/b:2']);
	});

	it('reads it with the manifest first too, from a file, with progress', async () => {
		const layers = await threeLayers();
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'imgscope-')), 'x.tar');
		const bytes = await legacyArchive(layers, {manifestFirst: true});
		writeFileSync(file, bytes);
		const seen: Array<{bytesRead: number; layer: number; layers?: number; totalBytes?: number}> = [];
		const r = await readImageArchive(file, {onProgress: p => seen.push(p)});
		checkThree(r, layers);
		expect(seen.at(-1)).toMatchObject({bytesRead: bytes.length, totalBytes: bytes.length, layer: 3, layers: 3});
	});

	it('follows a repeated layer stored as a symlink to the first copy', async () => {
		const l = await layer([{name: 'a', data: 'x'}]);
		const config = JSON.stringify({rootfs: {type: 'layers', diff_ids: [l.diffId, l.diffId]}});
		const tarball = await packTar([
			{name: 'aa/layer.tar', data: l.blob},
			{name: 'bb/layer.tar', type: 'symlink', linkname: '../aa/layer.tar'},
			{name: 'c.json', data: config},
			{name: 'manifest.json', data: JSON.stringify([{Config: 'c.json', RepoTags: null, Layers: ['aa/layer.tar', 'bb/layer.tar']}])},
		]);
		const r = await readImageArchive(streamOf(tarball));
		expect(r.layers).toHaveLength(2);
		expect(r.layers[0]).toBe(r.layers[1]);
		expect(r.repoTags).toEqual([]);
	});

	it('says which layer the manifest lists but the archive lacks', async () => {
		const layers = await threeLayers();
		const full = await legacyArchive(layers.slice(0, 1));
		const config = JSON.stringify({rootfs: {diff_ids: []}});
		const broken = await packTar([{name: 'c.json', data: config}, {name: 'manifest.json', data: JSON.stringify([{Config: 'c.json', Layers: ['zz/layer.tar']}])}]);
		await expect(readImageArchive(streamOf(broken))).rejects.toThrow(/layer 0 \(zz\/layer.tar\) listed in the manifest is not in the archive/);
		expect((await readImageArchive(streamOf(full))).layers).toHaveLength(1);
	});

	it('warns when a layer does not hash to the diff_id the config gives', async () => {
		const l = await layer([{name: 'a', data: 'x'}]);
		const tarball = await packTar([
			{name: 'aa/layer.tar', data: l.blob},
			{name: 'c.json', data: JSON.stringify({rootfs: {diff_ids: ['sha256:' + '0'.repeat(64)]}})},
			{name: 'manifest.json', data: JSON.stringify([{Config: 'c.json', Layers: ['aa/layer.tar']}])},
		]);
		expect((await readImageArchive(streamOf(tarball))).warnings[0]).toMatch(/layer 0: content is sha256:.* but the config says sha256:0000/);
	});
});

describe('OCI archives and layouts', () => {
	for (const compress of ['none', 'gzip', 'zstd'] as const) {
		it(`reads ${compress} layers in manifest order whatever the tar order (index last)`, async () => {
			const layers = await threeLayers(compress);
			const r = await readImageArchive(streamOf(await packTar(await ociItems(layers, {indexLast: true, ref: 'repo:tag'}))));
			checkThree(r, layers);
			expect(r.layers.map(l => l.compression)).toEqual([compress, compress, compress]);
			expect(r.format).toBe('oci');
			expect(r.repoTags).toEqual(['repo:tag']);
		});
	}

	it('detects compression by magic bytes, not by media type', async () => {
		const layers = await threeLayers('gzip');
		const items = await ociItems(layers); // the manifest says plain tar for every layer
		const r = await readImageArchive(streamOf(await packTar(items)));
		expect(r.layers.map(l => l.compression)).toEqual(['gzip', 'gzip', 'gzip']);
	});

	it('reads an OCI layout directory', async () => {
		const layers = await threeLayers('gzip');
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-oci-'));
		for (const item of await ociItems(layers)) {
			mkdirSync(path.dirname(path.join(dir, item.name)), {recursive: true});
			writeFileSync(path.join(dir, item.name), item.data!);
		}
		const seen: number[] = [];
		const r = await readImageArchive(dir, {onProgress: p => seen.push(p.layer)});
		checkThree(r, layers);
		expect(seen.at(-1)).toBe(3);
	});

	it('picks a platform from a nested index, skipping attestation manifests', async () => {
		const [amd, arm] = [await layer([{name: 'amd', data: '1'}]), await layer([{name: 'arm', data: '2'}])];
		const items: Parameters<typeof packTar>[0] = [];
		const manifests = [];
		for (const [l, arch] of [[arm, 'arm64'], [amd, 'amd64']] as const) {
			const config = JSON.stringify({rootfs: {diff_ids: [l.diffId]}, architecture: arch});
			const manifest = JSON.stringify({config: {digest: `sha256:${sha256(config)}`}, layers: [{digest: `sha256:${sha256(l.blob)}`}]});
			items.push({name: `blobs/sha256/${sha256(config)}`, data: config}, {name: `blobs/sha256/${sha256(l.blob)}`, data: l.blob}, {name: `blobs/sha256/${sha256(manifest)}`, data: manifest});
			manifests.push({mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha256(manifest)}`, platform: {os: 'linux', architecture: arch}});
		}
		manifests.unshift({mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifests[0].digest, platform: {os: 'unknown', architecture: 'unknown'}});
		const nested = JSON.stringify({manifests});
		items.push({name: `blobs/sha256/${sha256(nested)}`, data: nested});
		items.push({name: 'index.json', data: JSON.stringify({manifests: [{mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${sha256(nested)}`}]})});
		const tarball = await packTar(items);
		expect((await readImageArchive(streamOf(tarball))).config.architecture).toBe('amd64');
		expect((await readImageArchive(streamOf(tarball), {platform: 'linux/arm64'})).layers[0].entries[0].path).toBe('arm');
		await expect(readImageArchive(streamOf(tarball), {platform: 'linux/s390x'})).rejects.toThrow(/no manifest for platform linux\/s390x/);
	});

	it('refuses digests that would make paths', async () => {
		const tarball = await packTar([{name: 'index.json', data: JSON.stringify({manifests: [{digest: 'sha256:../../etc/passwd'}]})}]);
		await expect(readImageArchive(streamOf(tarball))).rejects.toThrow(/invalid digest/);
	});
});

describe('hostile and broken archives', () => {
	const oneLayer = async (items: Parameters<typeof layer>[0], compress: 'none' | 'gzip' = 'none') => legacyArchive([await layer(items, compress)]);

	it('normalises absolute and `..` paths and reports them as anomalies', async () => {
		const r = await readImageArchive(streamOf(await oneLayer([
			{name: '/etc/abs', data: '1'},
			{name: '../../../escape', data: '2'},
			{name: 'a/../../b', data: '3'},
			{name: 'ok//./c/', type: 'directory'},
			{name: 'hl', type: 'link', linkname: '/etc/abs'},
		])));
		const l = r.layers[0];
		expect(l.entries.map(e => e.path)).toEqual(['etc/abs', 'escape', 'b', 'ok/c', 'hl']);
		expect(l.entries[4]).toMatchObject({linkTarget: 'etc/abs', digest: sha256('1')});
		expect(l.anomalies.map(a => `${a.kind} ${a.raw} -> ${a.path}`)).toEqual([
			'absolute-path /etc/abs -> etc/abs',
			'dot-dot ../../../escape -> escape',
			'dot-dot a/../../b -> b',
			'absolute-path /etc/abs -> etc/abs',
		]);
		expect(l.anomalyCount).toBe(4);
	});

	it('reports a hard link whose target is not earlier in the layer', async () => {
		const r = await readImageArchive(streamOf(await oneLayer([{name: 'hl', type: 'link', linkname: 'nowhere'}])));
		expect(r.layers[0].anomalies).toEqual([{kind: 'hardlink-target-missing', raw: 'nowhere', path: 'hl'}]);
	});

	it('caps entries per layer and in all, with a clear error', async () => {
		const many = Array.from({length: 50}, (_, i) => ({name: `f${i}`, data: ''}));
		const tarball = await oneLayer(many);
		await expect(readImageArchive(streamOf(tarball), {limits: {maxEntriesPerLayer: 10}})).rejects.toThrow(/layer 00f+\/layer.tar has more than 10 entries \(limit maxEntriesPerLayer\)/);
		await expect(readImageArchive(streamOf(tarball), {limits: {maxTotalEntries: 20}})).rejects.toThrow(/more than 20 entries in all/);
	});

	it('a truncated archive is a clean error', async () => {
		const tarball = await oneLayer([{name: 'a', data: Buffer.alloc(5000, 1)}]);
		const err = await readImageArchive(streamOf(tarball.subarray(0, 3000))).catch(e => e);
		expect(err).toBeInstanceOf(ArchiveError);
		expect(err.message).toMatch(/truncated/);
	});

	it('a truncated layer inside a complete archive names the layer', async () => {
		const l = await layer([{name: 'a', data: Buffer.alloc(5000, 1)}]);
		const cut = {...l, blob: l.tar.subarray(0, 2048)};
		await expect(readImageArchive(streamOf(await legacyArchive([cut])))).rejects.toThrow(/layer 00f+\/layer.tar: truncated tar: the data ends inside an entry/);
	});

	it('corrupted gzip and zstd name the layer', async () => {
		const good = await layer([{name: 'a', data: Buffer.alloc(100_000, 3)}], 'gzip');
		const bad = Buffer.from(good.blob);
		bad.fill(0x55, 20, 60);
		await expect(readImageArchive(streamOf(await legacyArchive([{...good, blob: bad}])))).rejects.toThrow(/layer 00f+\/layer.tar: corrupt gzip data/);
		const short = good.blob.subarray(0, good.blob.length - 30);
		await expect(readImageArchive(streamOf(await legacyArchive([{...good, blob: short}])))).rejects.toThrow(/layer 00f+\/layer.tar: corrupt gzip data: unexpected end of file/);
		const z = await layer([{name: 'a', data: 'abc'}], 'zstd');
		await expect(readImageArchive(streamOf(await legacyArchive([{...z, blob: z.blob.subarray(0, z.blob.length - 10)}])))).rejects.toThrow(/layer 00f+\/layer.tar: corrupt zstd data/);
	});

	it('a header claiming a huge size allocates nothing and ends as truncated', async () => {
		const l = await layer([{name: 'a', data: 'x'}]);
		const block = Buffer.from(l.tar.subarray(0, 512));
		block.write('77777777777\0', 124, 'latin1'); // 8 GiB
		block.fill(0x20, 148, 156);
		let sum = 0;
		for (const b of block) sum += b;
		block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
		const before = process.memoryUsage().arrayBuffers;
		await expect(readImageArchive(streamOf(await legacyArchive([{...l, blob: Buffer.concat([block, Buffer.alloc(4096)])}])))).rejects.toThrow(/truncated/);
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
	});

	it('a bad header checksum is an error, not a guess', () => {
		const p = new TarParser({entry: () => undefined});
		expect(() => p.write(Buffer.alloc(512, 0x41))).toThrow(/bad checksum/);
	});

	it('long names (pax and GNU) and base-256 numbers', async () => {
		const long = `${'d'.repeat(120)}/${'f'.repeat(150)}`;
		const r = await readImageArchive(streamOf(await oneLayer([{name: long, data: 'x'}])));
		expect(r.layers[0].entries[0]).toMatchObject({path: long});
		// A GNU 'L' record, as GNU tar writes it.
		const gnu = Buffer.alloc(512 * 4);
		const header = (name: string, flag: string, size: number, at: number) => {
			gnu.write(name, at, 'utf8');
			gnu.write('0000644\0', at + 100, 'latin1');
			// uid 3,000,000 in GNU base-256 (too big for the 7 octal digits)
			gnu.set([0x80, 0, 0, 0, 0, 0x2d, 0xc6, 0xc0], at + 108);
			gnu.write('0000000\0', at + 116, 'latin1');
			gnu.write(size.toString(8).padStart(11, '0') + '\0', at + 124, 'latin1');
			gnu.write('00000000000\0', at + 136, 'latin1');
			gnu.write(flag, at + 156, 'latin1');
			gnu.write('ustar  \0', at + 257, 'latin1');
			gnu.fill(0x20, at + 148, at + 156);
			let sum = 0;
			for (let i = at; i < at + 512; i++) sum += gnu[i];
			gnu.write(sum.toString(8).padStart(6, '0') + '\0 ', at + 148, 'latin1');
		};
		header('././@LongLink', 'L', long.length + 1, 0);
		gnu.write(long, 512, 'utf8');
		header('truncated-name', '0', 0, 1024);
		const seen: Array<[string, number]> = [];
		const p = new TarParser({entry: h => (seen.push([h.name, h.uid]), undefined)});
		p.write(gnu);
		p.end();
		expect(seen).toEqual([[long, 3_000_000]]);
	});

	it('not an image archive at all', async () => {
		await expect(readImageArchive(streamOf(await packTar([{name: 'hello', data: 'x'}])))).rejects.toThrow(/neither manifest.json nor index.json/);
		await expect(readImageArchive(streamOf(Buffer.from('this is not a tar file'.repeat(40))))).rejects.toThrow(/not a valid image archive/);
	});
});

describe('cancelling', () => {
	it('an abort stops reading promptly and destroys the stream', async () => {
		const controller = new AbortController();
		let produced = 0;
		const endless = new Readable({
			read() {
				produced++;
				setTimeout(() => this.push(Buffer.alloc(512)), 5); // zero blocks, forever (the archive never ends)
			},
		});
		const tarHead = await packTar([{name: 'aa/layer.tar', data: Buffer.alloc(10 << 20)}]);
		const source = Readable.from((async function* () {
			yield tarHead.subarray(0, 4096);
			for await (const c of endless) yield c;
		})());
		const done = readImageArchive(source, {signal: controller.signal});
		setTimeout(() => controller.abort(), 50);
		const t = performance.now();
		await expect(done).rejects.toMatchObject({name: 'AbortError'});
		expect(performance.now() - t).toBeLessThan(1000);
		expect(source.destroyed).toBe(true);
		const at = produced;
		await new Promise(r => setTimeout(r, 50));
		expect(produced - at).toBeLessThanOrEqual(1);
	});

	it('an already aborted signal reads nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const s = streamOf(await legacyArchive(await threeLayers()));
		await expect(readImageArchive(s, {signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'});
		expect(s.destroyed).toBe(true);
	});
});

it('gzip in the helpers is real gzip (sanity)', () => {
	expect(gzipSync(Buffer.from('x'))[0]).toBe(0x1f);
});

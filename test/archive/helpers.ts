/** Hand-built archives for the reader's tests (tar-stream's pack writes the tars). */
import {createHash} from 'node:crypto';
import {gzipSync} from 'node:zlib';
import {buffer} from 'node:stream/consumers';
import tar from 'tar-stream';

export interface TarItem {
	name: string;
	type?: 'file' | 'directory' | 'symlink' | 'link';
	data?: string | Buffer;
	linkname?: string;
	mode?: number;
	uid?: number;
	gid?: number;
}

export async function packTar(items: TarItem[]): Promise<Buffer> {
	const pack = tar.pack();
	const out = buffer(pack);
	for (const it of items) {
		const data = typeof it.data === 'string' ? Buffer.from(it.data) : it.data;
		const type = it.type ?? 'file';
		const header = {name: it.name, type, size: type === 'file' ? (data?.length ?? 0) : 0, linkname: it.linkname, mode: it.mode ?? (type === 'directory' ? 0o755 : 0o644), uid: it.uid ?? 0, gid: it.gid ?? 0};
		await new Promise<void>((resolve, reject) => {
			const done = (err?: Error | null) => (err ? reject(err) : resolve());
			if (type === 'file') pack.entry(header, data ?? Buffer.alloc(0), done);
			else pack.entry(header, done);
		});
	}
	pack.finalize();
	return out;
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A valid zstd frame made of raw (stored) blocks: enough to test the zstd path without a compressor. */
export function zstdRaw(data: Buffer): Buffer {
	const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
	const max = 128 * 1024;
	let off = 0;
	do {
		const n = Math.min(max, data.length - off);
		const last = off + n >= data.length ? 1 : 0;
		const h = (n << 3) | last;
		parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), data.subarray(off, off + n));
		off += n;
	} while (off < data.length);
	return Buffer.concat(parts);
}

export {gzipSync};

export interface Layer {
	tar: Buffer;
	/** What goes in the archive: the tar, or it compressed. */
	blob: Buffer;
	diffId: string;
}

export async function layer(items: TarItem[], compress: 'none' | 'gzip' | 'zstd' = 'none'): Promise<Layer> {
	const t = await packTar(items);
	const blob = compress === 'gzip' ? gzipSync(t) : compress === 'zstd' ? zstdRaw(t) : t;
	return {tar: t, blob, diffId: `sha256:${sha256(t)}`};
}

export const configFor = (layers: Layer[], extra: object = {}) =>
	JSON.stringify({architecture: 'amd64', os: 'linux', rootfs: {type: 'layers', diff_ids: layers.map(l => l.diffId)}, ...extra});

/** A legacy `docker save` archive; `manifestFirst` puts manifest.json before the layers (20.10 puts it last). */
export async function legacyArchive(layers: Layer[], options: {manifestFirst?: boolean; tags?: string[]; order?: number[]} = {}): Promise<Buffer> {
	const config = configFor(layers);
	const configName = `${sha256(config)}.json`;
	const dirs = layers.map((_l, i) => `${String(i).padStart(2, '0')}${'f'.repeat(62)}`);
	const manifest = {name: 'manifest.json', data: JSON.stringify([{Config: configName, RepoTags: options.tags ?? ['x/y:1'], Layers: dirs.map(d => `${d}/layer.tar`)}])};
	const order = options.order ?? layers.map((_l, i) => i);
	const items: TarItem[] = [];
	if (options.manifestFirst) items.push(manifest);
	for (const i of order) items.push({name: `${dirs[i]}/`, type: 'directory'}, {name: `${dirs[i]}/VERSION`, data: '1.0'}, {name: `${dirs[i]}/layer.tar`, data: layers[i].blob});
	items.push({name: configName, data: config});
	if (!options.manifestFirst) items.push(manifest);
	return packTar(items);
}

/** An OCI archive: index.json -> manifest -> config + layers, blobs named by digest. */
export async function ociItems(layers: Layer[], options: {indexLast?: boolean; ref?: string} = {}): Promise<TarItem[]> {
	const config = configFor(layers);
	const blobs: TarItem[] = [{name: `blobs/sha256/${sha256(config)}`, data: config}];
	for (const l of layers) blobs.push({name: `blobs/sha256/${sha256(l.blob)}`, data: l.blob});
	const manifest = JSON.stringify({
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(config)}`, size: config.length},
		layers: layers.map(l => ({mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${sha256(l.blob)}`, size: l.blob.length})),
	});
	blobs.push({name: `blobs/sha256/${sha256(manifest)}`, data: manifest});
	const index = JSON.stringify({
		schemaVersion: 2,
		manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha256(manifest)}`, size: manifest.length, annotations: {'org.opencontainers.image.ref.name': options.ref ?? 'latest'}}],
	});
	const head: TarItem[] = [{name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}'}, {name: 'index.json', data: index}];
	// Blobs in reverse: tar order must never be taken for layer order.
	return options.indexLast ? [...blobs.reverse(), ...head] : [...head, ...blobs.reverse()];
}

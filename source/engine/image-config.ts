/**
 * Reads an image's config (the JSON with `history` and `empty_layer`) from
 * the engine's export stream, stopping as soon as it has it. The inspect API
 * leaves history out, so this is the only exact source of the layer pairing.
 */
import type {Readable} from 'node:stream';
import {extract} from 'tar-stream';

export interface ImageConfig {
	history?: {created?: string; created_by?: string; comment?: string; empty_layer?: boolean; author?: string}[];
	rootfs?: {type: string; diff_ids?: string[]};
	[key: string]: unknown;
}

const maxJsonBlob = 8 * 1024 * 1024;

/**
 * `imageId` is the inspect Id (`sha256:...`). On a classic engine it names
 * the config file (`<hex>.json`); in an OCI layout it names the config or a
 * manifest/index blob that leads to it.
 */
export async function readConfigFromSave(stream: Readable, imageId: string, onRaw?: (raw: Buffer) => void): Promise<ImageConfig | undefined> {
	const hex = imageId.replace(/^sha256:/, '');
	const blobs = new Map<string, unknown>();
	const tar = extract();
	let found: ImageConfig | undefined;
	const done = new Promise<void>((resolve, reject) => {
		tar.on('entry', (header, body, next) => {
			const name = header.name.replace(/^\.\//, '');
			const small = header.type === 'file' && (header.size ?? 0) <= maxJsonBlob;
			const wanted = small && (name.endsWith('.json') || name.startsWith('blobs/') || name === 'index.json');
			if (!wanted) {
				body.on('end', next);
				body.resume();
				return;
			}
			const chunks: Buffer[] = [];
			body.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
			body.on('end', () => {
				const raw = Buffer.concat(chunks);
				const text = raw.toString('utf8');
				if (text.startsWith('{')) {
					try {
						const parsed = JSON.parse(text);
						const key = name.startsWith('blobs/sha256/') ? name.slice('blobs/sha256/'.length) : name.replace(/\.json$/, '');
						blobs.set(key, parsed);
						// The config's own bytes (named by the image ID), for the layer index to keep.
						if (key === hex && isConfig(parsed)) onRaw?.(raw);
						found = resolveConfig(blobs, hex);
					} catch {
						// Not JSON after all (a layer that starts with "{"): ignore it.
					}
				}
				if (found) {
					resolve();
					return;
				}
				next();
			});
		});
		tar.on('finish', resolve);
		tar.on('error', reject);
		stream.on('error', reject);
	});
	stream.pipe(tar);
	try {
		await done;
	} finally {
		stream.unpipe(tar);
		stream.destroy();
		tar.destroy();
	}
	return found ?? resolveConfig(blobs, hex, true);
}

function isConfig(value: unknown): value is ImageConfig {
	return Boolean(value && typeof value === 'object' && ('rootfs' in value || 'history' in value));
}

function resolveConfig(blobs: Map<string, unknown>, hex: string, final = false): ImageConfig | undefined {
	const direct = blobs.get(hex);
	if (isConfig(direct)) return direct;
	const manifest = direct as {config?: {digest?: string}; manifests?: {digest: string}[]} | undefined;
	if (manifest?.config?.digest) {
		const config = blobs.get(manifest.config.digest.replace(/^sha256:/, ''));
		if (isConfig(config)) return config;
	}
	if (manifest?.manifests?.length) {
		for (const entry of manifest.manifests) {
			const inner = blobs.get(entry.digest.replace(/^sha256:/, '')) as {config?: {digest?: string}} | undefined;
			const config = inner?.config?.digest ? blobs.get(inner.config.digest.replace(/^sha256:/, '')) : undefined;
			if (isConfig(config)) return config;
		}
	}
	if (!final) return undefined;
	// At the end of the stream: the only config there is, whatever its name.
	const configs = [...blobs.values()].filter(isConfig);
	return configs.length === 1 ? configs[0] : undefined;
}

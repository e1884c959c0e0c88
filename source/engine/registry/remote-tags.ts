/**
 * A repository's tags with what the Tags list shows of each: the digest and
 * media type of what the tag points at, the compressed size (the layers of
 * this machine's platform, for an index), its platforms (attestations
 * counted apart, never listed as platforms) and the config's created time.
 * A tag that cannot be described keeps its row, with the reason.
 */
import {type ImageManifest, imageEntries} from '../../registry/manifest.js';
import {type Platform, bestMatch, formatPlatform, hostPlatform} from '../../registry/platform.js';
import type {RegistryClient} from './client.js';
import {RegistryError} from './errors.js';

export interface RemoteTag {
	tag: string;
	digest?: string;
	mediaType?: string;
	kind?: 'manifest' | 'index';
	/** Compressed bytes of the layers (of the chosen platform, for an index). */
	size?: number;
	platforms: string[];
	attestations: number;
	/** The config's `created` (RFC 3339), once read. */
	created?: string;
	/** Why the tag could not be described. */
	error?: string;
}

export interface TagListOptions {
	signal?: AbortSignal;
	/** The platform whose size and created time an index shows; this machine's by default. */
	platform?: Platform;
	/** Tags described at once; default 4. */
	concurrency?: number;
}

export async function listRemoteTags(client: RegistryClient, path: string, options: TagListOptions = {}): Promise<RemoteTag[]> {
	const tags = await client.tags(path, {signal: options.signal});
	const out: RemoteTag[] = new Array(tags.length);
	let next = 0;
	const worker = async () => {
		while (next < tags.length) {
			const i = next++;
			out[i] = await describeTag(client, path, tags[i], options);
		}
	};
	await Promise.all(Array.from({length: Math.min(options.concurrency ?? 4, tags.length)}, worker));
	return out;
}

export async function describeTag(client: RegistryClient, path: string, tag: string, options: TagListOptions = {}): Promise<RemoteTag> {
	const row: RemoteTag = {tag, platforms: [], attestations: 0};
	try {
		const top = await client.manifest(path, tag, options.signal);
		row.digest = top.digest;
		row.mediaType = top.manifest.mediaType;
		row.kind = top.manifest.kind;
		let image: ImageManifest;
		if (top.manifest.kind === 'index') {
			const images = imageEntries(top.manifest);
			row.platforms = images.map((m) => m.platformName);
			row.attestations = top.manifest.manifests.length - images.length;
			const chosen = bestMatch(options.platform ?? hostPlatform(), images) ?? images[0];
			if (!chosen) return row;
			const child = await client.manifest(path, chosen.digest, options.signal);
			if (child.manifest.kind !== 'manifest') return row;
			image = child.manifest;
		} else image = top.manifest;
		row.size = image.layers.reduce((n, l) => n + l.size, 0);
		const config = JSON.parse((await client.blobBytes(path, image.config.digest, `the config of ${path}:${tag}`, options.signal)).toString('utf8'));
		if (typeof config?.created === 'string') row.created = config.created;
		if (row.kind === 'manifest') row.platforms = [formatPlatform({os: config?.os, architecture: config?.architecture, variant: config?.variant})];
	} catch (error) {
		if (error instanceof RegistryError && error.kind === 'aborted') throw error;
		row.error = error instanceof Error ? error.message : String(error);
	}
	return row;
}

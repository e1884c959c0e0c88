/**
 * A remote image, resolved and read: the reference's manifest or index, the
 * platform chosen from an index (this machine's unless one is asked for;
 * attestations never), the config; then, when asked, the layer blobs
 * streamed one after another through the archive reader's layer scanning
 * (gzip, zstd or plain), each checked against its size and digest as it
 * ends. Nothing is kept but metadata; nothing is written anywhere.
 */
import {createHash} from 'node:crypto';
import {Collector} from '../archive/collect.js';
import {defaultLimits} from '../archive/errors.js';
import {Flow} from '../archive/flow.js';
import {chooseHashing} from '../archive/layer-hashing.js';
import {blobPathOf} from '../archive/layout.js';
import {type ImageArchive, type ReadProgress, assemble, pump} from '../archive/read.js';
import type {ByteSink} from '../archive/tar.js';
import {type ImageIndex, type ImageManifest, type IndexEntry, choosePlatform, oddLayers} from '../../registry/manifest.js';
import {type Platform, formatPlatform, hostPlatform, matches, parsePlatform} from '../../registry/platform.js';
import {type RemoteReference, parseRemote} from '../../registry/remote-reference.js';
import {type ClientOptions, type FetchedDocument, RegistryClient} from './client.js';
import {RegistryError} from './errors.js';

export interface RemoteImage {
	reference: RemoteReference;
	client: RegistryClient;
	/** What the tag or digest points at. */
	top: FetchedDocument;
	index?: ImageIndex;
	/** The index entry chosen (when the reference is an index). */
	entry?: IndexEntry;
	manifestDoc: FetchedDocument;
	manifest: ImageManifest;
	config: any;
	configRaw: Buffer;
	/** os/arch[/variant] of the image read. */
	platform: string;
}

export interface ResolveOptions extends ClientOptions {
	/** `os/arch[/variant]`; this machine's by default. */
	platform?: string;
	signal?: AbortSignal;
	/** An existing client for the same registry (the TUI keeps one). */
	client?: RegistryClient;
}

export function clientFor(reference: RemoteReference, options: ClientOptions = {}): RegistryClient {
	return new RegistryClient(reference.host, reference.ref.registry, options);
}

export async function resolveRemote(text: string | RemoteReference, options: ResolveOptions = {}): Promise<RemoteImage> {
	const reference = typeof text === 'string' ? parseRemote(text) : text;
	let wanted: Platform;
	try {
		wanted = options.platform ? parsePlatform(options.platform) : hostPlatform();
	} catch (e) {
		throw new RegistryError('invalid', (e as Error).message);
	}
	const client = options.client ?? clientFor(reference, options);
	const path = reference.ref.path;
	const top = await client.manifest(path, reference.target, options.signal);
	let manifestDoc: FetchedDocument = top;
	let manifest = top.manifest;
	let index: ImageIndex | undefined;
	let entry: IndexEntry | undefined;
	if (manifest.kind === 'index') {
		index = manifest;
		try {
			entry = choosePlatform(index, wanted);
		} catch (e) {
			throw new RegistryError('notFound', `${reference.ref.reference}: ${(e as Error).message}`);
		}
		const child = await client.manifest(path, entry.digest, options.signal);
		if (child.manifest.kind !== 'manifest') throw new RegistryError('protocol', `${reference.ref.reference}: the entry for ${entry.platformName} is an index again, not an image manifest`);
		manifestDoc = child;
		manifest = child.manifest;
	}
	const image = manifest as ImageManifest;
	const configRaw = await client.blobBytes(path, image.config.digest, `the config of ${reference.ref.reference}`, options.signal);
	let config: any;
	try {
		config = JSON.parse(configRaw.toString('utf8'));
	} catch {
		throw new RegistryError('protocol', `the config of ${reference.ref.reference} is not JSON`);
	}
	const platform = formatPlatform({os: config.os, architecture: config.architecture, variant: config.variant});
	// A lone manifest is one platform: asked for another, say so (docker pull --platform's words).
	if (!index && options.platform && !matches(wanted, {os: config.os, architecture: config.architecture, variant: config.variant})) {
		throw new RegistryError('notFound', `image with reference ${reference.ref.reference} was found but does not match the specified platform: wanted ${formatPlatform(wanted)}, actual: ${platform}`);
	}
	return {reference, client, top, index, entry, manifestDoc, manifest: image, config, configRaw, platform};
}

export interface LayerReadOptions {
	signal?: AbortSignal;
	onProgress?: (p: ReadProgress) => void;
	/** Hash file contents (FileEntry.digest); `check` turns it off. */
	digests?: boolean;
}

/**
 * Streams every layer blob through the archive reader's scanner and returns
 * what an archive read returns. Each blob's bytes are counted and hashed on
 * the way in; a blob that is cut or whose digest differs fails the read,
 * naming the layer.
 */
export async function readRemoteLayers(image: RemoteImage, options: LayerReadOptions = {}): Promise<ImageArchive> {
	const odd = oddLayers(image.manifest);
	if (odd.length) throw new RegistryError('protocol', `${image.reference.ref.reference}: layer ${odd[0]} has media type ${image.manifest.layers[odd[0]].mediaType}, which is not an image layer`);
	const totalBytes = image.manifest.layers.reduce((n, l) => n + l.size, 0);
	const flow = new Flow(options.signal);
	const progress: ReadProgress = {bytesRead: 0, totalBytes, layer: 0, layers: image.manifest.layers.length};
	const collector = new Collector(flow, defaultLimits, {
		layerStarted: (_p, n) => {
			progress.layer = n;
			options.onProgress?.({...progress});
		},
	});
	collector.hashing = chooseHashing('auto', totalBytes);
	collector.verifyDiffIds = true;
	collector.digests = options.digests !== false;
	const configPath = blobPathOf(image.manifest.config.digest);
	collector.json.set(configPath, image.configRaw);
	const layerPaths = image.manifest.layers.map((l) => blobPathOf(l.digest));
	const path = image.reference.ref.path;
	try {
		const done = new Set<string>();
		for (const [i, layer] of image.manifest.layers.entries()) {
			if (done.has(layerPaths[i])) continue; // a layer listed twice is read once
			done.add(layerPaths[i]);
			const what = `layer ${i} (${layer.digest})`;
			// Blobs are read in manifest order, which is RootFS order: the progress names the layer.
			progress.position = i + 1;
			const res = await image.client.blobStream(path, layer.digest, what, options.signal);
			const sink = verifying(collector.blob(layerPaths[i], 'layer'), layer.digest, layer.size, what);
			try {
				await pump(res.body, sink, flow, (n) => {
					progress.bytesRead += n;
					options.onProgress?.({...progress});
				});
			} catch (e) {
				res.body.destroy();
				if (e instanceof RegistryError) throw e;
				const err = e as Error & {name?: string};
				if (options.signal?.aborted || err?.name === 'AbortError') throw new RegistryError('aborted', 'cancelled');
				throw new RegistryError('protocol', `${what}: ${err.message}`);
			}
		}
	} finally {
		collector.dispose();
	}
	return assemble(collector, {}, {format: 'oci', configPath, layerPaths, repoTags: [image.reference.ref.reference]});
}

/** Passes bytes on while counting and hashing them; at the end, a cut or a wrong digest is an error. */
function verifying(inner: ByteSink, digest: string, size: number, what: string): ByteSink {
	const algorithm = digest.startsWith('sha512:') ? 'sha512' : 'sha256';
	const hash = createHash(algorithm);
	let seen = 0;
	return {
		write(chunk) {
			seen += chunk.length;
			if (seen > size) throw new RegistryError('digest', `${what}: the blob is longer than the ${size} bytes its descriptor says`);
			hash.update(chunk);
			inner.write(chunk);
		},
		end() {
			if (seen < size) throw new RegistryError('digest', `${what}: the blob was cut: ${seen} of ${size} bytes arrived`);
			const actual = `${algorithm}:${hash.digest('hex')}`;
			if (actual !== digest) throw new RegistryError('digest', `${what}: blob digest mismatch: got ${actual}`);
			inner.end();
		},
	};
}

/**
 * The explorer without any engine: an ImageSource that answers from a
 * `docker save` tar, an OCI archive or an OCI layout directory.
 *
 * The archive's documents (manifest.json or index.json, the manifests and
 * the configs) are read once, layer blobs skipped unread (only their stored
 * sizes are noted); each question is then answered from them:
 * - the image list: one image per config (its id is the config's digest, as
 *   the engine's is), with every RepoTag (manifest.json) or ref name
 *   (index.json annotations) it goes by; Created from the config, Size the
 *   bytes the archive stores for its layers;
 * - inspect: the document the daemon builds from the config, fields in the
 *   daemon's order; the bytes are kept as the engine's are;
 * - history: the config's history, newest first, as the history API gives
 *   it; the config itself (empty_layer flags) makes the layer pairing exact;
 * - the export: the archive itself, read by the archive reader;
 * - no containers and no events.
 */
import {createHash} from 'node:crypto';
import {createReadStream, readFileSync, statSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {normalisePath} from '../layers/paths.js';
import {Collector} from './archive/collect.js';
import {ArchiveError, defaultLimits} from './archive/errors.js';
import {Flow} from './archive/flow.js';
import {type Layout, resolveAlias, resolveLayout} from './archive/layout.js';
import {jsonLookup, pump} from './archive/read.js';
import {type TarHandler, type TarHeader, TarError, TarParser} from './archive/tar.js';
import type {Engine} from './engine.js';
import {EngineError} from './errors.js';
import type {ImageConfig} from './image-config.js';
import type {ImageExport} from './image-export.js';
import type {ImageSource} from './image-source.js';
import type {ContainerSummary, EngineEvent, HistoryItem, ImageSummary, InspectResult} from './types.js';

/** One image of the archive (images listed twice under other names are one). */
export interface ArchiveImage {
	id: string;
	/** Its index in manifest.json or index.json (the first one naming it). */
	index: number;
	repoTags: string[];
	config: ImageConfig & Record<string, any>;
	/** Bytes the archive stores for each layer, in manifest order. */
	layerBytes: number[];
	summary: ImageSummary;
	inspect: InspectResult;
	history: HistoryItem[];
}

/** What the archive's documents say, read once. */
interface Documents {
	json: (p: string) => unknown;
	has: (p: string) => boolean;
	size: (p: string) => number;
}

export class ArchiveEngine implements ImageSource {
	readonly kind = 'archive' as const;
	readonly daemon?: Engine = undefined;
	private scanning?: Promise<ArchiveImage[]>;
	/** The file as it was when a read failed: read again only once it changed (still being written, say). */
	private failedOn?: string;

	constructor(readonly archivePath: string) {}

	get label(): string {
		return this.archivePath;
	}

	/**
	 * The archive's images, read on first use. After a failure the answer is
	 * the same failure until the file changes (its size or time): the
	 * explorer's retries must not read a broken 200 MB file every 2 seconds.
	 */
	images(signal?: AbortSignal): Promise<ArchiveImage[]> {
		if (this.scanning && this.failedOn !== undefined && this.failedOn !== this.fileState()) this.scanning = undefined;
		if (!this.scanning) {
			this.failedOn = undefined;
			const scanning = scanArchive(this.archivePath, signal);
			this.scanning = scanning;
			scanning.catch(() => {
				if (this.scanning !== scanning) return;
				// An aborted read proves nothing about the file: the next call reads it again.
				if (signal?.aborted) this.scanning = undefined;
				else this.failedOn = this.fileState();
			});
		}
		return this.scanning;
	}

	private fileState(): string {
		try {
			const s = statSync(this.archivePath);
			return `${s.size}:${s.mtimeMs}:${s.ino}`;
		} catch {
			return 'missing';
		}
	}

	async listImages(options: {all?: boolean; filters?: Record<string, string[]>; signal?: AbortSignal} = {}): Promise<ImageSummary[]> {
		return (await this.images(options.signal)).map((image) => image.summary);
	}

	async listContainers(): Promise<ContainerSummary[]> {
		return [];
	}

	async find(ref: string, signal?: AbortSignal): Promise<ArchiveImage> {
		const images = await this.images(signal);
		const hex = ref.replace(/^sha256:/, '');
		const withTag = /:[^/]*$/.test(ref) ? ref : `${ref}:latest`;
		const found =
			images.find((image) => image.id === ref || image.id === `sha256:${ref}`) ??
			images.find((image) => image.repoTags.includes(ref) || image.repoTags.includes(withTag)) ??
			(/^[0-9a-f]{4,64}$/.test(hex) ? images.find((image) => image.id.startsWith(`sha256:${hex}`)) : undefined);
		if (!found) throw new EngineError('notFound', `No such image: ${ref} (not in the archive ${this.archivePath})`, 404);
		return found;
	}

	async inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult> {
		return (await this.find(ref, signal)).inspect;
	}

	async history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]> {
		return (await this.find(ref, signal)).history;
	}

	async imageConfig(ref: string, signal?: AbortSignal): Promise<ImageConfig | undefined> {
		return (await this.find(ref, signal)).config;
	}

	async exportImage(ref: string, signal?: AbortSignal): Promise<ImageExport> {
		const image = await this.find(ref, signal);
		return {source: this.archivePath, image: image.index, verifyDiffIds: true, close() {}};
	}

	/** An archive does not change under us: no events, and the stream never ends. */
	events(_types: string[], _onEvent: (event: EngineEvent) => void): {close(): void} {
		return {close() {}};
	}

	close(): void {}
}

/** Reads the archive's documents (never a layer's contents) and makes its images. */
export async function scanArchive(file: string, signal?: AbortSignal): Promise<ArchiveImage[]> {
	let st;
	try {
		st = await stat(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new ArchiveError(`cannot read the archive ${file}: ${why}`, 'bad-archive');
	}
	const docs = st.isDirectory() ? directoryDocuments(file) : await tarDocuments(file, signal);
	return imagesOf(docs);
}

function directoryDocuments(dir: string): Documents {
	const file = (p: string) => path.join(dir, normalisePath(p).path);
	const sizeOf = (p: string) => {
		try {
			const s = statSync(file(p));
			return s.isFile() ? s.size : -1;
		} catch {
			return -1;
		}
	};
	const cache = new Map<string, unknown>();
	return {
		has: (p) => sizeOf(p) >= 0,
		size: (p) => Math.max(0, sizeOf(p)),
		json: (p) => {
			if (cache.has(p)) return cache.get(p);
			const size = sizeOf(p);
			if (size < 0 || size > defaultLimits.maxJsonBytes) return undefined;
			let value: unknown;
			try {
				value = JSON.parse(readFileSync(file(p), 'utf8'));
			} catch (e) {
				throw new ArchiveError(`${p} is not valid JSON: ${(e as Error).message}`, 'bad-json', p, e);
			}
			cache.set(p, value);
			return value;
		},
	};
}

/** One pass over the tar: JSON documents kept, every other entry skipped unread but for its size. */
async function tarDocuments(file: string, signal?: AbortSignal): Promise<Documents> {
	const flow = new Flow(signal);
	const collector = new Collector(flow, defaultLimits, {}, () => false);
	const sizes = new Map<string, number>();
	const handler: TarHandler = {
		entry(header: TarHeader) {
			if (header.type === 'file') sizes.set(normalisePath(header.name).path, header.size);
			return collector.entry(header);
		},
	};
	const parser = new TarParser(handler);
	const wrap = (e: unknown, what: string) => (e instanceof TarError ? new ArchiveError(`${what}: ${e.message}`, 'bad-archive', undefined, e) : e);
	try {
		await pump(
			createReadStream(file, {highWaterMark: 1 << 20}),
			{
				write(chunk) {
					try {
						parser.write(chunk);
					} catch (e) {
						throw wrap(e, 'not a valid image archive');
					}
				},
				end() {
					try {
						parser.end();
					} catch (e) {
						throw wrap(e, 'the image archive is truncated');
					}
				},
			},
			flow,
			() => {},
		);
	} finally {
		collector.dispose();
	}
	const resolve = (p: string) => resolveAlias(collector.aliases, normalisePath(p).path);
	const json = jsonLookup(collector);
	return {
		json: (p) => json(normalisePath(p).path),
		has: (p) => collector.json.has(resolve(p)) || sizes.has(resolve(p)),
		size: (p) => sizes.get(resolve(p)) ?? 0,
	};
}

function imagesOf(docs: Documents): ArchiveImage[] {
	let count: number;
	if (docs.has('manifest.json')) {
		const manifest = docs.json('manifest.json');
		count = Array.isArray(manifest) ? manifest.length : 0;
	} else if (docs.has('index.json')) {
		const index = docs.json('index.json') as {manifests?: unknown};
		count = Array.isArray(index?.manifests) ? index.manifests.length : 0;
	} else throw new ArchiveError('not an image archive: neither manifest.json nor index.json found', 'bad-archive');
	if (count === 0) throw new ArchiveError('the archive lists no image', 'no-image');
	const byId = new Map<string, {index: number; layout: Layout; config: any; configRaw: string; repoTags: string[]}>();
	for (let index = 0; index < count; index++) {
		let layout: Layout;
		try {
			layout = resolveLayout(docs.json, docs.has, {image: index});
		} catch (error) {
			// An entry that is not an image (an attestation, a missing manifest) is left out, unless it is the only one.
			if (count === 1) throw error;
			continue;
		}
		const config = docs.json(layout.configPath);
		if (!config || typeof config !== 'object') {
			if (count === 1) throw new ArchiveError(`the image config ${layout.configPath} is not in the archive`, 'missing-blob', layout.configPath);
			continue;
		}
		const configRaw = JSON.stringify(config);
		// The image id is the digest of the config's bytes: the blob's name in an OCI layout, else computed.
		const named = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(layout.configPath)?.[1] ?? /^([0-9a-f]{64})\.json$/.exec(layout.configPath)?.[1];
		const id = `sha256:${named ?? createHash('sha256').update(configRaw).digest('hex')}`;
		const known = byId.get(id);
		if (known) {
			for (const tag of layout.repoTags) if (!known.repoTags.includes(tag)) known.repoTags.push(tag);
			continue;
		}
		byId.set(id, {index, layout, config, configRaw, repoTags: [...layout.repoTags]});
	}
	if (byId.size === 0) throw new ArchiveError('the archive holds no image this reader understands', 'no-image');
	return [...byId.entries()].map(([id, {index, layout, config, repoTags}]) => {
		const layerBytes = layout.layerPaths.map((p) => docs.size(p));
		return makeImage(id, index, repoTags, config, layerBytes);
	});
}

const seconds = (created: unknown) => {
	const ms = typeof created === 'string' ? Date.parse(created) : NaN;
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
};

export function makeImage(id: string, index: number, repoTags: string[], config: any, layerBytes: number[]): ArchiveImage {
	const size = layerBytes.reduce((n, b) => n + b, 0);
	const summary: ImageSummary = {
		Id: id,
		ParentId: '',
		RepoTags: repoTags,
		RepoDigests: [],
		Created: seconds(config.created),
		Size: size,
		SharedSize: -1,
		Labels: config.config?.Labels ?? null,
		Containers: -1,
	};
	const value = inspectDocument(id, repoTags, config, size);
	return {id, index, repoTags, config, layerBytes, summary, inspect: {raw: JSON.stringify(value), value}, history: historyItems(id, repoTags, config, layerBytes)};
}

/** The inspect document the daemon builds from an image config, fields in its order. */
export function inspectDocument(id: string, repoTags: string[], config: any, size: number): InspectResult['value'] {
	const doc: Record<string, unknown> = {
		Id: id,
		RepoTags: repoTags,
		RepoDigests: [],
		Parent: '',
		Comment: typeof config.comment === 'string' ? config.comment : '',
		Created: typeof config.created === 'string' ? config.created : '',
	};
	// Configs written by the classic builder carry these; the daemon shows them when they are there.
	if (config.container !== undefined) doc.Container = config.container;
	if (config.container_config !== undefined) doc.ContainerConfig = config.container_config;
	doc.DockerVersion = typeof config.docker_version === 'string' ? config.docker_version : '';
	doc.Author = typeof config.author === 'string' ? config.author : '';
	doc.Config = config.config ?? null;
	doc.Architecture = config.architecture ?? '';
	if (config.variant) doc.Variant = config.variant;
	doc.Os = config.os ?? '';
	if (config['os.version']) doc.OsVersion = config['os.version'];
	doc.Size = size;
	doc.RootFS = {Type: config.rootfs?.type ?? 'layers', Layers: Array.isArray(config.rootfs?.diff_ids) ? config.rootfs.diff_ids : []};
	doc.Metadata = {LastTagTime: '0001-01-01T00:00:00Z'};
	return doc as InspectResult['value'];
}

/** The history API's answer: the config's steps newest first; the newest carries the id and tags. */
export function historyItems(id: string, repoTags: string[], config: any, layerBytes: number[]): HistoryItem[] {
	const steps: any[] = Array.isArray(config.history) ? config.history : [];
	if (steps.length === 0) return [{Id: id, Created: seconds(config.created), CreatedBy: '', Tags: repoTags.length ? repoTags : null, Size: layerBytes.reduce((n, b) => n + b, 0), Comment: ''}];
	let layer = 0;
	const items = steps.map((step): HistoryItem => {
		const size = step?.empty_layer ? 0 : (layerBytes[layer++] ?? 0);
		return {Id: '<missing>', Created: seconds(step?.created), CreatedBy: String(step?.created_by ?? ''), Tags: null, Size: size, Comment: String(step?.comment ?? '')};
	});
	items.reverse();
	items[0] = {...items[0], Id: id, Tags: repoTags.length ? repoTags : null};
	return items;
}

/**
 * An engine image's layers for the layer model, through the layer index
 * cache (source/cache): when every layer of the image and its config are in
 * the index, no export is asked of the engine at all; otherwise the export
 * is read for the layers the index lacks: the others' blobs, recognised by
 * their names (archive/export-names.ts), pass unread (neither parsed nor
 * hashed) and their entries come from the index. Every layer read whose
 * diff_id was computed while it streamed (and matched the config's) is
 * stored, with the config.
 *
 * The engine's export cannot be asked for some layers only (`docker save`
 * writes them all, and docker 20.10 builds the whole of it before the first
 * byte), so one missing layer still costs the engine one whole export.
 */
import {ArchiveError, type ImageArchive, type ReadProgress, readImageArchive} from './archive/index.js';
import type {LayerCache} from '../cache/layer-cache.js';
import {type IndexedLayer, indexedLayer} from '../cache/index-format.js';
import type {LayerEntries} from '../layers/types.js';
import type {ImageExport} from './image-export.js';
import type {ImageSource} from './image-source.js';
import type {ImageInspect} from './types.js';

export interface LayerReadOptions {
	signal?: AbortSignal;
	onProgress?: (p: ReadProgress) => void;
	/** Called once the export is asked for (a read from the index asks for none). */
	onExport?: () => void;
	/** Content digests of regular files (default true; `check` needs none). */
	digests?: boolean;
	/** Undefined: no cache (`--no-cache`). */
	cache?: LayerCache;
	/** What the progress may count against (the explorer shows the image's size; the CLI's line does not). */
	totalBytes?: number;
}

export interface LayerRead {
	archive: ImageArchive;
	/** Served from the index without any export. */
	fromCache: boolean;
}

/** `inspect` is the image's inspect document (its Id, RootFS.Layers and RepoTags are used). */
export async function readImageLayers(source: ImageSource, ref: string, inspect: ImageInspect, options: LayerReadOptions = {}): Promise<LayerRead> {
	const digests = options.digests !== false;
	const cache = options.cache;
	const diffIds = Array.isArray(inspect.RootFS?.Layers) && inspect.RootFS.Layers.length > 0 ? inspect.RootFS.Layers : undefined;
	let known: Map<string, LayerEntries> | undefined;
	// Everything in the index (a cheap look first): no export at all.
	if (cache && diffIds && typeof inspect.Id === 'string' && cache.hasLayers(diffIds) && cache.hasConfig(inspect.Id)) {
		known = fromIndex(cache, diffIds, digests);
		const cached = known.size === new Set(diffIds).size ? withConfig(cache, inspect, diffIds, known) : undefined;
		if (cached) return {archive: cached, fromCache: true};
	}
	// A registry's blobs are read as they are, verified, and never cached: the index is for the engine's exports.
	if (source.readLayers) return {archive: await source.readLayers(ref, {signal: options.signal, onProgress: options.onProgress, digests}), fromCache: false};
	let archive: ImageArchive;
	try {
		const exporting = openExport(source, ref, options);
		if (cache && diffIds && !known) {
			// While the engine builds its export (seconds: it sends nothing before it is whole), the index is read.
			await new Promise(resolve => setImmediate(resolve));
			known = fromIndex(cache, diffIds, digests);
		}
		archive = await readExport(await exporting, inspect, options, known);
	} catch (error) {
		// A blob passed unread was another layer by the manifest: read it all, as without an index.
		if (!(error instanceof ArchiveError && error.code === 'known-layer-mismatch')) throw error;
		archive = await readExport(await openExport(source, ref, options), inspect, options, undefined);
	}
	if (cache) store(cache, inspect, archive, digests, known);
	return {archive, fromCache: false};
}

function openExport(source: ImageSource, ref: string, options: LayerReadOptions): Promise<ImageExport> {
	options.onExport?.();
	const exporting = source.exportImage(ref, options.signal);
	// Awaited later: a failure meanwhile is not unhandled.
	exporting.catch(() => undefined);
	return exporting;
}

async function readExport(exported: ImageExport, inspect: ImageInspect, options: LayerReadOptions, known: ReadonlyMap<string, LayerEntries> | undefined): Promise<ImageArchive> {
	try {
		return await readImageArchive(exported.source, {
			signal: options.signal,
			onProgress: options.onProgress,
			expectedLayers: inspect.RootFS?.Layers?.length,
			expectedDiffIds: inspect.RootFS?.Layers ?? undefined,
			totalBytes: options.totalBytes,
			// What goes into the index must have been hashed as it streamed; without a cache the engine's word is taken.
			verifyDiffIds: options.cache ? true : exported.verifyDiffIds,
			hashing: exported.hashing,
			image: exported.image,
			digests: options.digests !== false,
			knownLayers: known?.size ? known : undefined,
		});
	} finally {
		exported.close();
	}
}

/** The layers of `diffIds` that the index holds whole (with digests when asked), by diff_id. */
function fromIndex(cache: LayerCache, diffIds: readonly string[], digests: boolean): Map<string, LayerEntries> {
	const layers = new Map<string, LayerEntries>();
	for (const diffId of diffIds) {
		if (layers.has(diffId)) continue;
		const layer = cache.layer(diffId, {digests});
		if (layer) layers.set(diffId, asLayerEntries(layer));
	}
	return layers;
}

/** Every layer known: the archive, if the config is in the index too. */
function withConfig(cache: LayerCache, inspect: ImageInspect, diffIds: string[], layers: Map<string, LayerEntries>): ImageArchive | undefined {
	const id = inspect.Id;
	if (typeof id !== 'string') return undefined;
	const configRaw = cache.config(id);
	if (!configRaw) return undefined;
	let config: any;
	try {
		config = JSON.parse(configRaw.toString('utf8'));
	} catch {
		return undefined;
	}
	// A layer listed twice is the same object twice, as the archive reader gives it.
	return {format: 'docker', config, configRaw, layers: diffIds.map((d) => layers.get(d)!), repoTags: inspect.RepoTags ?? [], warnings: []};
}

function asLayerEntries(layer: IndexedLayer): LayerEntries {
	// Where the blob sat in an export is not known: extraction looks through the export for it.
	return {diffId: layer.diffId, blobPath: '', compression: 'none', tarBytes: layer.tarBytes, entries: layer.entries, anomalies: layer.anomalies, anomalyCount: layer.anomalyCount};
}

function store(cache: LayerCache, inspect: ImageInspect, archive: ImageArchive, digests: boolean, known: ReadonlyMap<string, LayerEntries> | undefined): void {
	const diffIds: unknown = archive.config?.rootfs?.diff_ids;
	if (!Array.isArray(diffIds)) return;
	let all = diffIds.length === archive.layers.length;
	archive.layers.forEach((layer, i) => {
		if (layer.diffId === '' || layer.diffId !== diffIds[i]) all = false;
		// From the index (passed unread): it is there already.
		else if (known?.get(layer.diffId)?.entries === layer.entries) return;
		// Computed while reading, and what the config says: verified.
		else cache.putLayer(indexedLayer(layer, digests));
	});
	if (all && typeof inspect.Id === 'string') cache.putConfig(inspect.Id, archive.configRaw);
}

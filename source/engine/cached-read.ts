/**
 * An engine image's layers for the layer model, through the layer index
 * cache (source/cache): when every layer of the image and its config are in
 * the index, no export is asked of the engine at all; otherwise the export
 * is read as before and every layer whose diff_id was computed while it
 * streamed (and matched the config's) is stored, with the config.
 *
 * The engine's export cannot be asked for some layers only (`docker save`
 * writes them all), so one missing layer means one whole export.
 */
import {type ImageArchive, type ReadProgress, readImageArchive} from './archive/index.js';
import type {LayerCache} from '../cache/layer-cache.js';
import {type IndexedLayer, indexedLayer} from '../cache/index-format.js';
import type {LayerEntries} from '../layers/types.js';
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
	const cached = options.cache && fromIndex(options.cache, inspect, digests);
	if (cached) return {archive: cached, fromCache: true};
	// A registry's blobs are read as they are, verified, and never cached: the index is for the engine's exports.
	if (source.readLayers) return {archive: await source.readLayers(ref, {signal: options.signal, onProgress: options.onProgress, digests}), fromCache: false};
	options.onExport?.();
	const exported = await source.exportImage(ref, options.signal);
	try {
		const expectedLayers = inspect.RootFS?.Layers?.length;
		const archive = await readImageArchive(exported.source, {
			signal: options.signal,
			onProgress: options.onProgress,
			expectedLayers,
			expectedDiffIds: inspect.RootFS?.Layers ?? undefined,
			totalBytes: options.totalBytes,
			// What goes into the index must have been hashed as it streamed; without a cache the engine's word is taken.
			verifyDiffIds: options.cache ? true : exported.verifyDiffIds,
			hashing: exported.hashing,
			image: exported.image,
			digests,
		});
		if (options.cache) store(options.cache, inspect, archive, digests);
		return {archive, fromCache: false};
	} finally {
		exported.close();
	}
}

function fromIndex(cache: LayerCache, inspect: ImageInspect, digests: boolean): ImageArchive | undefined {
	const diffIds = inspect.RootFS?.Layers;
	const id = inspect.Id;
	if (!Array.isArray(diffIds) || diffIds.length === 0 || typeof id !== 'string' || !cache.hasLayers(diffIds)) return undefined;
	const configRaw = cache.config(id);
	if (!configRaw) return undefined;
	let config: any;
	try {
		config = JSON.parse(configRaw.toString('utf8'));
	} catch {
		return undefined;
	}
	// A layer listed twice is the same object twice, as the archive reader gives it.
	const layers = new Map<string, LayerEntries>();
	for (const diffId of diffIds) {
		if (layers.has(diffId)) continue;
		const layer = cache.layer(diffId, {digests});
		if (!layer) return undefined;
		layers.set(diffId, asLayerEntries(layer));
	}
	return {format: 'docker', config, configRaw, layers: diffIds.map((d) => layers.get(d)!), repoTags: inspect.RepoTags ?? [], warnings: []};
}

function asLayerEntries(layer: IndexedLayer): LayerEntries {
	// Where the blob sat in an export is not known: extraction looks through the export for it.
	return {diffId: layer.diffId, blobPath: '', compression: 'none', tarBytes: layer.tarBytes, entries: layer.entries, anomalies: layer.anomalies, anomalyCount: layer.anomalyCount};
}

function store(cache: LayerCache, inspect: ImageInspect, archive: ImageArchive, digests: boolean): void {
	const diffIds: unknown = archive.config?.rootfs?.diff_ids;
	if (!Array.isArray(diffIds)) return;
	let all = diffIds.length === archive.layers.length;
	archive.layers.forEach((layer, i) => {
		// Computed while reading, and what the config says: verified.
		if (layer.diffId !== '' && layer.diffId === diffIds[i]) cache.putLayer(indexedLayer(layer, digests));
		else all = false;
	});
	if (all && typeof inspect.Id === 'string') cache.putConfig(inspect.Id, archive.configRaw);
}

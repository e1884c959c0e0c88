/**
 * Everything the image screens and `imgscope layers` show for one image:
 * inspect (raw bytes kept), history, and the layer pairing. The config is
 * read from the export stream only when the history API leaves the pairing
 * ambiguous.
 */
import {pairHistory, stepsFromConfig, stepsFromHistoryApi, type HistoryStep, type Pairing} from '../layers/history.js';
import type {LayerCache} from '../cache/layer-cache.js';
import type {RawDocument} from '../registry/raw-documents.js';
import type {Engine} from './engine.js';
import {type ImageConfig, readConfigFromSave} from './image-config.js';
import type {HistoryItem, InspectResult} from './types.js';

export interface ImageDetail {
	ref: string;
	inspect: InspectResult;
	history: HistoryItem[];
	steps: HistoryStep[];
	pairing: Pairing;
	/** Where the empty_layer flags came from. */
	pairingSource: 'config' | 'inferred';
	/** An image read from a registry (engine/registry/remote-detail.ts). */
	remote?: RemoteFacts;
}

/** What a registry image has that a local one does not. */
export interface RemoteFacts {
	/** `docker`: the sizes are docker's (the layers were read); `compressed`: the manifest's, standing in until then. */
	sizes: 'docker' | 'compressed';
	/** Compressed size per layer, from the manifest. */
	compressed: number[];
	/** The layer blobs' digests, in manifest order. */
	blobDigests: string[];
	/** The manifest (and index) as docker's commands print them (registry/raw-documents.ts). */
	documents: RawDocument[];
}

/**
 * What the loaders below read of an image source: part of ImageSource
 * (image-source.ts extends this). Declared here, not there, because an
 * ImageSource answers with an ImageDetail (imageDetail): each module would
 * import the other.
 */
export interface DetailSource {
	/** `registry`: a remote repository read without any engine (registry-source.ts). */
	readonly kind: 'engine' | 'archive' | 'registry';
	/** The engine, for the actions that need a daemon; undefined when reading an archive. */
	readonly daemon?: Engine;
	inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult>;
	history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]>;
	/** The image config (with history's empty_layer flags) when it is at hand without an export; the engine leaves it out. */
	imageConfig?(ref: string, signal?: AbortSignal): Promise<ImageConfig | undefined>;
	/** The whole detail when the source makes it itself (a registry: from the config, the manifest and the layers once read). */
	imageDetail?(ref: string, signal?: AbortSignal): Promise<ImageDetail>;
}

export async function loadImageDetail(engine: DetailSource, ref: string, options: {signal?: AbortSignal; exact?: boolean; cache?: LayerCache} = {}): Promise<ImageDetail> {
	// A registry image's detail is made whole from its config (and its manifest, and the layers once read).
	if (engine.imageDetail) return engine.imageDetail(ref, options.signal);
	const [inspect, history] = await Promise.all([engine.inspectImage(ref, options.signal), engine.history(ref, options.signal)]);
	const diffIds = inspect.value.RootFS?.Layers ?? [];
	const apiSteps = stepsFromHistoryApi(history);
	const pairing = pairHistory(apiSteps, diffIds);
	const detail: ImageDetail = {ref, inspect, history, steps: apiSteps, pairing, pairingSource: 'inferred'};
	// An archive has its config at hand: its pairing is always the config's.
	if (engine.kind !== 'engine' || (!pairing.exact && options.exact !== false)) return exactDetail(engine, detail, options.signal, options.cache);
	return detail;
}

/** Re-pairs with the config's empty_layer flags; keeps the inference if the config cannot be read. */
export async function exactDetail(engine: DetailSource, detail: ImageDetail, signal?: AbortSignal, cache?: LayerCache): Promise<ImageDetail> {
	try {
		const id = detail.inspect.value.Id;
		const config = engine.imageConfig ? await engine.imageConfig(id, signal) : engine.daemon ? await daemonConfig(engine.daemon, id, signal, cache) : undefined;
		if (!config?.history) return detail;
		const apiSteps = stepsFromHistoryApi(detail.history);
		const steps = stepsFromConfig(config.history, apiSteps);
		const diffIds = detail.inspect.value.RootFS?.Layers ?? [];
		return {...detail, steps, pairing: pairHistory(steps, diffIds), pairingSource: 'config'};
	} catch {
		return detail;
	}
}

/** The config from the layer index when it holds it (checked against the ID), else from an export, then kept there. */
async function daemonConfig(daemon: Engine, id: string, signal: AbortSignal | undefined, cache: LayerCache | undefined): Promise<ImageConfig | undefined> {
	const kept = cache?.config(id);
	if (kept) {
		try {
			return JSON.parse(kept.toString('utf8')) as ImageConfig;
		} catch {
			// its bytes hash to the ID, so this is the image's own (odd) config: read it again below
		}
	}
	return readConfigFromSave(await daemon.saveImage(id, signal), id, raw => cache?.putConfig(id, raw));
}

/**
 * What the explorer asks of wherever its images come from: the engine
 * (engine.ts) or an archive read without any engine (archive-engine.ts).
 * The controller, the image detail loader and the Files tab's loader take
 * this, so neither needs to know which one it has.
 */
import type {ArchiveSource, ImageArchive, ReadProgress} from './archive/read.js';
import type {HashingMode} from './archive/layer-hashing.js';
import type {Engine} from './engine.js';
import {EngineError} from './errors.js';
import type {ImageConfig} from './image-config.js';
import type {ImageDetail} from './image-detail.js';
import type {ContainerSummary, EngineEvent, HistoryItem, ImageSummary, InspectResult} from './types.js';

/** An image's bytes for the archive reader (what `docker save` writes, or an archive holding it). */
export interface ImageExport {
	source: ArchiveSource;
	/** Which image of a multi-image archive (an index into its manifest). */
	image?: number;
	/** Hash the layers against the config's diff_ids (false when the engine vouches for its own export). */
	verifyDiffIds: boolean;
	/** Where to hash file contents (ReadOptions.hashing); unset: the reader chooses by size. */
	hashing?: HashingMode;
	/** Lets go of the bytes (a stream is destroyed); safe to call more than once. */
	close(): void;
}

export interface ImageSource {
	/** `registry`: a remote repository read without any engine (registry-source.ts). */
	readonly kind: 'engine' | 'archive' | 'registry';
	/** What the title line shows: the engine's URL or the archive's path. */
	readonly label: string;
	/** The engine, for the actions that need a daemon; undefined when reading an archive. */
	readonly daemon?: Engine;
	listImages(options?: {all?: boolean; filters?: Record<string, string[]>; signal?: AbortSignal}): Promise<ImageSummary[]>;
	listContainers(options?: {all?: boolean; signal?: AbortSignal}): Promise<ContainerSummary[]>;
	inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult>;
	history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]>;
	/** The image config (with history's empty_layer flags) when it is at hand without an export; the engine leaves it out. */
	imageConfig?(ref: string, signal?: AbortSignal): Promise<ImageConfig | undefined>;
	/** The whole detail when the source makes it itself (a registry: from the config, the manifest and the layers once read). */
	imageDetail?(ref: string, signal?: AbortSignal): Promise<ImageDetail>;
	exportImage(ref: string, signal?: AbortSignal): Promise<ImageExport>;
	/** The layers read without an export (a registry streams the blobs); asked before exportImage when there. */
	readLayers?(ref: string, options: {signal?: AbortSignal; onProgress?: (p: ReadProgress) => void; digests?: boolean}): Promise<ImageArchive>;
	events(types: string[], onEvent: (event: EngineEvent) => void, onEnd: (error?: EngineError) => void): {close(): void};
	close(): void;
}

/** The notice for an action that needs a daemon. */
export const archiveOnlyNotice = 'not available when reading an archive (no engine)';

/** The notice for an action that needs a daemon or an export, on a registry image (issue 14: never a pull unless asked). */
export const registryOnlyNotice = 'not available on a registry image (no engine; nothing is pulled)';

/** Stands in for the engine when there is none: every call fails with archiveOnlyNotice. */
export function withoutDaemon(): Engine {
	const fail = () => {
		throw new EngineError('invalid', archiveOnlyNotice);
	};
	return new Proxy({} as Engine, {get: (_target, key) => (key === 'then' ? undefined : fail)});
}

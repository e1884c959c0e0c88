/**
 * What the explorer asks of wherever its images come from: the engine
 * (engine.ts) or an archive read without any engine (archive-engine.ts).
 * The controller, the image detail loader (image-detail.ts, through the
 * part of this it reads) and the Files tab's loader take this, so neither
 * needs to know which one it has.
 */
import type {ImageArchive, ReadProgress} from './archive/read.js';
import type {Engine} from './engine.js';
import {EngineError} from './errors.js';
import type {DetailSource} from './image-detail.js';
import type {ImageExport} from './image-export.js';
import type {ContainerSummary, EngineEvent, ImageSummary} from './types.js';

/**
 * kind, daemon, inspectImage, history, imageConfig and imageDetail are what
 * the detail loader reads of a source: they are declared with it, as
 * DetailSource (image-detail.ts), which needs nothing of this module.
 */
export interface ImageSource extends DetailSource {
	/** What the title line shows: the engine's URL or the archive's path. */
	readonly label: string;
	listImages(options?: {all?: boolean; filters?: Record<string, string[]>; signal?: AbortSignal}): Promise<ImageSummary[]>;
	listContainers(options?: {all?: boolean; signal?: AbortSignal}): Promise<ContainerSummary[]>;
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

/**
 * Engine is an ImageSource. engine.ts does not say `implements ImageSource`:
 * this module names Engine (the daemon), and the two would import each other.
 * These aliases check it instead (tsc fails here if Engine stops being one).
 */
type AnImageSource<Source extends ImageSource> = Source;
type EngineAsImageSource = AnImageSource<Engine>;

/**
 * The data the lists are made from, and how each piece is loaded and kept
 * up to date: a feed loads with one call and is reloaded when the engine
 * reports an event of one of its types. The controller loads every feed the
 * source can give (a feed that needs a daemon is skipped for an archive); a
 * list's spec turns feeds into rows (Images reads images and containers).
 * A costly feed (`whenShown`: GET /system/df walks every image's layers and
 * every volume's files) is loaded only while the screen shown reads it (its
 * list's spec names it in `feeds` or `reads`: App.tsx tells the controller).
 */
import {loadDiskFeed, type DiskFeed} from './disk-feed.js';
import {diskUsageTurn} from './disk-usage-turns.js';
import type {ImageSource} from '../../engine/image-source.js';
import type {RemoteTag} from '../../engine/registry/remote-tags.js';
import type {ContainerSummary, ImageSummary} from '../../engine/types.js';
import type {Volume, VolumeUsage} from '../../engine/volumes/types.js';
import type {Engine} from '../../engine/engine.js';
import type {ClientContext} from '../../docker/context-store.js';
import type {Capability} from './names.js';

/** A context, and what its probe found (undefined while it runs): an Engines row. */
export interface EngineRow extends ClientContext {
	answers?: boolean;
	version?: string;
	problem?: string;
}

export interface Feeds {
	images: ImageSummary[];
	containers: ContainerSummary[];
	volumes: Volume[];
	/** Sizes and links of the volumes (GET /system/df, slow: read in the background); undefined while counting. */
	volumeSizes?: Record<string, VolumeUsage>;
	/** Docker contexts and DOCKER_HOST (the Engines list); loaded by the App, not from the engine. */
	engines: EngineRow[];
	/** A remote repository's tags (the Tags list); loaded from its registry (engine/registry/remote-tags.ts), not from the engine. */
	remoteTags: RemoteTag[];
	/** GET /system/df (the Disk list); an answer that failed keeps the last good one and says why. */
	disk: DiskFeed;
}

export interface Feed<K extends keyof Feeds> {
	/** Engine event types after which it is loaded again. */
	events: string[];
	needs?: Capability;
	/**
	 * Loaded only while the screen shown reads it: at once when one that reads it is shown, then on its
	 * events while it stays shown, each load at least `everyMs` after the last one answered (a build
	 * storm: one count every few seconds, never one after another). Not loaded while nothing shown reads it.
	 */
	whenShown?: {everyMs: number};
	load(source: ImageSource, signal: AbortSignal): Promise<Feeds[K]>;
}

/** The feeds the controller loads from the engine (`engines` is not one: it is about which engine). */
export const engineFeeds: {[K in Exclude<keyof Feeds, 'engines' | 'remoteTags'>]: Feed<K>} = {
	images: {events: ['image'], load: (source, signal) => source.listImages({signal})},
	containers: {events: ['container'], needs: 'daemon', load: (source, signal) => source.listContainers({all: true, signal})},
	volumes: {events: ['volume'], needs: 'daemon', load: async (source, signal) => (await import('../../engine/volumes/volumes.js').then((m) => m.listVolumes(source.daemon as Engine, {signal}))).volumes},
	volumeSizes: {
		events: ['volume', 'container'],
		needs: 'daemon',
		// The Volumes list's SIZE and LINKS, the Disk list's V question.
		whenShown: {everyMs: 5000},
		load: async (source, signal) => {
			const {volumeSizes} = await import('../../engine/volumes/volumes.js');
			const daemon = source.daemon as Engine;
			return Object.fromEntries(await diskUsageTurn(`${daemon.endpoint.url} volumes`, () => volumeSizes(daemon, signal), signal));
		},
	},
	// Background: on a big engine the df takes seconds, and the other lists must not wait for it; it is drawn when it comes.
	// When shown: the Disk list, the Images list's UNIQUE column (issue 16: a df per event cost an engine of 2,000 images 2.5x the CPU of its builds).
	disk: {events: ['image', 'container', 'volume'], needs: 'daemon', whenShown: {everyMs: 5000}, load: loadDiskFeed},
};

/**
 * What the screen shown reads of what the controller loads: feeds, and the
 * images' inspect documents: `inspects` (one per image id: the LAYERS column,
 * the Layers tab's holders), `inspectTags` (those documents read again after a
 * tag or untag, for their RepoTags: the format column).
 */
export type Read = keyof Feeds | 'inspects' | 'inspectTags';

export function emptyFeeds(): Feeds {
	return {images: [], containers: [], volumes: [], engines: [], remoteTags: [], disk: {}};
}

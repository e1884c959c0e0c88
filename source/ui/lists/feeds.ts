/**
 * The data the lists are made from, and how each piece is loaded and kept
 * up to date: a feed loads with one call and is reloaded when the engine
 * reports an event of one of its types. The controller loads every feed the
 * source can give (a feed that needs a daemon is skipped for an archive); a
 * list's spec turns feeds into rows (Images reads images and containers).
 */
import type {ImageSource} from '../../engine/image-source.js';
import type {RemoteTag} from '../../engine/registry/remote-tags.js';
import type {ContainerSummary, ImageSummary} from '../../engine/types.js';
import type {EngineRow} from './engines.js';
import type {Capability} from './spec.js';

export interface Feeds {
	images: ImageSummary[];
	containers: ContainerSummary[];
	/** Docker contexts and DOCKER_HOST (the Engines list); loaded by the App, not from the engine. */
	engines: EngineRow[];
	/** A remote repository's tags (the Tags list); loaded from its registry (engine/registry/remote-tags.ts), not from the engine. */
	remoteTags: RemoteTag[];
}

export interface Feed<K extends keyof Feeds> {
	/** Engine event types after which it is loaded again. */
	events: string[];
	needs?: Capability;
	load(source: ImageSource, signal: AbortSignal): Promise<Feeds[K]>;
}

/** The feeds the controller loads from the engine (`engines` is not one: it is about which engine). */
export const engineFeeds: {[K in Exclude<keyof Feeds, 'engines' | 'remoteTags'>]: Feed<K>} = {
	images: {events: ['image'], load: (source, signal) => source.listImages({signal})},
	containers: {events: ['container'], needs: 'daemon', load: (source, signal) => source.listContainers({all: true, signal})},
};

export function emptyFeeds(): Feeds {
	return {images: [], containers: [], engines: [], remoteTags: []};
}

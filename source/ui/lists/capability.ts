/**
 * What the source can do, asked in one place: reading an archive (no
 * engine), nothing that needs a daemon or a registry works; an image's
 * archive (its export) works everywhere.
 */
import {archiveOnlyNotice, registryOnlyNotice} from '../../engine/image-source.js';
import type {Capability} from './names.js';

export interface Source {
	/** Set when reading an archive rather than an engine. */
	archive?: string;
	/** Set when reading a registry: no daemon, and no export to extract from. */
	remote?: string;
	/** A registry source's engine that `P` pulls into (its URL); unset: nowhere to pull to. */
	pullTo?: string;
}

/** Why the source cannot do what needs `need`; undefined when it can. */
export function missing(source: Source, need: Capability | undefined): string | undefined {
	if (!need) return undefined;
	if (need === 'remote') return source.remote === undefined ? 'only on a registry image (imgscope --remote REF)' : undefined;
	// A pull goes through a daemon: a registry source's own engine (pullTo), else the engine shown.
	if (need === 'pull') {
		if (source.remote !== undefined) return source.pullTo === undefined ? 'no engine to pull into (set DOCKER_HOST or --context)' : undefined;
		return missing(source, 'registry');
	}
	if (source.remote !== undefined) return registryOnlyNotice;
	if (need === 'archive') return undefined;
	return source.archive !== undefined ? archiveOnlyNotice : undefined;
}

export function can(source: Source, need: Capability | undefined): boolean {
	return missing(source, need) === undefined;
}

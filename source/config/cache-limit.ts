/**
 * The config file's `cache` section: how large the layer index may grow
 * before its least recently used entries go (source/cache/layer-cache.ts).
 *
 *   "cache": {"limit": "5GiB"}      a size as docker's --memory reads it (binary: 512m, 2g, 2GiB)
 *   "cache": {"limit": 1073741824}  bytes
 *
 * Pure: given the parsed file (config/json.ts). Its own module because the
 * layer commands read it without the rest of the config (keys, theme), which
 * only the explorer needs.
 */
import {ramInBytes} from '../format/units.js';
import type {JsonNode, Position} from './json.js';

/** 2 GiB: the indexes of a few hundred images of 10^5 files. */
export const defaultCacheLimit = 2 * 1024 ** 3;

/** The smallest limit taken: one image's index of 10^5 files is ~5 MB; below this the cache would keep nothing useful. */
const smallest = 1024 ** 2;

export interface CacheLimit {
	bytes: number;
	/** Where the value stands in the file; undefined: the default. */
	at?: Position;
}

/** `cache.limit` of the file's top object (undefined: no file), or the default; a bad value is thrown as `fail` words it. */
export function cacheLimitOf(root: JsonNode | undefined, fail: (at: Position, key: string, message: string) => never): CacheLimit {
	const section = root?.kind === 'object' ? root.entries.find((entry) => entry.key === 'cache') : undefined;
	if (!section) return {bytes: defaultCacheLimit};
	if (section.value.kind !== 'object') return fail(section.value.at, 'cache', 'must be an object: {"limit": "2GiB"}');
	let limit: CacheLimit = {bytes: defaultCacheLimit};
	for (const entry of section.value.entries) {
		if (entry.key !== 'limit') fail(entry.keyAt, `cache.${entry.key}`, 'unknown cache setting (known: limit)');
		const node = entry.value;
		const bytes = node.kind === 'number' ? node.value : node.kind === 'string' ? sizeOf(node.value) : undefined;
		if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < smallest) {
			fail(node.at, 'cache.limit', `must be a size of at least 1MiB: bytes (1073741824) or a string as docker's --memory reads it ("512m", "2g", "2GiB")`);
		}
		limit = {bytes: bytes!, at: node.at};
	}
	return limit;
}

function sizeOf(text: string): number | undefined {
	try {
		return ramInBytes(text);
	} catch {
		return undefined;
	}
}

/**
 * The layer index cache on disk: what reading a layer learnt, named by the
 * layer's diff_id (layers are immutable and named by their content, so an
 * entry never goes stale), and image configs named by their digest (the
 * image ID). Under $XDG_CACHE_HOME/imgscope (default ~/.cache/imgscope):
 *
 *   layers/<hex of the diff_id>.idx    index-format.ts
 *   configs/<hex of the image ID>.json the config's own bytes
 *
 * Safe with several imgscope processes at once: a file is written under a
 * name of its own and renamed into place, so a reader sees a whole entry or
 * none. A file that does not decode (truncated, altered, another version)
 * is removed and reported as a miss, so it is read again. Bounded: after a
 * write, the least recently used entries go until the total is under the
 * limit (a hit touches its file's mtime).
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {defaultCacheLimit} from '../config/cache-limit.js';
import {loadCacheLimit} from '../config/load.js';
import {decodeIndex, encodeIndex, type IndexedLayer} from './index-format.js';


export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
	return path.join(base, 'imgscope');
}

/**
 * The cache to use, or undefined when it is off: `--no-cache` (disabled) or
 * IMGSCOPE_NO_CACHE=1 in the environment (which the test suite sets, so that
 * only the cache's own tests, in a directory of their own, use one). Its
 * bound is the config file's `cache.limit`, read at the first write.
 */
export function openLayerCache(options: {disabled?: boolean; env?: NodeJS.ProcessEnv; limitBytes?: number} = {}): LayerCache | undefined {
	const env = options.env ?? process.env;
	if (options.disabled || (env.IMGSCOPE_NO_CACHE !== undefined && env.IMGSCOPE_NO_CACHE !== '' && env.IMGSCOPE_NO_CACHE !== '0')) return undefined;
	return new LayerCache(cacheRoot(env), options.limitBytes ?? (() => loadCacheLimit(env)));
}

const hexOf = (digest: string): string | undefined => /^sha256:([0-9a-f]{64})$/.exec(digest)?.[1];

export interface CacheStats {
	hits: number;
	misses: number;
	/** Entries found unreadable and removed. */
	dropped: number;
	written: number;
}

export class LayerCache {
	readonly stats: CacheStats = {hits: 0, misses: 0, dropped: 0, written: 0};
	/** Set after the first failed write (a read-only or full disk): the cache then only reads. */
	private readOnly = false;

	/** The bound in bytes, or how to learn it (the config file, read once and only when something is written). */
	private limit: number | (() => number);

	constructor(
		readonly root: string = cacheRoot(),
		limit: number | (() => number) = defaultCacheLimit,
	) {
		this.limit = limit;
	}

	get limitBytes(): number {
		if (typeof this.limit === 'function') this.limit = this.limit();
		return this.limit;
	}

	private layerFile(diffId: string): string | undefined {
		const hex = hexOf(diffId);
		return hex && path.join(this.root, 'layers', `${hex}.idx`);
	}

	private configFile(imageId: string): string | undefined {
		const hex = hexOf(imageId);
		return hex && path.join(this.root, 'configs', `${hex}.json`);
	}

	/** Whether an entry exists for every one of these layers (no decoding: a cheap first look). */
	hasLayers(diffIds: string[]): boolean {
		return diffIds.every((d) => {
			const file = this.layerFile(d);
			return file !== undefined && exists(file);
		});
	}

	/** Whether the image config is there (no reading: a cheap first look). */
	hasConfig(imageId: string): boolean {
		const file = this.configFile(imageId);
		return file !== undefined && exists(file);
	}

	/** The layer's index, if it is cached whole and (when asked) with content digests. */
	layer(diffId: string, options: {digests: boolean}): IndexedLayer | undefined {
		const file = this.layerFile(diffId);
		if (!file) return undefined;
		const data = readOrUndefined(file);
		if (!data) return this.miss();
		let layer: IndexedLayer;
		try {
			layer = decodeIndex(data);
		} catch {
			return this.drop(file);
		}
		if (layer.diffId !== diffId) return this.drop(file);
		if (options.digests && !layer.digests) return this.miss();
		this.touch(file);
		this.stats.hits++;
		return layer;
	}

	/** The image config's bytes, checked against the image ID they are named by. */
	config(imageId: string): Buffer | undefined {
		const file = this.configFile(imageId);
		if (!file) return undefined;
		const data = readOrUndefined(file);
		if (!data) return this.miss();
		if (`sha256:${createHash('sha256').update(data).digest('hex')}` !== imageId) return this.drop(file);
		this.touch(file);
		return data;
	}

	/** Stores a layer read from bytes whose diff_id was computed while they streamed (the caller's promise). */
	putLayer(layer: IndexedLayer): void {
		const file = this.layerFile(layer.diffId);
		if (!file) return;
		// An entry with digests is never replaced by one without.
		const existing = readOrUndefined(file);
		if (existing && !layer.digests) {
			try {
				if (decodeIndex(existing).digests) return;
			} catch {
				// unreadable: replaced below
			}
		}
		this.write(file, encodeIndex(layer));
	}

	putConfig(imageId: string, raw: Buffer): void {
		const file = this.configFile(imageId);
		if (!file || `sha256:${createHash('sha256').update(raw).digest('hex')}` !== imageId) return;
		if (exists(file)) return;
		this.write(file, raw);
	}

	private write(file: string, data: Buffer): void {
		if (this.readOnly) return;
		const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		try {
			mkdirSync(path.dirname(file), {recursive: true});
			writeFileSync(temp, data);
			renameSync(temp, file);
			this.stats.written++;
		} catch {
			this.readOnly = true;
			try {
				unlinkSync(temp);
			} catch {
				// never made
			}
			return;
		}
		this.trim();
	}

	/** Removes the least recently used files until the cache is within its limit. */
	trim(): void {
		const files: {file: string; size: number; used: number}[] = [];
		for (const dir of ['layers', 'configs']) {
			let names: string[];
			try {
				names = readdirSync(path.join(this.root, dir));
			} catch {
				continue;
			}
			for (const name of names) {
				const file = path.join(this.root, dir, name);
				try {
					const st = statSync(file);
					// Another process's write in progress is not ours to count or remove.
					if (name.endsWith('.tmp')) continue;
					files.push({file, size: st.size, used: st.mtimeMs});
				} catch {
					// gone meanwhile
				}
			}
		}
		let total = files.reduce((n, f) => n + f.size, 0);
		const limit = this.limitBytes;
		if (total <= limit) return;
		files.sort((a, b) => a.used - b.used);
		for (const f of files) {
			if (total <= limit) break;
			try {
				unlinkSync(f.file);
			} catch {
				// another process removed it
			}
			total -= f.size;
		}
	}

	private touch(file: string): void {
		const now = new Date();
		try {
			utimesSync(file, now, now);
		} catch {
			// a read-only cache still serves
		}
	}

	private miss(): undefined {
		this.stats.misses++;
		return undefined;
	}

	private drop(file: string): undefined {
		this.stats.dropped++;
		this.stats.misses++;
		try {
			unlinkSync(file);
		} catch {
			// read-only: it stays, and stays a miss
		}
		return undefined;
	}
}

function exists(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

function readOrUndefined(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

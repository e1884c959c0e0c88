import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {encodeIndex, type IndexedLayer} from '../../source/cache/index-format.js';
import {cacheRoot, LayerCache, openLayerCache} from '../../source/cache/layer-cache.js';

const dirs: string[] = [];
function tempRoot(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-cache-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

const id = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

function layer(n: number, files = 3, digests = true): IndexedLayer {
	const entries = Array.from({length: files}, (_, i) => ({path: `dir${n}/file${i}`, type: 'file' as const, size: i * 10, mode: 0o644, uid: 0, gid: 0, ...(digests ? {digest: (i + 1).toString(16).padStart(64, '0')} : {})}));
	return {diffId: id(n), tarBytes: 1024 * n, digests, entries, anomalies: [], anomalyCount: 0};
}

describe('where the cache lives', () => {
	it('is under XDG_CACHE_HOME/imgscope, else ~/.cache/imgscope; a relative XDG_CACHE_HOME is ignored, as the spec says', () => {
		expect(cacheRoot({XDG_CACHE_HOME: '/x/cache'})).toBe('/x/cache/imgscope');
		expect(cacheRoot({HOME: process.env.HOME})).toMatch(/\/\.cache\/imgscope$/);
		expect(cacheRoot({XDG_CACHE_HOME: 'relative'})).toMatch(/\/\.cache\/imgscope$/);
	});

	it('is off with --no-cache or IMGSCOPE_NO_CACHE=1', () => {
		expect(openLayerCache({disabled: true, env: {}})).toBeUndefined();
		expect(openLayerCache({env: {IMGSCOPE_NO_CACHE: '1'}})).toBeUndefined();
		expect(openLayerCache({env: {IMGSCOPE_NO_CACHE: '0', XDG_CACHE_HOME: '/y'}})?.root).toBe('/y/imgscope');
	});
});

describe('LayerCache', () => {
	it('gives back what was put, by diff_id, and leaves no temporary file', () => {
		const cache = new LayerCache(tempRoot());
		cache.putLayer(layer(1));
		expect(cache.hasLayers([id(1)])).toBe(true);
		expect(cache.hasLayers([id(1), id(2)])).toBe(false);
		expect(cache.layer(id(1), {digests: true})).toEqual(layer(1));
		expect(readdirSync(path.join(cache.root, 'layers'))).toEqual([`${id(1).slice(7)}.idx`]);
		expect(cache.stats).toMatchObject({hits: 1, written: 1});
	});

	it('answers a read that needs digests only from an entry that has them, and never downgrades one', () => {
		const cache = new LayerCache(tempRoot());
		cache.putLayer(layer(1, 3, false));
		expect(cache.layer(id(1), {digests: false})?.digests).toBe(false);
		expect(cache.layer(id(1), {digests: true})).toBeUndefined();
		cache.putLayer(layer(1, 3, true));
		expect(cache.layer(id(1), {digests: true})?.digests).toBe(true);
		cache.putLayer(layer(1, 3, false));
		expect(cache.layer(id(1), {digests: true})?.digests).toBe(true);
	});

	it('drops a truncated, altered or misnamed entry and reports a miss', () => {
		const cache = new LayerCache(tempRoot());
		const file = (n: number) => path.join(cache.root, 'layers', `${id(n).slice(7)}.idx`);
		cache.putLayer(layer(1));
		writeFileSync(file(1), readFileSync(file(1)).subarray(0, 20));
		expect(cache.layer(id(1), {digests: true})).toBeUndefined();
		expect(() => statSync(file(1))).toThrow();
		cache.putLayer(layer(2));
		const altered = readFileSync(file(2));
		altered[10]! ^= 1;
		writeFileSync(file(2), altered);
		expect(cache.layer(id(2), {digests: true})).toBeUndefined();
		// A valid index of another layer under this layer's name.
		writeFileSync(file(3), encodeIndex(layer(4)));
		expect(cache.layer(id(3), {digests: true})).toBeUndefined();
		expect(cache.stats.dropped).toBe(3);
	});

	it('keeps configs by the digest of their bytes and refuses bytes that do not match', () => {
		const cache = new LayerCache(tempRoot());
		const raw = Buffer.from('{"rootfs":{"type":"layers","diff_ids":[]}}');
		const imageId = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
		cache.putConfig(imageId, raw);
		cache.putConfig(id(9), raw);
		expect(cache.config(imageId)).toEqual(raw);
		expect(cache.config(id(9))).toBeUndefined();
		writeFileSync(path.join(cache.root, 'configs', `${imageId.slice(7)}.json`), '{"tampered":true}');
		expect(cache.config(imageId)).toBeUndefined();
		expect(cache.stats.dropped).toBe(1);
	});

	it('stays within its limit by removing the least recently used entries', () => {
		const root = tempRoot();
		const size = encodeIndex(layer(1, 50)).length;
		const cache = new LayerCache(root, size * 3 + 10);
		const old = new Date(Date.now() - 3600_000);
		for (const n of [1, 2, 3]) {
			cache.putLayer(layer(n, 50));
			utimesSync(path.join(root, 'layers', `${id(n).slice(7)}.idx`), old, new Date(old.getTime() + n * 1000));
		}
		// A hit makes layer 1 the most recent; layer 2 is then the oldest.
		expect(cache.layer(id(1), {digests: true})).toBeDefined();
		cache.putLayer(layer(4, 50));
		expect(cache.hasLayers([id(1)])).toBe(true);
		expect(cache.hasLayers([id(2)])).toBe(false);
		expect(cache.hasLayers([id(3), id(4)])).toBe(true);
	});

	it("takes its bound from the config file's cache.limit, read when it first writes", () => {
		const root = tempRoot();
		const size = encodeIndex(layer(1, 50)).length;
		const config = path.join(root, 'config');
		const env = {XDG_CACHE_HOME: path.join(root, 'cache'), XDG_CONFIG_HOME: config};
		mkdirSync(path.join(config, 'imgscope'), {recursive: true});
		// Under the 1 MiB floor the file cannot go: many small layers fill it instead.
		writeFileSync(path.join(config, 'imgscope', 'config.json'), '{"cache": {"limit": "1m"}}');
		const cache = openLayerCache({env})!;
		const count = Math.ceil((2 * 1024 ** 2) / size);
		for (let n = 1; n <= count; n++) cache.putLayer(layer(n, 50));
		expect(cache.limitBytes).toBe(1024 ** 2);
		const kept = readdirSync(path.join(env.XDG_CACHE_HOME, 'imgscope', 'layers'));
		expect(kept.length * size).toBeLessThanOrEqual(1024 ** 2);
		expect(kept.length).toBeGreaterThan(0);
		// A bad value leaves the default for the layer commands (imgscope config and the explorer report it).
		writeFileSync(path.join(config, 'imgscope', 'config.json'), '{"cache": {"limit": "lots"}}');
		expect(openLayerCache({env})!.limitBytes).toBe(2 * 1024 ** 3);
	});

	it('where it cannot write (a file where its directory should be), reads nothing, writes nothing and does not fail', () => {
		const root = tempRoot();
		writeFileSync(path.join(root, 'layers'), 'not a directory');
		const cache = new LayerCache(root);
		expect(() => cache.putLayer(layer(1))).not.toThrow();
		expect(cache.layer(id(1), {digests: true})).toBeUndefined();
		expect(cache.stats.written).toBe(0);
	});

	it('two writers of the same entry leave one whole entry', async () => {
		const root = tempRoot();
		const a = new LayerCache(root);
		const b = new LayerCache(root);
		await Promise.all([Promise.resolve().then(() => a.putLayer(layer(5, 2000))), Promise.resolve().then(() => b.putLayer(layer(5, 2000)))]);
		expect(new LayerCache(root).layer(id(5), {digests: true})).toEqual(layer(5, 2000));
		expect(readdirSync(path.join(root, 'layers'))).toHaveLength(1);
	});
});

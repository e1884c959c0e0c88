/**
 * ReadOptions.knownLayers: blobs that their names say are known layers pass
 * unread and the known entries stand in for them; anything the names do not
 * settle is read; a blob the manifest places elsewhere fails the read with
 * 'known-layer-mismatch' (the caller reads again without).
 */
import {describe, expect, it} from 'vitest';
import {ArchiveError, readImageArchive} from '../../source/engine/archive/index.js';
import {ExportNames, legacyLayerIds} from '../../source/engine/archive/export-names.js';
import type {LayerEntries} from '../../source/layers/types.js';
import {type Layer, type TarItem, configFor, layer, ociItems, packTar, sha256} from './helpers.js';

/** A legacy archive named as docker 20.10 names it: v1 ids from the chain, the top's json naming its parent; dirs in id order. */
async function dockerLegacy(layers: Layer[], options: {swap?: [number, number]} = {}): Promise<Buffer> {
	const config = configFor(layers);
	const configName = `${sha256(config)}.json`;
	const below = legacyLayerIds(layers.map(l => l.diffId));
	const top = sha256(`top of ${configName}`);
	const dirs = [...below, top];
	const json = (i: number) => JSON.stringify({id: dirs[i], ...(i > 0 ? {parent: dirs[i - 1]} : {}), created: '1970-01-01T00:00:00Z', os: 'linux'});
	const listed = [...dirs];
	if (options.swap) [listed[options.swap[0]], listed[options.swap[1]]] = [listed[options.swap[1]], listed[options.swap[0]]];
	const items: TarItem[] = [];
	for (const i of dirs.map((_d, i) => i).sort((a, b) => (dirs[a] < dirs[b] ? -1 : 1))) {
		items.push({name: `${dirs[i]}/`, type: 'directory'}, {name: `${dirs[i]}/VERSION`, data: '1.0'}, {name: `${dirs[i]}/json`, data: json(i)}, {name: `${dirs[i]}/layer.tar`, data: layers[i].blob});
	}
	items.push({name: configName, data: config});
	items.push({name: 'manifest.json', data: JSON.stringify([{Config: configName, RepoTags: ['x/y:1'], Layers: listed.map(d => `${d}/layer.tar`)}])});
	return packTar(items);
}

const threeLayers = async () => [await layer([{name: 'a', data: 'aaa'}]), await layer([{name: 'b', data: 'bb'}, {name: 'c', data: 'c'}]), await layer([{name: 'd', data: 'dddd'}])];

/** Entries no read of these layers would give: seeing them proves the layer was not read. */
const stand = (l: Layer, size = l.tar.length): LayerEntries => ({diffId: l.diffId, blobPath: '', compression: 'none', tarBytes: size, entries: [{path: `known-${l.diffId.slice(7, 15)}`, type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0}], anomalies: [], anomalyCount: 0});

const read = (tar: Buffer, layers: Layer[], known: LayerEntries[]) =>
	readImageArchive([tar].values() as never, {expectedDiffIds: layers.map(l => l.diffId), knownLayers: new Map(known.map(k => [k.diffId, k]))});

describe('known layers in an export', () => {
	it('passes the known layers of a legacy export unread, the top one by its parent, and reads the rest', async () => {
		const layers = await threeLayers();
		const tar = await dockerLegacy(layers);
		const plain = await readImageArchive([tar].values() as never, {expectedDiffIds: layers.map(l => l.diffId)});
		const got = await read(tar, layers, [stand(layers[0]), stand(layers[2])]);
		expect(got.layers.map(l => l.entries.map(e => e.path))).toEqual([[`known-${layers[0].diffId.slice(7, 15)}`], ['b', 'c'], [`known-${layers[2].diffId.slice(7, 15)}`]]);
		expect(got.layers[1]).toEqual(plain.layers[1]);
		expect(got.layers.map(l => l.diffId)).toEqual(layers.map(l => l.diffId));
		// Where each sat in this archive, as a read gives it.
		expect(got.layers.map(l => l.blobPath)).toEqual(plain.layers.map(l => l.blobPath));
		expect(got.warnings).toEqual([]);
	});

	it('reads a known layer whose size is not the one known', async () => {
		const layers = await threeLayers();
		const got = await read(await dockerLegacy(layers), layers, [stand(layers[0], layers[0].tar.length + 512)]);
		expect(got.layers[0].entries.map(e => e.path)).toEqual(['a']);
	});

	it('fails with known-layer-mismatch when the manifest puts a passed blob elsewhere', async () => {
		const layers = await threeLayers();
		const error = await read(await dockerLegacy(layers, {swap: [0, 1]}), layers, [stand(layers[0])]).catch(e => e);
		expect(error).toBeInstanceOf(ArchiveError);
		expect((error as ArchiveError).code).toBe('known-layer-mismatch');
	});

	it('passes the known blobs of an OCI export, named by their diff_ids', async () => {
		const layers = await threeLayers();
		const tar = await packTar(await ociItems(layers, {indexLast: true}));
		const got = await read(tar, layers, [stand(layers[1])]);
		expect(got.layers.map(l => l.entries.map(e => e.path))).toEqual([['a'], [`known-${layers[1].diffId.slice(7, 15)}`], ['d']]);
		expect(got.warnings).toEqual([]);
	});

	it('names no position for what it cannot tell', async () => {
		const layers = await threeLayers();
		const names = new ExportNames(layers.map(l => l.diffId));
		const ids = legacyLayerIds(layers.map(l => l.diffId));
		const none = () => undefined;
		expect(ids.map(id => names.position(`${id}/layer.tar`, none))).toEqual([0, 1]);
		expect(names.position(`${'e'.repeat(64)}/layer.tar`, none)).toBeUndefined();
		expect(names.position(`${'e'.repeat(64)}/layer.tar`, () => Buffer.from(JSON.stringify({id: 'e'.repeat(64), parent: ids[0]})))).toBeUndefined();
		expect(names.position(`${'e'.repeat(64)}/layer.tar`, () => Buffer.from(JSON.stringify({id: 'e'.repeat(64), parent: ids[1]})))).toBe(2);
		expect(names.position(`${'e'.repeat(64)}/layer.tar`, () => Buffer.from('not json'))).toBeUndefined();
		expect(names.position(`blobs/sha256/${layers[2].diffId.slice(7)}`, none)).toBe(2);
		expect(names.position(`blobs/sha256/${'0'.repeat(64)}`, none)).toBeUndefined();
		expect(new ExportNames([layers[0].diffId]).position(`${'e'.repeat(64)}/layer.tar`, () => Buffer.from(JSON.stringify({id: 'e'.repeat(64)})))).toBe(0);
	});
});

// The shared-layers core on JSON captured from a private dockerd 20.10
// (test/df/fixtures/sharing.json: GET /system/df, and each image's RootFS and
// history): the daemon's SharedSize, per image, from the layers alone.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {pairHistory, stepsFromHistoryApi} from '../../source/layers/history.js';
import {byUniqueSize, chainIds, computeSharing, type SharingImage} from '../../source/layers/sharing.js';
import type {HistoryItem} from '../../source/engine/types.js';

interface Capture {
	df: {LayersSize: number; Images: {Id: string; RepoTags: string[]; Size: number; SharedSize: number; Containers: number}[]};
	images: Record<string, {RootFS: {Layers: string[]}; history: HistoryItem[]}>;
}

const capture = JSON.parse(readFileSync(new URL('./fixtures/sharing.json', import.meta.url), 'utf8')) as Capture;
const tagOf = (id: string): string => capture.df.Images.find((i) => i.Id === id)!.RepoTags[0];

function inputs(): SharingImage[] {
	return capture.df.Images.map((image) => {
		const {RootFS, history} = capture.images[image.Id];
		const pairing = pairHistory(stepsFromHistoryApi(history), RootFS.Layers);
		return {id: image.Id, diffIds: RootFS.Layers, layerSizes: pairing.layers.map((l) => l.size), containers: image.Containers};
	});
}

describe('shared layers', () => {
	it('computes every image\'s SharedSize and Size exactly as the daemon did', () => {
		const sharing = computeSharing(inputs());
		for (const image of capture.df.Images) {
			const mine = sharing.images.get(image.Id)!;
			expect({tag: image.RepoTags[0], size: mine.size, shared: mine.shared}).toEqual({tag: image.RepoTags[0], size: image.Size, shared: image.SharedSize});
			expect(mine.unique).toBe(image.Size - image.SharedSize);
		}
	});

	it('names the other images holding each layer, by chain: the base layer is everyone\'s, a sibling shares only up to their common parent', () => {
		const sharing = computeSharing(inputs());
		const byTag = new Map(capture.df.Images.map((i) => [i.RepoTags[0], sharing.images.get(i.Id)!]));
		const l3 = byTag.get('df/l3:1')!;
		expect(l3.layers[0].others.map(tagOf).sort()).toEqual(['<none>:<none>', 'df/l1:1', 'df/l2:1', 'df/rebuilt:1', 'df/sib:1', 'fixture/base:1']);
		// base -> l1's layer: l1, l2, sib (and l3 itself)
		expect(l3.layers[1].others.map(tagOf).sort()).toEqual(['df/l1:1', 'df/l2:1', 'df/sib:1']);
		// l2's layer (its RUN that changed nothing made none): l2 only; l3's own dd and COPY: nobody else.
		expect(l3.layers).toHaveLength(5);
		expect(l3.layers[2].others.map(tagOf)).toEqual(['df/l2:1']);
		expect(l3.layers.slice(3).every((l) => l.others.length === 0)).toBe(true);
		expect(l3.sharedDepth).toBe(3);
		// The rebuild and its dangling first build share the base and the dd layer, not the last step.
		const rebuilt = byTag.get('df/rebuilt:1')!;
		expect(rebuilt.layers[1].others.map(tagOf)).toEqual(['<none>:<none>']);
		expect(rebuilt.layers[2].others).toEqual([]);
	});

	it('frees nothing for an image a container uses, its unique bytes otherwise; orders by what removal frees', () => {
		const sharing = computeSharing(inputs());
		const byTag = new Map(capture.df.Images.map((i) => [i.RepoTags[0], sharing.images.get(i.Id)!]));
		expect(byTag.get('df/sib:1')!.unique).toBe(51200);
		expect(byTag.get('df/sib:1')!.freed).toBe(0);
		expect(byTag.get('df/l3:1')!.freed).toBe(byTag.get('df/l3:1')!.unique);
		const order = byUniqueSize(sharing).map((s) => s.unique!);
		expect(order).toEqual([...order].sort((a, b) => b - a));
	});

	it('makes the chain IDs of the image spec', () => {
		// ChainID(A|B) = sha256("A B"); `printf 'sha256:a sha256:b' | sha256sum`
		expect(chainIds(['sha256:a', 'sha256:b'])).toEqual(['sha256:a', 'sha256:970a948bffa8de94d6e22d747ba8c95030e6e546909f98f54e99a13005e173a8']);
	});

	it('leaves the figures undefined where a layer size is unknown, and still names the holders', () => {
		const sharing = computeSharing([
			{id: 'a', diffIds: ['sha256:1', 'sha256:2'], layerSizes: [10, undefined]},
			{id: 'b', diffIds: ['sha256:1'], layerSizes: [10]},
			{id: 'c', diffIds: ['sha256:2'], layerSizes: [5]},
		]);
		expect(sharing.images.get('a')).toMatchObject({size: undefined, shared: undefined, unique: undefined, sharedDepth: 1});
		expect(sharing.images.get('a')!.layers[1].others).toEqual([]);
		// The same diff_id on another base is another layer.
		expect(sharing.images.get('c')).toMatchObject({size: 5, shared: 0, unique: 5});
		expect(sharing.images.get('b')).toMatchObject({size: 10, shared: 10, unique: 0});
	});
});

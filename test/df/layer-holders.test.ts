// The Layers tab's sharing marks, from inspect documents as the list reads
// them (RootFS as captured from a private dockerd: fixtures/sharing.json).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {ImageSummary} from '../../source/engine/types.js';
import {imageLabel, layerHolders} from '../../source/ui/layer-holders.js';

const capture = JSON.parse(readFileSync(new URL('./fixtures/sharing.json', import.meta.url), 'utf8')) as {
	df: {Images: ImageSummary[]};
	images: Record<string, {RootFS: {Layers: string[]}}>;
};
const images = capture.df.Images;
const docs = Object.fromEntries(Object.entries(capture.images).map(([id, {RootFS}]) => [id, JSON.stringify({Id: id, RootFS})]));
const byTag = (tag: string): ImageSummary => images.find((i) => i.RepoTags?.includes(tag))!;

describe('layer holders (the Layers tab)', () => {
	it('names, per layer, the other local images that hold it', () => {
		const l3 = byTag('df/l3:1');
		const holders = layerHolders(l3.Id, capture.images[l3.Id].RootFS.Layers, images, docs)!;
		expect(holders.map((names) => names.length)).toEqual([6, 3, 1, 0, 0]);
		// The image it was built on is marked FROM (the deepest image whose whole stack is its bottom).
		expect([...holders[1]].sort()).toEqual(['df/l1:1', 'df/l2:1 (FROM)', 'df/sib:1']);
		// The dangling image is named by its short ID.
		expect(holders[0]).toContain(images.find((i) => i.RepoTags?.[0] === '<none>:<none>')!.Id.slice(7, 19));
	});

	it('marks the earlier build whose cached step a rebuild reused', () => {
		const rebuilt = byTag('df/rebuilt:1');
		const holders = layerHolders(rebuilt.Id, capture.images[rebuilt.Id].RootFS.Layers, images, docs)!;
		const first = images.find((i) => i.RepoTags?.[0] === '<none>:<none>')!.Id.slice(7, 19);
		// Its dd step came from the cache of the first build (now dangling); its base is FROM.
		expect(holders[1]).toEqual([`${first} (earlier build)`]);
		expect(holders[0]).toContain('fixture/base:1 (FROM)');
		expect(holders[2]).toEqual([]);
		// Images made before it on the same base share only the base's layer: other builds, not its cache.
		expect(holders[0]).toContain('df/l1:1');
		expect(holders[0].filter((name) => name.includes('earlier build'))).toEqual([`${first} (earlier build)`]);
	});

	it('is not known until every image\'s document is read', () => {
		const l1 = byTag('df/l1:1');
		const some = {...docs};
		delete some[byTag('df/sib:1').Id];
		expect(layerHolders(l1.Id, capture.images[l1.Id].RootFS.Layers, images, some)).toBeUndefined();
	});

	it('makes a tag from the engine visible before it is drawn', () => {
		expect(imageLabel({Id: 'sha256:0123456789abcdef', RepoTags: ['evil\x1b[2J:1']})).toBe('evil\\x1b[2J:1');
	});
});

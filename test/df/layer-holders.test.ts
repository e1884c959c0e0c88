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

	it('of bases on the same layers (a config changed, one Created to the nanosecond), FROM is one of the open image\'s platform, then the oldest', () => {
		// As on CI's engine: hostile/arch:1 is fixture/base:1 with a hostile architecture, made in the same nanosecond;
		// the open image was built on fixture/base:1, and fixture/dangling:1 is a later image of the same layers.
		const layer = (n: number) => `sha256:${String(n).repeat(64)}`;
		const image = (id: string, tag: string): ImageSummary => ({Id: id, RepoTags: [tag], Created: 1796217113} as ImageSummary);
		const doc = (id: string, layers: string[], arch: string, created: string) => JSON.stringify({Id: id, Os: 'linux', Architecture: arch, Created: created, RootFS: {Layers: layers}});
		const list = [image('sha256:a', 'hostile/arch:1'), image('sha256:b', 'fixture/dangling:1'), image('sha256:c', 'fixture/base:1'), image('sha256:d', 'app:2')];
		const made = '2026-12-02T13:11:53.010631298Z';
		const all = {
			'sha256:a': doc('sha256:a', [layer(1)], '\x1b]0;arch-pwned\x07\x1b[2J', made),
			'sha256:b': doc('sha256:b', [layer(1)], 'amd64', '2026-12-02T13:11:57.1Z'),
			'sha256:c': doc('sha256:c', [layer(1)], 'amd64', made),
			'sha256:d': doc('sha256:d', [layer(1), layer(2)], 'amd64', '2026-12-02T14:00:00Z'),
		};
		expect(layerHolders('sha256:d', [layer(1), layer(2)], list, all)![0][0]).toBe('fixture/base:1 (FROM)');
		// Without the platform to go by, the oldest: to the nanosecond, not the second.
		const sameArch = {...all, 'sha256:a': doc('sha256:a', [layer(1)], 'amd64', '2026-12-02T13:11:53.010631299Z')};
		expect(layerHolders('sha256:d', [layer(1), layer(2)], list, sameArch)![0][0]).toBe('fixture/base:1 (FROM)');
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

/**
 * The read progress names the RootFS position of the layer being read, not
 * the export's order: the blobs of these OCI archives come in reverse.
 */
import {describe, expect, it} from 'vitest';
import {readImageArchive, type ReadProgress} from '../../source/engine/archive/index.js';
import {layer, ociItems, packTar} from './helpers.js';

async function positions(indexLast: boolean, expected?: string[]): Promise<Array<[number, number | undefined]>> {
	const layers = [await layer([{name: 'a', data: 'a'}]), await layer([{name: 'b', data: 'b'}]), await layer([{name: 'c', data: 'c'}])];
	const tar = await packTar(await ociItems(layers, {indexLast}));
	const seen: Array<[number, number | undefined]> = [];
	await readImageArchive([tar].values() as never, {
		expectedDiffIds: expected === undefined ? undefined : layers.map(l => l.diffId),
		onProgress: (p: ReadProgress) => {
			if (p.layer > 0 && seen.at(-1)?.[0] !== p.layer) seen.push([p.layer, p.position]);
		},
	});
	return seen;
}

describe('read progress in RootFS order', () => {
	it('takes the position from the manifest when it came first', async () => {
		expect(await positions(false)).toEqual([[1, 3], [2, 2], [3, 1]]);
	});

	it('takes it from the expected diff_ids when the manifest comes last, and says nothing it does not know', async () => {
		expect(await positions(true, [])).toEqual([[1, 3], [2, 2], [3, 1]]);
		expect(await positions(true)).toEqual([[1, undefined], [2, undefined], [3, undefined]]);
	});
});

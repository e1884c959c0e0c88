/**
 * Devices and fifos keep their own types through the reader, the index format
 * and the JSON (`chardev`, `blockdev`, `fifo`, no longer `other`); a path a
 * layer removes and adds again is "overwritten" in the waste view.
 */
import {buffer} from 'node:stream/consumers';
import tar from 'tar-stream';
import {describe, expect, it} from 'vitest';
import {readImageArchive} from '../../source/engine/archive/index.js';
import {decodeIndex, encodeIndex, indexedLayer} from '../../source/cache/index-format.js';
import {entryJson} from '../../source/cli/layer-output.js';
import {buildImageModel} from '../../source/layers/model.js';
import {wasteReport} from '../../source/layers/waste.js';
import {layer, legacyArchive, sha256} from './helpers.js';

async function specialTar(): Promise<Buffer> {
	const pack = tar.pack();
	const out = buffer(pack);
	const add = (header: Partial<tar.Header> & {name: string}) => new Promise<void>((res, rej) => pack.entry(header as tar.Header, e => (e ? rej(e) : res())));
	await add({name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666});
	await add({name: 'dev/loop0', type: 'block-device', devmajor: 7, devminor: 0, mode: 0o660});
	await add({name: 'run/pipe', type: 'fifo', mode: 0o644});
	pack.finalize();
	return out;
}

describe('special types', () => {
	it('names devices and fifos in the model, the index and JSON', async () => {
		const t = await specialTar();
		const image = await readImageArchive([await legacyArchive([{tar: t, blob: t, diffId: `sha256:${sha256(t)}`}])].values() as never);
		const types = Object.fromEntries(image.layers[0].entries.map(e => [e.path, e.type]));
		expect(types).toEqual({'dev/null': 'chardev', 'dev/loop0': 'blockdev', 'run/pipe': 'fifo'});
		const back = decodeIndex(encodeIndex(indexedLayer(image.layers[0], true)));
		expect(back.entries.map(e => e.type)).toEqual(['chardev', 'blockdev', 'fifo']);
		expect(image.layers[0].entries.map(e => entryJson(e).type)).toEqual(['chardev', 'blockdev', 'fifo']);
	});

	it('calls a path removed and added again by one layer overwritten, one only removed removed', async () => {
		const base = await layer([{name: 'etc/a', data: 'aaaa'}, {name: 'etc/b', data: 'bbbbbb'}]);
		const top = await layer([{name: 'etc/.wh.a', data: ''}, {name: 'etc/a', data: 'new'}, {name: 'etc/.wh.b', data: ''}]);
		const image = await readImageArchive([await legacyArchive([base, top])].values() as never);
		const report = wasteReport(buildImageModel(image.layers));
		const by = Object.fromEntries(report.wasted.map(w => [w.path, w.hiddenBy]));
		expect(by).toEqual({'etc/a': 'overwritten', 'etc/b': 'removed'});
	});
});

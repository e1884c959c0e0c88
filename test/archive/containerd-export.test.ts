/**
 * The containerd image store's exports (containerd-export.ts): this machine's
 * platform is read, the other platform and the attestation are skipped,
 * through manifest.json when docker wrote one and through index.json alone.
 */
import {describe, expect, it} from 'vitest';
import {readImageArchive} from '../../source/engine/archive/index.js';
import {containerdExport, otherArch, thisArch} from './containerd-export.js';

describe("the containerd store's export", () => {
	for (const manifestJson of [true, false]) {
		it(`reads this machine's platform (${thisArch}) ${manifestJson ? 'with docker\'s manifest.json' : 'from index.json alone'}`, async () => {
			const made = await containerdExport({manifestJson});
			const image = await readImageArchive([made.tar].values() as never);
			expect(image.config.architecture).toBe(thisArch);
			expect(image.layers.map(l => l.diffId)).toEqual(made.layers[thisArch].map(l => l.diffId));
			expect(image.layers[1].entries.map(e => e.path)).toEqual([`bin/${thisArch}`]);
			expect(image.warnings).toEqual([]);
		});
	}

	it('reads the other platform when asked', async () => {
		const made = await containerdExport({manifestJson: false});
		const image = await readImageArchive([made.tar].values() as never, {platform: `linux/${otherArch}`});
		expect(image.layers[1].entries.map(e => e.path)).toEqual([`bin/${otherArch}`]);
	});
});

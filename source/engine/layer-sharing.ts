/**
 * Reads what the shared-layers core (source/layers/sharing.ts) needs for a
 * set of images: each image's RootFS diff_ids and its layers' sizes (from the
 * history paired with them, exact where the history alone is ambiguous: see
 * image-detail.ts). A few requests at a time, so a big engine is not flooded.
 */
import type {SharingImage} from '../layers/sharing.js';
import {loadImageDetail} from './image-detail.js';
import type {ImageSource} from './image-source.js';

export interface SharingRequest {
	Id: string;
	Containers?: number;
}

export async function loadSharingImages(engine: ImageSource, images: SharingRequest[], options: {signal?: AbortSignal; concurrency?: number} = {}): Promise<SharingImage[]> {
	const out: SharingImage[] = new Array(images.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < images.length) {
			const i = next++;
			const detail = await loadImageDetail(engine, images[i].Id, {signal: options.signal});
			out[i] = {
				id: images[i].Id,
				diffIds: detail.inspect.value.RootFS?.Layers ?? [],
				layerSizes: detail.pairing.layers.map((layer) => layer.size),
				containers: images[i].Containers,
			};
		}
	};
	await Promise.all(Array.from({length: Math.min(options.concurrency ?? 8, images.length)}, worker));
	return out;
}

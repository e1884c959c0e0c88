/**
 * The Layers tab's sharing marks: for each layer of the open image, the other
 * local images whose stacks hold it (by chain ID, as the engine stores
 * layers: source/layers/sharing.ts), named as the list names them. Made from
 * the inspect documents the list already read (state.format.docs), so it
 * asks the engine nothing. Pure; the parsed RootFS of each document is kept.
 */
import type {ImageSummary} from '../engine/types.js';
import {computeSharing, type SharingImage} from '../layers/sharing.js';
import {visible} from '../text/sanitize.js';

const diffIdsOf = new Map<string, string[]>();

/** RootFS.Layers of an inspect document, parsed once per document. */
export function diffIdsOfDoc(raw: string): string[] {
	let found = diffIdsOf.get(raw);
	if (!found) {
		try {
			const layers = (JSON.parse(raw) as {RootFS?: {Layers?: unknown}}).RootFS?.Layers;
			found = Array.isArray(layers) ? layers.filter((l): l is string => typeof l === 'string') : [];
		} catch {
			found = [];
		}
		diffIdsOf.set(raw, found);
	}
	return found;
}

/** How the marks name an image: its first tag, else its short ID (made visible: tags come from the engine). */
export function imageLabel(image: Pick<ImageSummary, 'Id' | 'RepoTags'>): string {
	const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
	return tag ? visible(tag) : image.Id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * Per layer of `openId` (given its diff_ids), the names of the other listed
 * images holding it; undefined while some image's document is not read yet.
 */
export function layerHolders(openId: string, openDiffIds: string[], images: readonly ImageSummary[], docs: Record<string, string>): string[][] | undefined {
	const inputs: SharingImage[] = [{id: openId, diffIds: openDiffIds}];
	for (const image of images) {
		if (image.Id === openId) continue;
		const raw = docs[image.Id];
		if (raw === undefined) return undefined;
		inputs.push({id: image.Id, diffIds: diffIdsOfDoc(raw)});
	}
	const names = new Map(images.map((image) => [image.Id, imageLabel(image)]));
	const open = computeSharing(inputs).images.get(openId);
	return open?.layers.map((layer) => layer.others.map((id) => names.get(id) ?? id));
}

/**
 * The Layers tab's sharing marks: for each layer of the open image, the other
 * local images whose stacks hold it (by chain ID, as the engine stores
 * layers: source/layers/sharing.ts), named as the list names them. Made from
 * the inspect documents the list already read (state.format.docs), so it
 * asks the engine nothing. Pure; the parsed RootFS of each document is kept.
 */
import type {ImageSummary} from '../engine/types.js';
import {computeSharing, type SharingImage} from '../layers/sharing.js';
import {parseRFC3339, unixNano} from '../template/index.js';
import {visible} from '../text/sanitize.js';

const diffIdsOf = new Map<string, string[]>();
const factsOf = new Map<string, DocFacts>();

/** What tells two images of the same layers apart as a build's base: its platform and when it was made, to the nanosecond. */
interface DocFacts {
	platform: string;
	created?: bigint;
}

function docFacts(raw: string | undefined): DocFacts {
	if (raw === undefined) return {platform: ''};
	let found = factsOf.get(raw);
	if (!found) {
		found = {platform: ''};
		try {
			const doc = JSON.parse(raw) as {Os?: unknown; Architecture?: unknown; Variant?: unknown; Created?: unknown};
			found.platform = [doc.Os, doc.Architecture, doc.Variant].map((part) => (typeof part === 'string' ? part : '')).join('/');
			if (typeof doc.Created === 'string') found.created = unixNano(parseRFC3339(doc.Created));
		} catch {
			// Not JSON, or no time Go would read: no facts to go by.
		}
		factsOf.set(raw, found);
	}
	return found;
}

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
	const marks = buildMarks(openId, openDiffIds, inputs, images, docs);
	for (const [id, mark] of marks) names.set(id, `${names.get(id) ?? id} (${mark})`);
	// The marked holders first (FROM, then an earlier build): on a base shared by many images they are the ones that
	// tell where the layer came from, and a long list is cut at the detail's height.
	const rank = (id: string): number => (marks.get(id) === 'FROM' ? 0 : marks.has(id) ? 1 : 2);
	const open = computeSharing(inputs).images.get(openId);
	return open?.layers.map((layer) => [...layer.others].sort((a, b) => rank(a) - rank(b)).map((id) => names.get(id) ?? id));
}

/**
 * How a holder came to share layers with the open image: the image it was
 * built on (FROM: the deepest other image whose whole stack is the bottom of
 * the open one's; the engine stores layers by chain, so that is the base the
 * build started from), or an earlier build (made before it, not one of its
 * bases) whose cached steps the build reused: it shares layers above the
 * base. An image that shares only the base's layers is another build on the
 * same base, and is not marked.
 */
function buildMarks(openId: string, openDiffIds: string[], inputs: SharingImage[], images: readonly ImageSummary[], docs: Record<string, string>): Map<string, string> {
	const marks = new Map<string, string>();
	const created = new Map(images.map((image) => [image.Id, image.Created]));
	const openCreated = created.get(openId);
	const common = (diffIds: string[]): number => {
		let n = 0;
		while (n < diffIds.length && n < openDiffIds.length && diffIds[n] === openDiffIds[n]) n++;
		return n;
	};
	// Of the images whose whole stack is the bottom of the open one's, the deepest; of several as deep (a tag, a
	// label or a config changed on the same layers), one of the open image's platform, then the oldest, then by ID.
	const platform = docFacts(docs[openId]).platform;
	const before = (a: SharingImage, b: SharingImage): boolean => {
		if (a.diffIds.length !== b.diffIds.length) return a.diffIds.length > b.diffIds.length;
		const [x, y] = [docFacts(docs[a.id]), docFacts(docs[b.id])];
		if ((x.platform === platform) !== (y.platform === platform)) return x.platform === platform;
		if (x.created !== undefined && y.created !== undefined && x.created !== y.created) return x.created < y.created;
		return a.id < b.id;
	};
	let base: SharingImage | undefined;
	for (const input of inputs) {
		if (input.id === openId || input.diffIds.length === 0) continue;
		const prefix = input.diffIds.length < openDiffIds.length && common(input.diffIds) === input.diffIds.length;
		if (prefix && (!base || before(input, base))) base = input;
	}
	if (base) marks.set(base.id, 'FROM');
	const baseDepth = base?.diffIds.length ?? 0;
	for (const input of inputs) {
		if (input.id === openId || marks.has(input.id)) continue;
		const shared = common(input.diffIds);
		const isBase = input.diffIds.length < openDiffIds.length && shared === input.diffIds.length;
		const when = created.get(input.id);
		if (!isBase && shared > baseDepth && openCreated !== undefined && when !== undefined && when < openCreated) marks.set(input.id, 'earlier build');
	}
	return marks;
}

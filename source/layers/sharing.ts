/**
 * Which local images hold each layer, and what each image shares, owns and
 * would free: the daemon's SharedSize (moby daemon/images Images, the
 * withExtraAttrs pass) computed from the images' RootFS and layer sizes.
 *
 * The engine stores a layer under its chain ID (the diff_id together with
 * every diff_id below it), so two images hold "the same layer" only when
 * their stacks agree up to it: the same diff_id on another base is another
 * layer. The daemon counts, for each chain ID, the listed images (the top
 * level ones: intermediate images of the legacy builder are left out) whose
 * stack passes through it; an image's SharedSize is the sum of the sizes of
 * its layers counted more than once, and docker prints Size - SharedSize as
 * UNIQUE SIZE. Those unique bytes are what removing the image frees, unless a
 * container still uses it (then nothing goes).
 */
import {createHash} from 'node:crypto';

export interface SharingImage {
	id: string;
	/** RootFS.Layers, lowest first. */
	diffIds: string[];
	/** Each layer's own size (the history step that made it); undefined where unknown. */
	layerSizes?: (number | undefined)[];
	/** Containers using the image (the daemon's count), if known. */
	containers?: number;
}

export interface LayerHolding {
	index: number;
	diffId: string;
	chainId: string;
	size?: number;
	/** The other listed images whose stacks hold this layer, in input order. */
	others: string[];
}

export interface ImageSharing {
	id: string;
	layers: LayerHolding[];
	/** Sum of the layer sizes; undefined when one is unknown. */
	size?: number;
	/** The daemon's SharedSize: bytes of the layers another image holds too. */
	shared?: number;
	/** Size - shared: the layers no other image holds. */
	unique?: number;
	/** What removing the image would free: its unique bytes, or 0 while a container uses it. */
	freed?: number;
	/** How many of its layers, from the bottom, it shares (chains are prefixes: a shared layer's lower layers are shared too). */
	sharedDepth: number;
}

export interface Sharing {
	images: Map<string, ImageSharing>;
	/** chain ID -> the images holding it, in input order. */
	holders: Map<string, string[]>;
}

/** The chain IDs of a stack (image-spec: ChainID(L1) = DiffID(L1), ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))). */
export function chainIds(diffIds: string[]): string[] {
	const out: string[] = [];
	let chain = '';
	for (const diffId of diffIds) {
		chain = chain === '' ? diffId : `sha256:${createHash('sha256').update(`${chain} ${diffId}`).digest('hex')}`;
		out.push(chain);
	}
	return out;
}

export function computeSharing(images: SharingImage[]): Sharing {
	const chains = images.map((image) => chainIds(image.diffIds));
	const holders = new Map<string, string[]>();
	images.forEach((image, i) => {
		for (const chain of chains[i]) {
			const list = holders.get(chain);
			if (!list) holders.set(chain, [image.id]);
			// An image whose stack passes twice through one chain is impossible; a repeated id is one image listed twice.
			else if (list[list.length - 1] !== image.id) list.push(image.id);
		}
	});
	const result = new Map<string, ImageSharing>();
	images.forEach((image, i) => {
		let size: number | undefined = 0;
		let shared: number | undefined = 0;
		let sharedDepth = 0;
		const layers = image.diffIds.map((diffId, index): LayerHolding => {
			const chainId = chains[i][index];
			const others = (holders.get(chainId) ?? []).filter((id) => id !== image.id);
			const layerSize = image.layerSizes?.[index];
			if (layerSize === undefined) size = shared = undefined;
			else if (size !== undefined && shared !== undefined) {
				size += layerSize;
				if (others.length > 0) shared += layerSize;
			}
			if (others.length > 0) sharedDepth = index + 1;
			return {index, diffId, chainId, size: layerSize, others};
		});
		const unique = size !== undefined && shared !== undefined ? size - shared : undefined;
		const freed = unique === undefined ? undefined : (image.containers ?? 0) > 0 ? 0 : unique;
		result.set(image.id, {id: image.id, layers, size, shared, unique, freed, sharedDepth});
	});
	return {images: result, holders};
}

/** Images by what removing each would free, most first; ties by the bytes they share. */
export function byUniqueSize(sharing: Sharing): ImageSharing[] {
	return [...sharing.images.values()].sort((a, b) => (b.unique ?? -1) - (a.unique ?? -1) || (b.shared ?? 0) - (a.shared ?? 0) || (a.id < b.id ? -1 : 1));
}

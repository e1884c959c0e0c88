/**
 * What the Files tab knows about one image once its archive is read: the
 * layer model (metadata only, in columns: the archive's entries are not kept)
 * and where each layer's blob is (to extract a file later without copying the
 * other layers). Trees and the waste report
 * are derived on demand and cached: an aggregate tree of a big image costs
 * tens of milliseconds, so it is built once per layer, not per key press.
 */
import type {ImageArchive} from '../../engine/archive/index.js';
import {type ImageModel, type Version, type WasteReport, FileTree, buildImageModel, changesTree, filesystemTree, versionAt, wasteReport} from '../../layers/index.js';

export interface FilesData {
	imageId: string;
	model: ImageModel;
	layerCount: number;
	/** Per layer (manifest order): the blob's path inside the archive, for extractFile. */
	blobPaths: string[];
	diffIds: string[];
	/** Things the reader found odd (diff_id mismatches, strange names): shown, never hidden. */
	warnings: string[];
	/** A volume's files (source/ui/volume-files.ts), not an image's: one layer, extracted through the helper. */
	volume?: string;
}

export function filesData(imageId: string, archive: ImageArchive): FilesData {
	const warnings = [...archive.warnings];
	archive.layers.forEach((layer, i) => {
		if (layer.anomalyCount) warnings.push(`layer ${i}: ${layer.anomalyCount} unusual path${layer.anomalyCount === 1 ? '' : 's'} (${layer.anomalies[0]?.kind})`);
	});
	return {
		imageId,
		model: buildImageModel(archive.layers),
		layerCount: archive.layers.length,
		blobPaths: archive.layers.map((l) => l.blobPath),
		diffIds: archive.layers.map((l) => l.diffId),
		warnings,
	};
}

// Trees kept per image: a few, and no more nodes than about four 40,000-file
// trees (each node is ~140 bytes, and the Files tab must stay under 200 MiB).
const maxTrees = 8;
const maxTreeNodes = 160_000;
const trees = new WeakMap<FilesData, Map<string, FileTree>>();

/** The tree the tab shows: layer n's changes, or the whole filesystem at layer n (aggregate). */
export function treeFor(data: FilesData, layer: number, aggregate: boolean): FileTree {
	let cache = trees.get(data);
	if (!cache) trees.set(data, (cache = new Map()));
	// Layer 0's changes are its whole filesystem (every visible path added by it, nothing below to
	// remove or modify): one tree serves both, the filesystem's (its implicit directories, those with
	// no entry of their own, carry the 0755 root-owned entry that view gives them; the changes tree
	// gave them none), so a one-layer image or a volume holds one tree, not two.
	const key = layer === 0 ? 'fs:0' : `${aggregate ? 'fs' : 'changes'}:${layer}`;
	let tree = cache.get(key);
	if (tree) {
		// Most recently used last.
		cache.delete(key);
		cache.set(key, tree);
		return tree;
	}
	if (layer < 0 || layer >= data.layerCount) tree = new FileTree([]);
	else tree = aggregate || layer === 0 ? filesystemTree(data.model, layer) : changesTree(data.model, layer, {includeUnchanged: true});
	cache.set(key, tree);
	let nodes = 0;
	for (const t of cache.values()) nodes += t.nodeCount;
	// The two most recently used are always kept (the layer's changes and its whole filesystem, what
	// `a` goes between): on a 300,000-file layer each is past the bound, and rebuilding one on every
	// `a` took seconds and left a tree of garbage each time.
	for (const [oldest, t] of cache) {
		if (cache.size <= 2 || (cache.size <= maxTrees && nodes <= maxTreeNodes)) break;
		cache.delete(oldest);
		nodes -= t.nodeCount;
	}
	return tree;
}

const wastes = new WeakMap<FilesData, WasteReport>();

export function wasteFor(data: FilesData): WasteReport {
	let report = wastes.get(data);
	if (!report) wastes.set(data, (report = wasteReport(data.model, {limit: 500})));
	return report;
}

/**
 * Which stored version a row stands for, so it can be extracted: what layer n
 * has at the path, or for a path layer n removed, what it removed.
 */
export function versionFor(data: FilesData, path: string, layer: number, removed: boolean): Version | undefined {
	const {model} = data;
	const node = model.find(path);
	const v = node < 0 ? -1 : versionAt(model, node, removed ? layer - 1 : layer);
	return v < 0 ? undefined : model.version(v, path);
}

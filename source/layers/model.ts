/**
 * The image model: every path ever seen, with the list of versions each layer
 * gave it and when (and why) each version stopped being visible. Built in one
 * pass over the layers, in order; the filesystem at any layer, a layer's
 * changes and the waste are then read off these lists when asked for, instead
 * of building one stacked tree per layer up front (what makes dive slow and
 * memory-hungry on big images).
 *
 * Layer semantics follow the OCI image-spec (layer.md) and docker's applier:
 * - whiteouts (`.wh.NAME`, `.wh..wh..opq`) hide only what lower layers had, so
 *   they are applied before the layer's own entries, whatever the tar order;
 * - an entry replaces the path; dir over dir merges (children stay), anything
 *   else over a dir removes the dir's whole subtree;
 * - an entry under a path that is currently a non-directory turns that path
 *   into an implicit directory (the non-directory is hidden);
 * - two entries for one path in one layer: the later one wins.
 *
 * Stored as columns (struct of arrays), not an object per path: a node is an
 * index (the root is 0), its parent, first child, next sibling, versions and
 * name typed arrays by that index (a name is an index into one list of the
 * distinct names); versions are ./versions.ts, and nodes are found or made
 * while building through ./node-table.ts. No path is kept: a node's path is
 * its names joined, made when asked. At 300,000 paths the objects (the
 * entries with their paths and hex digests, a node with its name, a version
 * array and a Version, the path Map) were ~500 bytes a path; this is ~110.
 * The entries read from the archive are not kept: once the model is built
 * they are garbage (a FileEntry is made again when one is asked for).
 */
import type {FileEntry} from './types.js';
import {WHITEOUT_PREFIX, whiteoutOf} from './paths.js';
import {NodeTable} from './node-table.js';
import {DIR, type HiddenBy, VersionTable, hiddenByCode} from './versions.js';

export type {HiddenBy} from './versions.js';

/** One version as an object, for a caller that wants one (made when asked). */
export interface Version {
	layer: number;
	entry: FileEntry;
	/** First layer at which this version is no longer visible (undefined: visible in the final filesystem). */
	hiddenAt?: number;
	hiddenBy?: HiddenBy;
}

export interface LayerInput {
	entries: readonly FileEntry[];
}

interface ModelParts {
	layerCount: number;
	nodeCount: number;
	parent: Int32Array;
	firstChild: Int32Array;
	nextSibling: Int32Array;
	firstVersion: Int32Array;
	current: Int32Array;
	nameId: Int32Array;
	names: string[];
	versions: VersionTable;
	touched: Int32Array[];
	markers: number[];
}

export class ImageModel {
	readonly layerCount: number;
	/** Nodes, the root (0) included; a node's index is its place in the order paths were first seen. */
	readonly nodeCount: number;
	/** By node: its parent (-1 for the root), first child and next sibling (-1: none), children in the order they were seen. */
	readonly parent: Int32Array;
	readonly firstChild: Int32Array;
	readonly nextSibling: Int32Array;
	/** By node: its first version (-1: none; the rest follow versions.next, in layer order). */
	readonly firstVersion: Int32Array;
	/** By node: the version visible in the final filesystem, or -1. */
	readonly current: Int32Array;
	readonly versions: VersionTable;
	/** Per layer: how many whiteout and opaque markers it had. */
	readonly markers: readonly number[];
	/** By node: its name, an index into names (each distinct name once). */
	private readonly nameId: Int32Array;
	private readonly names: string[];
	private readonly touchedBy: Int32Array[];

	constructor(parts: ModelParts) {
		this.layerCount = parts.layerCount;
		this.nodeCount = parts.nodeCount;
		this.parent = parts.parent;
		this.firstChild = parts.firstChild;
		this.nextSibling = parts.nextSibling;
		this.firstVersion = parts.firstVersion;
		this.current = parts.current;
		this.nameId = parts.nameId;
		this.names = parts.names;
		this.versions = parts.versions;
		this.touchedBy = parts.touched;
		this.markers = parts.markers;
	}

	/** Nodes that got a version or lost one in layer n, each once (undefined: no such layer). */
	touched(n: number): Int32Array | undefined {
		return this.touchedBy[n];
	}

	name(node: number): string {
		return this.names[this.nameId[node]];
	}

	/** The node's path: its names from the top joined by `/` ('' for the root). */
	pathOf(node: number): string {
		if (node <= 0) return '';
		const p = this.parent[node];
		if (p <= 0) return this.name(node);
		const parts = [this.name(node)];
		for (let up = p; up > 0; up = this.parent[up]) parts.push(this.name(up));
		return parts.reverse().join('/');
	}

	/** The node at a path, or -1: down from the root by name (a scan of each directory's children; no index of every path is kept). */
	find(path: string): number {
		if (path === '') return 0;
		let node = 0;
		let start = 0;
		for (;;) {
			const slash = path.indexOf('/', start);
			const part = slash < 0 ? path.slice(start) : path.slice(start, slash);
			let c = this.firstChild[node];
			while (c >= 0 && this.name(c) !== part) c = this.nextSibling[c];
			if (c < 0 || slash < 0) return c;
			node = c;
			start = slash + 1;
		}
	}

	/** A version's entry, with its node's path (given, when the caller has it). */
	entryOf(v: number, path = this.pathOf(this.versions.node[v])): FileEntry {
		return this.versions.entry(v, path);
	}

	/** A version as an object. */
	version(v: number, path?: string): Version {
		const t = this.versions;
		const hiddenAt = t.hiddenAt[v];
		return {layer: t.layer[v], entry: this.entryOf(v, path), hiddenAt: hiddenAt < 0 ? undefined : hiddenAt, hiddenBy: t.hiddenByOf(v)};
	}
}

/** The version of a node visible at layer n (0-based), or -1. */
export function versionAt(model: ImageModel, node: number, n: number): number {
	const {layer, next, hiddenAt} = model.versions;
	let found = -1;
	for (let v = model.firstVersion[node]; v >= 0 && layer[v] <= n; v = next[v]) found = v;
	if (found < 0) return -1;
	const hidden = hiddenAt[found];
	return hidden < 0 || hidden > n ? found : -1;
}

export function buildImageModel(layers: readonly LayerInput[]): ImageModel {
	let entries = 0;
	for (const layer of layers) entries += layer.entries.length;
	// Every entry but the markers becomes a version: the count is known. Nodes are most often one an
	// entry (and the root); implicit directories beyond that grow the columns.
	const versions = new VersionTable(entries);
	const nodes = new NodeTable(entries + 64);
	const root = 0;
	const {type, hiddenAt, hiddenBy} = versions;
	const touched: Int32Array[] = [];
	const markers: number[] = [];
	// A layer's touched nodes as they come, copied out at its end (no array grown a push at a time).
	let list = new Int32Array(1024);

	layers.forEach((layer, L) => {
		// The columns are read afresh for each layer: making nodes may have widened them.
		let length = 0;
		const touch = (node: number) => {
			if (nodes.touchedIn[node] !== L) {
				nodes.touchedIn[node] = L;
				if (length === list.length) {
					const wider = new Int32Array(list.length * 2);
					wider.set(list);
					list = wider;
				}
				list[length++] = node;
			}
		};
		const hide = (node: number, by: number) => {
			const v = nodes.current[node];
			if (v < 0) return;
			hiddenAt[v] = L;
			hiddenBy[v] = by;
			nodes.current[node] = -1;
			touch(node);
		};
		const hideSubtree = (node: number, by: number) => {
			// Iterative: hostile archives can nest deeply.
			const {firstChild, nextSibling} = nodes;
			const stack: number[] = [];
			for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack.push(c);
			while (stack.length) {
				const n = stack.pop()!;
				hide(n, by);
				for (let c = firstChild[n]; c >= 0; c = nextSibling[c]) stack.push(c);
			}
		};
		const whiteout = (entry: FileEntry) => (entry.path.includes(WHITEOUT_PREFIX) ? whiteoutOf(entry.path) : undefined);

		// Whiteouts first: they only ever apply to what the lower layers left.
		let markerCount = 0;
		for (const entry of layer.entries) {
			if (entry.path === '') continue;
			const wo = whiteout(entry);
			if (!wo) continue;
			markerCount++;
			if (wo.kind === 'opaque') {
				const dir = wo.dir === '' ? root : nodes.at(wo.dir, false);
				if (dir >= 0) hideSubtree(dir, hiddenByCode.opaque);
			} else if (wo.kind === 'remove') {
				const target = nodes.at(wo.target, false);
				if (target >= 0) {
					hide(target, hiddenByCode.removed);
					hideSubtree(target, hiddenByCode.removed);
				}
			}
		}
		markers.push(markerCount);

		for (const entry of layer.entries) {
			if (entry.path === '' || whiteout(entry)) continue;
			const node = nodes.at(entry.path, true);
			const {parent, current, checkedIn, lastVersion} = nodes;
			// Parents must be directories: a non-directory in the way becomes an implicit directory.
			for (let p = parent[node]; p > root && checkedIn[p] !== L; p = parent[p]) {
				checkedIn[p] = L;
				const v = current[p];
				if (v >= 0 && type[v] !== DIR) {
					hide(p, hiddenByCode.replaced);
					hideSubtree(p, hiddenByCode.replaced);
				}
			}
			const old = current[node];
			if (old >= 0) {
				hide(node, hiddenByCode.overwritten);
				if (type[old] === DIR && entry.type !== 'dir') hideSubtree(node, hiddenByCode.replaced);
			}
			// Removed (or under an opaque directory) and added again by the same layer: the path
			// never went away, its old version was overwritten.
			const prev = lastVersion[node];
			if (prev >= 0 && hiddenAt[prev] === L && (hiddenBy[prev] === hiddenByCode.removed || hiddenBy[prev] === hiddenByCode.opaque)) hiddenBy[prev] = hiddenByCode.overwritten;
			const v = versions.add(entry, L, node);
			if (prev < 0) nodes.firstVersion[node] = v;
			else versions.next[prev] = v;
			lastVersion[node] = v;
			current[node] = v;
			touch(node);
		}
		touched.push(list.slice(0, length));
	});
	return new ImageModel({
		layerCount: layers.length,
		nodeCount: nodes.count,
		parent: nodes.parent,
		firstChild: nodes.firstChild,
		nextSibling: nodes.nextSibling,
		firstVersion: nodes.firstVersion,
		current: nodes.current,
		nameId: nodes.nameId,
		names: nodes.names,
		versions,
		touched,
		markers,
	});
}

export interface VisibleEntry {
	entry: FileEntry;
	/** The layer whose version is visible. */
	layer: number;
}

/**
 * The filesystem as seen at layer n: every visible path with its entry (sorted
 * by path). Directories that exist only implicitly (no entry of their own)
 * are included with a synthesised entry so a tree can be drawn.
 */
export function filesystemAt(model: ImageModel, n: number): VisibleEntry[] {
	const out: VisibleEntry[] = [];
	const implicit = new Uint8Array(model.nodeCount);
	for (let node = 1; node < model.nodeCount; node++) {
		const v = versionAt(model, node, n);
		if (v < 0) continue;
		out.push({entry: model.entryOf(v), layer: model.versions.layer[v]});
		for (let p = model.parent[node]; p > 0 && !implicit[p]; p = model.parent[p]) {
			if (versionAt(model, p, n) >= 0) break;
			implicit[p] = 1;
			out.push({entry: implicitDir(model.pathOf(p)), layer: model.versions.layer[v]});
		}
	}
	return out.sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0));
}

export function implicitDir(path: string): FileEntry {
	return {path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0};
}

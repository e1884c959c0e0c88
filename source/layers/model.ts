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
 */
import type {FileEntry} from './types.js';
import {WHITEOUT_PREFIX, dirName, baseName, whiteoutOf} from './paths.js';

export type HiddenBy = 'overwritten' | 'removed' | 'opaque' | 'replaced';

export interface Version {
	layer: number;
	entry: FileEntry;
	/** First layer at which this version is no longer visible (undefined: visible in the final filesystem). */
	hiddenAt?: number;
	hiddenBy?: HiddenBy;
}

export interface PathNode {
	path: string;
	name: string;
	parent: PathNode | undefined;
	children: PathNode[] | undefined;
	/** In layer order. */
	versions: Version[];
	/** The visible version while building; after building, the final one. */
	current: Version | undefined;
	/** Bookkeeping for one pass: the last layer that touched or validated this node. */
	touchedIn: number;
	checkedIn: number;
}

export interface ImageModel {
	layerCount: number;
	root: PathNode;
	/** Every node but the root, by path. */
	nodes: Map<string, PathNode>;
	/** Per layer: nodes that got a version or lost one in that layer (each once). */
	touched: PathNode[][];
	/** Per layer: how many whiteout and opaque markers it had. */
	markers: number[];
}

export interface LayerInput {
	entries: readonly FileEntry[];
}

/** Every new node's versions until its first (then an array of its own): never pushed to. */
const noVersions: Version[] = Object.freeze([]) as unknown as Version[];

function newNode(path: string, parent: PathNode | undefined): PathNode {
	return {path, name: baseName(path), parent, children: undefined, versions: noVersions, current: undefined, touchedIn: -1, checkedIn: -1};
}

export function buildImageModel(layers: readonly LayerInput[]): ImageModel {
	const root = newNode('', undefined);
	const nodes = new Map<string, PathNode>();
	const touched: PathNode[][] = [];
	const markers: number[] = [];

	// Without recursion: a hostile layer can hold a path thousands of directories deep.
	const nodeFor = (path: string): PathNode => {
		const existing = nodes.get(path);
		if (existing) return existing;
		// The path and its ancestors that have no node yet, deepest first; then made top-down.
		const missing = [path];
		let parent = root;
		for (let p = path; p.includes('/'); ) {
			p = dirName(p);
			const known = nodes.get(p);
			if (known) {
				parent = known;
				break;
			}
			missing.push(p);
		}
		for (let i = missing.length - 1; i >= 0; i--) {
			const node = newNode(missing[i], parent);
			if (parent.children) parent.children.push(node);
			else parent.children = [node];
			nodes.set(missing[i], node);
			parent = node;
		}
		return parent;
	};

	layers.forEach((layer, L) => {
		const list: PathNode[] = [];
		touched.push(list);
		const touch = (node: PathNode) => {
			if (node.touchedIn !== L) {
				node.touchedIn = L;
				list.push(node);
			}
		};
		const hide = (node: PathNode, by: HiddenBy) => {
			const v = node.current;
			if (!v) return;
			v.hiddenAt = L;
			v.hiddenBy = by;
			node.current = undefined;
			touch(node);
		};
		const hideSubtree = (node: PathNode, by: HiddenBy) => {
			// Iterative: hostile archives can nest deeply.
			const stack = node.children ? [...node.children] : [];
			while (stack.length) {
				const n = stack.pop()!;
				hide(n, by);
				if (n.children) for (const c of n.children) stack.push(c);
			}
		};

		// Whiteouts first: they only ever apply to what the lower layers left.
		let markerCount = 0;
		const regular: FileEntry[] = [];
		for (const entry of layer.entries) {
			if (entry.path === '') continue;
			const wo = entry.path.includes(WHITEOUT_PREFIX) ? whiteoutOf(entry.path) : undefined;
			if (!wo) {
				regular.push(entry);
				continue;
			}
			markerCount++;
			if (wo.kind === 'opaque') {
				const dir = wo.dir === '' ? root : nodes.get(wo.dir);
				if (dir) hideSubtree(dir, 'opaque');
			} else if (wo.kind === 'remove') {
				const target = nodes.get(wo.target);
				if (target) {
					hide(target, 'removed');
					hideSubtree(target, 'removed');
				}
			}
		}
		markers.push(markerCount);

		for (const entry of regular) {
			const node = nodeFor(entry.path);
			// Parents must be directories: a non-directory in the way becomes an implicit directory.
			for (let p = node.parent; p && p !== root && p.checkedIn !== L; p = p.parent) {
				p.checkedIn = L;
				if (p.current && p.current.entry.type !== 'dir') {
					hide(p, 'replaced');
					hideSubtree(p, 'replaced');
				}
			}
			const old = node.current;
			if (old) {
				hide(node, 'overwritten');
				if (old.entry.type === 'dir' && entry.type !== 'dir') hideSubtree(node, 'replaced');
			}
			// Removed (or under an opaque directory) and added again by the same layer: the path
			// never went away, its old version was overwritten.
			const prev = node.versions[node.versions.length - 1];
			if (prev && prev.hiddenAt === L && (prev.hiddenBy === 'removed' || prev.hiddenBy === 'opaque')) prev.hiddenBy = 'overwritten';
			// Every field from the start (one shape, no property store added later), and an array of
			// one where it is the first version (most paths have one: an empty array's first push
			// reserves 16 slots): with the node's shared empty array, the model of 300,000 paths went from 116 to 84 MB.
			const v: Version = {layer: L, entry, hiddenAt: undefined, hiddenBy: undefined};
			if (node.versions.length === 0) node.versions = [v];
			else node.versions.push(v);
			node.current = v;
			touch(node);
		}
	});
	return {layerCount: layers.length, root, nodes, touched, markers};
}

/** The version of a node visible at layer n (0-based), if any. */
export function versionAt(node: PathNode, n: number): Version | undefined {
	const vs = node.versions;
	for (let i = vs.length - 1; i >= 0; i--) {
		const v = vs[i];
		if (v.layer > n) continue;
		return v.hiddenAt === undefined || v.hiddenAt > n ? v : undefined;
	}
	return undefined;
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
	const implicit = new Set<string>();
	for (const node of model.nodes.values()) {
		const v = versionAt(node, n);
		if (!v) continue;
		out.push({entry: v.entry, layer: v.layer});
		for (let p = node.parent; p && p.path !== '' && !implicit.has(p.path); p = p.parent) {
			if (versionAt(p, n)) break;
			implicit.add(p.path);
			out.push({entry: implicitDir(p.path), layer: v.layer});
		}
	}
	return out.sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0));
}

export function implicitDir(path: string): FileEntry {
	return {path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0};
}

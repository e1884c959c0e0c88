/**
 * The Files tab's tree seen through a sort and a change filter: which nodes
 * pass, their sizes under the filter, each directory's children in order, and
 * the whole display order. Cached per tree and per (sort, filter), so views
 * (source/ui/files/model.ts) share the work; the tree itself is never changed.
 */
import type {FileTree, TreeNode} from '../../layers/tree.js';

export type SortKey = 'name' | 'size';
export type ChangeFilter = 'all' | 'added' | 'modified' | 'removed';
export const changeFilters: readonly ChangeFilter[] = ['all', 'added', 'modified', 'removed'];

export interface Shape {
	readonly tree: FileTree;
	readonly sort: SortKey;
	readonly filter: ChangeFilter;
	/** By node id: 1 where the node passes the filter (undefined: all do). A directory passes when something under it does. */
	readonly pass: Uint8Array | undefined;
	/** By node id: sizes under the filter (undefined: the tree's own sizes). */
	readonly sizes: Float64Array | undefined;
	readonly children: Map<TreeNode, readonly TreeNode[]>;
	order?: TreeNode[];
	/** The last query's matches (display-order indices, ascending): the status line counts them every frame. */
	matches?: {query: string; lower: string; indices: Int32Array};
}

const shapes = new WeakMap<FileTree, Map<string, Shape>>();

export function shapeOf(tree: FileTree, sort: SortKey, filter: ChangeFilter): Shape {
	let byKey = shapes.get(tree);
	if (!byKey) shapes.set(tree, (byKey = new Map()));
	const key = `${sort}:${filter}`;
	let shape = byKey.get(key);
	if (!shape) {
		const filtered = filter === 'all' ? undefined : filterPass(tree, filter);
		shape = {tree, sort, filter, pass: filtered?.pass, sizes: filtered?.sizes, children: new Map()};
		byKey.set(key, shape);
	}
	return shape;
}

/** Whether a node passes the shape's filter. */
export function passes(shape: Shape, node: TreeNode): boolean {
	return !shape.pass || shape.pass[node.id] === 1;
}

/**
 * One pass over the tree's preorder backwards (children before parents): a
 * node passes when its own mark is the filter's (a file) or something under
 * it passes (a directory, or one marked itself); each passing node adds its
 * size to its parent's.
 */
function filterPass(tree: FileTree, filter: Exclude<ChangeFilter, 'all'>): {pass: Uint8Array; sizes: Float64Array} {
	const nodes = tree.preorder;
	const pass = new Uint8Array(nodes.length);
	const sizes = new Float64Array(nodes.length);
	for (let i = nodes.length - 1; i >= 0; i--) {
		const n = nodes[i];
		if (!n.children) {
			if (n.change !== filter) continue;
			pass[i] = 1;
			sizes[i] = n.size;
		} else if (!pass[i]) {
			if (n.change !== filter) continue;
			pass[i] = 1;
		}
		const parent = n.parent;
		if (parent) {
			pass[parent.id] = 1;
			sizes[parent.id] += sizes[i];
		}
	}
	return {pass, sizes};
}

const compareNames = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function childrenOf(shape: Shape, node: TreeNode): readonly TreeNode[] {
	// By name: the tree has them so (no copy and no sort of 300,000 children on the first `e`).
	const byName = shape.tree.childrenByName(node);
	if (shape.sort === 'name' && !shape.pass) return byName;
	const cached = shape.children.get(node);
	if (cached) return cached;
	const pass = shape.pass;
	const list = pass ? byName.filter((c) => pass[c.id] === 1) : [...byName];
	if (shape.sort === 'size') list.sort((a, b) => sizeIn(shape, b) - sizeIn(shape, a) || compareNames(a, b));
	shape.children.set(node, list);
	return list;
}

export function sizeIn(shape: Shape, node: TreeNode): number {
	return shape.sizes ? shape.sizes[node.id] : node.size;
}

/**
 * The nodes under `top` in display order, going into the directories `open` says: one frame per
 * open directory (its sorted children and a place in them), so a file costs one push, not a push
 * and a pop of a stack of every node.
 */
export function displayOrder(shape: Shape, top: TreeNode, open: (dir: TreeNode) => boolean): TreeNode[] {
	const out: TreeNode[] = [];
	const lists: (readonly TreeNode[])[] = [childrenOf(shape, top)];
	const places: number[] = [0];
	while (lists.length) {
		const depth = lists.length - 1;
		const list = lists[depth];
		const i = places[depth];
		if (i >= list.length) {
			lists.pop();
			places.pop();
			continue;
		}
		places[depth] = i + 1;
		const n = list[i];
		out.push(n);
		if (n.children && open(n)) {
			lists.push(childrenOf(shape, n));
			places.push(0);
		}
	}
	return out;
}

/** The whole tree in display order, collapsed directories included (what search walks). */
export function orderOf(shape: Shape): TreeNode[] {
	if (shape.order) return shape.order;
	// By name it is the tree's preorder (children by name) less the root, and less what the filter drops.
	const pass = shape.pass;
	if (shape.sort === 'name') shape.order = pass ? shape.tree.preorder.filter((n) => pass[n.id] === 1 && n !== shape.tree.root) : shape.tree.preorder.slice(1);
	else shape.order = displayOrder(shape, shape.tree.root, () => true);
	return shape.order;
}

/**
 * Search in the Files tab: the next path containing the query in display
 * order (collapsed directories included), and how many paths match.
 */
import type {FileTree, TreeNode} from '../../layers/tree.js';
import {needsEscaping as escapes, visibleName} from '../../text/sanitize.js';
import {type TreeView, reveal, selected} from './model.js';
import {type Shape, orderOf, shapeOf} from './shape.js';

/** Whether a name is shown otherwise than stored (escaped characters, a backslash, bytes not UTF-8). */
const needsEscaping = (name: string) => escapes(name) || /[\\\udc80-\udcff]/.test(name);

/** By node id: whether the path needs escaping to be shown (made once per tree, on its first search). */
const escapedByTree = new WeakMap<FileTree, Uint8Array>();

function escapedOf(tree: FileTree): Uint8Array {
	let escaped = escapedByTree.get(tree);
	if (!escaped) {
		// A path needs it when one of its parts does (parents come first in the preorder).
		const nodes = tree.preorder;
		escaped = new Uint8Array(nodes.length);
		for (let i = 1; i < nodes.length; i++) {
			const n = nodes[i];
			if ((n.parent && escaped[n.parent.id] === 1) || needsEscaping(n.name)) escaped[i] = 1;
		}
		escapedByTree.set(tree, escaped);
	}
	return escaped;
}

/**
 * Display-order indices of the paths matching `query`, kept for the last query of the shape.
 * Typing on narrows: a path that contains the longer query (lower-cased) contains the shorter
 * one, so only the last query's matches are looked at again.
 */
function matchesOf(shape: Shape, query: string): Int32Array {
	if (shape.matches?.query === query) return shape.matches.indices;
	const escaped = escapedOf(shape.tree);
	const order = orderOf(shape);
	const q = query.toLowerCase();
	const matches = (n: TreeNode) => n.path.toLowerCase().includes(q) || (escaped[n.id] === 1 && pathMatches(n, query));
	const last = shape.matches;
	// Filled in place (no array grown a push at a time: at 300,000 matches that was megabytes of
	// garbage a keystroke) and cut to the count.
	const found = new Int32Array(order.length);
	let count = 0;
	// Narrowing looks at each last match's whole path: worth it while they are few.
	if (last && last.lower !== '' && q.startsWith(last.lower) && (q.includes('/') || last.indices.length * 8 < order.length)) {
		for (const i of last.indices) if (matches(order[i])) found[count++] = i;
	} else if (!q.includes('/')) {
		// A query without a slash is inside one part of a path: a path contains it when its own
		// name or an ancestor's does (lower-casing a path is lower-casing each part: a slash is no
		// letter and not case-ignorable, so even a final sigma comes out the same). One includes()
		// on a short name per node, parents first, instead of one on every whole path.
		const nodes = shape.tree.preorder;
		const hit = new Uint8Array(nodes.length);
		for (let i = 1; i < nodes.length; i++) {
			const n = nodes[i];
			if ((n.parent && hit[n.parent.id] === 1) || n.name.toLowerCase().includes(q)) hit[i] = 1;
		}
		for (let i = 0; i < order.length; i++) {
			const n = order[i];
			if (hit[n.id] === 1 || (escaped[n.id] === 1 && pathMatches(n, query))) found[count++] = i;
		}
	} else {
		for (let i = 0; i < order.length; i++) if (matches(order[i])) found[count++] = i;
	}
	const indices = found.subarray(0, count);
	shape.matches = {query, lower: q, indices};
	return indices;
}

/** Whether a node's path contains the query, case-insensitively, as stored or as shown (escaped). */
export function pathMatches(node: TreeNode, query: string): boolean {
	if (query === '') return false;
	const q = query.toLowerCase();
	if (node.path.toLowerCase().includes(q)) return true;
	const shown = visibleName(node.path);
	return shown !== node.path && shown.toLowerCase().includes(q);
}

export interface SearchOptions {
	/** Start from this path (default: the cursor's). */
	from?: string;
	direction?: 1 | -1;
	/** Whether the starting path itself may match (search as you type: yes; next/previous: no). */
	inclusive?: boolean;
}

/**
 * The next path (in display order, inside collapsed directories too) that
 * contains `query`, wrapping around; it is revealed and the cursor put on it.
 * `found` is false (and the view unchanged) when nothing matches.
 */
export function search(tree: FileTree, view: TreeView, query: string, options: SearchOptions = {}): {view: TreeView; found: boolean} {
	if (query === '') return {view, found: false};
	const shape = shapeOf(tree, view.sort, view.filter);
	const order = orderOf(shape);
	if (order.length === 0) return {view, found: false};
	const direction = options.direction ?? 1;
	const fromPath = options.from ?? view.cursorPath;
	const fromNode = fromPath === undefined ? undefined : tree.find(fromPath);
	// A scan, not a Map of the whole order: once per key, a few ms at 300,000 nodes.
	const found = fromNode ? order.indexOf(fromNode) : -1;
	const fromIndex = found < 0 ? undefined : found;
	const start = fromIndex ?? (direction === 1 ? -1 : order.length);
	const first = fromIndex !== undefined && options.inclusive ? 0 : 1;
	// The matches in display order (kept for the status line's count): the next one after the start, wrapping.
	const indices = matchesOf(shape, query);
	if (!indices.length) return {view, found: false};
	let pick: number | undefined;
	if (direction === 1) {
		const from = first === 0 ? start : start + 1;
		pick = indices.find((i) => i >= from) ?? indices[0];
	} else {
		const from = first === 0 ? start : start - 1;
		for (let k = indices.length - 1; k >= 0 && pick === undefined; k--) if (indices[k] <= from) pick = indices[k];
		pick ??= indices[indices.length - 1];
	}
	return {view: reveal(tree, view, order[pick].path), found: true};
}

/** How many paths (under the filter) match, and which of them the cursor is on (1-based, 0 if none). */
export function matchCount(tree: FileTree, view: TreeView, query: string): {count: number; current: number} {
	if (query === '') return {count: 0, current: 0};
	const shape = shapeOf(tree, view.sort, view.filter);
	const cursorNode = selected(tree, view);
	const indices = matchesOf(shape, query);
	const at = cursorNode ? orderOf(shape).indexOf(cursorNode) : -1;
	const current = at < 0 ? 0 : indices.indexOf(at) + 1;
	return {count: indices.length, current};
}

/**
 * Search in the Files tab: the next path containing the query in display
 * order (collapsed directories included), and how many paths match.
 */
import type {FileTree, TreeNode} from '../../layers/tree.js';
import {needsEscaping as escapes, visibleName} from '../../text/sanitize.js';
import {type TreeView, reveal, selected} from './model.js';
import {type Shape, orderOf, shapeOf} from './shape.js';

/** Printable ASCII but the backslash: shown as stored (most names; a loop over short names costs less than the expressions below). */
function plainAscii(name: string): boolean {
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === 0x5c) return false;
	}
	return true;
}

/** Whether a name is shown otherwise than stored (escaped characters, a backslash, bytes not UTF-8). */
const needsEscaping = (name: string) => !plainAscii(name) && (escapes(name) || /[\\\udc80-\udcff]/.test(name));

/**
 * A tree's names as search reads them, by node id (made once per tree, on its first search): the
 * parent's id, the name (an index into the distinct names, kept lower-cased too) and whether the
 * path needs escaping to be shown. A query then tests each distinct name once and walks these
 * arrays, not 300,000 node objects spread over the heap (each such walk cost 5-10 ms).
 */
interface Names {
	parent: Int32Array;
	name: Int32Array;
	lower: string[];
	escaped: Uint8Array;
}

const namesByTree = new WeakMap<FileTree, Names>();

function namesOf(tree: FileTree): Names {
	let names = namesByTree.get(tree);
	if (names) return names;
	const nodes = tree.preorder;
	const parent = new Int32Array(nodes.length);
	const name = new Int32Array(nodes.length);
	const ids = new Map<string, number>();
	const distinct: string[] = [];
	for (let i = 1; i < nodes.length; i++) {
		const n = nodes[i];
		parent[i] = n.parent!.id;
		let id = ids.get(n.name);
		if (id === undefined) {
			id = distinct.length;
			distinct.push(n.name);
			ids.set(n.name, id);
		}
		name[i] = id;
	}
	// A path needs escaping when one of its parts does (parents come first in the preorder).
	const escapedName = Uint8Array.from(distinct, (d) => (needsEscaping(d) ? 1 : 0));
	const escaped = new Uint8Array(nodes.length);
	for (let i = 1; i < nodes.length; i++) escaped[i] = escaped[parent[i]] | escapedName[name[i]];
	names = {parent, name, lower: distinct.map((d) => d.toLowerCase()), escaped};
	namesByTree.set(tree, names);
	return names;
}

/**
 * Display-order indices of the paths matching `query`, kept for the last query of the shape.
 * A query with a slash narrows as it grows: a path that contains the longer query (lower-cased)
 * contains the shorter one, so only the last query's matches are looked at again.
 */
function matchesOf(shape: Shape, query: string): Int32Array {
	if (shape.matches?.query === query) return shape.matches.indices;
	const {parent, name, lower, escaped} = namesOf(shape.tree);
	const order = orderOf(shape);
	// By name and unfiltered, the order is the preorder less the root: row i is node i + 1 (no node read).
	const preorder = shape.sort === 'name' && !shape.pass;
	const idAt = (i: number) => (preorder ? i + 1 : order[i].id);
	const q = query.toLowerCase();
	const last = shape.matches;
	// Filled in place (no array grown a push at a time: at 300,000 matches that was megabytes of
	// garbage a keystroke) and cut to the count.
	const found = new Int32Array(order.length);
	let count = 0;
	const escapedMatch = (i: number) => escaped[idAt(i)] === 1 && pathMatches(order[i], query);
	if (!q.includes('/')) {
		// A query without a slash is inside one part of a path: a path contains it when its own
		// name or an ancestor's does (lower-casing a path is lower-casing each part: a slash is no
		// letter and not case-ignorable, so even a final sigma comes out the same). Each distinct
		// name is tested once; a node hits when its name or its parent does.
		const nameHit = Uint8Array.from(lower, (l) => (l.includes(q) ? 1 : 0));
		const hit = new Uint8Array(parent.length);
		for (let i = 1; i < hit.length; i++) hit[i] = hit[parent[i]] | nameHit[name[i]];
		for (let i = 0; i < order.length; i++) {
			const id = idAt(i);
			if (hit[id] === 1 || (escaped[id] === 1 && pathMatches(order[i], query))) found[count++] = i;
		}
	} else if (last && last.lower !== '' && q.startsWith(last.lower) && last.indices.length * 8 < order.length) {
		// Narrowing looks at each last match's whole path: worth it while they are few.
		for (const i of last.indices) if (order[i].path.toLowerCase().includes(q) || escapedMatch(i)) found[count++] = i;
	} else {
		// The lower-cased paths, each its parent's and its own name (parents come first).
		const paths: string[] = new Array(parent.length);
		paths[0] = '';
		for (let i = 1; i < paths.length; i++) paths[i] = parent[i] === 0 ? lower[name[i]] : `${paths[parent[i]]}/${lower[name[i]]}`;
		for (let i = 0; i < order.length; i++) if (paths[idAt(i)].includes(q) || escapedMatch(i)) found[count++] = i;
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
	if (query === '') {
		// The search line is up with nothing typed yet: the names are read now (once per tree, ~20 ms
		// at 300,000 nodes), on the `/` that opened it, not on top of the first character's search.
		namesOf(tree);
		return {count: 0, current: 0};
	}
	const shape = shapeOf(tree, view.sort, view.filter);
	const cursorNode = selected(tree, view);
	const indices = matchesOf(shape, query);
	const at = cursorNode ? orderOf(shape).indexOf(cursorNode) : -1;
	const current = at < 0 ? 0 : indices.indexOf(at) + 1;
	return {count: indices.length, current};
}

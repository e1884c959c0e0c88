/**
 * Search in the Files tab: the next path containing the query in display
 * order (collapsed directories included), and how many paths match.
 */
import type {FileTree, TreeNode} from '../../layers/tree.js';
import {needsEscaping as escapes, visibleName} from '../../text/sanitize.js';
import {type TreeView, reveal, selected} from './model.js';
import {type Shape, orderIndexOf, orderOf, shapeOf} from './shape.js';

/** Whether a name is shown otherwise than stored (escaped characters, a backslash, bytes not UTF-8). */
const needsEscaping = (name: string) => escapes(name) || /[\\\udc80-\udcff]/.test(name);

function lowerPathsOf(shape: Shape): string[] {
	return (shape.lowerPaths ??= orderOf(shape).map((n) => n.path.toLowerCase()));
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
	const fromIndex = fromNode ? orderIndexOf(shape).get(fromNode) : undefined;
	const start = fromIndex ?? (direction === 1 ? -1 : order.length);
	const first = fromIndex !== undefined && options.inclusive ? 0 : 1;
	const lower = lowerPathsOf(shape);
	const q = query.toLowerCase();
	for (let k = first; k <= order.length; k++) {
		const i = (((start + direction * k) % order.length) + order.length) % order.length;
		const n = order[i];
		if (lower[i].includes(q) || (needsEscaping(n.path) && pathMatches(n, query))) return {view: reveal(tree, view, n.path), found: true};
	}
	return {view, found: false};
}

/** How many paths (under the filter) match, and which of them the cursor is on (1-based, 0 if none). */
export function matchCount(tree: FileTree, view: TreeView, query: string): {count: number; current: number} {
	if (query === '') return {count: 0, current: 0};
	const shape = shapeOf(tree, view.sort, view.filter);
	const cursorNode = selected(tree, view);
	let count = 0;
	let current = 0;
	const lower = lowerPathsOf(shape);
	const q = query.toLowerCase();
	const order = orderOf(shape);
	for (let i = 0; i < order.length; i++) {
		const n = order[i];
		if (!lower[i].includes(q) && !(needsEscaping(n.path) && pathMatches(n, query))) continue;
		count++;
		if (n === cursorNode) current = count;
	}
	return {count, current};
}

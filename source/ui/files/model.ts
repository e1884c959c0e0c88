/**
 * The Files tab's tree view as pure functions of an immutable view state: which
 * directories are expanded, where the cursor is, the sort, the change filter,
 * search-and-jump, and the flattened rows a windowed list draws.
 *
 * The tree itself (a FileTree from source/layers) is read-only here: its own
 * `collapsed` flags and sort are never used or changed, so one tree can back
 * any number of views. Everything derived from it (sorted and filtered
 * children, filtered sizes, the full display order, the visible rows) is
 * cached per tree and per (sort, filter), so a key press on a 50,000-file
 * layer costs at most one walk of the rows that are shown expanded, and a
 * cursor move costs nothing but the slice that is drawn.
 */
import type {LayerSummary} from '../../layers/changes.js';
import type {FileTree, TreeNode} from '../../layers/tree.js';
import {needsEscaping, visible} from '../../text/sanitize.js';

export type SortKey = 'name' | 'size';
export type ChangeFilter = 'all' | 'added' | 'modified' | 'removed';
export const changeFilters: readonly ChangeFilter[] = ['all', 'added', 'modified', 'removed'];
export type MoveTo = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export interface TreeView {
	/** Paths of the directories whose children are shown. */
	readonly expanded: ReadonlySet<string>;
	/** Row index of the cursor in visibleRows(). */
	readonly cursor: number;
	/** The path under the cursor: it keeps its place when rows appear or disappear above it. */
	readonly cursorPath?: string;
	readonly sort: SortKey;
	readonly filter: ChangeFilter;
}

/** One row as drawn. */
export interface Row {
	node: TreeNode;
	/** 0 for top-level entries. */
	depth: number;
	/** A directory with something to show under it (under the current filter). */
	expandable: boolean;
	expanded: boolean;
	/** Size under the current filter (a directory: the files under it that pass). */
	size: number;
}

// ---------------------------------------------------------------------------
// Shapes: the tree seen through a sort and a filter (cached)

interface Shape {
	readonly tree: FileTree;
	readonly sort: SortKey;
	readonly filter: ChangeFilter;
	/** Nodes that pass the filter (undefined: all do). A directory passes when something under it does. */
	readonly pass: Set<TreeNode> | undefined;
	/** Sizes under the filter (undefined: the tree's own sizes). */
	readonly sizes: Map<TreeNode, number> | undefined;
	readonly children: Map<TreeNode, readonly TreeNode[]>;
	order?: TreeNode[];
	orderIndex?: Map<TreeNode, number>;
	/** The order's paths in lower case, for search (made on the first search). */
	lowerPaths?: string[];
}

const shapes = new WeakMap<FileTree, Map<string, Shape>>();

function shapeOf(tree: FileTree, sort: SortKey, filter: ChangeFilter): Shape {
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

/** Every node, parents before children, without recursion (hostile images nest deeply). */
function preorder(root: TreeNode): TreeNode[] {
	const out: TreeNode[] = [];
	const stack: TreeNode[] = [root];
	while (stack.length) {
		const n = stack.pop()!;
		out.push(n);
		if (n.children) for (const c of n.children) stack.push(c);
	}
	return out;
}

function filterPass(tree: FileTree, filter: Exclude<ChangeFilter, 'all'>): {pass: Set<TreeNode>; sizes: Map<TreeNode, number>} {
	const pass = new Set<TreeNode>();
	const sizes = new Map<TreeNode, number>();
	const nodes = preorder(tree.root);
	for (let i = nodes.length - 1; i >= 0; i--) {
		const n = nodes[i];
		if (!n.children) {
			if (n.change === filter) {
				pass.add(n);
				sizes.set(n, n.size);
			}
			continue;
		}
		let size = 0;
		let any = false;
		for (const c of n.children) {
			if (!pass.has(c)) continue;
			any = true;
			size += sizes.get(c) ?? 0;
		}
		if (any || n.change === filter) {
			pass.add(n);
			sizes.set(n, size);
		}
	}
	return {pass, sizes};
}

const compareNames = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function childrenOf(shape: Shape, node: TreeNode): readonly TreeNode[] {
	const cached = shape.children.get(node);
	if (cached) return cached;
	let list = node.children ? [...node.children] : [];
	if (shape.pass) list = list.filter((c) => shape.pass!.has(c));
	if (shape.sort === 'size') list.sort((a, b) => sizeIn(shape, b) - sizeIn(shape, a) || compareNames(a, b));
	else list.sort(compareNames);
	shape.children.set(node, list);
	return list;
}

function sizeIn(shape: Shape, node: TreeNode): number {
	return shape.sizes ? (shape.sizes.get(node) ?? 0) : node.size;
}

/** The whole tree in display order, collapsed directories included (what search walks). */
function orderOf(shape: Shape): TreeNode[] {
	if (shape.order) return shape.order;
	const out: TreeNode[] = [];
	const stack: TreeNode[] = [];
	const push = (n: TreeNode) => {
		const kids = childrenOf(shape, n);
		for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
	};
	push(shape.tree.root);
	while (stack.length) {
		const n = stack.pop()!;
		out.push(n);
		if (n.children) push(n);
	}
	shape.order = out;
	return out;
}

function orderIndexOf(shape: Shape): Map<TreeNode, number> {
	if (!shape.orderIndex) {
		const index = new Map<TreeNode, number>();
		orderOf(shape).forEach((n, i) => index.set(n, i));
		shape.orderIndex = index;
	}
	return shape.orderIndex;
}

// ---------------------------------------------------------------------------
// Visible rows (cached per tree for the last expanded set, sort and filter)

interface RowsCache {
	expanded: ReadonlySet<string>;
	shape: Shape;
	nodes: TreeNode[];
}

const rowCaches = new WeakMap<FileTree, RowsCache>();

function rowsCache(tree: FileTree, view: TreeView): RowsCache {
	const shape = shapeOf(tree, view.sort, view.filter);
	const cached = rowCaches.get(tree);
	if (cached && cached.expanded === view.expanded && cached.shape === shape) return cached;
	const nodes: TreeNode[] = [];
	const stack: TreeNode[] = [];
	const push = (n: TreeNode) => {
		const kids = childrenOf(shape, n);
		for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
	};
	push(tree.root);
	while (stack.length) {
		const n = stack.pop()!;
		nodes.push(n);
		if (n.children && view.expanded.has(n.path)) push(n);
	}
	const entry: RowsCache = {expanded: view.expanded, shape, nodes};
	rowCaches.set(tree, entry);
	return entry;
}

/** The nodes on rows, in display order: every node whose ancestors are all expanded. */
export function visibleNodes(tree: FileTree, view: TreeView): readonly TreeNode[] {
	return rowsCache(tree, view).nodes;
}

export function rowCount(tree: FileTree, view: TreeView): number {
	return rowsCache(tree, view).nodes.length;
}

/**
 * The row a node is on, or -1. A scan, not an index: it is asked for once or
 * twice per key, and a 50,000-entry Map built for each new set of rows costs
 * more than the scans it would save.
 */
export function rowOf(tree: FileTree, view: TreeView, node: TreeNode | undefined): number {
	return node ? rowsCache(tree, view).nodes.indexOf(node) : -1;
}

export function rowAt(tree: FileTree, view: TreeView, index: number): Row | undefined {
	const shape = shapeOf(tree, view.sort, view.filter);
	const node = rowsCache(tree, view).nodes[index];
	return node ? rowFor(shape, view, node) : undefined;
}

function rowFor(shape: Shape, view: TreeView, node: TreeNode): Row {
	const expandable = Boolean(node.children) && childrenOf(shape, node).length > 0;
	return {node, depth: node.depth, expandable, expanded: expandable && view.expanded.has(node.path), size: sizeIn(shape, node)};
}

/** The node under the cursor. */
export function selected(tree: FileTree, view: TreeView): TreeNode | undefined {
	return rowsCache(tree, view).nodes[view.cursor];
}

/** The first row to draw so the cursor stays on screen, moving the window as little as possible. */
export function windowTop(previousTop: number, cursor: number, height: number, length: number): number {
	let top = previousTop;
	if (cursor < top) top = cursor;
	if (cursor >= top + height) top = cursor - height + 1;
	return Math.max(0, Math.min(top, Math.max(0, length - height)));
}

/** The rows to draw: only the `height` rows of the window, whatever the tree's size. */
export function visibleWindow(tree: FileTree, view: TreeView, height: number, previousTop = 0): {top: number; rows: Row[]; total: number} {
	const shape = shapeOf(tree, view.sort, view.filter);
	const nodes = rowsCache(tree, view).nodes;
	const top = windowTop(previousTop, view.cursor, Math.max(1, height), nodes.length);
	const rows = nodes.slice(top, top + Math.max(0, height)).map((n) => rowFor(shape, view, n));
	return {top, rows, total: nodes.length};
}

/** Size of a node under the view's filter. */
export function sizeOf(tree: FileTree, view: TreeView, node: TreeNode): number {
	return sizeIn(shapeOf(tree, view.sort, view.filter), node);
}

// ---------------------------------------------------------------------------
// Making and changing views

export interface InitialOptions {
	sort?: SortKey;
	filter?: ChangeFilter;
	/** Expand directories, breadth first, while the rows stay within this many (default 64). */
	budget?: number;
}

/**
 * A fresh view: small trees open fully; big ones open breadth first while
 * the rows fit the budget, so a 50,000-file layer opens to its top levels.
 */
export function initialView(tree: FileTree, options: InitialOptions = {}): TreeView {
	const sort = options.sort ?? 'name';
	const filter = options.filter ?? 'all';
	const budget = options.budget ?? 64;
	const shape = shapeOf(tree, sort, filter);
	const expanded = new Set<string>();
	let rows = childrenOf(shape, tree.root).length;
	let queue = childrenOf(shape, tree.root).filter((n) => n.children);
	while (queue.length && rows < budget) {
		const next: TreeNode[] = [];
		for (const dir of queue) {
			const kids = childrenOf(shape, dir);
			if (kids.length === 0 || rows + kids.length > budget) continue;
			expanded.add(dir.path);
			rows += kids.length;
			for (const k of kids) if (k.children) next.push(k);
		}
		queue = next;
	}
	const view: TreeView = {expanded, cursor: 0, sort, filter};
	return settle(tree, view);
}

/**
 * Puts the cursor back on its path after the rows changed; when that path is
 * no longer on a row, on its nearest ancestor that is; else clamps.
 */
export function settle(tree: FileTree, view: TreeView): TreeView {
	const nodes = visibleNodes(tree, view);
	let cursor = -1;
	if (view.cursorPath !== undefined) {
		for (let n: TreeNode | undefined = tree.find(view.cursorPath); n && n !== tree.root && cursor < 0; n = n.parent) cursor = rowOf(tree, view, n);
	}
	if (cursor < 0) cursor = Math.max(0, Math.min(view.cursor, nodes.length - 1));
	const cursorPath = nodes[cursor]?.path;
	if (cursor === view.cursor && cursorPath === view.cursorPath) return view;
	return {...view, cursor, cursorPath};
}

function at(tree: FileTree, view: TreeView, cursor: number): TreeView {
	const nodes = visibleNodes(tree, view);
	const c = Math.max(0, Math.min(cursor, nodes.length - 1));
	const cursorPath = nodes[c]?.path;
	return c === view.cursor && cursorPath === view.cursorPath ? view : {...view, cursor: c, cursorPath};
}

export function move(tree: FileTree, view: TreeView, to: MoveTo, page: number): TreeView {
	const last = rowCount(tree, view) - 1;
	const p = Math.max(1, page);
	const c = view.cursor;
	const target = to === 'up' ? c - 1 : to === 'down' ? c + 1 : to === 'pageUp' ? c - p : to === 'pageDown' ? c + p : to === 'top' ? 0 : last;
	return at(tree, view, target);
}

/** Moves the cursor to a path, expanding its ancestors (-1 cursor kept when there is no such path on any row). */
export function reveal(tree: FileTree, view: TreeView, path: string): TreeView {
	const node = tree.find(path);
	if (!node || node === tree.root) return view;
	const shape = shapeOf(tree, view.sort, view.filter);
	if (shape.pass && !shape.pass.has(node)) return view;
	let expanded: Set<string> | undefined;
	for (let p = node.parent; p && p !== tree.root; p = p.parent) {
		if (!view.expanded.has(p.path)) (expanded ??= new Set(view.expanded)).add(p.path);
	}
	const next = expanded ? {...view, expanded} : view;
	return at(tree, next, rowOf(tree, next, node));
}

/** → : opens a closed directory; on an open one, goes to its first child. */
export function expand(tree: FileTree, view: TreeView): TreeView {
	const row = rowAt(tree, view, view.cursor);
	if (!row?.expandable) return view;
	if (!row.expanded) return withExpanded(tree, view, row.node.path, true);
	return at(tree, view, view.cursor + 1);
}

/** ← : closes an open directory; on anything else, goes to the parent directory. */
export function collapse(tree: FileTree, view: TreeView): TreeView {
	const row = rowAt(tree, view, view.cursor);
	if (!row) return view;
	if (row.expanded) return withExpanded(tree, view, row.node.path, false);
	const parent = row.node.parent;
	if (!parent || parent === tree.root) return view;
	return at(tree, view, rowOf(tree, view, parent));
}

/** Enter / Space: opens or closes the directory under the cursor. */
export function toggle(tree: FileTree, view: TreeView): TreeView {
	const row = rowAt(tree, view, view.cursor);
	if (!row?.expandable) return view;
	return withExpanded(tree, view, row.node.path, !row.expanded);
}

function withExpanded(tree: FileTree, view: TreeView, path: string, open: boolean): TreeView {
	if (view.expanded.has(path) === open) return view;
	const expanded = new Set(view.expanded);
	if (open) expanded.add(path);
	else expanded.delete(path);
	return settle(tree, {...view, expanded, cursorPath: view.cursorPath ?? path});
}

export function expandAll(tree: FileTree, view: TreeView): TreeView {
	const shape = shapeOf(tree, view.sort, view.filter);
	const expanded = new Set<string>();
	for (const n of orderOf(shape)) if (n.children && childrenOf(shape, n).length) expanded.add(n.path);
	return settle(tree, {...view, expanded});
}

export function collapseAll(tree: FileTree, view: TreeView): TreeView {
	return settle(tree, {...view, expanded: new Set()});
}

export function setSort(tree: FileTree, view: TreeView, sort: SortKey): TreeView {
	return sort === view.sort ? view : settle(tree, {...view, sort});
}

export function setFilter(tree: FileTree, view: TreeView, filter: ChangeFilter): TreeView {
	return filter === view.filter ? view : settle(tree, {...view, filter});
}

export function nextFilter(filter: ChangeFilter): ChangeFilter {
	return changeFilters[(changeFilters.indexOf(filter) + 1) % changeFilters.length];
}

// ---------------------------------------------------------------------------
// Search

function lowerPathsOf(shape: Shape): string[] {
	return (shape.lowerPaths ??= orderOf(shape).map((n) => n.path.toLowerCase()));
}

/** Whether a node's path contains the query, case-insensitively, as stored or as shown (escaped). */
export function pathMatches(node: TreeNode, query: string): boolean {
	if (query === '') return false;
	const q = query.toLowerCase();
	if (node.path.toLowerCase().includes(q)) return true;
	return needsEscaping(node.path) && visible(node.path).toLowerCase().includes(q);
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

// ---------------------------------------------------------------------------
// Summaries

/** The layer model's per-layer summary, plus the tree's totals. */
export interface ChangeCounts extends LayerSummary {
	/** Regular files and their bytes in the tree. */
	files: number;
	bytes: number;
}

const countCache = new WeakMap<FileTree, ChangeCounts>();

/** What the tree's nodes are marked with (every node counted once, directories included). */
export function changeCounts(tree: FileTree): ChangeCounts {
	const cached = countCache.get(tree);
	if (cached) return cached;
	const c: ChangeCounts = {added: 0, modified: 0, removed: 0, addedBytes: 0, modifiedBytes: 0, removedBytes: 0, files: tree.root.files, bytes: tree.root.size};
	for (const n of preorder(tree.root)) {
		if (n === tree.root) continue;
		const bytes = n.children ? 0 : n.size;
		if (n.change === 'added') (c.added++, (c.addedBytes += bytes));
		else if (n.change === 'modified') (c.modified++, (c.modifiedBytes += bytes));
		else if (n.change === 'removed') (c.removed++, (c.removedBytes += bytes));
	}
	countCache.set(tree, c);
	return c;
}

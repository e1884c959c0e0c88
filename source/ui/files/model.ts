/**
 * The Files tab's tree view as pure functions of an immutable view state: which
 * directories are expanded, where the cursor is, the sort, the change filter,
 * and the flattened rows a windowed list draws (search: ./search.ts; the
 * sorted, filtered tree behind them: ./shape.ts).
 *
 * The tree itself (a FileTree from source/layers) is read-only here, so one
 * tree can back any number of views. Everything derived from it (sorted and
 * filtered children, filtered sizes, the full display order, the visible
 * rows) is cached per tree and per (sort, filter), so a key press on a 50,000-file
 * layer costs at most one walk of the rows that are shown expanded, and a
 * cursor move costs nothing but the slice that is drawn.
 */
import type {FileTree, TreeNode} from '../../layers/tree.js';
import {type ChangeFilter, type Shape, type SortKey, changeFilters, childrenOf, displayOrder, orderOf, passes, shapeOf, sizeIn} from './shape.js';

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
	const nodes = displayOrder(shape, tree.root, (n) => view.expanded.has(n.path));
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
	if (!passes(shape, node)) return view;
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
	// Every directory with something to show under it: no display order needed (no sort of every
	// directory's children just to list the directories).
	const expanded = new Set<string>();
	for (const n of tree.directories) {
		if (!passes(shape, n)) continue;
		if (shape.pass ? n.children!.some((c) => shape.pass![c.id] === 1) : n.children!.length) expanded.add(n.path);
	}
	// Every directory open: the rows are the whole display order, which search walks too (one walk for both).
	rowCaches.set(tree, {expanded, shape, nodes: orderOf(shape)});
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

/**
 * A file tree for the UI: directories with children and aggregated sizes,
 * sorting, collapsing, a flattened list of visible rows for a windowed view
 * (only the rows on screen get drawn), and search-and-jump by path substring.
 * Mutable on purpose: rebuilding a 100k-node tree per key press would not
 * stay under the 50 ms a key the issue asks for. Derived lists are cached and
 * dropped when the shape changes.
 */
import type {EntryType, FileEntry} from './types.js';
import type {ChangeKind} from './changes.js';
import {baseName, dirName} from './paths.js';

export interface TreeItem {
	path: string;
	type: EntryType;
	size: number;
	change?: ChangeKind | 'unchanged';
	entry?: FileEntry;
	/** The layer the entry comes from, when the caller knows it. */
	layer?: number;
}

export interface TreeNode {
	name: string;
	path: string;
	type: EntryType;
	/** A file's size; a directory's is the sum of the sizes of the files under it. */
	size: number;
	/** Regular files under a directory (1 for a file). */
	files: number;
	change?: ChangeKind | 'unchanged';
	entry?: FileEntry;
	layer?: number;
	/** Directories only; undefined for everything else. */
	children?: TreeNode[];
	parent?: TreeNode;
	depth: number;
	collapsed: boolean;
}

export type SortKey = 'name' | 'size';

const byName = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const bySize = (a: TreeNode, b: TreeNode) => b.size - a.size || byName(a, b);

export class FileTree {
	readonly root: TreeNode;
	private readonly byPath = new Map<string, TreeNode>();
	private sortKeyValue: SortKey = 'name';
	private rowCache: TreeNode[] | undefined;
	private orderCache: TreeNode[] | undefined;

	constructor(items: Iterable<TreeItem>) {
		this.root = {name: '', path: '', type: 'dir', size: 0, files: 0, depth: -1, collapsed: false, children: []};
		for (const item of items) this.add(item);
		this.aggregate();
		this.sortAll();
	}

	get sortKey(): SortKey {
		return this.sortKeyValue;
	}

	get nodeCount(): number {
		return this.byPath.size;
	}

	private dir(path: string): TreeNode {
		if (path === '') return this.root;
		const existing = this.byPath.get(path);
		if (existing) {
			existing.children ??= [];
			return existing;
		}
		const parent = this.dir(dirName(path));
		const node: TreeNode = {name: baseName(path), path, type: 'dir', size: 0, files: 0, depth: parent.depth + 1, collapsed: false, parent, children: []};
		parent.children!.push(node);
		this.byPath.set(path, node);
		return node;
	}

	private add(item: TreeItem): void {
		if (item.path === '') return;
		let node = this.byPath.get(item.path);
		if (!node) {
			const parent = this.dir(dirName(item.path));
			node = {name: baseName(item.path), path: item.path, type: item.type, size: 0, files: 0, depth: parent.depth + 1, collapsed: false, parent};
			parent.children!.push(node);
			this.byPath.set(item.path, node);
		}
		node.type = item.type;
		node.change = item.change;
		node.entry = item.entry;
		node.layer = item.layer;
		node.size = item.type === 'dir' ? 0 : item.size;
		if (item.type === 'dir') node.children ??= [];
	}

	/** Sizes bottom-up, without recursion (deep trees come from hostile images too). */
	private aggregate(): void {
		const post: TreeNode[] = [];
		const stack: TreeNode[] = [this.root];
		while (stack.length) {
			const n = stack.pop()!;
			post.push(n);
			if (n.children) for (const c of n.children) stack.push(c);
		}
		for (let i = post.length - 1; i >= 0; i--) {
			const n = post[i];
			if (!n.children) {
				n.files = n.type === 'file' ? 1 : 0;
				continue;
			}
			let size = 0;
			let files = 0;
			for (const c of n.children) (size += c.size), (files += c.files);
			n.size = size;
			n.files = files;
		}
	}

	private sortAll(): void {
		const cmp = this.sortKeyValue === 'name' ? byName : bySize;
		const stack: TreeNode[] = [this.root];
		while (stack.length) {
			const n = stack.pop()!;
			if (!n.children) continue;
			n.children.sort(cmp);
			for (const c of n.children) if (c.children) stack.push(c);
		}
		this.rowCache = undefined;
		this.orderCache = undefined;
	}

	sort(key: SortKey): void {
		if (key === this.sortKeyValue) return;
		this.sortKeyValue = key;
		this.sortAll();
	}

	find(path: string): TreeNode | undefined {
		return path === '' ? this.root : this.byPath.get(path);
	}

	/** The rows a windowed view shows: every node whose ancestors are all expanded, in display order. */
	rows(): readonly TreeNode[] {
		if (this.rowCache) return this.rowCache;
		this.rowCache = this.walk(true);
		return this.rowCache;
	}

	private walk(visibleOnly: boolean): TreeNode[] {
		const out: TreeNode[] = [];
		const stack: TreeNode[] = [];
		const push = (n: TreeNode) => {
			if (n.children && (!visibleOnly || !n.collapsed || n === this.root)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
		};
		push(this.root);
		while (stack.length) {
			const n = stack.pop()!;
			out.push(n);
			push(n);
		}
		return out;
	}

	setCollapsed(path: string, collapsed: boolean): void {
		const node = this.find(path);
		if (!node?.children || node === this.root || node.collapsed === collapsed) return;
		node.collapsed = collapsed;
		this.rowCache = undefined;
	}

	toggle(path: string): void {
		const node = this.find(path);
		if (node) this.setCollapsed(path, !node.collapsed);
	}

	/** Collapse every directory at depth >= `depth` (0: everything), expand the ones above. */
	collapseFrom(depth: number): void {
		for (const n of this.byPath.values()) if (n.children) n.collapsed = n.depth >= depth;
		this.rowCache = undefined;
	}

	expandAll(): void {
		this.collapseFrom(Number.POSITIVE_INFINITY);
	}

	/** Expands the ancestors of a path so it is on a row, and returns that row (-1 if no such path). */
	reveal(path: string): number {
		const node = this.find(path);
		if (!node || node === this.root) return -1;
		for (let p = node.parent; p && p !== this.root; p = p.parent) {
			if (p.collapsed) {
				p.collapsed = false;
				this.rowCache = undefined;
			}
		}
		return this.rows().indexOf(node);
	}

	/**
	 * The next node (in display order, collapsed ones included) after row
	 * `fromRow` whose path contains `query` (case-insensitive), wrapping
	 * around; it is revealed and its row returned. -1 when nothing matches.
	 */
	search(query: string, fromRow = -1, direction: 1 | -1 = 1): number {
		if (query === '') return -1;
		const q = query.toLowerCase();
		const order = (this.orderCache ??= this.walk(false));
		if (order.length === 0) return -1;
		const from = fromRow >= 0 ? this.rows()[fromRow] : undefined;
		const start = from ? order.indexOf(from) : direction === 1 ? -1 : order.length;
		for (let k = 1; k <= order.length; k++) {
			const i = (((start + direction * k) % order.length) + order.length) % order.length;
			const n = order[i];
			if (n.path.toLowerCase().includes(q)) return this.reveal(n.path);
		}
		return -1;
	}
}

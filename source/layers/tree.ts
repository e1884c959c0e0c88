/**
 * A file tree: directories with their children, each with the size and
 * count of the regular files under it. Only the structure: sorting,
 * filtering, which directories are open and the rows a windowed list draws
 * are views over it (source/ui/files), so one tree backs any number of them
 * and nothing is sorted or flattened before a view asks for it.
 */
import type {EntryType, FileEntry} from './types.js';
import type {ChangeKind, LayerSummary} from './changes.js';
import {baseName, dirName} from './paths.js';

/** A tree's change marks: nodes marked added, modified, removed or unchanged (stored again), and their bytes. */
export interface TreeChanges extends LayerSummary {
	unchanged: number;
	unchangedBytes: number;
}

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
	/** Directories only, in the order they were added; undefined for everything else. */
	children?: TreeNode[];
	parent?: TreeNode;
	/** 0 for top-level entries (the root is -1). */
	depth: number;
	/**
	 * The node's place in the tree's preorder (the root is 0), set when the tree is built (give 0
	 * until then): views keep what they derive per node in typed arrays by it, not in Maps and Sets
	 * of 300,000 entries.
	 */
	id: number;
}

const compareNames = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class FileTree {
	readonly root: TreeNode = {name: '', path: '', type: 'dir', size: 0, files: 0, change: undefined, entry: undefined, layer: undefined, children: [], parent: undefined, depth: -1, id: 0};
	/** Every node by path, while building from items (a tree built fromHierarchy has none: find() walks). */
	private readonly byPath = new Map<string, TreeNode>();
	private indexed = true;
	private count = 0;
	private nodes: TreeNode[] = [];
	private dirs: TreeNode[] = [];
	/** The children of the directories whose own order is not by name, sorted by name (the others' own order is). */
	private sorted = new Map<TreeNode, TreeNode[]>();
	private summary!: TreeChanges;

	constructor(items: Iterable<TreeItem>) {
		for (const item of items) this.add(item);
		this.aggregate();
	}

	/**
	 * A tree whose nodes the caller attaches under the root itself (each with
	 * its parent, depth and, for a directory, children), for a caller that
	 * already has the hierarchy: no path is split or looked up to build it.
	 * Sizes and file counts are done here.
	 */
	static fromHierarchy(attach: (root: TreeNode) => void): FileTree {
		const tree = new FileTree([]);
		attach(tree.root);
		// No path index: find() walks down by name, which a key press can afford and a 40,000-entry Map build cannot.
		tree.indexed = false;
		tree.aggregate();
		return tree;
	}

	/**
	 * Every node, the root first, each directory's children after it in name order (a node's id is
	 * its index here): the rows of a name-sorted view with every directory open.
	 */
	get preorder(): readonly TreeNode[] {
		return this.nodes;
	}

	/** Every directory but the root, in preorder (what opening everything walks: not every node). */
	get directories(): readonly TreeNode[] {
		return this.dirs;
	}

	/** A directory's children in name order (its own array when that is their order already, as tar order mostly is). */
	childrenByName(node: TreeNode): readonly TreeNode[] {
		return this.sorted.get(node) ?? node.children ?? [];
	}

	/** Nodes in the tree, the root not counted. */
	get nodeCount(): number {
		return this.count;
	}

	/** How many nodes (directories too) carry each change mark, and the bytes of those that are not directories. */
	get changes(): Readonly<TreeChanges> {
		return this.summary;
	}

	find(path: string): TreeNode | undefined {
		if (path === '') return this.root;
		if (this.indexed) return this.byPath.get(path);
		let node: TreeNode | undefined = this.root;
		for (const name of path.split('/')) {
			node = node.children?.find((c) => c.name === name);
			if (!node) return undefined;
		}
		return node;
	}

	/** The directory node for a path, made with its missing ancestors (without recursion: hostile paths nest deeply). */
	private dir(path: string): TreeNode {
		const missing: string[] = [];
		let parent = this.root;
		for (let p = path; p !== ''; p = dirName(p)) {
			const existing = this.byPath.get(p);
			if (existing) {
				existing.children ??= [];
				parent = existing;
				break;
			}
			missing.push(p);
		}
		for (let i = missing.length - 1; i >= 0; i--) {
			const node: TreeNode = {name: baseName(missing[i]), path: missing[i], type: 'dir', size: 0, files: 0, change: undefined, entry: undefined, layer: undefined, children: [], parent, depth: parent.depth + 1, id: 0};
			parent.children!.push(node);
			this.byPath.set(missing[i], node);
			parent = node;
		}
		return parent;
	}

	private add(item: TreeItem): void {
		if (item.path === '') return;
		let node = this.byPath.get(item.path);
		if (!node) {
			const parent = this.dir(dirName(item.path));
			node = {name: baseName(item.path), path: item.path, type: item.type, size: 0, files: 0, change: undefined, entry: undefined, layer: undefined, children: undefined, parent, depth: parent.depth + 1, id: 0};
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

	/**
	 * Numbers the nodes in preorder, children by name (what a name-sorted view opened everywhere
	 * lists: its rows are then this array, with no sort and no walk at a key press), then sizes and
	 * file counts bottom-up; without recursion (deep trees come from hostile images too).
	 */
	private aggregate(): void {
		const post: TreeNode[] = [];
		const sorted = (this.sorted = new Map());
		const dirs: TreeNode[] = (this.dirs = []);
		const stack: TreeNode[] = [this.root];
		while (stack.length) {
			const n = stack.pop()!;
			post.push(n);
			if (!n.children) continue;
			if (n !== this.root) dirs.push(n);
			let byName: readonly TreeNode[] = n.children;
			for (let i = 1; i < byName.length; i++) {
				if (byName[i - 1].name > byName[i].name) {
					const copy = [...n.children].sort(compareNames);
					sorted.set(n, copy);
					byName = copy;
					break;
				}
			}
			// Last first, so they come off the stack in order.
			for (let i = byName.length - 1; i >= 0; i--) stack.push(byName[i]);
		}
		this.count = post.length - 1;
		for (let i = 0; i < post.length; i++) post[i].id = i;
		this.nodes = post;
		// Counted afresh: fromHierarchy aggregates the tree it was made empty again.
		const c: TreeChanges = (this.summary = {added: 0, modified: 0, removed: 0, unchanged: 0, addedBytes: 0, modifiedBytes: 0, removedBytes: 0, unchangedBytes: 0});
		for (let i = post.length - 1; i >= 0; i--) {
			const n = post[i];
			const bytes = n.children ? 0 : n.size;
			if (n.change === 'added') (c.added++, (c.addedBytes += bytes));
			else if (n.change === 'modified') (c.modified++, (c.modifiedBytes += bytes));
			else if (n.change === 'removed') (c.removed++, (c.removedBytes += bytes));
			else if (n.change === 'unchanged') (c.unchanged++, (c.unchangedBytes += bytes));
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
}

/** Glue from the model to the tree: what the Files tab shows for a layer. */
import {type Change, type ChangeOptions, touchedChange, visibleChangeAt} from './changes.js';
import {type ImageModel, type Version, implicitDir, versionAt} from './model.js';
import {FileTree, type TreeNode} from './tree.js';
import type {EntryType, FileEntry} from './types.js';
import {DIR} from './versions.js';

/** ModelTreeNode.version of a directory by implication in the whole filesystem: the synthesised 0755 entry. */
const implicitEntry = -2;

/**
 * A node of a tree read off the model: its path and entry are made when asked
 * (a row drawn, the details line), not kept per node: the model has them.
 */
class ModelTreeNode implements TreeNode {
	constructor(
		public name: string,
		public type: EntryType,
		public size: number,
		public files: number,
		public change: TreeNode['change'],
		public layer: number | undefined,
		public children: TreeNode[] | undefined,
		public parent: TreeNode,
		public depth: number,
		public id: number,
		private readonly model: ImageModel,
		/** The model's version the entry is, or -1 (no entry: a directory by implication in a layer's changes), or implicitEntry. */
		public version: number,
	) {}

	get path(): string {
		if (this.parent.depth < 0) return this.name;
		const parts = [this.name];
		for (let up: TreeNode | undefined = this.parent; up && up.depth >= 0; up = up.parent) parts.push(up.name);
		return parts.reverse().join('/');
	}

	get entry(): FileEntry | undefined {
		if (this.version === implicitEntry) return implicitDir(this.path);
		return this.version < 0 ? undefined : this.model.entryOf(this.version, this.path);
	}
}

/**
 * The changes of layer n as a tree (removed paths included, marked): what
 * treeOfChanges makes of layerChanges, built from the model's own hierarchy
 * (no Change per path, no sort, no path split or looked up: on a layer of
 * 300,000 files those cost seconds and a few hundred MB of garbage).
 * Siblings come in the order the layer touched them; views sort them.
 */
export function changesTree(model: ImageModel, n: number, options: ChangeOptions = {}): FileTree {
	const touched = model.touched(n);
	if (!touched) throw new RangeError(`no layer ${n}: the image has ${model.layerCount}`);
	const {versions, parent: parents, firstChild} = model;
	return FileTree.fromHierarchy(root => {
		// The tree nodes of the model's nodes that have children (the only ones looked up again).
		const made = new Map<number, TreeNode>([[0, root]]);
		// Without recursion: a hostile layer can hold a path thousands of directories deep.
		const parentOf = (node: number): TreeNode => {
			const missing: number[] = [];
			let p = parents[node];
			let parent = made.get(p);
			while (!parent) {
				missing.push(p);
				p = parents[p];
				parent = made.get(p);
			}
			for (let i = missing.length - 1; i >= 0; i--) {
				const m = missing[i];
				// A directory by implication (as FileTree makes one for a path's parent): no entry, no mark.
				const dir = new ModelTreeNode(model.name(m), 'dir', 0, 0, undefined, undefined, [], parent, parent.depth + 1, 0, model, -1);
				(parent.children ??= []).push(dir);
				made.set(m, dir);
				parent = dir;
			}
			return parent;
		};
		for (const node of touched) {
			const change = touchedChange(model, node, n, options);
			if (!change) continue;
			const {kind, version} = change;
			const isDir = versions.type[version] === DIR;
			const existing = made.get(node);
			if (existing) {
				// Made earlier as the parent of something under it.
				const parentNode = existing as ModelTreeNode;
				parentNode.type = versions.entryType(version);
				parentNode.change = kind;
				parentNode.version = version;
				parentNode.layer = n;
				parentNode.size = isDir ? 0 : versions.size[version];
				if (isDir) parentNode.children ??= [];
				continue;
			}
			const parent = parentOf(node);
			const tree = new ModelTreeNode(model.name(node), versions.entryType(version), isDir ? 0 : versions.size[version], 0, kind, n, isDir ? [] : undefined, parent, parent.depth + 1, 0, model, version);
			(parent.children ??= []).push(tree);
			if (firstChild[node] >= 0) made.set(node, tree);
		}
	});
}

export function treeOfChanges(changes: readonly Change[], layer?: number): FileTree {
	return new FileTree(changes.map(c => ({path: c.path, type: c.type, size: c.size, change: c.change, entry: c.entry, layer})));
}

/**
 * The whole filesystem at layer n as a tree; each path is marked with what
 * layer n did to it (added or modified by n), so the aggregate view still
 * shows the selected layer's work. Paths layer n removed are not visible at n
 * and so are not in this tree.
 */
export function filesystemTree(model: ImageModel, n: number): FileTree {
	// Walks the model's own hierarchy (what filesystemAt flattens and sorts by
	// path): on a 40,000-file layer that halves the time of the `a` key.
	const {versions, parent: parents, firstChild, nextSibling} = model;
	return FileTree.fromHierarchy(root => {
		// Depth first over the model's nodes; a node's tree node is made when it is visible, or when
		// something visible under it needs a parent (a directory by implication: nothing of its own
		// visible at layer n). Only nodes with children are looked up again.
		const dirs = new Map<number, TreeNode>([[0, root]]);
		// Without recursion: a hostile layer can hold a path thousands of directories deep.
		const treeOf = (node: number): TreeNode => {
			const missing: number[] = [];
			let p = node;
			let parent = dirs.get(p);
			while (!parent) {
				missing.push(p);
				p = parents[p];
				parent = dirs.get(p);
			}
			for (let i = missing.length - 1; i >= 0; i--) {
				const m = missing[i];
				const dir = new ModelTreeNode(model.name(m), 'dir', 0, 0, undefined, n, [], parent, parent.depth + 1, 0, model, implicitEntry);
				(parent.children ??= []).push(dir);
				dirs.set(m, dir);
				parent = dir;
			}
			return parent;
		};
		const stack: number[] = [];
		// Children pushed last first, so they come off the stack in order.
		const pushChildren = (node: number) => {
			const start = stack.length;
			for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack.push(c);
			for (let i = start, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
		};
		pushChildren(0);
		while (stack.length) {
			const node = stack.pop()!;
			const v = versionAt(model, node, n);
			if (v >= 0) {
				const parent = treeOf(parents[node]);
				const isDir = versions.type[v] === DIR;
				const tree = new ModelTreeNode(model.name(node), versions.entryType(v), isDir ? 0 : versions.size[v], 0, visibleChangeAt(model, node, n, v), versions.layer[v], isDir ? [] : undefined, parent, parent.depth + 1, 0, model, v);
				(parent.children ??= []).push(tree);
				if (firstChild[node] >= 0) dirs.set(node, tree);
			}
			pushChildren(node);
		}
	});
}

/** The entry visible at a path at layer n (for a details pane or extraction). */
export function entryAt(model: ImageModel, path: string, n: number): Version | undefined {
	const node = model.find(path);
	const v = node < 0 ? -1 : versionAt(model, node, n);
	return v < 0 ? undefined : model.version(v, path);
}

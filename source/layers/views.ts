/** Glue from the model to the tree: what the Files tab shows for a layer. */
import {type Change, type ChangeOptions, touchedChange, visibleChangeAt} from './changes.js';
import {type ImageModel, type PathNode, implicitDir, versionAt} from './model.js';
import {FileTree, type TreeNode} from './tree.js';

/**
 * The changes of layer n as a tree (removed paths included, marked): what
 * treeOfChanges makes of layerChanges, built from the model's own hierarchy
 * (no Change per path, no sort, no path split or looked up: on a layer of
 * 300,000 files those cost seconds and a few hundred MB of garbage).
 * Siblings come in the order the layer touched them; views sort them.
 */
export function changesTree(model: ImageModel, n: number, options: ChangeOptions = {}): FileTree {
	const touched = model.touched[n];
	if (!touched) throw new RangeError(`no layer ${n}: the image has ${model.layerCount}`);
	return FileTree.fromHierarchy(root => {
		const made = new Map<PathNode, TreeNode>([[model.root, root]]);
		// Without recursion: a hostile layer can hold a path thousands of directories deep.
		const parentOf = (node: PathNode): TreeNode => {
			const missing: PathNode[] = [];
			let p = node.parent!;
			let parent = made.get(p);
			while (!parent) {
				missing.push(p);
				p = p.parent!;
				parent = made.get(p);
			}
			for (let i = missing.length - 1; i >= 0; i--) {
				const m = missing[i];
				// A directory by implication (as FileTree makes one for a path's parent): no entry, no mark.
				const dir: TreeNode = {name: m.name, path: m.path, type: 'dir', size: 0, files: 0, change: undefined, entry: undefined, layer: undefined, children: [], parent, depth: parent.depth + 1, id: 0};
				(parent.children ??= []).push(dir);
				made.set(m, dir);
				parent = dir;
			}
			return parent;
		};
		for (const node of touched) {
			const change = touchedChange(node, n, options);
			if (!change) continue;
			const {kind, entry} = change;
			const isDir = entry.type === 'dir';
			const existing = made.get(node);
			if (existing) {
				// Made earlier as the parent of something under it.
				existing.type = entry.type;
				existing.change = kind;
				existing.entry = entry;
				existing.layer = n;
				existing.size = isDir ? 0 : entry.size;
				if (isDir) existing.children ??= [];
				continue;
			}
			const parent = parentOf(node);
			const tree: TreeNode = {name: node.name, path: node.path, type: entry.type, size: isDir ? 0 : entry.size, files: 0, change: kind, entry, layer: n, children: isDir ? [] : undefined, parent, depth: parent.depth + 1, id: 0};
			(parent.children ??= []).push(tree);
			made.set(node, tree);
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
	return FileTree.fromHierarchy(root => {
		// Depth first over the model's nodes; a frame's tree node is made when
		// the node is visible, or when something visible under it needs a parent
		// (a directory by implication: nothing of its own visible at layer n).
		interface Frame {
			node: PathNode;
			up: Frame | undefined;
			tree?: TreeNode;
		}
		const top: Frame = {node: model.root, up: undefined, tree: root};
		// Without recursion: a hostile layer can hold a path thousands of directories deep.
		const treeOf = (frame: Frame): TreeNode => {
			const missing: Frame[] = [];
			let f = frame;
			while (!f.tree) {
				missing.push(f);
				f = f.up!;
			}
			let parent = f.tree;
			for (let i = missing.length - 1; i >= 0; i--) {
				const {node} = missing[i];
				const dir: TreeNode = {name: node.name, path: node.path, type: 'dir', size: 0, files: 0, change: undefined, entry: implicitDir(node.path), layer: n, children: [], parent, depth: parent.depth + 1, id: 0};
				(parent.children ??= []).push(dir);
				missing[i].tree = dir;
				parent = dir;
			}
			return parent;
		};
		const stack: Frame[] = [];
		const pushChildren = (frame: Frame) => {
			const children = frame.node.children;
			if (children) for (let i = children.length - 1; i >= 0; i--) stack.push({node: children[i], up: frame});
		};
		pushChildren(top);
		while (stack.length) {
			const frame = stack.pop()!;
			const {node} = frame;
			const v = versionAt(node, n);
			if (v) {
				const parent = treeOf(frame.up!);
				const isDir = v.entry.type === 'dir';
				// All fields in one order in every literal: one shape for every node of every tree.
				frame.tree = {name: node.name, path: node.path, type: v.entry.type, size: isDir ? 0 : v.entry.size, files: 0, change: visibleChangeAt(node, n, v), entry: v.entry, layer: v.layer, children: isDir ? [] : undefined, parent, depth: parent.depth + 1, id: 0};
				(parent.children ??= []).push(frame.tree);
			}
			pushChildren(frame);
		}
	});
}

/** The entry visible at a path at layer n (for a details pane or extraction). */
export function entryAt(model: ImageModel, path: string, n: number) {
	const node = model.nodes.get(path);
	return node ? versionAt(node, n) : undefined;
}

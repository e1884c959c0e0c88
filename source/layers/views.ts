/** Glue from the model to the tree: what the Files tab shows for a layer. */
import {type Change, type ChangeOptions, layerChanges} from './changes.js';
import {type ImageModel, filesystemAt, versionAt} from './model.js';
import {FileTree} from './tree.js';

/** The changes of layer n as a tree (removed paths included, marked). */
export function changesTree(model: ImageModel, n: number, options: ChangeOptions = {}): FileTree {
	return treeOfChanges(layerChanges(model, n, options), n);
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
	const changes = new Map(layerChanges(model, n).map(c => [c.path, c.change]));
	return new FileTree(
		filesystemAt(model, n).map(v => ({
			path: v.entry.path,
			type: v.entry.type,
			size: v.entry.size,
			entry: v.entry,
			layer: v.layer,
			change: changes.get(v.entry.path),
		})),
	);
}

/** The entry visible at a path at layer n (for a details pane or extraction). */
export function entryAt(model: ImageModel, path: string, n: number) {
	const node = model.nodes.get(path);
	return node ? versionAt(node, n) : undefined;
}

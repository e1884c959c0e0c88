import type {LayerSummary} from '../../layers/changes.js';
import type {FileTree} from '../../layers/tree.js';
import {preorder} from './shape.js';

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

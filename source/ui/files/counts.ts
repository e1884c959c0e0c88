import type {FileTree, TreeChanges} from '../../layers/tree.js';

/** The tree's change marks (every node counted once, directories included), plus its totals. */
export interface ChangeCounts extends TreeChanges {
	/** Regular files and their bytes in the tree. */
	files: number;
	bytes: number;
}

export function changeCounts(tree: FileTree): ChangeCounts {
	return {...tree.changes, files: tree.root.files, bytes: tree.root.size};
}

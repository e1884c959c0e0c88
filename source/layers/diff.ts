/**
 * `imgscope diff`: two images' final filesystems compared path by path, and
 * the layers they share (by diff_id, which names the uncompressed content).
 */
import type {FileEntry} from './types.js';
import {type ImageModel} from './model.js';
import {type Change, entryDifferences} from './changes.js';

export interface SharedLayers {
	/** diff_ids present in both images, in A's order. */
	shared: string[];
	/** How many layers the two have in common from the bottom (a shared base). */
	commonPrefix: number;
}

export function sharedLayers(a: readonly string[], b: readonly string[]): SharedLayers {
	const inB = new Set(b);
	const seen = new Set<string>();
	const shared = a.filter(d => inB.has(d) && !seen.has(d) && (seen.add(d), true));
	let commonPrefix = 0;
	while (commonPrefix < a.length && commonPrefix < b.length && a[commonPrefix] === b[commonPrefix]) commonPrefix++;
	return {shared, commonPrefix};
}

export interface FilesystemDiff {
	added: Change[];
	modified: Change[];
	removed: Change[];
	layers: SharedLayers;
}

function finalEntries(model: ImageModel): Map<string, FileEntry> {
	const out = new Map<string, FileEntry>();
	for (let node = 1; node < model.nodeCount; node++) {
		const v = model.current[node];
		if (v >= 0) {
			const path = model.pathOf(node);
			out.set(path, model.entryOf(v, path));
		}
	}
	return out;
}

const byPath = (x: Change, y: Change) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);

/**
 * What changes from A's final filesystem to B's. Implicit directories (no tar
 * entry of their own) are not compared: they have no metadata.
 */
export function diffFilesystems(
	a: {model: ImageModel; diffIds: readonly string[]},
	b: {model: ImageModel; diffIds: readonly string[]},
): FilesystemDiff {
	const fa = finalEntries(a.model);
	const fb = finalEntries(b.model);
	const added: Change[] = [];
	const modified: Change[] = [];
	const removed: Change[] = [];
	for (const [path, eb] of fb) {
		const ea = fa.get(path);
		if (!ea) {
			added.push({path, change: 'added', type: eb.type, size: eb.size, entry: eb});
			continue;
		}
		const what = entryDifferences(ea, eb);
		if (what.length) modified.push({path, change: 'modified', type: eb.type, size: eb.size, entry: eb, before: ea, what});
	}
	for (const [path, ea] of fa) if (!fb.has(path)) removed.push({path, change: 'removed', type: ea.type, size: ea.size, entry: ea});
	return {added: added.sort(byPath), modified: modified.sort(byPath), removed: removed.sort(byPath), layers: sharedLayers(a.diffIds, b.diffIds)};
}

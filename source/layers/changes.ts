/**
 * What one layer changed against the layers below it. Only the nodes the
 * layer touched are looked at, so this is cheap for any layer of any image.
 */
import type {EntryType, FileEntry} from './types.js';
import {type ImageModel, versionAt} from './model.js';
import {DIR} from './versions.js';

export type ChangeKind = 'added' | 'modified' | 'removed';

export interface Change {
	path: string;
	change: ChangeKind | 'unchanged';
	type: EntryType;
	/** added/modified: the new entry's size; removed: the size that was removed. */
	size: number;
	entry: FileEntry;
	/** For modified and removed: what was there before. */
	before?: FileEntry;
	/** For modified: which of content, mode, owner, type, link changed. */
	what?: Array<'content' | 'mode' | 'owner' | 'type' | 'link'>;
}

export interface ChangeOptions {
	/**
	 * Also list what the layer stored again without changing anything (an
	 * identical rewrite) as `unchanged`. The issue's definition of "modified"
	 * leaves them out, but they explain where a layer's bytes went. Directories
	 * are never listed so: every layer repeats its files' parents.
	 */
	includeUnchanged?: boolean;
}

/** How two entries differ; empty when they are the same for the user. */
export function entryDifferences(a: FileEntry, b: FileEntry): NonNullable<Change['what']> {
	const what: NonNullable<Change['what']> = [];
	if (a.type !== b.type) what.push('type');
	else if (a.type === 'file' || a.type === 'hardlink') {
		if (a.digest !== b.digest || a.size !== b.size) what.push('content');
	}
	if (a.mode !== b.mode) what.push('mode');
	if (a.uid !== b.uid || a.gid !== b.gid) what.push('owner');
	if (a.type === b.type && (a.type === 'symlink' || a.type === 'hardlink') && a.linkTarget !== b.linkTarget) what.push('link');
	return what;
}

function compare(path: string, before: FileEntry | undefined, after: FileEntry | undefined, storedAgain: boolean, options: ChangeOptions): Change | undefined {
	if (!before && after) return {path, change: 'added', type: after.type, size: after.size, entry: after};
	if (before && !after) return {path, change: 'removed', type: before.type, size: before.size, entry: before};
	if (!before || !after) return undefined;
	const what = entryDifferences(before, after);
	if (what.length) return {path, change: 'modified', type: after.type, size: after.size, entry: after, before, what};
	if (storedAgain && options.includeUnchanged && after.type !== 'dir') return {path, change: 'unchanged', type: after.type, size: after.size, entry: after, before};
	return undefined;
}

/** The changes of layer n (0-based), sorted by path. */
export function layerChanges(model: ImageModel, n: number, options: ChangeOptions = {}): Change[] {
	const touched = model.touched(n);
	if (!touched) throw new RangeError(`no layer ${n}: the image has ${model.layerCount}`);
	const out: Change[] = [];
	for (const node of touched) {
		const change = nodeChange(model, node, n, options);
		if (change) out.push(change);
	}
	return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What layer n did to a node it left visible: added, modified, or nothing a user would call a change. */
export function visibleChangeAt(model: ImageModel, node: number, n: number, after = versionAt(model, node, n)): 'added' | 'modified' | undefined {
	if (after < 0 || model.versions.layer[after] !== n) return undefined;
	const before = n > 0 ? versionAt(model, node, n - 1) : -1;
	if (before < 0) return 'added';
	return model.versions.differences(before, after).length ? 'modified' : undefined;
}

/** What layer n did to a node it touched, and the version that stands for it (the new one, or for a removal the old): nodeChange without the Change. */
export function touchedChange(model: ImageModel, node: number, n: number, options: ChangeOptions): {kind: Change['change']; version: number} | undefined {
	const before = n > 0 ? versionAt(model, node, n - 1) : -1;
	const after = versionAt(model, node, n);
	if (before === after) return undefined;
	if (before < 0) return {kind: 'added', version: after};
	if (after < 0) return {kind: 'removed', version: before};
	if (model.versions.differences(before, after).length) return {kind: 'modified', version: after};
	if (model.versions.layer[after] === n && options.includeUnchanged && model.versions.type[after] !== DIR) return {kind: 'unchanged', version: after};
	return undefined;
}

function nodeChange(model: ImageModel, node: number, n: number, options: ChangeOptions): Change | undefined {
	const before = n > 0 ? versionAt(model, node, n - 1) : -1;
	const after = versionAt(model, node, n);
	if (before === after) return undefined;
	const path = model.pathOf(node);
	// A version from this layer means the layer stored the path again, even if nothing differs.
	const storedAgain = after >= 0 && model.versions.layer[after] === n;
	return compare(path, before < 0 ? undefined : model.entryOf(before, path), after < 0 ? undefined : model.entryOf(after, path), storedAgain, options);
}

export interface LayerSummary {
	added: number;
	modified: number;
	removed: number;
	addedBytes: number;
	modifiedBytes: number;
	removedBytes: number;
}

export function summariseChanges(changes: readonly Change[]): LayerSummary {
	const s: LayerSummary = {added: 0, modified: 0, removed: 0, addedBytes: 0, modifiedBytes: 0, removedBytes: 0};
	for (const c of changes) {
		if (c.change === 'added') (s.added++, (s.addedBytes += c.size));
		else if (c.change === 'modified') (s.modified++, (s.modifiedBytes += c.size));
		else if (c.change === 'removed') (s.removed++, (s.removedBytes += c.size));
	}
	return s;
}

/**
 * Wasted space, as the issue defines it so users can check the numbers:
 * - storedBytes: bytes of regular files in all layers (a hard link stores 0, as in tar);
 * - wastedBytes: of those, the bytes not visible in the final filesystem:
 *   overwritten (even by identical content, even within one layer), removed by
 *   a whiteout, hidden by an opaque directory, or under a path replaced by a
 *   non-directory. Every stored copy but the visible one counts once, so the
 *   kept copy is never counted (dive counts it too: a reported bug);
 * - efficiency: 1 - wasted/stored (1 when nothing is stored);
 * - userWastedPercent: wastedBytes / bytes stored in all layers but the first,
 *   as a ratio (0.1 is 10%, dive's convention); 0 when those layers store nothing.
 */
import type {HiddenBy, ImageModel} from './model.js';
import {FILE} from './versions.js';

export interface WastedPath {
	path: string;
	bytes: number;
	/** Layer that stored these bytes. */
	addedIn: number;
	/** Layer from which they are no longer visible. */
	hiddenIn: number;
	hiddenBy: HiddenBy;
}

export interface WasteReport {
	storedBytes: number;
	wastedBytes: number;
	/** Bytes stored in layers 1..n-1. */
	userStoredBytes: number;
	efficiency: number;
	userWastedPercent: number;
	/** Per layer: regular-file bytes it stores, and how many of them end up wasted. */
	perLayer: Array<{storedBytes: number; wastedBytes: number}>;
	/** The biggest wasted copies, biggest first (ties by path, then layer). */
	wasted: WastedPath[];
	/** How many wasted copies there are in all (the list is capped). */
	wastedCount: number;
}

export function wasteReport(model: ImageModel, options: {limit?: number} = {}): WasteReport {
	const limit = options.limit ?? 100;
	const perLayer = Array.from({length: model.layerCount}, () => ({storedBytes: 0, wastedBytes: 0}));
	let stored = 0;
	let wasted = 0;
	let wastedCount = 0;
	const all: WastedPath[] = [];
	const t = model.versions;
	for (let node = 1; node < model.nodeCount; node++) {
		for (let v = model.firstVersion[node]; v >= 0; v = t.next[v]) {
			if (t.type[v] !== FILE) continue;
			const size = t.size[v];
			const layer = t.layer[v];
			stored += size;
			perLayer[layer].storedBytes += size;
			const hiddenIn = t.hiddenAt[v];
			if (hiddenIn < 0) continue;
			wasted += size;
			wastedCount++;
			perLayer[layer].wastedBytes += size;
			all.push({path: model.pathOf(node), bytes: size, addedIn: layer, hiddenIn, hiddenBy: t.hiddenByOf(v) ?? 'overwritten'});
		}
	}
	all.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.addedIn - b.addedIn));
	const userStored = stored - (perLayer[0]?.storedBytes ?? 0);
	return {
		storedBytes: stored,
		wastedBytes: wasted,
		userStoredBytes: userStored,
		efficiency: stored === 0 ? 1 : 1 - wasted / stored,
		userWastedPercent: userStored === 0 ? 0 : wasted / userStored,
		perLayer,
		wasted: all.slice(0, limit),
		wastedCount,
	};
}

/**
 * The Layers tab's `w` key: a menu of the other local images holding the
 * selected layer (by chain ID, as source/layers/sharing.ts counts them), and
 * picking one opens it on its Layers tab. Pure: made from the image list and
 * the inspect documents the list already read (state.format.docs), as the
 * SHARED column is; until every document is read it says so instead.
 */
import {computeSharing, type SharingImage} from '../layers/sharing.js';
import {diffIdsOfDoc, imageLabel} from './layer-holders.js';
import type {MenuItem, Msg, State} from './model.js';

/** The other images holding layer `index` of the open image, as ids and names; undefined while not known. */
export function holdersOfLayer(state: State, index: number): {id: string; ref: string; label: string}[] | undefined {
	const open = state.image;
	const openDiffIds = open?.detail?.inspect.value.RootFS?.Layers;
	if (!open || !openDiffIds) return undefined;
	const inputs: SharingImage[] = [{id: open.id, diffIds: openDiffIds}];
	for (const image of state.data.images) {
		if (image.Id === open.id) continue;
		const raw = state.format.docs[image.Id];
		if (raw === undefined) return undefined;
		inputs.push({id: image.Id, diffIds: diffIdsOfDoc(raw)});
	}
	const layer = computeSharing(inputs).images.get(open.id)?.layers[index];
	if (!layer) return [];
	const byId = new Map(state.data.images.map((image) => [image.Id, image]));
	return layer.others.map((id) => {
		const image = byId.get(id)!;
		const label = imageLabel(image);
		// The ref the list would open it by: its first tag, else its ID.
		const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
		return {id, ref: tag ?? id, label};
	});
}

/** What opening another image from the menu does: the Layers tab of that image, as Enter on its row would. */
export function openImageMsg(id: string, ref: string): Msg {
	return {type: 'openImageAt', id, ref};
}

export function openImageAt(state: State, id: string, ref: string): State {
	return {...state, view: 'image', image: {ref, id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}, selectWhenSeen: {id}};
}

/** `w` on the Layers tab: the menu, or a notice saying why there is none. */
export function holdersMenu(state: State, step: (state: State, msg: Msg) => State): State {
	const screen = state.image;
	if (state.view !== 'image' || !screen || screen.tab !== 'layers') return step(state, {type: 'notice', text: 'Open an image: on its Layers tab, w lists the other images holding the selected layer', level: 'error'});
	const row = screen.detail?.pairing.layers[screen.cursor.layers];
	if (!row) return state;
	const holders = holdersOfLayer(state, row.index);
	if (holders === undefined) return step(state, {type: 'notice', text: 'Still reading the other images; w lists them once they are read', level: 'info'});
	if (holders.length === 0) return step(state, {type: 'notice', text: `No other local image holds layer ${row.index}`, level: 'info'});
	const items: MenuItem[] = holders.map((holder) => ({label: holder.label, pick: openImageMsg(holder.id, holder.ref)}));
	return step(state, {type: 'openOverlay', overlay: {kind: 'menu', menu: {title: `Layer ${row.index} is also in ${holders.length} other image${holders.length === 1 ? '' : 's'}: open one`, items}}});
}

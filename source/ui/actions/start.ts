/**
 * What a key that starts an action opens, given what is selected: the
 * reducer asks here, so the overlays are built from the state alone.
 */
import type {Overlay} from '../overlays/index.js';
import type {State} from '../state.js';
import {tagForm} from './tag.js';

export type StartableAction = 'tag';

type NewOverlay = Overlay extends infer O ? (O extends Overlay ? Omit<O, 'id'> : never) : never;

/** The image the action applies to: the selected row in Images, or the open image. */
export function selectedImage(state: State): {ref: string; id: string} | undefined {
	if (state.view === 'image' && state.image) return {ref: state.image.ref, id: state.image.id};
	if (state.view !== 'images') return undefined;
	const row = state.visible[state.cursor];
	return row ? {ref: row.ref, id: row.id} : undefined;
}

export function startOverlay(state: State, action: StartableAction): NewOverlay | undefined {
	switch (action) {
		case 'tag': {
			const image = selectedImage(state);
			return image ? tagForm(image.ref, image.id) : undefined;
		}
	}
}

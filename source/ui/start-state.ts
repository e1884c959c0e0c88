/**
 * The explorer's first state with the config's default sort of the image
 * list (config/schema.ts names the sorts; the Images spec orders them).
 */
import type {SortKey} from '../config/schema.js';
import {initialList} from './lists/list-state.js';
import {initialState} from './state.js';
import type {State} from './model.js';

const imageSortOrder: readonly SortKey[] = ['created', 'size', 'name'];

export function startState(width: number, height: number, sort: SortKey = 'created'): State {
	const state = initialState(width, height);
	return {...state, lists: {...state.lists, images: initialList(Math.max(0, imageSortOrder.indexOf(sort)))}};
}

/** Reading a list out of the state, typed by its spec (no reducer here: actions and views import this freely). */
import type {State} from '../model.js';
import {selectedRow, type ListState} from './list-state.js';
import type {ListSpec} from './spec.js';

/** One list's state, typed by its spec. */
export function listOf<Row>(state: State, spec: ListSpec<Row>): ListState<Row> {
	return state.lists[spec.id] as ListState<Row>;
}

/** The row selected in a list. */
export function selectedOf<Row>(state: State, spec: ListSpec<Row>): Row | undefined {
	return selectedRow(listOf(state, spec));
}

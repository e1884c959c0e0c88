/**
 * A menu as a pure value: the `x` menu of a row's actions, the sort menu
 * (`o`). Drawn by components/MenuView.tsx's MenuChoices, which moves
 * through it (↑↓ j k), picks with Enter and picks at once with a digit; the
 * reducer takes the rest: an item's own key picks it, Esc (or any other
 * key) closes it with nothing done. An item the source cannot do is shown
 * greyed with the reason, and picking it says the reason.
 */
import type {MenuItem, MenuState, Msg} from '../model.js';

/** Keys MenuChoices takes while a menu is open: the reducer leaves them to it. */
const selectKeys = new Set(['up', 'down', 'j', 'k', 'enter', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export type MenuOutcome = {kind: 'pick'; item: MenuItem} | {kind: 'cancel'} | {kind: 'ignored'};

export function menuKey(state: MenuState, key: string): MenuOutcome {
	if (selectKeys.has(key)) return {kind: 'ignored'};
	const item = state.items.find((candidate) => candidate.key === key);
	return item ? {kind: 'pick', item} : {kind: 'cancel'};
}

/** What picking an item means: its message, or the reason it cannot be done. */
export function picked(item: MenuItem): Msg {
	return item.disabled ? {type: 'notice', text: `${item.label}: ${item.disabled}`, level: 'error'} : item.pick;
}

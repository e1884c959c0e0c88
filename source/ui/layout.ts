/**
 * Where the lines go, and so how many rows a key like PgDn moves: the one
 * place that counts the screen's lines. App draws by `layout`; the
 * reducers page by the functions below; a mouse click finds its row by
 * `listTop` (source/ui/mouse.ts).
 */
import type {State} from './model.js';
import {isList} from './lists/registry.js';

/** Which of the optional lines App draws, and the body's height under them. */
export interface Layout {
	filter: boolean;
	banner: boolean;
	notice: boolean;
	body: number;
}

/**
 * The title and the footer always show; then, while there is room, the
 * filter line, the engine banner and the notice; the body gets what is left
 * (none in a 20x4 terminal, where the title used to be pushed off).
 */
export function layout(state: State): Layout {
	// Ink redraws everything when a frame fills the terminal: the frame stays one line short.
	let room = Math.max(3, state.height - 1) - 2;
	const take = (wanted: boolean) => (wanted && room > 0 ? (room--, true) : false);
	const list = isList(state.view) ? state.lists[state.view] : undefined;
	const filter = take(Boolean(list && (list.filterEditing || list.filter)) && !state.help && !state.overlay);
	const banner = take(Boolean(state.banner));
	const notice = take(Boolean(state.notice));
	return {filter, banner, notice, body: room};
}

/** The line of the screen (0-based) the list's header is on: the title, the banner, then the filter line. */
export function listHeaderLine(state: State): number {
	const shown = layout(state);
	return 1 + (shown.banner ? 1 : 0) + (shown.filter ? 1 : 0);
}

/** The rows a list shows at once (its header takes a line when there are two or more). */
export function listPage(state: State): number {
	const body = layout(state).body;
	return Math.max(1, body >= 2 ? body - 1 : body);
}

/** An image tab's page (Layers, History, Inspect): the tab bar and the detail lines take the rest. */
export function tabPage(state: State): number {
	return Math.max(1, state.height - 6);
}

/** A scrolling overlay's page (a task's log). */
export function overlayPage(state: State): number {
	return Math.max(1, state.height - 8);
}

/** The format box's result: title, tab bar, input, status and footer lines around it. */
export function formatPage(state: State): number {
	return Math.max(1, state.height - 7);
}

/** The Files tab's tree. */
export function treeHeight(height: number): number {
	return Math.max(1, height - 7);
}

/**
 * Key handling as a pure function of the state, run inside the reducer: keys
 * that arrive together ("/app" pasted, "jjj" held) each see the state the
 * previous one left, never a stale copy.
 */
import {actionFor} from './keymap.js';
import type {Action, Context, KeyPress} from './key-names.js';
import {overlayContext, overlayKey} from './overlays/index.js';
import type {Msg, State} from './model.js';
import {overlayPage} from './layout.js';
import {filesMessageFor, filesTyping} from './files/keys.js';
import {filesContext} from './files/reducer.js';
import {specs} from './lists/registry.js';
import type {ListAction} from './lists/spec.js';


export function contextOf(state: State): Context {
	if (state.help) return 'help';
	if (state.overlay) return overlayContext(state.overlay);
	if (state.view === 'image' && state.image) return state.image.tab === 'files' ? filesContext(state.image) : state.image.tab;
	if (state.view === 'container') return 'container';
	const list = state.view === 'image' ? 'images' : state.view;
	return state.lists[list].filterEditing ? 'filter' : list;
}

/** The filter being typed into: the shown list's. */
function filterText(state: State): string {
	return state.view === 'image' || state.view === 'container' ? '' : state.lists[state.view].filter;
}

const actionMessages: Partial<Record<Action, Msg>> = {
	quit: {type: 'quit'},
	forceQuit: {type: 'quit'},
	up: {type: 'move', to: 'up'},
	down: {type: 'move', to: 'down'},
	pageUp: {type: 'move', to: 'pageUp'},
	pageDown: {type: 'move', to: 'pageDown'},
	top: {type: 'move', to: 'top'},
	bottom: {type: 'move', to: 'bottom'},
	open: {type: 'open'},
	back: {type: 'back'},
	help: {type: 'help'},
	sort: {type: 'sort'},
	filter: {type: 'filterStart'},
	nextTab: {type: 'tab', delta: 1},
	prevTab: {type: 'tab', delta: -1},
	filterAccept: {type: 'filterAccept'},
	filterClear: {type: 'filterClear'},
	formatFilterClear: {type: 'format', msg: {kind: 'clearFilter'}},
	pick: {type: 'format', msg: {kind: 'pick'}},
	menu: {type: 'menu'},
	mouse: {type: 'mouseCapture'},
	sortMenu: {type: 'sortMenu'},
	// The keys that show a list, and each list's own actions, come from the specs.
	...Object.fromEntries(specs.map((spec) => [spec.show.action, {type: 'view', view: spec.id}])),
	...Object.fromEntries(specs.flatMap((spec) => spec.actions.map((action: ListAction) => [action.action, {type: 'act', action: action.action}]))),
};

export function messageFor(action: Action): Msg | undefined {
	return actionMessages[action] ?? filesMessageFor(action);
}

/** Whether printable text typed now goes into a line (the filter, a form's text field). */
function takesText(state: State): boolean {
	if (state.help) return false;
	const overlay = state.overlay;
	if (overlay) return (overlay.kind === 'form' && overlay.form.fields[overlay.form.focus]?.kind === 'text') || overlay.kind === 'format';
	const context = contextOf(state);
	return context === 'filter' || context === 'filesSearch';
}

/** The messages one key press means in `state`; `step` applies each so the next sees its effect. */
export function handleKey(state: State, press: KeyPress, step: (state: State, msg: Msg) => State): State {
	const plainChunk = press.name === press.input && press.input.length > 1 && !press.ctrl && !press.meta;
	if (!plainChunk) return single(state, press, step);
	// A chunk (a paste, keys typed ahead of a slow frame): text runs stay
	// whole where a line takes text; everything else is one key at a time.
	let current = state;
	const runs = press.input.match(/[^\x00-\x1f\x7f]+|[\x00-\x1f\x7f]/g) ?? [];
	for (const run of runs) {
		if (run.length > 1 && takesText(current)) {
			current = single(current, {name: run, input: run}, step);
			continue;
		}
		for (const ch of run) current = single(current, {name: charName(ch), input: ch}, step);
	}
	return current;
}

function single(state: State, press: KeyPress, step: (state: State, msg: Msg) => State): State {
	const context = contextOf(state);
	const action = actionFor(context, press.name);
	if (action === 'forceQuit') return step(state, {type: 'quit'});
	const text = press.ctrl || press.meta ? '' : press.input.replace(/[\x00-\x1f\x7f]/g, '');
	if (state.overlay && !state.help) {
		const result = overlayKey(state.overlay, {name: press.name, text: text || undefined, page: overlayPage(state), askStop: state.confirm?.stopTask});
		if (!result.handled) return state;
		let next: State = {...state, overlay: result.overlay};
		// An overlay that needs more than itself (the format box reads the state's documents) asks the reducer.
		if (result.msg) next = step(next, result.msg);
		return result.effect ? step(next, {type: 'effect', effect: result.effect}) : next;
	}
	if (action && action !== 'lineEdit') {
		const msg = messageFor(action);
		return msg ? step(state, msg) : state;
	}
	if (context !== 'filter') {
		const typed = filesTyping(context, press.name, text);
		return typed ? step(state, typed) : state;
	}
	if (press.name === 'backspace') return step(state, {type: 'filterInput', text: filterText(state).slice(0, -1)});
	if (press.name === 'ctrl+u') return step(state, {type: 'filterInput', text: ''});
	if (press.name === 'ctrl+w') return step(state, {type: 'filterInput', text: filterText(state).replace(/\S*\s*$/, '')});
	return text ? step(state, {type: 'filterInput', text: filterText(state) + text}) : state;
}

/** The key name of one character of a chunk (Ink names only whole chunks). */
function charName(ch: string): string {
	switch (ch) {
		case '\r':
		case '\n':
			return 'enter';
		case '\t':
			return 'tab';
		case '\x7f':
		case '\b':
			return 'backspace';
		case '\x1b':
			return 'escape';
		default: {
			// Ctrl+letter as one byte (Ctrl+C, Ctrl+U, or whichever the config binds), as keyName names it.
			const code = ch.charCodeAt(0);
			return code >= 1 && code <= 26 ? `ctrl+${String.fromCharCode(code + 96)}` : ch;
		}
	}
}

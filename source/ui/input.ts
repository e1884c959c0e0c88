/**
 * Key handling as a pure function of the state, run inside the reducer: keys
 * that arrive together ("/app" pasted, "jjj" held) each see the state the
 * previous one left, never a stale copy.
 */
import {actionFor, type Action, type Context} from './keymap.js';
import type {Msg, State} from './state.js';

export interface KeyPress {
	/** keyName() of the whole chunk. */
	name: string;
	input: string;
	ctrl?: boolean;
	meta?: boolean;
}

export function contextOf(state: State): Context {
	if (state.help) return 'help';
	if (state.filterEditing) return 'filter';
	if (state.view === 'image' && state.image) return state.image.tab;
	return state.view === 'containers' ? 'containers' : 'images';
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
	showImages: {type: 'view', view: 'images'},
	showContainers: {type: 'view', view: 'containers'},
	nextTab: {type: 'tab', delta: 1},
	prevTab: {type: 'tab', delta: -1},
	filterAccept: {type: 'filterAccept'},
	filterClear: {type: 'filterClear'},
};

export function messageFor(action: Action): Msg | undefined {
	return actionMessages[action];
}

/** The messages one key press means in `state`; `step` applies each so the next sees its effect. */
export function handleKey(state: State, press: KeyPress, step: (state: State, msg: Msg) => State): State {
	const plainChunk = press.name === press.input && press.input.length > 1 && !press.ctrl && !press.meta;
	if (plainChunk) {
		// Split into characters, except that text typed into the filter stays whole.
		let current = state;
		for (let i = 0; i < press.input.length; i++) {
			if (contextOf(current) === 'filter') {
				const rest = press.input.slice(i);
				const stop = rest.search(/[\r\n]/);
				const text = (stop >= 0 ? rest.slice(0, stop) : rest).replace(/[\x00-\x1f\x7f]/g, '');
				if (text) current = step(current, {type: 'filterInput', text: current.filter + text});
				if (stop < 0) break;
				i += stop;
				current = step(current, {type: 'filterAccept'});
				continue;
			}
			current = single(current, {name: charName(press.input[i]), input: press.input[i]}, step);
		}
		return current;
	}
	return single(state, press, step);
}

function single(state: State, press: KeyPress, step: (state: State, msg: Msg) => State): State {
	const context = contextOf(state);
	const action = actionFor(context, press.name);
	if (action) {
		const msg = messageFor(action);
		return msg ? step(state, msg) : state;
	}
	if (context !== 'filter') return state;
	if (press.name === 'backspace') return step(state, {type: 'filterInput', text: state.filter.slice(0, -1)});
	if (press.name === 'ctrl+u') return step(state, {type: 'filterInput', text: ''});
	const text = press.ctrl || press.meta ? '' : press.input.replace(/[\x00-\x1f\x7f]/g, '');
	return text ? step(state, {type: 'filterInput', text: state.filter + text}) : state;
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
		case '\x03':
			return 'ctrl+c';
		case '\x15':
			return 'ctrl+u';
		default:
			return ch;
	}
}

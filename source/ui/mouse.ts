/**
 * The mouse, as xterm's SGR protocol reports it (what tmux and every modern
 * terminal speak): `ESC [ < B ; X ; Y M` for a press, `m` for a release,
 * 1-based columns and rows; B is the button (0 left, 64/65 wheel up/down,
 * +4/+8/+16 for shift, meta, ctrl; +32 while dragging). Pure: the sequences
 * are taken off the input before Ink parses it (mouse-input.ts), and each
 * event becomes the messages it means where it lands, from the same
 * layout the App draws (layout.ts): the wheel scrolls the list (or moves
 * through whatever is under it), a click selects a row and a second one
 * on the selected row opens it, a click on a tab switches to it, a click on
 * a footer label presses its key.
 */
import {contextOf} from './input.js';
import {footerItems, unavailable} from './keymap.js';
import {layout, listHeaderLine} from './layout.js';
import {can} from './lists/capability.js';
import {isList} from './lists/registry.js';
import type {Msg, State, Tab, MouseEvent} from './model.js';


/** Turning mouse reports on (buttons, SGR encoding) and off. */
export const mouseOn = '\x1b[?1000h\x1b[?1006h';
export const mouseOff = '\x1b[?1006l\x1b[?1000l';

const sgr = /\x1b\[<(\d+);(\d+);(\d+)([Mm])/g;

/** The mouse reports in `text`, and the text without them; `pending`: an unfinished report at its end, to put before the next chunk. */
export function takeMouse(text: string): {events: MouseEvent[]; rest: string; pending: string} {
	const events: MouseEvent[] = [];
	let rest = text.replace(sgr, (_all, button: string, x: string, y: string, kind: string) => {
		events.push({button: Number(button), x: Number(x) - 1, y: Number(y) - 1, release: kind === 'm'});
		return '';
	});
	const partial = /\x1b\[<[\d;]*$/.exec(rest);
	const pending = partial ? partial[0] : '';
	if (partial) rest = rest.slice(0, partial.index);
	return {events, rest, pending};
}

const tabTitles: Record<Tab, string> = {layers: 'Layers', history: 'History', inspect: 'Inspect', files: 'Files'};
const wheelStep = 3;

/** What a mouse event means in `state`: the messages to apply, in order. */
export function mouseMessages(state: State, event: MouseEvent): Msg[] {
	const button = event.button & ~(4 | 8 | 16);
	if (button === 64 || button === 65) return wheel(state, button === 64 ? -1 : 1);
	// Left button presses only (not releases, drags or other buttons).
	if (button !== 0 || event.release) return [];
	const frameHeight = Math.max(3, state.height - 1);
	if (event.y === frameHeight - 1) return footerClick(state, event.x);
	if (state.help || state.overlay) return [];
	if (isList(state.view)) {
		const header = listHeaderLine(state);
		const list = state.lists[state.view];
		const line = event.y - header - 1;
		const rows = layout(state).body - 1;
		if (line < 0 || line >= rows) return [];
		const index = list.top + line;
		if (index >= list.visible.length) return [];
		// A second click on the selected row opens it.
		return index === list.cursor ? [{type: 'open'}] : [{type: 'list', msg: {type: 'selectIndex', index}}];
	}
	if (state.view === 'image' && state.image && event.y === 1 + (layout(state).banner ? 1 : 0)) {
		let x = 0;
		for (const tab of Object.keys(tabTitles) as Tab[]) {
			const width = tabTitles[tab].length + 2;
			if (event.x >= x && event.x < x + width) return tab === state.image.tab ? [] : [{type: 'tabTo', tab}];
			x += width + 1;
		}
	}
	return [];
}

function wheel(state: State, direction: -1 | 1): Msg[] {
	if (isList(state.view) && !state.help && !state.overlay) return [{type: 'list', msg: {type: 'scroll', by: direction * wheelStep}}];
	const name = direction < 0 ? 'up' : 'down';
	return Array.from({length: wheelStep}, () => ({type: 'key', press: {name, input: ''}}) as Msg);
}

function footerClick(state: State, x: number): Msg[] {
	const hidden = unavailable((need) => can(state, need));
	let start = 0;
	for (const item of footerItems(contextOf(state), state.width, hidden)) {
		const width = [...item.label].length;
		if (x >= start && x < start + width) return [{type: 'key', press: {name: item.key, input: item.key.length === 1 ? item.key : ''}}];
		start += width + 2;
	}
	return [];
}

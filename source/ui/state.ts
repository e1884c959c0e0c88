/**
 * The explorer's state and its reducer. All input goes through `dispatch`,
 * so keys that arrive in one chunk never read stale state.
 */
import {handleKey} from './input.js';
import type {Action} from './key-names.js';
import {helpLineCount, keyHint, keysOf} from './keymap.js';
import {picked} from './overlays/menu.js';
import {type MenuItem, type Effect, type EffectBody, type Overlay, tabs, type ImageScreen, type Msg, type State} from './model.js';
import {mouseMessages} from './mouse.js';
import {visible} from '../text/sanitize.js';
import {overlayFailed} from './overlays/index.js';
import {containerSubject, immediateAction, startAction} from './actions/start.js';
import type {ImageRow} from './rows.js';
import {layout, listPage, tabPage, type Layout} from './layout.js';
import {missing} from './lists/capability.js';
import {emptyFeeds, type Feeds} from './lists/feeds.js';
import {imagesSpec} from './lists/images.js';
import {containersSpec} from './lists/containers.js';
import {initialList, moved, reduceList, selectedRow, type ListMsg, type ListState} from './lists/list-state.js';
import {isList, specOf, specs} from './lists/registry.js';
import type {ListAction} from './lists/spec.js';
import type {ListId} from './lists/names.js';
import {listOf, selectedOf} from './lists/select.js';
import {reduceFiles} from './files/reducer.js';
import {filteredInspectLength, initialFormat, reduceFormat} from './format/reduce.js';
import {openImageAt} from './holders-menu.js';

export function initialState(width = 80, height = 24): State {
	const lists = Object.fromEntries(specs.map((spec) => [spec.id, initialList()])) as Record<ListId, ListState<unknown>>;
	return {view: 'images', data: emptyFeeds(), loaded: false, lists, layerCounts: {}, help: false, height, width, quit: false, effects: [], nextId: 1, format: initialFormat()};
}

export {layout, type Layout};

/** Rows an image tab pages by (source/ui/layout.ts counts every page). */
export const pageSize = tabPage;

/** The list on screen, if a list is. */
export function shownList(state: State): ListId | undefined {
	return isList(state.view) ? state.view : undefined;
}

export {listOf, selectedOf};

/** Applies a list message to one list, with its spec's rules and the page the screen gives it. */
export function withList(state: State, id: ListId, msg: ListMsg<unknown>): State {
	const list = reduceList(state.lists[id], msg, specOf(id), listPage({...state, view: id}));
	return list === state.lists[id] ? state : {...state, lists: {...state.lists, [id]: list}};
}

/** New data: each list whose feeds changed gets its rows made again (the same answer again re-sorts nothing). */
function withData(state: State, data: Partial<Feeds>): State {
	const merged: Feeds = {...state.data, ...data};
	let next: State = {...state, data: merged};
	for (const spec of specs) {
		const changed = spec.feeds.some((feed) => merged[feed] !== state.data[feed]);
		if (changed || !state.lists[spec.id].loaded) next = withList(next, spec.id, {type: 'rows', rows: spec.rows(merged)});
	}
	return withSeen(next);
}

/** A new tag, a built or committed image: selected as soon as the Images list has it, even when the filter would hide it. */
function withSeen(state: State): State {
	const wanted = state.selectWhenSeen;
	if (!wanted) return state;
	const matches = (row: ImageRow) => (wanted.ref ? row.ref === wanted.ref : row.id === wanted.id);
	const list = listOf(state, imagesSpec);
	const row = list.sorted.find(matches);
	if (!row) return state;
	let next = state;
	if (!list.visible.includes(row)) next = withList(next, 'images', {type: 'filterClear'});
	return {...withList(next, 'images', {type: 'select', key: row.key}), selectWhenSeen: undefined};
}

/** Runs a list action (a key, a menu choice, a click on its footer label): refused with the reason when the source cannot do it. */
function act(state: State, action: Action): State {
	const found = actionOf(state, action);
	if (!found) return state;
	const reason = missing(state, found.needs);
	if (reason) return {...state, notice: {text: `${action}: ${reason}`, level: 'error'}};
	return found.run(state, reduce);
}

/** `x`: every action of the list's spec on the selected row, each with its key as bound now; greyed with the reason where the source cannot. */
function openMenu(state: State): State {
	const list = shownList(state);
	if (!list) return state;
	const spec = specOf(list);
	const row = selectedRow(state.lists[list]);
	const actions: ListAction[] = [...(spec.open && row ? [spec.open] : []), ...spec.actions.filter((action: ListAction) => action.menu !== false)];
	const items: MenuItem[] = actions.map((action) => ({key: keysOf(list, action.action)[0], label: action.description, disabled: missing(state, action.needs), pick: {type: 'act', action: action.action}}));
	const title = row ? `${spec.title}: ${visible(spec.name(row))}` : spec.title;
	return reduce(state, {type: 'openOverlay', overlay: {kind: 'menu', menu: {title, items}}});
}

/** The list action `action` where the state is: the shown list's, or one valid on the open image's tabs. */
export function actionOf(state: State, action: Action): ListAction | undefined {
	const list = shownList(state);
	if (list) {
		const spec = specOf(list);
		return spec.open?.action === action ? spec.open : spec.actions.find((candidate: ListAction) => candidate.action === action);
	}
	if (state.view === 'container') return containersSpec.actions.find((candidate: ListAction) => candidate.action === action && candidate.alsoIn?.includes('container'));
	if (state.view === 'image' && state.image) {
		const tab = state.image.tab;
		for (const spec of specs) {
			const found = spec.actions.find((candidate: ListAction) => candidate.action === action && candidate.alsoIn?.includes(tab));
			if (found) return found;
		}
	}
	return undefined;
}

/** How many lines the current tab scrolls through. */
export function tabLength(screen: ImageScreen): number {
	if (screen.tab === 'layers') return screen.detail?.pairing.layers.length ?? 0;
	if (screen.tab === 'history') return screen.detail?.history.length ?? 0;
	return screen.inspectLines.length;
}

export function reduce(state: State, msg: Msg): State {
	switch (msg.type) {
		case 'lists':
			return {...withData(state, {images: msg.images, containers: msg.containers}), loaded: true, banner: undefined};
		case 'data':
			return msg.answered ? {...withData(state, msg.data), loaded: true, banner: undefined} : withData(state, msg.data);
		case 'layerCounts':
			return {...state, layerCounts: {...state.layerCounts, ...msg.counts}, format: msg.docs ? {...state.format, docs: {...state.format.docs, ...msg.docs}} : state.format};
		case 'engineDown':
			return {...state, banner: msg.message};
		case 'engineUp':
			return {...state, banner: undefined};
		case 'resize': {
			// Each list's window is fitted to the new height around its selection (which stays), so a click still finds its row.
			let next: State = {...state, width: msg.width, height: msg.height};
			for (const spec of specs) next = withList(next, spec.id, {type: 'fit'});
			return next;
		}
		case 'move': {
			// The help scrolls (it is longer than a screen); its top stops where the last line shows, as Help draws it.
			if (state.help) {
				const shown = Math.max(1, layout(state).body);
				return {...state, helpTop: moved(state.helpTop ?? 0, Math.max(1, helpLineCount() - shown + 1), msg.to, shown)};
			}
			const list = shownList(state);
			if (list) return withList(state, list, msg);
			if (state.view === 'container' && state.container) {
				const page = tabPage(state);
				const span = Math.max(0, (state.container.lines?.length ?? 0) - page) + 1;
				return {...state, container: {...state.container, top: moved(state.container.top, span, msg.to, page)}};
			}
			if (state.image) {
				const page = tabPage(state);
				const screen = state.image;
				if (screen.tab === 'files') return reduceFiles(state, {type: 'move', to: msg.to}, reduce);
				const length = filteredInspectLength(state) ?? tabLength(screen);
				// Inspect scrolls a page of text: its cursor is the top line.
				const span = screen.tab === 'inspect' ? Math.max(0, length - page) + 1 : length;
				return {...state, image: {...screen, cursor: {...screen.cursor, [screen.tab]: moved(screen.cursor[screen.tab], span, msg.to, page)}}};
			}
			return state;
		}
		case 'sort':
		case 'filterStart':
		case 'filterInput':
		case 'filterAccept': {
			const list = shownList(state);
			return list ? withList(state, list, msg) : state;
		}
		case 'filterClear': {
			const list = shownList(state);
			if (!list) return state;
			const shown = state.lists[list];
			// Pick mode: Esc at the top (no filter to clear) ends with nothing written.
			if (state.pick && list === 'images' && !shown.filter && !shown.filterEditing) return {...state, quit: true};
			return withList(state, list, msg);
		}
		case 'list': {
			const list = msg.list ?? shownList(state);
			return list ? withList(state, list, msg.msg) : state;
		}
		case 'view': {
			const reason = missing(state, specOf(msg.view).needs);
			if (reason) return {...state, notice: {text: `${msg.view}: ${reason}`, level: 'error'}};
			// The list keeps its window where it was; the page it gets may differ (a filter line): the window then moves to keep the selection.
			return withList({...state, view: msg.view, image: undefined}, msg.view, {type: 'fit'});
		}
		case 'open': {
			if (state.pick && !msg.browse && (state.view === 'images' || state.view === 'image')) return reduceFormat(state, {kind: 'pick'}, reduce);
			const list = shownList(state);
			const open = list ? specOf(list).open : undefined;
			return open ? act(state, open.action) : state;
		}
		case 'openImage': {
			if (state.pick && !msg.browse) return reduceFormat(state, {kind: 'pick'}, reduce);
			const row = selectedOf(state, imagesSpec);
			if (state.view !== 'images' || !row) return state;
			return {...state, view: 'image', image: {ref: row.ref, id: row.id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}};
		}
		case 'openImageAt':
			return openImageAt(state, msg.id, msg.ref);
		case 'act':
			return act(state, msg.action);
		case 'menu':
			return openMenu(state);
		case 'mouse':
			return mouseMessages(state, msg.event).reduce(reduce, state.notice && !msg.event.release && msg.event.button === 0 ? {...state, notice: undefined} : state);
		case 'mouseCapture':
			if (state.mouse === undefined) return state;
			return withEffect({...state, mouse: !state.mouse, notice: {text: state.mouse ? `mouse off: the terminal selects text (${keyHint(state.view === 'container' ? 'container' : state.view === 'image' ? 'images' : state.view, 'mouse')} turns it back on)` : 'mouse on', level: 'info'}}, {kind: 'mouse', on: !state.mouse});
		case 'imageSwapped':
			if (state.image?.ref !== msg.ref) return state;
			return {...state, image: {ref: msg.ref, id: msg.id, tab: state.image.tab, cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}};
		case 'remoteOpened': {
			const fresh = initialState(state.width, state.height);
			const kept: State = {...fresh, format: {...fresh.format, history: state.format.history, filter: state.format.filter}, nextId: state.nextId, pick: state.pick, mouse: state.mouse, confirm: state.confirm, archive: msg.label, remote: msg.label, pullTo: msg.pullTo, notice: {text: `registry: ${msg.label}`, level: 'info'}};
			return msg.open ? {...kept, view: 'image', image: {ref: msg.open.ref, id: msg.open.id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}} : kept;
		}
		case 'localOpened': {
			const fresh = initialState(state.width, state.height);
			const kept: State = {...fresh, format: {...fresh.format, history: state.format.history, filter: state.format.filter}, nextId: state.nextId, pick: state.pick, mouse: state.mouse, confirm: state.confirm, overlay: state.overlay, selectWhenSeen: msg.select, notice: {text: `engine ${msg.label}: the pulled image is in its Images list (R opens a registry again)`, level: 'info'}};
			return kept;
		}
		case 'engineSwitched': {
			const fresh = initialState(state.width, state.height);
			// Kept: the screen, the template history and kept filter, the ids (effects are taken by id), the contexts list.
			const kept: State = {...fresh, format: {...fresh.format, history: state.format.history, filter: state.format.filter}, nextId: state.nextId, pick: state.pick, mouse: state.mouse, confirm: state.confirm, context: msg.name, notice: {text: `engine: context ${msg.name}`, level: 'info'}};
			return withData(kept, {engines: state.data.engines});
		}
		case 'tabTo':
			return state.image && state.image.volume === undefined ? {...state, image: {...state.image, tab: msg.tab}} : state;
		case 'sortMenu': {
			const list = shownList(state);
			if (!list) return state;
			const spec = specOf(list);
			const items: MenuItem[] = spec.sorts.map((sort: {label: string}, index: number) => ({label: sort.label, pick: {type: 'list', list, msg: {type: 'sort', index}}}));
			return reduce(state, {type: 'openOverlay', overlay: {kind: 'menu', menu: {title: `Sort ${spec.title.toLowerCase()} by`, items, initial: state.lists[list].sort}}});
		}
		case 'menuPick': {
			const overlay = state.overlay;
			if (overlay?.id !== msg.id) return state;
			if (overlay.kind === 'menu') {
				const item = overlay.menu.items[msg.index];
				return item ? reduce({...state, overlay: undefined}, picked(item)) : state;
			}
			if (overlay.kind === 'confirm' && !overlay.confirm.busy) {
				const choice = overlay.confirm.choices[msg.index];
				if (!choice) return state;
				const next = {...state, overlay: {...overlay, confirm: {...overlay.confirm, busy: true, error: undefined}}};
				return withEffect(next, {kind: 'submit', action: overlay.confirm.action, values: {choice: choice.value}, subject: overlay.confirm.subject, overlayId: overlay.id});
			}
			return state;
		}
		case 'openContainer': {
			const row = selectedOf(state, containersSpec);
			if (state.view !== 'containers' || !row) return state;
			const subject = containerSubject(row);
			const opened: State = {...state, view: 'container', container: {id: row.Id, name: subject.name, top: 0}};
			return withEffect(opened, {kind: 'submit', action: 'inspectContainer', values: {}, subject, overlayId: 0});
		}
		case 'containerDetail':
			if (state.container?.id !== msg.id) return state;
			return {...state, container: {...state.container, lines: msg.lines, error: msg.error}};
		case 'immediate':
			return immediateAction(state, msg.action, reduce);
		case 'detail':
			if (state.image?.ref !== msg.ref) return state;
			return reduceFormat({...state, image: {...state.image, detail: msg.detail, inspectLines: msg.inspectLines, error: undefined}}, {kind: 'refresh'}, reduce);
		case 'detailError':
			if (state.image?.ref !== msg.ref) return state;
			return {...state, image: {...state.image, error: msg.message}};
		case 'tab': {
			if (!state.image || state.image.volume !== undefined) return state;
			const next = tabs[(tabs.indexOf(state.image.tab) + msg.delta + tabs.length) % tabs.length];
			return {...state, image: {...state.image, tab: next}};
		}
		case 'back':
			if (state.help) return {...state, help: false};
			if (state.view === 'image') return {...state, view: state.image?.volume !== undefined ? 'volumes' : 'images', image: undefined};
			if (state.view === 'container') return {...state, view: 'containers', container: undefined};
			return state;
		case 'help':
			return {...state, help: !state.help, helpTop: 0};
		case 'quit':
			return {...state, quit: true};
		case 'key':
			return handleKey(state.notice ? {...state, notice: undefined} : state, msg.press, reduce);
		case 'startAction':
			return startAction(state, msg.action, reduce);
		case 'openOverlay':
			return {...state, overlay: {...msg.overlay, id: state.nextId} as Overlay, nextId: state.nextId + 1, help: false};
		case 'updateOverlay':
			return state.overlay?.id === msg.id ? {...state, overlay: msg.update(state.overlay)} : state;
		case 'closeOverlay':
			return state.overlay?.id === msg.id ? {...state, overlay: undefined} : state;
		case 'overlayFailed':
			// Id 0: an action that opened nothing (a question the config skips, start, exec): the failure is the notice.
			if (msg.id === 0) return {...state, notice: {text: msg.message, level: 'error'}};
			return state.overlay?.id === msg.id ? {...state, overlay: overlayFailed(state.overlay, msg.message, msg.fieldErrors)} : state;
		case 'effect':
			return withEffect(state, msg.effect);
		case 'effectsTaken':
			return {...state, effects: state.effects.filter((effect) => effect.id > msg.upTo)};
		case 'notice':
			return {...state, notice: {text: msg.text, level: msg.level ?? 'info'}};
		case 'selectWhenSeen':
			return withSeen({...state, selectWhenSeen: {ref: msg.ref, id: msg.id}});
		case 'openVolumeFiles':
			return {...state, view: 'image', image: msg.screen};
		case 'files':
			return reduceFiles(state, msg.event, reduce);
		case 'format':
			return reduceFormat(state, msg.msg, reduce);
	}
}

/** Queues work for the App to perform. */
export function withEffect(state: State, effect: EffectBody): State {
	return {...state, effects: [...state.effects, {...effect, id: state.nextId} as Effect], nextId: state.nextId + 1};
}

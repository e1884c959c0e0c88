/**
 * The explorer's state and its reducer. All input goes through `dispatch`,
 * so keys that arrive in one chunk never read stale state.
 */
import type {ContainerSummary, ImageSummary} from '../engine/types.js';
import type {ImageDetail} from '../engine/image-detail.js';
import {archiveOnlyNotice} from '../engine/image-source.js';
import {handleKey, type KeyPress} from './input.js';
import {helpLineCount} from './keymap.js';
import {overlayFailed, type Effect, type EffectBody, type Overlay} from './overlays/index.js';
import {startAction, type StartableAction} from './actions/start.js';
import {filterRows, imageRows, sortOrder, sortRows, type ImageRow, type SortKey} from './rows.js';
import {reduceFiles, type FilesEvent, type FilesScreen} from './files/reducer.js';
import {filteredInspectLength, initialFormat, reduceFormat, type FormatMsg, type FormatState, type PickState} from './format/reduce.js';

export type View = 'images' | 'containers' | 'image';
export type Tab = 'layers' | 'history' | 'inspect' | 'files';
export const tabs: Tab[] = ['layers', 'history', 'inspect', 'files'];

export interface ImageScreen {
	ref: string;
	id: string;
	tab: Tab;
	/** Per tab (the Files tab keeps its own cursor in `files`). */
	cursor: Record<Exclude<Tab, 'files'>, number>;
	detail?: ImageDetail;
	/** The inspect JSON, indented, one entry per line. */
	inspectLines: string[];
	error?: string;
	/** The Files tab: the image's file trees once read (source/ui/files). */
	files?: FilesScreen;
}

export interface State {
	view: View;
	images: ImageSummary[];
	containers: ContainerSummary[];
	loaded: boolean;
	rows: ImageRow[];
	/** rows in the current sort; kept so typing in the filter does not re-sort. */
	sorted: ImageRow[];
	/** sorted rows after the filter: what the list shows. */
	visible: ImageRow[];
	layerCounts: Record<string, number>;
	sort: SortKey;
	filter: string;
	filterEditing: boolean;
	cursor: number;
	selectedKey?: string;
	containerCursor: number;
	image?: ImageScreen;
	help: boolean;
	/** The first line of the help shown (it scrolls). */
	helpTop?: number;
	/** The engine does not answer: what to say. */
	banner?: string;
	/** What sits over the screen and takes the keyboard (a form, a confirmation, progress). */
	overlay?: Overlay;
	/** Work asked of the App (the reducer stays pure); taken in order, by id. */
	effects: Effect[];
	nextId: number;
	/** The outcome of the last action, shown above the footer until the next key. */
	notice?: {text: string; level: 'info' | 'error'};
	/** Select this image as soon as the list shows it (a new tag, a built image). */
	selectWhenSeen?: {ref?: string; id?: string};
	height: number;
	width: number;
	quit: boolean;
	/** The format box's lasting parts: the kept Inspect filter, the list column, the template history (source/ui/format). */
	format: FormatState;
	/** Pick-then-pipe: stdout is not a terminal; Enter picks an image's output for it. */
	pick?: PickState;
	/** Reading an archive (`--archive`), not an engine: its path. Actions that need a daemon say so instead. */
	archive?: string;
}

export type Msg =
	| {type: 'lists'; images: ImageSummary[]; containers: ContainerSummary[]}
	| {type: 'layerCounts'; counts: Record<string, number>; /** The raw inspect JSON read for the counts, by id (the format column uses it). */ docs?: Record<string, string>}
	| {type: 'engineDown'; message: string}
	| {type: 'engineUp'}
	| {type: 'resize'; width: number; height: number}
	| {type: 'move'; to: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'}
	| {type: 'sort'}
	| {type: 'filterStart'}
	| {type: 'filterInput'; text: string}
	| {type: 'filterAccept'}
	| {type: 'filterClear'}
	| {type: 'view'; view: 'images' | 'containers'}
	| {type: 'open'; /** Open even in pick mode (where Enter picks). */ browse?: boolean}
	| {type: 'detail'; ref: string; detail: ImageDetail; inspectLines: string[]}
	| {type: 'detailError'; ref: string; message: string}
	| {type: 'tab'; delta: 1 | -1}
	| {type: 'back'}
	| {type: 'help'}
	| {type: 'quit'}
	| {type: 'key'; press: KeyPress}
	| {type: 'startAction'; action: StartableAction}
	| {type: 'openOverlay'; overlay: DistributiveOmit<Overlay, 'id'>}
	| {type: 'updateOverlay'; id: number; update: (overlay: Overlay) => Overlay}
	| {type: 'closeOverlay'; id: number}
	| {type: 'overlayFailed'; id: number; message: string; fieldErrors?: Record<string, string | undefined>}
	| {type: 'effect'; effect: EffectBody}
	| {type: 'effectsTaken'; upTo: number}
	| {type: 'notice'; text: string; level?: 'info' | 'error'}
	| {type: 'selectWhenSeen'; ref?: string; id?: string}
	| {type: 'files'; event: FilesEvent}
	| {type: 'format'; msg: FormatMsg};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function initialState(width = 80, height = 24): State {
	return {view: 'images', images: [], containers: [], loaded: false, rows: [], sorted: [], visible: [], layerCounts: {}, sort: 'created', filter: '', filterEditing: false, cursor: 0, containerCursor: 0, help: false, height, width, quit: false, effects: [], nextId: 1, format: initialFormat()};
}

/** Rows of the current list that fit on screen (header, footer and chrome excluded). */
export function pageSize(state: State): number {
	return Math.max(1, state.height - 6);
}

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
	const filter = take(state.view === 'images' && (state.filterEditing || Boolean(state.filter)));
	const banner = take(Boolean(state.banner));
	const notice = take(Boolean(state.notice));
	return {filter, banner, notice, body: room};
}

/** Recomputes what the list shows; re-sorts only when the rows or the sort changed. */
function withVisible(state: State, rows = state.rows, resort = false): State {
	const sorted = resort || rows !== state.rows ? sortRows(rows, state.sort) : state.sorted;
	const visible = filterRows(sorted, state.filter);
	const wanted = state.selectWhenSeen;
	const matches = (row: ImageRow) => (wanted?.ref ? row.ref === wanted.ref : row.id === wanted?.id);
	// The image the user just made must show, selected, even when the filter would hide it.
	if (wanted && state.filter && !visible.some(matches) && sorted.some(matches)) return withVisible({...state, filter: '', filterEditing: false, sorted}, rows);
	const seen = wanted ? visible.findIndex(matches) : -1;
	if (seen >= 0) return {...state, rows, sorted, visible, cursor: seen, selectedKey: visible[seen].key, selectWhenSeen: undefined};
	const kept = state.selectedKey ? visible.findIndex((row) => row.key === state.selectedKey) : -1;
	const cursor = kept >= 0 ? kept : Math.min(state.cursor, Math.max(0, visible.length - 1));
	return {...state, rows, sorted, visible, cursor, selectedKey: kept >= 0 ? state.selectedKey : visible[cursor]?.key};
}

function moved(position: number, length: number, to: Extract<Msg, {type: 'move'}>['to'], page: number): number {
	const last = Math.max(0, length - 1);
	switch (to) {
		case 'up':
			return Math.max(0, position - 1);
		case 'down':
			return Math.min(last, position + 1);
		case 'pageUp':
			return Math.max(0, position - page);
		case 'pageDown':
			return Math.min(last, position + page);
		case 'top':
			return 0;
		case 'bottom':
			return last;
	}
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
			// The same answer again (the start-up hand-over): the rows stand, nothing is re-sorted.
			return withVisible({...state, images: msg.images, containers: msg.containers, loaded: true, banner: undefined}, msg.images === state.images && msg.containers === state.containers ? state.rows : imageRows(msg.images, msg.containers));
		case 'layerCounts':
			return {...state, layerCounts: {...state.layerCounts, ...msg.counts}, format: msg.docs ? {...state.format, docs: {...state.format.docs, ...msg.docs}} : state.format};
		case 'engineDown':
			return {...state, banner: msg.message};
		case 'engineUp':
			return {...state, banner: undefined};
		case 'resize':
			return {...state, width: msg.width, height: msg.height};
		case 'move': {
			const page = pageSize(state);
			// The help scrolls (it is longer than a screen); its top stops where the last line shows, as Help draws it.
			if (state.help) {
				const shown = Math.max(1, layout(state).body);
				return {...state, helpTop: moved(state.helpTop ?? 0, Math.max(1, helpLineCount() - shown + 1), msg.to, shown)};
			}
			if (state.view === 'images') {
				const cursor = moved(state.cursor, state.visible.length, msg.to, page);
				return {...state, cursor, selectedKey: state.visible[cursor]?.key};
			}
			if (state.view === 'containers') return {...state, containerCursor: moved(state.containerCursor, state.containers.length, msg.to, page)};
			if (state.image) {
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
			return withVisible({...state, sort: sortOrder[(sortOrder.indexOf(state.sort) + 1) % sortOrder.length]}, state.rows, true);
		case 'filterStart':
			return {...state, filterEditing: true, view: 'images'};
		case 'filterInput':
			return withVisible({...state, filter: msg.text, cursor: 0, selectedKey: undefined});
		case 'filterAccept':
			return {...state, filterEditing: false};
		case 'filterClear':
			// Pick mode: Esc at the top (no filter to clear) ends with nothing written.
			if (state.pick && state.view === 'images' && !state.filter && !state.filterEditing) return {...state, quit: true};
			return withVisible({...state, filter: '', filterEditing: false});
		case 'view':
			if (state.archive && msg.view === 'containers') return {...state, notice: {text: `containers: ${archiveOnlyNotice}`, level: 'error'}};
			return {...state, view: msg.view, image: undefined};
		case 'open': {
			if (state.pick && !msg.browse) return reduceFormat(state, {kind: 'pick'}, reduce);
			const row = state.visible[state.cursor];
			if (state.view !== 'images' || !row) return state;
			return {...state, view: 'image', image: {ref: row.ref, id: row.id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}};
		}
		case 'detail':
			if (state.image?.ref !== msg.ref) return state;
			return reduceFormat({...state, image: {...state.image, detail: msg.detail, inspectLines: msg.inspectLines, error: undefined}}, {kind: 'refresh'}, reduce);
		case 'detailError':
			if (state.image?.ref !== msg.ref) return state;
			return {...state, image: {...state.image, error: msg.message}};
		case 'tab': {
			if (!state.image) return state;
			const next = tabs[(tabs.indexOf(state.image.tab) + msg.delta + tabs.length) % tabs.length];
			return {...state, image: {...state.image, tab: next}};
		}
		case 'back':
			if (state.help) return {...state, help: false};
			if (state.view === 'image') return {...state, view: 'images', image: undefined};
			return state;
		case 'help':
			return {...state, help: !state.help, helpTop: 0};
		case 'quit':
			return {...state, quit: true};
		case 'key':
			return handleKey(state.notice ? {...state, notice: undefined} : state, msg.press, reduce);
		case 'startAction':
			if (state.archive) return {...state, notice: {text: `${msg.action}: ${archiveOnlyNotice}`, level: 'error'}};
			return startAction(state, msg.action, reduce);
		case 'openOverlay':
			return {...state, overlay: {...msg.overlay, id: state.nextId} as Overlay, nextId: state.nextId + 1, help: false};
		case 'updateOverlay':
			return state.overlay?.id === msg.id ? {...state, overlay: msg.update(state.overlay)} : state;
		case 'closeOverlay':
			return state.overlay?.id === msg.id ? {...state, overlay: undefined} : state;
		case 'overlayFailed':
			return state.overlay?.id === msg.id ? {...state, overlay: overlayFailed(state.overlay, msg.message, msg.fieldErrors)} : state;
		case 'effect':
			return withEffect(state, msg.effect);
		case 'effectsTaken':
			return {...state, effects: state.effects.filter((effect) => effect.id > msg.upTo)};
		case 'notice':
			return {...state, notice: {text: msg.text, level: msg.level ?? 'info'}};
		case 'selectWhenSeen':
			return withVisible({...state, selectWhenSeen: {ref: msg.ref, id: msg.id}});
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

/**
 * The explorer's model: the state the reducer (state.ts) keeps and the
 * messages it takes, with the overlays, menus and effects they hold. Types
 * only (and the tab names): a leaf below everything that reads or makes
 * them, so the reducer, the keys, the specs, the overlays and the actions
 * all import downward. State and Msg hold each other through Overlay
 * (a menu item's message) and Effect, so those live here too.
 */
import type {ConfirmKind} from '../config/schema.js';
import type {ContainerSummary, ImageSummary} from '../engine/types.js';
import type {ImageDetail} from '../engine/image-detail.js';
import type {Action, KeyPress} from './key-names.js';
import type {FilesEvent, FilesScreen} from './files/types.js';
import type {FormatBox} from './format/box.js';
import type {FormatEffect, FormatMsg, FormatState, PickState} from './format/types.js';
import type {Feeds} from './lists/feeds.js';
import type {ListMove, ListMsg, ListState} from './lists/list-state.js';
import type {ListId} from './lists/names.js';
import type {ConfirmState} from './overlays/confirm.js';
import type {FormState} from './overlays/form.js';
import type {TaskState} from './overlays/task.js';

export type View = ListId | 'image' | 'container';
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
	/** A volume's files shown in the Files tab (source/ui/volume-files.ts): no other tab, Esc goes back to Volumes. */
	volume?: string;
}

/** A container opened from its list (Enter): its inspect JSON, scrolling. */
export interface ContainerScreen {
	id: string;
	name: string;
	/** The inspect JSON as docker prints it, one line each; undefined while it is read. */
	lines?: string[];
	error?: string;
	/** The first line shown. */
	top: number;
}

export interface State {
	view: View;
	container?: ContainerScreen;
	/** What the controller loaded (source/ui/lists/feeds.ts): every list's rows are made from it. */
	data: Feeds;
	/** The engine has answered once. */
	loaded: boolean;
	/** Every list's state (source/ui/lists/list-state.ts), by list. */
	lists: Record<ListId, ListState<unknown>>;
	layerCounts: Record<string, number>;
	/** The Images list's UNIQUE column is shown (`U`; source/ui/unique-column.ts). */
	uniqueColumn?: boolean;
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
	/** Set (the repository) when reading a registry: no engine, and no export either (lists/capability.ts). */
	remote?: string;
	/** A registry source's engine for `P` (its URL): the pull goes there, then the explorer shows it. */
	pullTo?: string;
	/** The docker context shown, once switched to one from the Engines list. */
	context?: string;
	/** The terminal reports the mouse to us (off: its own text selection works); undefined where there is no terminal to ask. */
	mouse?: boolean;
	/** The config's questions (source/config/schema.ts `confirmKinds`): false skips that one; unset asks. */
	confirm?: Partial<Record<ConfirmKind, boolean>>;
}

export type Msg =
	| {type: 'lists'; images: ImageSummary[]; containers: ContainerSummary[]}
	/** Feeds loaded; `answered`: from the engine, which answers again (the banner goes). */
	| {type: 'data'; data: Partial<Feeds>; answered?: boolean}
	| {type: 'layerCounts'; counts: Record<string, number>; /** The raw inspect JSON read for the counts, by id (the format column uses it). */ docs?: Record<string, string>}
	| {type: 'engineDown'; message: string}
	| {type: 'engineUp'}
	| {type: 'resize'; width: number; height: number}
	| {type: 'move'; to: ListMove}
	| {type: 'sort'}
	| {type: 'filterStart'}
	| {type: 'filterInput'; text: string}
	| {type: 'filterAccept'}
	| {type: 'filterClear'}
	/** A message for one list's state (a click, a wheel turn); `list` defaults to the one shown. */
	| {type: 'list'; list?: ListId; msg: ListMsg<unknown>}
	| {type: 'view'; view: ListId}
	/** Enter on a list: its spec's open action; in pick mode, Images picks unless `browse`. */
	| {type: 'open'; /** Open even in pick mode (where Enter picks). */ browse?: boolean}
	/** Open the selected image on its Layers tab. */
	| {type: 'openImage'; browse?: boolean}
	/** Open the image `id` on its Layers tab (from the Layers tab's menu of the images sharing a layer: source/ui/holders-menu.ts). */
	| {type: 'openImageAt'; id: string; ref: string}
	/** A list action (source/ui/lists/<list>.ts), by name: its capability is checked, then its handler runs. */
	| {type: 'act'; action: Action}
	/** `x`: the menu of everything that can be done to the selected row; `o`: the sort menu. */
	| {type: 'menu'}
	| {type: 'sortMenu'}
	/** MenuChoices picked the item at `index` of the overlay's menu (or of a question drawn as one). */
	| {type: 'menuPick'; id: number; index: number}
	| {type: 'openContainer'}
	/** A mouse report (source/ui/mouse.ts); `m` turns capture off and on. */
	| {type: 'mouse'; event: MouseEvent}
	| {type: 'mouseCapture'}
	| {type: 'tabTo'; tab: Tab}
	/** The App now talks to the engine of context `name`: nothing of the old engine's state is kept. */
	| {type: 'engineSwitched'; name: string}
	/** The open image's ref now names another image (a registry source's other platform): read again, same tab. */
	| {type: 'imageSwapped'; ref: string; id: string}
	/** R: the explorer now shows a registry source (`label`), on the image `open` when given. */
	| {type: 'remoteOpened'; label: string; open?: {ref: string; id: string}; pullTo?: string}
	/** After a pull from a registry source: the engine's Images, the pulled image selected, the pull's finished view kept on top. */
	| {type: 'localOpened'; label: string; select: {ref?: string; id?: string}}
	| {type: 'containerDetail'; id: string; lines?: string[]; error?: string}
	| {type: 'immediate'; action: ImmediateAction}
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
	/** A volume's files read (source/ui/volume-files.ts): shown on their own screen. */
	| {type: 'openVolumeFiles'; screen: ImageScreen}
	| {type: 'format'; msg: FormatMsg};

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface MouseEvent {
	button: number;
	/** 0-based. */
	x: number;
	y: number;
	release: boolean;
}

/** Actions that open a form or a question first (actions/start.ts opens each). */
export type StartableAction = 'openRemote' | 'tag' | 'run' | 'push' | 'pull' | 'removeImage' | 'build' | 'commit' | 'logs' | 'stop' | 'removeContainer' | 'restart';

/** Container actions that need no question: they go to their handler at once. */
export type ImmediateAction = 'start' | 'exec';

export type Overlay =
	| {kind: 'form'; id: number; form: FormState}
	| {kind: 'confirm'; id: number; confirm: ConfirmState}
	| {kind: 'task'; id: number; task: TaskState}
	/** A menu drawn by components/MenuView.tsx (overlays/menu.ts). */
	| {kind: 'menu'; id: number; menu: MenuState}
	/** The format box over the Inspect tab (source/ui/format: its keys go to the reducer, which holds the documents). */
	| {kind: 'format'; id: number; format: FormatBox};

export type OverlayKind = Overlay['kind'];

/**
 * Work the reducer asks for and the App performs (the reducer stays pure).
 * `submit` hands an action's values to its handler in source/ui/actions.
 */
export type EffectBody =
	| {kind: 'submit'; action: string; values: Record<string, string>; subject: Record<string, string>; overlayId: number}
	/** Stops the running task (push, pull, build, log) the overlay showed. */
	| {kind: 'cancel'; overlayId: number}
	/** Saving a template to the history file; pick-then-pipe's read (source/ui/format/effects.ts). */
	| FormatEffect
	/** Mouse reports on or off (the App writes the terminal's mode). */
	| {kind: 'mouse'; on: boolean}
	/** Switch the explorer to the docker context `name` (the App swaps its engine). */
	| {kind: 'useEngine'; name: string}
	/** A registry source's platform chooser (`O`) for a tag (`ref` repository:tag, or the Tags list's `tag`): its index's platforms with sizes. */
	| {kind: 'platformMenu'; ref?: string; tag?: string}
	/** Show a registry source on `platform` (the App re-reads the tags and the open image). */
	| {kind: 'platform'; platform: string}
	/** `P` on a registry source's tag: the pull form for it, on the platform shown (ui/actions/transfer.ts pulls). */
	| {kind: 'pullRemote'; ref?: string; tag?: string}
	/** Ask the registry whether the local image `ref` is a stale copy of its tags (ui/actions/stale.ts). */
	| {kind: 'staleCheck'; ref: string}
	/** Enter on a registry source's Tags row: that tag's image. */
	| {kind: 'openTag'; tag: string};

export type Effect = EffectBody & {id: number};

/** `msg`: a message for the reducer, for overlays whose keys need more of the state than themselves. */
export type OverlayResult = {overlay?: Overlay; effect?: EffectBody; msg?: Msg; handled: boolean};

export interface MenuItem {
	/** The key that does the same outside the menu (shown before the label; pressed here, picks it). */
	key?: string;
	label: string;
	/** Why it cannot be done here (reading an archive…); undefined when it can. */
	disabled?: string;
	/** What picking it does. */
	pick: Msg;
}

export interface MenuState {
	title: string;
	items: MenuItem[];
	/** The item highlighted when it opens (the sort in use). */
	initial?: number;
}

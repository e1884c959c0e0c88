/**
 * The names keys are bound to: every screen's context and every action
 * (keymap.ts binds them to keys, input.ts turns them into messages), and
 * a key press as the reducer and an overlay receive it. A leaf: the specs,
 * the overlays and the model name these without importing the key table.
 */
import type {ListActionName, ListId} from './lists/names.js';

export type Context = ListId | 'container' | 'layers' | 'history' | 'inspect' | 'filter' | 'help' | 'form' | 'confirm' | 'menu' | 'task' | 'format' | FilesContext;

/** The Files tab: its tree, while the image is being read, the search box, the wasted-space view. */
export type FilesContext = 'files' | 'filesLoading' | 'filesSearch' | 'filesWaste';

export type Action =
	| FilesAction
	| 'quit'
	| 'forceQuit'
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'open'
	| 'back'
	| 'help'
	| 'sort'
	| 'filter'
	| ShowListAction
	| 'menu'
	| 'sortMenu'
	| 'menuMove'
	| 'menuPick'
	| 'mouse'
	| 'nextTab'
	| 'prevTab'
	| 'filterAccept'
	| 'filterClear'
	| 'nextField'
	| 'prevField'
	| 'submit'
	| 'cancel'
	| 'toggle'
	| 'lineEdit'
	| FormatAction
	| ListActionName
	| 'close';

/** The format box (source/ui/format) and pick-then-pipe. */
export type FormatAction =
	| 'format'
	| 'formatColumn'
	| 'formatFilterClear'
	| 'browse'
	| 'pick'
	| 'formatAccept'
	| 'formatClose'
	| 'formatOlder'
	| 'formatNewer'
	| 'formatComplete'
	| 'formatScrollUp'
	| 'formatScrollDown'
	| 'formatClearInput';

/** The key that shows a list from the others (a spec's `show.action`): showImages, showContainers… */
export type ShowListAction = `show${Capitalize<ListId>}`;

/** The Files tab's actions (files/keys.ts says what each means). */
export type FilesAction =
	| 'expandDir'
	| 'collapseDir'
	| 'toggleDir'
	| 'expandAll'
	| 'collapseAll'
	| 'aggregate'
	| 'filesSort'
	| 'changeFilter'
	| 'search'
	| 'searchNext'
	| 'searchPrev'
	| 'searchAccept'
	| 'searchCancel'
	| 'waste'
	| 'wasteShow'
	| 'extract'
	| 'prevLayer'
	| 'nextLayer'
	| 'cancelRead'
	| 'retryRead';

export interface KeyPress {
	/** keyName() of the whole chunk. */
	name: string;
	input: string;
	ctrl?: boolean;
	meta?: boolean;
}

/** A key press as the overlay sees it: its name and, for printable input, the text. */
export interface OverlayKey {
	name: string;
	text?: string;
	/** About as many lines as a scrolling overlay (a task's log) shows at once. */
	page?: number;
	/** False: Esc on a running task stops it without asking (the config's `confirm.stopTask`). */
	askStop?: boolean;
}

/**
 * The Files tab's state and events as types (files/reducer.ts reduces
 * them): what ImageScreen.files holds and what the tab's keys and reads
 * send, named here so the explorer's model need not import the reducer.
 */
import type {ReadProgress} from '../../engine/archive/index.js';
import type {TextField} from '../text-field.js';
import type {FilesData} from './data.js';
import type {MoveTo, TreeView} from './model.js';

export type FilesLoad =
	| {status: 'idle'}
	| {status: 'reading'; token: number; progress?: ReadProgress}
	| {status: 'ready'; data: FilesData}
	/** enginePreparing: no byte of the export had come, so the engine was still making it (it goes on until done). */
	| {status: 'cancelled'; enginePreparing?: boolean}
	| {status: 'error'; message: string};

export interface FilesScreen {
	load: FilesLoad;
	/** false: the selected layer's changes; true: the whole filesystem at that layer. */
	aggregate: boolean;
	/** The tree view, and which tree (`changes:N` / `fs:N`) it was made for. */
	view?: TreeView;
	viewKey?: string;
	mode: 'tree' | 'search' | 'waste';
	/** The search box while typing. */
	search: TextField;
	/** Where the cursor was when the search started: typing searches from there, Esc goes back. */
	searchOrigin?: string;
	/** The last search, for n / N. */
	query: string;
	/** The last search found nothing. */
	notFound: boolean;
	wasteCursor: number;
}

export type FilesEvent =
	| {type: 'move'; to: MoveTo}
	| {type: 'toggle' | 'expand' | 'collapse' | 'expandAll' | 'collapseAll' | 'aggregate' | 'sort' | 'filter'}
	| {type: 'layer'; delta: 1 | -1}
	| {type: 'searchStart' | 'searchAccept' | 'searchCancel'}
	| {type: 'searchKey'; name: string; text?: string}
	| {type: 'searchNext'; direction: 1 | -1}
	| {type: 'waste' | 'wasteShow'}
	| {type: 'extract'}
	| {type: 'readStart'; imageId: string; token: number}
	| {type: 'progress'; imageId: string; token: number; progress: ReadProgress}
	| {type: 'ready'; imageId: string; data: FilesData}
	| {type: 'readFailed'; imageId: string; token: number; message: string}
	| {type: 'cancel' | 'retry'};

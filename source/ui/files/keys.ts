/**
 * What the Files tab's actions (bound in keymap.ts's one table) mean as
 * messages, and the search box's typing. input.ts asks here after its own
 * table, so the tab adds keys without touching how the others work.
 */
import type {Context, FilesAction} from '../key-names.js';
import type {Msg} from '../model.js';
import type {FilesEvent} from './types.js';

const events: Record<FilesAction, FilesEvent> = {
	expandDir: {type: 'expand'},
	collapseDir: {type: 'collapse'},
	toggleDir: {type: 'toggle'},
	expandAll: {type: 'expandAll'},
	collapseAll: {type: 'collapseAll'},
	aggregate: {type: 'aggregate'},
	filesSort: {type: 'sort'},
	changeFilter: {type: 'filter'},
	search: {type: 'searchStart'},
	searchNext: {type: 'searchNext', direction: 1},
	searchPrev: {type: 'searchNext', direction: -1},
	searchAccept: {type: 'searchAccept'},
	searchCancel: {type: 'searchCancel'},
	waste: {type: 'waste'},
	wasteShow: {type: 'wasteShow'},
	extract: {type: 'extract'},
	prevLayer: {type: 'layer', delta: -1},
	nextLayer: {type: 'layer', delta: 1},
	cancelRead: {type: 'cancel'},
	retryRead: {type: 'retry'},
};

export function filesMessageFor(action: string): Msg | undefined {
	const event = events[action as FilesAction];
	return event ? {type: 'files', event} : undefined;
}

/** A key with no binding in the search box: an editing key or typed text. */
export function filesTyping(context: Context, name: string, text: string): Msg | undefined {
	if (context !== 'filesSearch') return undefined;
	return {type: 'files', event: {type: 'searchKey', name, text: text || undefined}};
}

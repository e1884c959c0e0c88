/**
 * One list's state and the one reducer every list uses (Images,
 * Containers, Engines, and whatever list comes next): the rows in load
 * order, the sort, the filter, the selection by row key and the scroll top.
 * Pure, and generic over the row: it knows a list only through the three
 * functions of `ListRules` (key, sort comparators, filter), which a list's
 * spec (source/ui/lists/spec.ts) provides.
 *
 * The selection is a row key, not an index: a reload, a filter or a re-sort
 * keeps it on the same item; when its item goes, it moves to the item that
 * followed it (the one before it when it was the last).
 */
import {windowStart} from '../columns.js';

export interface ListState<Row> {
	/** Rows as loaded. */
	rows: readonly Row[];
	/** Rows in the current sort; kept so typing in the filter does not re-sort. */
	sorted: readonly Row[];
	/** Sorted rows that pass the filter: what the list shows. */
	visible: readonly Row[];
	/** Index into the spec's sorts. */
	sort: number;
	filter: string;
	filterEditing: boolean;
	/** Index into `visible` of the selected row, kept equal to the row of `selectedKey`. */
	cursor: number;
	selectedKey?: string;
	/** The first visible row on screen: the table draws from here, a click's row is `top + line`. */
	top: number;
	/** The rows have been loaded once. */
	loaded: boolean;
}

export interface ListRules<Row> {
	key(row: Row): string;
	sorts: readonly {compare(a: Row, b: Row): number}[];
	/** Whether the row passes the filter text (never called with an empty filter). */
	matches(row: Row, needle: string): boolean;
}

export type ListMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export type ListMsg<Row> =
	| {type: 'rows'; rows: readonly Row[]}
	| {type: 'move'; to: ListMove}
	/** The wheel: the window moves, the selection stays when it is still on screen. */
	| {type: 'scroll'; by: number}
	/** The page changed (a resize, a filter line, another list shown): the selection stays, the window moves to show it. */
	| {type: 'fit'}
	| {type: 'sort'; index?: number}
	| {type: 'filterStart'}
	| {type: 'filterInput'; text: string}
	| {type: 'filterAccept'}
	| {type: 'filterClear'}
	| {type: 'select'; key: string}
	/** A click on the row at `index` of `visible`. */
	| {type: 'selectIndex'; index: number};

export function initialList<Row>(sort = 0): ListState<Row> {
	return {rows: [], sorted: [], visible: [], sort, filter: '', filterEditing: false, cursor: 0, top: 0, loaded: false};
}

export function selectedRow<Row>(list: ListState<Row>): Row | undefined {
	return list.visible[list.cursor];
}

function sortWith<Row>(rows: readonly Row[], rules: ListRules<Row>, sort: number): Row[] {
	const compare = rules.sorts[sort]?.compare;
	return compare ? rows.slice().sort(compare) : rows.slice();
}

function filterWith<Row>(rows: readonly Row[], rules: ListRules<Row>, filter: string): readonly Row[] {
	const needle = filter.trim().toLowerCase();
	return needle ? rows.filter((row) => rules.matches(row, needle)) : rows;
}

/**
 * The cursor after `visible` changed from `before`: on the selected key
 * if it still shows; else on the first row after it (in the old order)
 * that still shows; else the one before it; else the same index.
 */
function follow<Row>(list: ListState<Row>, before: readonly Row[], visible: readonly Row[], rules: ListRules<Row>): {cursor: number; selectedKey?: string} {
	if (!visible.length) return {cursor: 0, selectedKey: list.selectedKey};
	const index = new Map<string, number>();
	visible.forEach((row, position) => index.set(rules.key(row), position));
	const kept = list.selectedKey === undefined ? undefined : index.get(list.selectedKey);
	if (kept !== undefined) return {cursor: kept, selectedKey: list.selectedKey};
	const old = list.selectedKey === undefined ? -1 : before.findIndex((row) => rules.key(row) === list.selectedKey);
	if (old >= 0) {
		for (let i = old + 1; i < before.length; i++) {
			const found = index.get(rules.key(before[i]));
			if (found !== undefined) return {cursor: found, selectedKey: rules.key(visible[found])};
		}
		for (let i = old - 1; i >= 0; i--) {
			const found = index.get(rules.key(before[i]));
			if (found !== undefined) return {cursor: found, selectedKey: rules.key(visible[found])};
		}
	}
	const cursor = Math.min(list.cursor, visible.length - 1);
	return {cursor, selectedKey: rules.key(visible[cursor])};
}

/** Recomputes what the list shows; re-sorts only when the rows or the sort changed. */
function refreshed<Row>(list: ListState<Row>, rules: ListRules<Row>, next: Partial<ListState<Row>>, resort: boolean): ListState<Row> {
	const merged = {...list, ...next};
	const sorted = resort ? sortWith(merged.rows, rules, merged.sort) : merged.sorted;
	const visible = filterWith(sorted, rules, merged.filter);
	return {...merged, sorted, visible, ...follow(list, list.visible, visible, rules)};
}

export function moved(position: number, length: number, to: ListMove, page: number): number {
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

/** Keeps the cursor in the window of `page` rows, moving the window as little as possible. */
export function scrolled<Row>(list: ListState<Row>, page: number): ListState<Row> {
	const top = windowStart(list.top, list.cursor, Math.max(1, page), list.visible.length);
	return top === list.top ? list : {...list, top};
}

/** `page`: how many rows the list shows (source/ui/lists/page.ts). */
export function reduceList<Row>(list: ListState<Row>, msg: ListMsg<Row>, rules: ListRules<Row>, page: number): ListState<Row> {
	return scrolled(step(list, msg, rules, page), page);
}

function at<Row>(list: ListState<Row>, cursor: number, rules: ListRules<Row>): ListState<Row> {
	const row = list.visible[cursor];
	return {...list, cursor, selectedKey: row === undefined ? list.selectedKey : rules.key(row)};
}

function step<Row>(list: ListState<Row>, msg: ListMsg<Row>, rules: ListRules<Row>, page: number): ListState<Row> {
	switch (msg.type) {
		case 'rows':
			if (msg.rows === list.rows && list.loaded) return list;
			return refreshed(list, rules, {rows: msg.rows, loaded: true}, true);
		case 'move':
			return at(list, moved(list.cursor, list.visible.length, msg.to, page), rules);
		case 'scroll': {
			const span = Math.max(1, page);
			const top = Math.max(0, Math.min(list.top + msg.by, Math.max(0, list.visible.length - span)));
			// The selection stays on screen: dragged along at the window's edge.
			const cursor = Math.min(Math.max(list.cursor, top), top + span - 1, Math.max(0, list.visible.length - 1));
			return {...at(list, cursor, rules), top};
		}
		case 'fit':
			return list;
		case 'sort': {
			const sort = msg.index ?? (list.sort + 1) % Math.max(1, rules.sorts.length);
			return refreshed(list, rules, {sort}, true);
		}
		case 'filterStart':
			return {...list, filterEditing: true};
		case 'filterInput':
			return refreshed(list, rules, {filter: msg.text}, false);
		case 'filterAccept':
			return {...list, filterEditing: false};
		case 'filterClear':
			return refreshed(list, rules, {filter: '', filterEditing: false}, false);
		case 'select': {
			const index = list.visible.findIndex((row) => rules.key(row) === msg.key);
			return index >= 0 ? at(list, index, rules) : {...list, selectedKey: msg.key};
		}
		case 'selectIndex':
			return msg.index >= 0 && msg.index < list.visible.length ? at(list, msg.index, rules) : list;
	}
}

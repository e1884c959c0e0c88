/**
 * The one list reducer every list uses (source/ui/lists/list-state.ts):
 * the selection follows its row's key through reloads, filters, sorts and
 * removals; when its row goes, the next row takes it.
 */
import {describe, expect, it} from 'vitest';
import {initialList, reduceList, selectedRow, type ListMsg, type ListRules, type ListState} from '../../source/ui/lists/list-state.js';

interface Row {
	name: string;
	size: number;
}
const rules: ListRules<Row> = {
	key: (row) => row.name,
	sorts: [{compare: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)}, {compare: (a, b) => b.size - a.size}],
	matches: (row, needle) => row.name.includes(needle),
};
const rows = (...names: string[]): Row[] => names.map((name, index) => ({name, size: index}));
const run = (list: ListState<Row>, ...msgs: ListMsg<Row>[]) => msgs.reduce((current, msg) => reduceList(current, msg, rules, 3), list);
const selected = (list: ListState<Row>) => selectedRow(list)?.name;
const loaded = run(initialList<Row>(), {type: 'rows', rows: rows('a', 'b', 'c', 'd', 'e')});

describe('the list state', () => {
	it('loads, sorted, with the first row selected', () => {
		expect(loaded.visible.map((row) => row.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(selected(loaded)).toBe('a');
		expect(loaded.loaded).toBe(true);
	});

	it('keeps the selection on its row through a reload that adds rows before it', () => {
		const onC = run(loaded, {type: 'move', to: 'down'}, {type: 'move', to: 'down'});
		expect(selected(onC)).toBe('c');
		const reloaded = run(onC, {type: 'rows', rows: rows('0', '1', 'a', 'b', 'c', 'd', 'e')});
		expect(selected(reloaded)).toBe('c');
		expect(reloaded.cursor).toBe(4);
	});

	it('moves to the next row when its own is removed, and to the one before when it was the last', () => {
		const onC = run(loaded, {type: 'select', key: 'c'});
		expect(selected(run(onC, {type: 'rows', rows: rows('a', 'b', 'd', 'e')}))).toBe('d');
		const onE = run(loaded, {type: 'move', to: 'bottom'});
		expect(selected(onE)).toBe('e');
		expect(selected(run(onE, {type: 'rows', rows: rows('a', 'b', 'c', 'd')}))).toBe('d');
		const empty = run(onE, {type: 'rows', rows: []});
		expect(selectedRow(empty)).toBeUndefined();
		expect(empty.cursor).toBe(0);
	});

	it('keeps the selection through a filter that shows its row, and takes the next shown one when it hides it', () => {
		const onB = run(loaded, {type: 'select', key: 'b'});
		const many = run(initialList<Row>(), {type: 'rows', rows: rows('ab', 'b', 'cb', 'x')}, {type: 'select', key: 'cb'});
		expect(selected(run(many, {type: 'filterInput', text: 'b'}))).toBe('cb');
		expect(selected(run(onB, {type: 'filterInput', text: 'd'}))).toBe('d');
		// Clearing the filter keeps the row chosen while it was on.
		expect(selected(run(onB, {type: 'filterInput', text: 'd'}, {type: 'filterClear'}))).toBe('d');
		const none = run(onB, {type: 'filterInput', text: 'zzz'});
		expect(none.visible).toHaveLength(0);
		expect(selected(run(none, {type: 'filterInput', text: ''}))).toBe('b');
	});

	it('filters case-insensitively, trimmed; Enter keeps the filter, Esc clears it', () => {
		const typed = run(loaded, {type: 'filterStart'}, {type: 'filterInput', text: ' C '});
		expect(typed.visible.map((row) => row.name)).toEqual(['c']);
		expect(typed.filterEditing).toBe(true);
		const kept = run(typed, {type: 'filterAccept'});
		expect(kept.filterEditing).toBe(false);
		expect(kept.filter).toBe(' C ');
		const cleared = run(kept, {type: 'filterClear'});
		expect(cleared.visible).toHaveLength(5);
		expect(selected(cleared)).toBe('c');
	});

	it('cycles the sorts with the selection on its row', () => {
		const onB = run(loaded, {type: 'select', key: 'b'});
		const bySize = run(onB, {type: 'sort'});
		expect(bySize.sort).toBe(1);
		expect(bySize.visible.map((row) => row.name)).toEqual(['e', 'd', 'c', 'b', 'a']);
		expect(selected(bySize)).toBe('b');
		expect(run(bySize, {type: 'sort'}).sort).toBe(0);
	});

	it('pages, and keeps the cursor in the window it records as its top', () => {
		const long = run(initialList<Row>(), {type: 'rows', rows: rows(...'abcdefghij')});
		const paged = run(long, {type: 'move', to: 'pageDown'});
		expect(selected(paged)).toBe('d');
		expect(paged.top).toBe(1);
		const bottom = run(paged, {type: 'move', to: 'bottom'});
		expect(bottom.top).toBe(7);
		expect(selected(run(bottom, {type: 'move', to: 'pageUp'}))).toBe('g');
		expect(selected(run(bottom, {type: 'move', to: 'top'}))).toBe('a');
		// The wheel moves the window; the selection is dragged along at its edge.
		const wheeled = run(long, {type: 'scroll', by: 4});
		expect(wheeled.top).toBe(4);
		expect(selected(wheeled)).toBe('e');
		expect(run(wheeled, {type: 'selectIndex', index: 5}).cursor).toBe(5);
	});

	it('keeps the selection through a smaller and a larger page (a resize): the window moves to it', () => {
		const long = run(initialList<Row>(), {type: 'rows', rows: rows(...'abcdefghij')});
		// Page 3: on h, the window is f g h.
		const onH = run(long, {type: 'select', key: 'h'});
		expect(onH.top).toBe(5);
		// A one-row page (a 20x5 terminal), then a ten-row one: h stays selected and in the window.
		const tiny = reduceList(onH, {type: 'fit'}, rules, 1);
		expect(selected(tiny)).toBe('h');
		expect(tiny.top).toBe(7);
		const tall = reduceList(tiny, {type: 'fit'}, rules, 10);
		expect(selected(tall)).toBe('h');
		expect(tall.top).toBe(0);
	});
});

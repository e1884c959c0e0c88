import {describe, expect, it} from 'vitest';
import {FileTree, type TreeItem, type TreeNode} from '../../source/layers/tree.js';
import {
	type TreeView,
	collapse,
	collapseAll,
	expand,
	expandAll,
	initialView,
	move,
	nextFilter,
	reveal,
	rowAt,
	rowCount,
	selected,
	setFilter,
	setSort,
	settle,
	toggle,
	visibleNodes,
	visibleWindow,
	windowTop,
} from '../../source/ui/files/model.js';
import {changeCounts} from '../../source/ui/files/counts.js';
import {matchCount, search} from '../../source/ui/files/search.js';
import {visibleName} from '../../source/text/sanitize.js';

const f = (path: string, size: number, change?: TreeItem['change']): TreeItem => ({path, type: 'file', size, change});
const d = (path: string, change?: TreeItem['change']): TreeItem => ({path, type: 'dir', size: 0, change});

/** A layer's changes: etc/ (modified file), usr/ (added tree), var/ (removed tree), a top-level file. */
function sample(): FileTree {
	return new FileTree([
		d('etc'),
		f('etc/passwd', 30, 'modified'),
		f('etc/hosts', 5, 'added'),
		d('usr', 'added'),
		d('usr/bin', 'added'),
		f('usr/bin/big', 1000, 'added'),
		f('usr/bin/a', 1, 'added'),
		d('usr/lib', 'added'),
		f('usr/lib/libz.so', 200, 'added'),
		d('var', 'removed'),
		f('var/cache', 70, 'removed'),
		f('zz', 2, 'added'),
	]);
}

/** Rows as `indent + name [+/-]` where + is an open directory and - a closed one. */
function show(tree: FileTree, view: TreeView): string[] {
	return visibleNodes(tree, view).map((n, i) => {
		const row = rowAt(tree, view, i)!;
		return `${'  '.repeat(n.depth)}${n.name}${row.expandable ? (row.expanded ? ' +' : ' -') : ''}${i === view.cursor ? ' <' : ''}`;
	});
}

const closed = (tree: FileTree, over: Partial<TreeView> = {}): TreeView => settle(tree, {expanded: new Set(), cursor: 0, sort: 'name', filter: 'all', ...over});

describe('files tree view: flattening and the expanded set', () => {
	it('opens a small tree fully and sorts by name', () => {
		const t = sample();
		const v = initialView(t);
		expect(show(t, v)).toEqual(['etc + <', '  hosts', '  passwd', 'usr +', '  bin +', '    a', '    big', '  lib +', '    libz.so', 'var +', '  cache', 'zz']);
		expect(v.cursorPath).toBe('etc');
	});

	it('opens a big tree breadth first within the row budget', () => {
		const t = sample();
		expect(show(t, initialView(t, {budget: 4}))).toEqual(['etc - <', 'usr -', 'var -', 'zz']);
		// 4 top-level rows + etc's 2 = 6; usr's 2 would make 8 > 7, var's 1 fits.
		expect(show(t, initialView(t, {budget: 7}))).toEqual(['etc + <', '  hosts', '  passwd', 'usr -', 'var +', '  cache', 'zz']);
	});

	it('shows only rows whose ancestors are all open', () => {
		const t = sample();
		const v = closed(t, {expanded: new Set(['usr/bin'])});
		// usr/bin is open but usr is closed: nothing under usr shows.
		expect(show(t, v)).toEqual(['etc - <', 'usr -', 'var -', 'zz']);
		expect(rowCount(t, v)).toBe(4);
	});

	it('caches rows: the same view gives the same array; a new expanded set recomputes', () => {
		const t = sample();
		const v = initialView(t);
		expect(visibleNodes(t, v)).toBe(visibleNodes(t, {...v, cursor: 3}));
		const w = toggle(t, v);
		expect(visibleNodes(t, w)).not.toBe(visibleNodes(t, v));
	});

	it('does not change the FileTree it reads (views sort and open; the tree keeps its order)', () => {
		const t = sample();
		const order = (n: TreeNode): string[] => (n.children ?? []).flatMap((c) => [c.path, ...order(c)]);
		const before = order(t.root);
		let v = initialView(t);
		v = expandAll(t, v);
		v = setSort(t, v, 'size');
		visibleNodes(t, v);
		v = collapseAll(t, v);
		expect(order(t.root)).toEqual(before);
	});
});

describe('files tree view: keys', () => {
	it('→ opens a closed directory, then goes into it; ← closes, then goes to the parent', () => {
		const t = sample();
		let v = closed(t);
		v = move(t, v, 'down', 10); // usr
		expect(selected(t, v)!.path).toBe('usr');
		v = expand(t, v);
		expect(show(t, v)).toEqual(['etc -', 'usr + <', '  bin -', '  lib -', 'var -', 'zz']);
		v = expand(t, v);
		expect(selected(t, v)!.path).toBe('usr/bin');
		v = expand(t, v);
		v = expand(t, v);
		expect(selected(t, v)!.path).toBe('usr/bin/a');
		// On a file: → does nothing, ← goes to the parent, ← again closes it.
		expect(expand(t, v)).toBe(v);
		v = collapse(t, v);
		expect(selected(t, v)!.path).toBe('usr/bin');
		v = collapse(t, v);
		expect(show(t, v)).toEqual(['etc -', 'usr +', '  bin - <', '  lib -', 'var -', 'zz']);
		v = collapse(t, v);
		expect(selected(t, v)!.path).toBe('usr');
		// At the top level ← on a closed directory stays.
		v = collapse(t, v);
		v = collapse(t, v);
		expect(selected(t, v)!.path).toBe('usr');
		expect(show(t, v)).toEqual(['etc -', 'usr - <', 'var -', 'zz']);
	});

	it('Enter toggles a directory and ignores files', () => {
		const t = sample();
		let v = closed(t);
		v = toggle(t, v);
		expect(show(t, v).slice(0, 3)).toEqual(['etc + <', '  hosts', '  passwd']);
		v = toggle(t, v);
		expect(show(t, v)).toEqual(['etc - <', 'usr -', 'var -', 'zz']);
		v = move(t, v, 'bottom', 10);
		expect(toggle(t, v)).toBe(v);
	});

	it('closing a directory above the cursor keeps the cursor on its path or moves it to the closed directory', () => {
		const t = sample();
		let v = initialView(t);
		v = reveal(t, v, 'usr/lib/libz.so');
		expect(v.cursor).toBe(8);
		// Closing etc (above) moves rows up: the cursor follows its path.
		v = {...v, expanded: new Set([...v.expanded].filter((p) => p !== 'etc'))};
		v = settle(t, v);
		expect(selected(t, v)!.path).toBe('usr/lib/libz.so');
		expect(v.cursor).toBe(6);
		// Closing usr hides the path: the cursor lands on usr.
		v = settle(t, {...v, expanded: new Set([...v.expanded].filter((p) => p !== 'usr'))});
		expect(selected(t, v)!.path).toBe('usr');
	});

	it('moves by one, by a page, to the top and bottom, clamped', () => {
		const t = sample();
		let v = initialView(t);
		expect(move(t, v, 'up', 5).cursor).toBe(0);
		v = move(t, v, 'pageDown', 5);
		expect(v.cursor).toBe(5);
		expect(v.cursorPath).toBe('usr/bin/a');
		v = move(t, v, 'pageDown', 5);
		v = move(t, v, 'pageDown', 5);
		expect(v.cursor).toBe(11);
		expect(move(t, v, 'down', 5).cursor).toBe(11);
		expect(move(t, v, 'top', 5).cursor).toBe(0);
		expect(move(t, v, 'pageUp', 5).cursor).toBe(6);
		expect(move(t, v, 'bottom', 5).cursorPath).toBe('zz');
	});

	it('expands and collapses everything', () => {
		const t = sample();
		let v = collapseAll(t, initialView(t));
		expect(show(t, v)).toEqual(['etc - <', 'usr -', 'var -', 'zz']);
		v = expandAll(t, v);
		expect(rowCount(t, v)).toBe(12);
		v = reveal(t, v, 'usr/bin/big');
		v = collapseAll(t, v);
		expect(selected(t, v)!.path).toBe('usr');
	});
});

describe('files tree view: sort and filter', () => {
	it('sorts by size, biggest first (directories by what is under them), and back by name', () => {
		const t = sample();
		let v = setSort(t, initialView(t), 'size');
		expect(show(t, v)).toEqual(['usr +', '  bin +', '    big', '    a', '  lib +', '    libz.so', 'var +', '  cache', 'etc + <', '  passwd', '  hosts', 'zz']);
		expect(rowAt(t, v, 0)!.size).toBe(1201);
		v = setSort(t, v, 'name');
		expect(show(t, v)[0]).toBe('etc + <');
	});

	it('filters by change type: a directory stays when something under it passes, with the sizes of what passes', () => {
		const t = sample();
		let v = initialView(t);
		expect(nextFilter('all')).toBe('added');
		expect(nextFilter('removed')).toBe('all');
		v = setFilter(t, v, 'added');
		expect(show(t, v)).toEqual(['etc + <', '  hosts', 'usr +', '  bin +', '    a', '    big', '  lib +', '    libz.so', 'zz']);
		expect(rowAt(t, v, 0)!.size).toBe(5);
		v = setFilter(t, v, 'modified');
		expect(show(t, v)).toEqual(['etc + <', '  passwd']);
		expect(rowAt(t, v, 0)!.size).toBe(30);
		v = setFilter(t, v, 'removed');
		expect(show(t, v)).toEqual(['var + <', '  cache']);
		// Sorting by size under a filter uses the filtered sizes: etc (5 added) sorts after zz? no: 5 > 2.
		v = setSort(t, setFilter(t, v, 'added'), 'size');
		expect(show(t, v).filter((s) => !s.startsWith(' '))).toEqual(['usr +', 'etc + <', 'zz']);
	});

	it('keeps the cursor on its path through a filter change when the path still shows', () => {
		const t = sample();
		let v = reveal(t, initialView(t), 'usr/lib/libz.so');
		v = setFilter(t, v, 'added');
		expect(selected(t, v)!.path).toBe('usr/lib/libz.so');
		// Gone with its ancestors: the cursor stays at its row number, clamped (row 1 of 2).
		v = setFilter(t, v, 'removed');
		expect(selected(t, v)!.path).toBe('var/cache');
		expect(v.cursor).toBe(1);
	});

	it('an empty filter result has no rows and no cursor path', () => {
		const t = new FileTree([f('a', 1, 'added')]);
		const v = setFilter(t, initialView(t), 'removed');
		expect(rowCount(t, v)).toBe(0);
		expect(selected(t, v)).toBeUndefined();
		expect(move(t, v, 'down', 5).cursor).toBe(0);
		expect(expand(t, v)).toBe(v);
		expect(collapse(t, v)).toBe(v);
		expect(visibleWindow(t, v, 10).rows).toEqual([]);
	});
});

describe('files tree view: search', () => {
	it('jumps to the first path containing the text, opening its directories, case-insensitively', () => {
		const t = sample();
		const v = closed(t);
		const r = search(t, v, 'LIBZ');
		expect(r.found).toBe(true);
		expect(selected(t, r.view)!.path).toBe('usr/lib/libz.so');
		expect(show(t, r.view)).toEqual(['etc -', 'usr +', '  bin -', '  lib +', '    libz.so <', 'var -', 'zz']);
	});

	it('searches as you type from where it started (inclusive), n / N go on and wrap', () => {
		const t = sample();
		let v = initialView(t);
		// From etc, inclusive: "e" matches etc itself.
		expect(selected(t, search(t, v, 'e', {from: 'etc', inclusive: true}).view)!.path).toBe('etc');
		v = search(t, v, 'b', {from: 'etc', inclusive: true}).view;
		expect(v.cursorPath).toBe('usr/bin');
		v = search(t, v, 'b').view;
		expect(v.cursorPath).toBe('usr/bin/a');
		v = search(t, v, 'b').view;
		expect(v.cursorPath).toBe('usr/bin/big');
		v = search(t, v, 'b').view;
		expect(v.cursorPath).toBe('usr/lib');
		v = search(t, v, 'b').view;
		expect(v.cursorPath).toBe('usr/lib/libz.so');
		// Wraps to the top.
		v = search(t, v, 'b').view;
		expect(v.cursorPath).toBe('usr/bin');
		v = search(t, v, 'b', {direction: -1}).view;
		expect(v.cursorPath).toBe('usr/lib/libz.so');
		expect(matchCount(t, v, 'b')).toEqual({count: 5, current: 5});
	});

	it('reports no match and leaves the view alone', () => {
		const t = sample();
		const v = initialView(t);
		const r = search(t, v, 'nope');
		expect(r.found).toBe(false);
		expect(r.view).toBe(v);
		expect(search(t, v, '').found).toBe(false);
		expect(matchCount(t, v, 'nope')).toEqual({count: 0, current: 0});
	});

	it('searches only what the filter shows, in the current sort order', () => {
		const t = sample();
		const v = setFilter(t, initialView(t), 'removed');
		expect(search(t, v, 'usr').found).toBe(false);
		expect(search(t, v, 'cache').view.cursorPath).toBe('var/cache');
		const bySize = setSort(t, closed(t), 'size');
		// Size order: usr/bin/big comes before usr/bin/a.
		expect(search(t, bySize, 'usr/bin/').view.cursorPath).toBe('usr/bin/big');
	});

	it('matches names with control characters as they are shown (escaped) too', () => {
		const t = new FileTree([f('evil\x1b[2Jname', 1, 'added'), f('plain', 1)]);
		const v = initialView(t);
		expect(search(t, v, '\\x1b[2j').view.cursorPath).toBe('evil\x1b[2Jname');
		expect(search(t, v, '\x1b[2J').view.cursorPath).toBe('evil\x1b[2Jname');
	});
});

describe('files tree view: windowing', () => {
	it('keeps the cursor in the window, moving it as little as possible', () => {
		expect(windowTop(0, 0, 10, 100)).toBe(0);
		expect(windowTop(0, 9, 10, 100)).toBe(0);
		expect(windowTop(0, 10, 10, 100)).toBe(1);
		expect(windowTop(50, 45, 10, 100)).toBe(45);
		expect(windowTop(95, 99, 10, 100)).toBe(90);
		expect(windowTop(0, 3, 10, 5)).toBe(0);
	});

	// Speed is measured by `npm run bench`, never asserted here: this checks the window is right at scale.
	it('draws only the window of a 50,000-file layer', () => {
		const items: TreeItem[] = [];
		for (let dir = 0; dir < 50; dir++) {
			items.push(d(`data/d${String(dir).padStart(2, '0')}`, 'added'));
			for (let i = 0; i < 1000; i++) items.push(f(`data/d${String(dir).padStart(2, '0')}/f${String(i).padStart(4, '0')}`, 4096, 'added'));
		}
		const t = new FileTree(items);
		let v = initialView(t);
		// data opens (51 rows fit the budget), the 50 directories of 1,000 stay closed.
		expect(rowCount(t, v)).toBe(51);
		v = expandAll(t, v);
		expect(rowCount(t, v)).toBe(50_051);
		const w = visibleWindow(t, v, 20, 0);
		expect(w.rows).toHaveLength(20);
		expect(w.total).toBe(50_051);
		// A cursor move is a slice, not a walk.
		for (let i = 0; i < 1000; i++) {
			v = move(t, v, 'down', 20);
			visibleWindow(t, v, 20, 0);
		}
		v = move(t, v, 'bottom', 20);
		const last = visibleWindow(t, v, 20, 0);
		expect(last.top).toBe(50_031);
		expect(last.rows.at(-1)!.node.path).toBe('data/d49/f0999');
		// Search across all 50,000 names and open the match's directory.
		v = search(t, collapseAll(t, v), 'd37/f0500').view;
		expect(v.cursorPath).toBe('data/d37/f0500');
		// data/ itself is implicit (no change of its own).
		expect(changeCounts(t)).toMatchObject({added: 50_050, files: 50_000, bytes: 50_000 * 4096});
	});
});

describe('files tree view: the shape and search against their definitions', () => {
	/** A deterministic random tree: mixed case, non-UTF-8 bytes (lone surrogates), backslashes, every change mark. */
	function randomTree(seed: number): FileTree {
		let s = seed;
		const r = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), (s >>> 8) % n);
		const parts = ['a', 'B', 'ab', 'Ab', 'b\\c', 'caf\udce9', 'x.y', 'ΣΑΣ', 'σας'];
		const marks = [undefined, 'added', 'modified', 'removed', 'unchanged'] as const;
		const items: TreeItem[] = [];
		for (let i = 0, n = 5 + r(40); i < n; i++) {
			const path = Array.from({length: 1 + r(4)}, () => parts[r(parts.length)]).join('/');
			items.push(r(4) ? f(path, r(100), marks[r(marks.length)]) : d(path, marks[r(marks.length)]));
		}
		return new FileTree(items);
	}
	const every = (t: FileTree): TreeNode[] => t.preorder.slice(1);
	/** Under a filter: a file passes with its own mark; a directory when it has the mark or something under it passes. */
	const passes = (n: TreeNode, filter: string): boolean => (n.children ? n.change === filter || n.children.some((c) => passes(c, filter)) : n.change === filter);
	const sizeUnder = (n: TreeNode, filter: string): number => (n.children ? n.children.filter((c) => passes(c, filter)).reduce((sum, c) => sum + sizeUnder(c, filter), 0) : n.size);

	it('filters, sizes under a filter and search counts are what their definitions give, on 200 random trees', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const t = randomTree(seed);
			for (const filter of ['all', 'added', 'modified', 'removed'] as const) {
				const v = expandAll(t, setFilter(t, initialView(t), filter));
				const rows = visibleNodes(t, v);
				const wanted = every(t).filter((n) => filter === 'all' || passes(n, filter));
				expect(new Set(rows), `seed ${seed} ${filter}`).toEqual(new Set(wanted));
				for (let i = 0; i < rows.length; i++) expect(rowAt(t, v, i)!.size).toBe(filter === 'all' ? rows[i].size : sizeUnder(rows[i], filter));
				// Typed one character at a time, as search does (the narrowing), and a query with a slash.
				for (const query of ['a', 'ab', 'AB/', 'b\\', '\\xe9', 'σ', 'ς', 'Σας', 'zz']) {
					let shown = v;
					for (let k = 1; k <= query.length; k++) shown = search(t, shown, query.slice(0, k), {inclusive: true}).view;
					const q = query.toLowerCase();
					const expected = rows.filter((n) => n.path.toLowerCase().includes(q) || visibleName(n.path).toLowerCase().includes(q)).length;
					expect(matchCount(t, shown, query).count, `seed ${seed} ${filter} ${query}`).toBe(expected);
				}
			}
		}
	});
});

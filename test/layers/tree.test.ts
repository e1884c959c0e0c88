import {describe, expect, it} from 'vitest';
import {FileTree, buildImageModel, changesTree, diffFilesystems, filesystemTree, sharedLayers} from '../../source/layers/index.js';
import {d, f, layers, wh} from './helpers.js';

const rowNames = (t: FileTree) => t.rows().map(n => `${'  '.repeat(n.depth)}${n.name} ${n.size}`);

describe('FileTree', () => {
	const items = () =>
		new FileTree([
			{path: 'usr/bin/big', type: 'file', size: 100},
			{path: 'usr/bin/a', type: 'file', size: 1},
			{path: 'etc/passwd', type: 'file', size: 10},
			{path: 'etc', type: 'dir', size: 0},
			{path: 'zz', type: 'symlink', size: 0},
		]);

	it('builds directories (implicit ones too) with aggregated sizes, sorted by name', () => {
		const t = items();
		expect(rowNames(t)).toEqual(['etc 10', '  passwd 10', 'usr 101', '  bin 101', '    a 1', '    big 100', 'zz 0']);
		expect(t.find('usr')!.files).toBe(2);
		expect(t.root.size).toBe(111);
	});

	it('sorts by size, biggest first', () => {
		const t = items();
		t.sort('size');
		expect(rowNames(t)).toEqual(['usr 101', '  bin 101', '    big 100', '    a 1', 'etc 10', '  passwd 10', 'zz 0']);
		expect(t.sortKey).toBe('size');
	});

	it('collapses and expands; rows are what a windowed view draws', () => {
		const t = items();
		t.toggle('usr');
		expect(rowNames(t)).toEqual(['etc 10', '  passwd 10', 'usr 101', 'zz 0']);
		t.collapseFrom(0);
		expect(rowNames(t)).toEqual(['etc 10', 'usr 101', 'zz 0']);
		t.expandAll();
		expect(t.rows()).toHaveLength(7);
	});

	it('search by path substring jumps to the matching row, expanding what hides it, and wraps', () => {
		const t = items();
		t.collapseFrom(0);
		const row = t.search('BIN/b');
		expect(t.rows()[row].path).toBe('usr/bin/big');
		expect(t.find('usr')!.collapsed).toBe(false);
		const again = t.search('a', row); // nothing after usr/bin/big matches: wraps to etc/passwd
		expect(t.rows()[again].path).toBe('etc/passwd');
		expect(t.rows()[t.search('a', again)].path).toBe('usr/bin/a');
		expect(t.rows()[t.search('a', t.rows().findIndex(n => n.path === 'usr/bin/a'), -1)].path).toBe('etc/passwd');
		expect(t.search('nothing-like-this')).toBe(-1);
	});

	// How fast is for `npm run bench`, not for the suite: this checks a big tree stays right.
	it('builds, sorts, opens and searches a tree of 100,000 files', () => {
		const many = Array.from({length: 100_000}, (_, i) => ({path: `d${i % 100}/s${i % 37}/file${i}`, type: 'file' as const, size: i}));
		const t = new FileTree(many);
		t.sort('size');
		t.toggle('d5');
		t.rows();
		const row = t.search('file99999');
		expect(t.rows()[row].path).toBe('d99/s25/file99999');
	});
});

describe('views', () => {
	const m = buildImageModel(layers([d('app'), f('app/a', 5), f('app/b', 6)], [d('app'), f('app/a', 7), wh('app/.wh.b'), f('app/c', 1)]));

	it('the changes of a layer as a tree, marked', () => {
		const t = changesTree(m, 1);
		expect(t.rows().map(n => `${n.path}:${n.change ?? '-'}:${n.size}`)).toEqual(['app:-:14', 'app/a:modified:7', 'app/b:removed:6', 'app/c:added:1']);
	});

	it('the whole filesystem at a layer, marked with what that layer did', () => {
		const t = filesystemTree(m, 1);
		expect(t.rows().map(n => `${n.path}:${n.change ?? '-'}:${n.layer}`)).toEqual(['app:-:1', 'app/a:modified:1', 'app/c:added:1']);
		expect(filesystemTree(m, 0).rows().map(n => n.path)).toEqual(['app', 'app/a', 'app/b']);
	});
});

describe('diffFilesystems', () => {
	it('files added, modified and removed between two final filesystems, and shared layers', () => {
		const a = buildImageModel(layers([f('base', 1, 'b')], [f('x', 1, 'x1'), f('gone', 2)]));
		const b = buildImageModel(layers([f('base', 1, 'b')], [f('x', 1, 'x2'), f('new', 3)]));
		const diff = diffFilesystems({model: a, diffIds: ['sha256:1', 'sha256:2']}, {model: b, diffIds: ['sha256:1', 'sha256:3']});
		expect(diff.added.map(c => c.path)).toEqual(['new']);
		expect(diff.modified.map(c => `${c.path} ${c.what}`)).toEqual(['x content']);
		expect(diff.removed.map(c => c.path)).toEqual(['gone']);
		expect(diff.layers).toEqual({shared: ['sha256:1'], commonPrefix: 1});
	});

	it('shared layers: not only a common prefix, duplicates once', () => {
		expect(sharedLayers(['a', 'b', 'c', 'c'], ['x', 'c', 'a'])).toEqual({shared: ['a', 'c'], commonPrefix: 0});
	});
});

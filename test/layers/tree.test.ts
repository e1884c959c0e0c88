import {describe, expect, it} from 'vitest';
import {FileTree, type TreeNode, buildImageModel, changesTree, diffFilesystems, filesystemTree, layerChanges, sharedLayers, treeOfChanges} from '../../source/layers/index.js';
import {baseName, dirName} from '../../source/layers/paths.js';
import {d, f, layers, sym, wh} from './helpers.js';

/** Every node, parents first, children by name: the tree as a fully open name-sorted view would list it. */
function inOrder(t: FileTree): TreeNode[] {
	const out: TreeNode[] = [];
	const visit = (n: TreeNode) => {
		for (const c of [...(n.children ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			out.push(c);
			visit(c);
		}
	};
	visit(t.root);
	return out;
}
const rowNames = (t: FileTree) => inOrder(t).map(n => `${'  '.repeat(n.depth)}${n.name} ${n.size}`);

describe('FileTree', () => {
	const items = () =>
		new FileTree([
			{path: 'usr/bin/big', type: 'file', size: 100},
			{path: 'usr/bin/a', type: 'file', size: 1},
			{path: 'etc/passwd', type: 'file', size: 10},
			{path: 'etc', type: 'dir', size: 0},
			{path: 'zz', type: 'symlink', size: 0},
		]);

	it('builds directories (implicit ones too) with aggregated sizes and file counts', () => {
		const t = items();
		expect(rowNames(t)).toEqual(['etc 10', '  passwd 10', 'usr 101', '  bin 101', '    a 1', '    big 100', 'zz 0']);
		expect(t.find('usr')!.files).toBe(2);
		expect(t.find('zz')!.files).toBe(0);
		expect(t.root.size).toBe(111);
		expect(t.root.files).toBe(3);
		expect(t.nodeCount).toBe(7);
	});

	it('keeps the order entries came in: sorting is a view\'s job', () => {
		expect(items().find('usr/bin')!.children!.map(n => n.name)).toEqual(['big', 'a']);
	});

	it('finds by path, in a tree built from items and in one built from a hierarchy', () => {
		const built = FileTree.fromHierarchy(root => {
			const usr: TreeNode = {name: 'usr', path: 'usr', type: 'dir', size: 0, files: 0, depth: 0, parent: root, children: [], id: 0};
			const bin: TreeNode = {name: 'bin', path: 'usr/bin', type: 'dir', size: 0, files: 0, depth: 1, parent: usr, children: [], id: 0};
			usr.children!.push(bin);
			bin.children!.push({name: 'a', path: 'usr/bin/a', type: 'file', size: 1, files: 0, depth: 2, parent: bin, id: 0});
			bin.children!.push({name: 'big', path: 'usr/bin/big', type: 'file', size: 100, files: 0, depth: 2, parent: bin, id: 0});
			root.children!.push(usr);
		});
		for (const t of [items(), built]) {
			expect(t.find('usr/bin/big')?.size).toBe(100);
			expect(t.find('usr/bin')?.size).toBe(101);
			expect(t.find('usr/bin')?.files).toBe(2);
			expect(t.find('')).toBe(t.root);
			expect(t.find('usr/nothing')).toBeUndefined();
			expect(t.find('usr/bin/big/deeper')).toBeUndefined();
		}
		expect(built.nodeCount).toBe(4);
	});

	it('builds a tree of 100,000 files and finds any of them', () => {
		const many = Array.from({length: 100_000}, (_, i) => ({path: `d${i % 100}/s${i % 37}/file${i}`, type: 'file' as const, size: i}));
		const t = new FileTree(many);
		expect(t.find('d99/s25/file99999')?.size).toBe(99_999);
		expect(t.root.files).toBe(100_000);
		expect(t.find('d5')!.files).toBe(1000);
	});
});

describe('views', () => {
	const m = buildImageModel(layers([d('app'), f('app/a', 5), f('app/b', 6)], [d('app'), f('app/a', 7), wh('app/.wh.b'), f('app/c', 1)]));

	it('the changes of a layer as a tree, marked', () => {
		const t = changesTree(m, 1);
		expect(inOrder(t).map(n => `${n.path}:${n.change ?? '-'}:${n.size}`)).toEqual(['app:-:14', 'app/a:modified:7', 'app/b:removed:6', 'app/c:added:1']);
	});

	it('the whole filesystem at a layer, marked with what that layer did', () => {
		const t = filesystemTree(m, 1);
		expect(inOrder(t).map(n => `${n.path}:${n.change ?? '-'}:${n.layer}`)).toEqual(['app:-:1', 'app/a:modified:1', 'app/c:added:1']);
		expect(inOrder(filesystemTree(m, 0)).map(n => n.path)).toEqual(['app', 'app/a', 'app/b']);
	});
});

describe('a path 50,000 directories deep (a hostile layer: no directory entries, only the file)', () => {
	const deep = Array(50_000).fill('a').join('/');
	const m = buildImageModel(layers([f(`${deep}/f`, 1)], [f('other', 2)]));

	it('builds the model, both trees and the items tree without running out of stack', () => {
		for (const t of [changesTree(m, 0), filesystemTree(m, 0), filesystemTree(m, 1), new FileTree([{path: `${deep}/f`, type: 'file', size: 1}])]) {
			expect(t.find(`${deep}/f`)?.depth).toBe(50_000);
			expect(t.find('a')?.files).toBe(1);
			expect(t.root.size).toBeGreaterThanOrEqual(1);
		}
		expect(m.pathOf(m.parent[m.find(deep)])).toBe(deep.slice(0, -2));
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

describe('changesTree (built from the model) against treeOfChanges(layerChanges) (the definition)', () => {
	/** A small deterministic generator: the same layers every run. */
	function random(seed: number) {
		let s = seed;
		return (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), (s >>> 8) % n);
	}
	const names = ['a', 'b', 'c', 'a-b', 'a.b'];
	function randomLayers(seed: number) {
		const r = random(seed);
		const path = () => Array.from({length: 1 + r(3)}, () => names[r(names.length)]).join('/');
		return Array.from({length: 1 + r(4)}, () =>
			Array.from({length: 1 + r(12)}, () => {
				const p = path();
				const k = r(10);
				if (k < 4) return f(p, r(5), `c${r(3)}`);
				if (k < 6) return d(p, r(3) ? {} : {mode: 0o700});
				if (k < 7) return sym(p, names[r(names.length)]);
				if (k < 8) return wh(p.includes('/') ? `${dirName(p)}/.wh.${baseName(p)}` : `.wh.${p}`);
				if (k < 9) return wh(`${p}/.wh..wh..opq`);
				return f(p, r(5), `c${r(3)}`, {uid: r(2)});
			}),
		);
	}
	const shape = (t: FileTree) => {
		const out: string[] = [];
		const stack = [...(t.root.children ?? [])];
		while (stack.length) {
			const n = stack.pop()!;
			out.push(`${n.path} ${n.type} ${n.size} ${n.files} ${n.change ?? '-'} ${n.entry ? JSON.stringify(n.entry) : '-'} ${n.layer ?? '-'} ${n.children ? 'dir' : 'leaf'} ${n.depth}`);
			stack.push(...(n.children ?? []));
		}
		return out.sort();
	};

	it('gives the same nodes, marks, entries, sizes and counts on 300 random images (whiteouts, opaque directories, replacements)', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const m = buildImageModel(layers(...randomLayers(seed)));
			for (let n = 0; n < m.layerCount; n++) {
				for (const includeUnchanged of [false, true]) {
					const built = changesTree(m, n, {includeUnchanged});
					const defined = treeOfChanges(layerChanges(m, n, {includeUnchanged}), n);
					expect(shape(built), `seed ${seed}, layer ${n}`).toEqual(shape(defined));
					expect(built.changes).toEqual(defined.changes);
					expect(built.nodeCount).toBe(defined.nodeCount);
				}
			}
		}
	});
});

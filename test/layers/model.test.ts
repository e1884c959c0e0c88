import {describe, expect, it} from 'vitest';
import {buildImageModel, filesystemAt, layerChanges, wasteReport, summariseChanges} from '../../source/layers/index.js';
import {d, f, hard, layers, sym, wh} from './helpers.js';

const changes = (m: ReturnType<typeof buildImageModel>, n: number, includeUnchanged = false) =>
	layerChanges(m, n, {includeUnchanged}).map(c => `${c.change} ${c.path} ${c.size}${c.what ? ` [${c.what.join(',')}]` : ''}`);
const paths = (m: ReturnType<typeof buildImageModel>, n: number) => filesystemAt(m, n).map(v => v.entry.path);

describe('whiteouts, changes and waste', () => {
	it('a file overwritten in a later layer: modified, the lower copy is wasted', () => {
		const m = buildImageModel(layers([f('a', 10, 'x')], [f('a', 20, 'y')]));
		expect(changes(m, 0)).toEqual(['added a 10']);
		expect(changes(m, 1)).toEqual(['modified a 20 [content]']);
		const w = wasteReport(m);
		expect(w).toMatchObject({storedBytes: 30, wastedBytes: 10, userStoredBytes: 20, efficiency: 1 - 10 / 30, userWastedPercent: 0.5});
		expect(w.wasted).toEqual([{path: 'a', bytes: 10, addedIn: 0, hiddenIn: 1, hiddenBy: 'overwritten'}]);
	});

	it('an identical rewrite changes nothing but still wastes the lower copy', () => {
		const m = buildImageModel(layers([f('a', 10, 'x')], [f('a', 10, 'x')]));
		expect(changes(m, 1)).toEqual([]);
		expect(changes(m, 1, true)).toEqual(['unchanged a 10']);
		expect(wasteReport(m)).toMatchObject({storedBytes: 20, wastedBytes: 10, efficiency: 0.5, userWastedPercent: 1});
	});

	it('mode and owner changes are modifications', () => {
		const m = buildImageModel(layers([f('a', 1, 'x'), f('b', 1, 'y')], [f('a', 1, 'x', {mode: 0o755}), f('b', 1, 'y', {uid: 1000})]));
		expect(changes(m, 1)).toEqual(['modified a 1 [mode]', 'modified b 1 [owner]']);
	});

	it('a deleted file: removed with its size, all of it wasted', () => {
		const m = buildImageModel(layers([d('etc'), f('etc/a', 7)], [d('etc'), wh('etc/.wh.a')]));
		expect(changes(m, 1)).toEqual(['removed etc/a 7']);
		expect(paths(m, 1)).toEqual(['etc']);
		expect(paths(m, 0)).toEqual(['etc', 'etc/a']);
		expect(wasteReport(m)).toMatchObject({storedBytes: 7, wastedBytes: 7, efficiency: 0, userStoredBytes: 0, userWastedPercent: 0});
		expect(wasteReport(m).wasted[0]).toMatchObject({path: 'etc/a', addedIn: 0, hiddenIn: 1, hiddenBy: 'removed'});
	});

	it('a deleted directory takes everything under it, and all of that is waste', () => {
		const m = buildImageModel(layers([d('d'), f('d/x', 5), d('d/y'), f('d/y/z', 7), f('keep', 1)], [wh('.wh.d')]));
		expect(changes(m, 1)).toEqual(['removed d 0', 'removed d/x 5', 'removed d/y 0', 'removed d/y/z 7']);
		expect(paths(m, 1)).toEqual(['keep']);
		expect(wasteReport(m)).toMatchObject({storedBytes: 13, wastedBytes: 12});
		expect(summariseChanges(layerChanges(m, 1))).toMatchObject({removed: 4, removedBytes: 12});
	});

	it('a deleted directory whose files came from several layers', () => {
		const m = buildImageModel(layers([d('d'), f('d/a', 1)], [d('d'), f('d/b', 2)], [wh('.wh.d')]));
		const w = wasteReport(m);
		expect(w.wastedBytes).toBe(3);
		expect(w.wasted.map(x => [x.path, x.addedIn, x.hiddenIn])).toEqual([['d/b', 1, 2], ['d/a', 0, 2]]);
	});

	it('an opaque directory hides the lower contents but keeps what the same layer adds, whatever the tar order', () => {
		for (const l1 of [
			[d('d'), wh('d/.wh..wh..opq'), f('d/n', 3)],
			[f('d/n', 3), d('d'), wh('d/.wh..wh..opq')],
		]) {
			const m = buildImageModel(layers([d('d'), f('d/x', 5), d('d/s'), f('d/s/y', 4), f('top', 1)], l1));
			expect(changes(m, 1)).toEqual(['added d/n 3', 'removed d/s 0', 'removed d/s/y 4', 'removed d/x 5']);
			expect(paths(m, 1)).toEqual(['d', 'd/n', 'top']);
			expect(wasteReport(m)).toMatchObject({storedBytes: 13, wastedBytes: 9});
			expect(wasteReport(m).wasted.map(w => w.hiddenBy)).toEqual(['opaque', 'opaque']);
		}
	});

	it('an opaque directory at the root', () => {
		const m = buildImageModel(layers([f('a', 1), f('b', 2)], [wh('.wh..wh..opq'), f('c', 3)]));
		expect(paths(m, 1)).toEqual(['c']);
		expect(wasteReport(m).wastedBytes).toBe(3);
	});

	it('delete and recreate in one layer: a file is modified, a directory loses its old children', () => {
		const m = buildImageModel(
			layers([f('f', 5, 'x'), d('d'), f('d/old', 4)], [f('f', 6, 'y'), wh('.wh.f'), d('d'), f('d/new', 2), wh('.wh.d')]),
		);
		expect(changes(m, 1)).toEqual(['added d/new 2', 'removed d/old 4', 'modified f 6 [content]']);
		expect(paths(m, 1)).toEqual(['d', 'd/new', 'f']);
		expect(wasteReport(m)).toMatchObject({storedBytes: 17, wastedBytes: 9});
	});

	it('a whiteout and a recreation in the same layer leaves the recreated file visible', () => {
		const m = buildImageModel(layers([f('a', 1)], [wh('.wh.a'), f('a', 1)]));
		expect(paths(m, 1)).toEqual(['a']);
		expect(wasteReport(m).wastedBytes).toBe(1);
	});

	it('hard links store no bytes of their own (tar size 0) and share the target digest', () => {
		const m = buildImageModel(layers([f('a', 100, 'x'), hard('b', 'a', 'x')], [wh('.wh.a')]));
		expect(changes(m, 0)).toEqual(['added a 100', 'added b 0']);
		expect(paths(m, 1)).toEqual(['b']);
		// Per tar semantics the 100 bytes were stored with `a`, which is gone: wasted.
		expect(wasteReport(m)).toMatchObject({storedBytes: 100, wastedBytes: 100});
	});

	it('a file replaced by a hard link is a type change', () => {
		const m = buildImageModel(layers([f('a', 3, 'x'), f('b', 3, 'x')], [hard('b', 'a', 'x')]));
		expect(changes(m, 1)).toEqual(['modified b 0 [type]']);
		expect(wasteReport(m).wastedBytes).toBe(3);
	});

	it('symbolic links: retargeting is a modification, no bytes counted', () => {
		const m = buildImageModel(layers([sym('l', 'a')], [sym('l', 'b')], [sym('l', 'b')]));
		expect(changes(m, 1)).toEqual(['modified l 0 [link]']);
		expect(changes(m, 2)).toEqual([]);
		expect(wasteReport(m)).toMatchObject({storedBytes: 0, wastedBytes: 0, efficiency: 1});
	});

	it('duplicate entries in one layer: the last wins, the earlier copy is waste', () => {
		const m = buildImageModel(layers([f('a', 10, 'x'), f('a', 20, 'y')]));
		expect(changes(m, 0)).toEqual(['added a 20']);
		expect(wasteReport(m)).toMatchObject({storedBytes: 30, wastedBytes: 10, userWastedPercent: 0});
		expect(wasteReport(m).wasted[0]).toMatchObject({addedIn: 0, hiddenIn: 0});
	});

	it('a directory replaced by a file removes its subtree', () => {
		const m = buildImageModel(layers([d('d'), f('d/x', 5)], [f('d', 1)]));
		expect(changes(m, 1)).toEqual(['modified d 1 [type,mode]', 'removed d/x 5']);
		expect(wasteReport(m).wasted[0]).toMatchObject({path: 'd/x', hiddenBy: 'replaced'});
	});

	it('a file in the way of a later entry becomes an implicit directory', () => {
		const m = buildImageModel(layers([f('p', 4)], [f('p/q', 1)]));
		expect(paths(m, 1)).toEqual(['p', 'p/q']);
		expect(filesystemAt(m, 1)[0].entry.type).toBe('dir');
		expect(wasteReport(m).wastedBytes).toBe(4);
	});

	it('directory entries repeated with the same metadata are not changes; implicit parents are listed', () => {
		const m = buildImageModel(layers([d('usr'), d('usr/bin'), f('usr/bin/a', 1)], [d('usr'), d('usr/bin'), f('usr/bin/b', 2), f('opt/x/y', 3)]));
		expect(changes(m, 1)).toEqual(['added opt/x/y 3', 'added usr/bin/b 2']);
		expect(paths(m, 1)).toEqual(['opt', 'opt/x', 'opt/x/y', 'usr', 'usr/bin', 'usr/bin/a', 'usr/bin/b']);
	});

	it('the filesystem at each layer, computed when asked', () => {
		const m = buildImageModel(layers([f('a', 1), f('b', 1)], [wh('.wh.a'), f('c', 1)], [f('a', 2)]));
		expect(paths(m, 0)).toEqual(['a', 'b']);
		expect(paths(m, 1)).toEqual(['b', 'c']);
		expect(paths(m, 2)).toEqual(['a', 'b', 'c']);
		expect(changes(m, 2)).toEqual(['added a 2']);
		expect(wasteReport(m).wastedBytes).toBe(1);
	});

	it('whiteouts of paths that never existed and aufs metadata are ignored', () => {
		const m = buildImageModel(layers([wh('.wh.nothing'), wh('.wh..wh.plnk'), f('.wh..wh.plnk/123', 9), f('a', 1)]));
		expect(paths(m, 0)).toEqual(['a']);
		expect(wasteReport(m).storedBytes).toBe(1);
		expect(m.markers).toEqual([3]);
	});

	it('no layers, no bytes: efficiency is 1', () => {
		expect(wasteReport(buildImageModel([]))).toMatchObject({storedBytes: 0, wastedBytes: 0, efficiency: 1, userWastedPercent: 0});
		expect(() => layerChanges(buildImageModel([]), 0)).toThrow(RangeError);
	});
});

/**
 * The Files tab's reducer as a pure function: the reading lifecycle (stale
 * reads ignored), keys through the real keymap and input handling, and the
 * cost of a key on a 50,000-file layer through the whole reducer.
 */
import {describe, expect, it} from 'vitest';
import {buildImageModel} from '../../source/layers/index.js';
import type {FileEntry} from '../../source/layers/types.js';
import type {FileTree, TreeNode} from '../../source/layers/tree.js';
import type {FilesData} from '../../source/ui/files/data.js';
import {filesContext, shown} from '../../source/ui/files/reducer.js';
import {selected} from '../../source/ui/files/model.js';
import {contextOf} from '../../source/ui/input.js';
import {actionFor, bindings} from '../../source/ui/keymap.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {Msg, State} from '../../source/ui/model.js';
import {d, f, layers, wh} from '../layers/helpers.js';

/** Every node of a tree, sorted by path. */
function byPath(tree: FileTree): TreeNode[] {
	const out: TreeNode[] = [];
	const stack = [...(tree.root.children ?? [])];
	while (stack.length) {
		const n = stack.pop()!;
		out.push(n);
		stack.push(...(n.children ?? []));
	}
	return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function dataOf(...ls: FileEntry[][]): FilesData {
	const model = buildImageModel(layers(...ls));
	return {imageId: 'sha256:img', model, layerCount: ls.length, blobPaths: ls.map((_l, i) => `blobs/${i}`), diffIds: ls.map((_l, i) => `sha256:${i}`), warnings: []};
}

function onFiles(layer = 0): State {
	return {...initialState(100, 30), view: 'image', image: {ref: 'img:1', id: 'sha256:img', tab: 'files', cursor: {layers: layer, history: 0, inspect: 0}, inspectLines: []}};
}

const files = (event: Extract<Msg, {type: 'files'}>['event']): Msg => ({type: 'files', event});
/** A key as Ink names it; named keys (pagedown, enter) carry no printable input. */
const key = (name: string, input = [...name].length === 1 ? name : ''): Msg => ({type: 'key', press: {name, input}});
const run = (state: State, ...msgs: Msg[]) => msgs.reduce(reduce, state);

const sample = () => dataOf([d('etc'), f('etc/passwd', 30), d('usr'), d('usr/bin'), f('usr/bin/sh', 100)], [f('etc/passwd', 31), f('etc/new', 5), wh('usr/bin/.wh.sh')]);

describe('files reducer: reading', () => {
	it('goes idle → reading → ready; progress and failures of a stale read are ignored', () => {
		let s = onFiles();
		expect(contextOf(s)).toBe('filesLoading');
		s = run(s, files({type: 'readStart', imageId: 'sha256:img', token: 1}));
		expect(s.image!.files!.load).toEqual({status: 'reading', token: 1});
		s = run(s, files({type: 'progress', imageId: 'sha256:img', token: 1, progress: {bytesRead: 10, layer: 1, layers: 2}}));
		expect(s.image!.files!.load).toMatchObject({progress: {bytesRead: 10}});
		// Esc cancels; the cancelled read's late messages change nothing.
		s = run(s, key('escape', '\x1b'));
		expect(s.image!.files!.load).toEqual({status: 'cancelled', enginePreparing: false});
		expect(contextOf(s)).toBe('files');
		const cancelled = s;
		s = run(s, files({type: 'progress', imageId: 'sha256:img', token: 1, progress: {bytesRead: 20, layer: 2}}), files({type: 'readFailed', imageId: 'sha256:img', token: 1, message: 'aborted'}));
		expect(s).toBe(cancelled);
		// r asks again (the loader starts a new read with a new token).
		s = run(s, key('r'));
		expect(s.image!.files!.load.status).toBe('idle');
		s = run(s, files({type: 'readStart', imageId: 'sha256:img', token: 2}), files({type: 'readFailed', imageId: 'sha256:img', token: 1, message: 'old'}));
		expect(s.image!.files!.load.status).toBe('reading');
		s = run(s, files({type: 'readFailed', imageId: 'sha256:img', token: 2, message: 'engine gone'}));
		expect(s.image!.files!.load).toEqual({status: 'error', message: 'engine gone'});
		// Esc before the export's first byte: the engine is still preparing it, and the screen says so.
		s = run(s, key('r'), files({type: 'readStart', imageId: 'sha256:img', token: 3}), key('escape', '\x1b'));
		expect(s.image!.files!.load).toEqual({status: 'cancelled', enginePreparing: true});
		// Another image's data never lands here.
		s = run(s, key('r'), files({type: 'ready', imageId: 'sha256:other', data: sample()}));
		expect(s.image!.files!.load.status).toBe('idle');
		s = run(s, files({type: 'ready', imageId: 'sha256:img', data: sample()}));
		expect(contextOf(s)).toBe('files');
		expect(filesContext(s.image!)).toBe('files');
	});
});

describe('files reducer: keys through the keymap', () => {
	const ready = (layer = 1) => run(onFiles(layer), files({type: 'ready', imageId: 'sha256:img', data: sample()}));

	it("shows the selected layer's changes; [ and ] change the layer (and the Layers tab's cursor)", () => {
		let s = ready(1);
		let v = shown(s.image!)!;
		expect(v.layer).toBe(1);
		expect(byPath(v.tree).map((n) => `${n.change ?? ' '} ${n.path}`)).toEqual(['  etc', 'added etc/new', 'modified etc/passwd', '  usr', '  usr/bin', 'removed usr/bin/sh']);
		s = run(s, key('['));
		expect(s.image!.cursor.layers).toBe(0);
		v = shown(s.image!)!;
		expect(v.layer).toBe(0);
		expect(run(s, key('[')).image!.cursor.layers).toBe(0);
		s = run(s, key(']'), key(']'));
		expect(s.image!.cursor.layers).toBe(1);
	});

	it('a toggles the whole filesystem and keeps the cursor on its path', () => {
		let s = ready(1);
		s = run(s, key('j'), key('j'));
		expect(shown(s.image!)!.view.cursorPath).toBe('etc/passwd');
		s = run(s, key('a'));
		const v = shown(s.image!)!;
		expect(v.key).toBe('fs:1');
		expect(v.view.cursorPath).toBe('etc/passwd');
		// The filesystem at layer 1: sh is gone, usr/bin is empty.
		expect(byPath(v.tree).map((n) => n.path)).toEqual(['etc', 'etc/new', 'etc/passwd', 'usr', 'usr/bin']);
	});

	it('typing after / searches; a pasted run stays whole; Esc goes back to where it started', () => {
		let s = ready(1);
		s = run(s, key('/'));
		expect(contextOf(s)).toBe('filesSearch');
		// One chunk, as a paste arrives: "usr/b" then Enter.
		s = run(s, key('usr/b\r', 'usr/b\r'));
		expect(contextOf(s)).toBe('files');
		expect(s.image!.files!.query).toBe('usr/b');
		expect(shown(s.image!)!.view.cursorPath).toBe('usr/bin');
		s = run(s, key('n'));
		expect(shown(s.image!)!.view.cursorPath).toBe('usr/bin/sh');
		s = run(s, key('/'), key('n'), key('e'), key('w'));
		expect(shown(s.image!)!.view.cursorPath).toBe('etc/new');
		s = run(s, key('ctrl+u'));
		expect(s.image!.files!.search.value).toBe('');
		s = run(s, key('p'), key('escape', '\x1b'));
		expect(shown(s.image!)!.view.cursorPath).toBe('usr/bin/sh');
		expect(contextOf(s)).toBe('files');
	});

	it('w shows the waste view; Enter goes to the layer that stored the wasted copy, at its path', () => {
		let s = ready(1);
		s = run(s, key('w'));
		expect(contextOf(s)).toBe('filesWaste');
		// Wasted: usr/bin/sh (100, removed in 1) and etc/passwd (30, overwritten in 1).
		s = run(s, key('enter', '\r'));
		expect(contextOf(s)).toBe('files');
		const v = shown(s.image!)!;
		expect(v.layer).toBe(0);
		expect(selected(v.tree, v.view)!.path).toBe('usr/bin/sh');
		s = run(s, key('w'), key('j'), key('enter', '\r'));
		expect(shown(s.image!)!.view.cursorPath).toBe('etc/passwd');
	});

	it('x opens the extract form for a file (the removed one from the layer that stored it) and refuses a directory', () => {
		let s = ready(1);
		s = run(s, key('x'));
		expect(s.overlay).toBeUndefined();
		expect(s.notice).toEqual({level: 'error', text: 'etc is a directory: only regular files can be extracted'});
		s = run(s, key('G'), key('x'));
		expect(s.overlay?.kind).toBe('form');
		const form = s.overlay!.kind === 'form' ? s.overlay!.form : undefined;
		expect(form!.title).toBe('Extract usr/bin/sh (100 bytes) from layer 0, as it was before layer 1 removed it');
		expect(form!.subject).toEqual({imageId: 'sha256:img', ref: 'img:1', layer: '0', path: 'usr/bin/sh', blobPath: 'blobs/0', final: ''});
		expect(form!.fields[0].text.value).toBe('sh');
	});

	it('binds each key once in each of the tab contexts', () => {
		for (const context of ['files', 'filesLoading', 'filesSearch', 'filesWaste'] as const) {
			const seen = new Set<string>();
			for (const binding of bindings.filter((b) => b.contexts === 'all' || b.contexts.includes(context))) {
				for (const k of binding.keys) {
					expect(seen.has(k), `${k} twice in ${context}`).toBe(false);
					seen.add(k);
				}
			}
		}
		expect(actionFor('files', 'enter')).toBe('toggleDir');
		expect(actionFor('files', 'right')).toBe('expandDir');
		expect(actionFor('files', 'left')).toBe('collapseDir');
		expect(actionFor('filesLoading', 'escape')).toBe('cancelRead');
		expect(actionFor('filesSearch', 'n')).toBeUndefined();
	});
});

describe('files reducer: a 50,000-file layer', () => {
	it('moves instantly and answers the other keys in a few ms through the whole reducer', () => {
		const entries: FileEntry[] = [d('data')];
		for (let i = 0; i < 50; i++) {
			entries.push(d(`data/d${i}`));
			for (let j = 0; j < 1000; j++) entries.push(f(`data/d${i}/file-${j}`, 4096));
		}
		let s = run(onFiles(0), files({type: 'ready', imageId: 'sha256:img', data: dataOf(entries)}));
		// The first key builds the tree (once); the next ones reuse it.
		s = run(s, key('e'));
		// Every key through the whole reducer on 50,000 files; how fast is `npm run bench`'s to say.
		const timed = (...msgs: Msg[]) => {
			s = run(s, ...msgs);
			shown(s.image!);
		};
		for (let i = 0; i < 20; i++) timed(key('pagedown'));
		timed(key('G'));
		timed(key('c'));
		timed(key('e'));
		timed(key('s'));
		timed(key('/'));
		for (const ch of 'd42/file-77') timed(key(ch));
		timed(key('enter', '\r'));
		timed(key('n'));
		// file-77, then (by name, all sizes equal) file-770.
		expect(shown(s.image!)!.view.cursorPath).toBe('data/d42/file-770');
	});
});

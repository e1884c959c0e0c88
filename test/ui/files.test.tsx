/**
 * The Files tab on the real engine, on the fixture test-layers/waste:1 (one
 * case per layer, see test/layers/fixtures/waste/Dockerfile) and
 * test-layers/big:1 (about 41,000 files). What is asserted is what the
 * screen shows: marks, sizes, the tree opening and closing, the search
 * jumping, the waste figures, and what extraction writes.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {type Readable, Transform, pipeline} from 'node:stream';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readImageArchive} from '../../source/engine/archive/index.js';
import type {Engine} from '../../source/engine/engine.js';
import {loadImageDetail} from '../../source/engine/image-detail.js';
import {App} from '../../source/ui/App.js';
import type {State} from '../../source/ui/model.js';
import {engine, haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';
import {initialState} from '../../source/ui/state.js';

const WASTE = 'test-layers/waste:1';
const BIG = 'test-layers/big:1';
const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), '../layers/fixtures.sh');

// From the Dockerfile: over.txt 4 (3) + same.txt 12 (4) + del.txt 10 (5) + dir 2+3 (6) + opq 5+2 (7) + big 1 MiB (8) + over.txt 6 (10)
const WASTED = 4 + 12 + 10 + 5 + 7 + 1048576 + 6;
// Stored by layers 1..10: 50 + 1 MiB + 6 + 12 + 3 + 6
const USER_STORED = 50 + 1048576 + 6 + 12 + 3 + 6;

const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');
/** The frame's lines without colour codes and trailing blanks. */
const lines = (frame: string) => plain(frame).split('\n').map((l) => l.trimEnd());
const row = (frame: string, name: string) => lines(frame).find((l) => new RegExp(`^[+~=\\- ] +[▾▸ ]? ?${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/| |$)`).test(l));

async function opened(e: Engine, ref: string, layer: number, tab: 'layers' | 'files' = 'files'): Promise<Partial<State>> {
	const detail = await loadImageDetail(e, ref);
	return {...initialState(100, 30), view: 'image', image: {ref, id: detail.inspect.value.Id, tab, cursor: {layers: layer, history: 0, inspect: 0}, detail, inspectLines: []}};
}

async function screen(ref: string, layer: number, tab: 'layers' | 'files' = 'files', e: Engine = engine()) {
	const app = render(<App engine={e} controller={null} initial={await opened(e, ref, layer, tab)} />);
	const until = (predicate: (frame: string) => boolean, timeout = 20_000) => waitFor(() => plain(app.lastFrame() ?? ''), predicate, timeout);
	return {...app, until};
}

describe.skipIf(!haveEngine)('the Files tab on test-layers/waste:1', () => {
	let cwd: string;
	let out: string;
	let baseBytes = 0;

	beforeAll(async () => {
		execFileSync(fixtures, {stdio: 'pipe'});
		// The base layer's bytes (busybox) are not in the Dockerfile: read them from the base image.
		const base = await readImageArchive(await engine().saveImage('test-layers/base:1'));
		baseBytes = base.layers[0].entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
		cwd = process.cwd();
		out = realpathSync(mkdtempSync(path.join(tmpdir(), 'imgscope-files-')));
	});
	afterAll(() => {
		process.chdir(cwd);
		rmSync(out, {recursive: true, force: true});
	});

	it("shows the layer's changes as a tree, with marks and sizes", async () => {
		const s = await screen(WASTE, 1);
		let frame = await s.until((f) => f.includes('over.txt'));
		expect(frame).toContain(' Files ');
		expect(frame).toContain('Layer 1 of 0–10  sort: name ↑  filter: all  changes: 15 added, 0 modified, 0 removed');
		expect(frame).toContain('$ /bin/sh -c mkdir -p /w/dir/sub');
		expect(row(frame, 'w')).toMatch(/^\+ ▾ w\/ +50B$/);
		expect(row(frame, 'del.txt')).toMatch(/^\+ {5}del\.txt +10B$/);
		expect(row(frame, 'dir')).toMatch(/^\+ {3}▾ dir\/ +5B$/);
		expect(row(frame, 'b')).toMatch(/^\+ {9}b +3B$/);
		expect(row(frame, 'sym')).toMatch(/^\+ {5}sym → over\.txt$/);
		expect(row(frame, 'h2')).toMatch(/^\+ {5}h2 ⇒ \/w\/h1$/);
		// The selected row's details on the last line.
		expect(frame).toMatch(/\/w · 8 files, 50B · drwxr-xr-x 0:0 · added · row 1\/15/);
		s.unmount();
	});

	it('marks modified and removed paths (the marks do not need colour), and moves between layers with [ and ]', async () => {
		const s = await screen(WASTE, 3);
		let frame = await s.until((f) => f.includes('over.txt'));
		expect(frame).toMatch(/Layer 3 of 0–10 .* changes: 0 added, 1 modified, 0 removed/);
		expect(row(frame, 'over.txt')).toMatch(/^~ {5}over\.txt +6B$/);
		expect(row(frame, 'w')).toMatch(/^  ▾ w\/ +6B$/);
		await tick();
		s.stdin.write('j');
		frame = await s.until((f) => f.includes('modified: content'));
		expect(frame).toMatch(/\/w\/over\.txt · file 6 bytes · -rw-r--r-- 0:0 · modified: content/);
		s.stdin.write(']]]');
		frame = await s.until((f) => f.includes('Layer 6 of 0–10'));
		expect(row(frame, 'dir')).toMatch(/^- {3}▾ dir\/ +5B$/);
		expect(row(frame, 'a')).toMatch(/^- {7}a +2B$/);
		expect(row(frame, 'sub')).toMatch(/^- {5}▾ sub\/ +3B$/);
		s.stdin.write(']');
		// Layer 7 deleted and recreated /w/opq: the old contents removed (opaque), the new file added.
		frame = await s.until((f) => f.includes('Layer 7 of 0–10'));
		expect(frame).toContain('changes: 1 added, 0 modified, 3 removed');
		expect(row(frame, 'new')).toMatch(/^\+ {7}new +3B$/);
		expect(row(frame, 'o1')).toMatch(/^- {7}o1 +2B$/);
		expect(row(frame, 'keep')).toMatch(/^- {5}▾ keep\/ +5B$/);
		s.stdin.write('[');
		frame = await s.until((f) => f.includes('Layer 6 of 0–10'));
		s.unmount();
	});

	it('shows an identical rewrite as stored again unchanged (=): not a change, but where the waste came from', async () => {
		const s = await screen(WASTE, 4);
		let frame = await s.until((f) => f.includes('same.txt'));
		expect(frame).toContain('changes: 0 added, 0 modified, 0 removed, 1 unchanged');
		expect(row(frame, 'same.txt')).toMatch(/^= {5}same\.txt +12B$/);
		// The parent directory, stored again too, is not marked.
		expect(row(frame, 'w')).toMatch(/^  ▾ w\/ +12B$/);
		await tick();
		s.stdin.write('j');
		frame = await s.until((f) => f.includes('/w/same.txt ·'));
		expect(frame).toMatch(/\/w\/same\.txt · file 12 bytes · -rw-r--r-- 0:0 · stored again unchanged \(the copy below is wasted\)/);
		s.unmount();
	});

	it('collapses and expands directories with ← → Enter, and all of them with c and e', async () => {
		const s = await screen(WASTE, 1);
		let frame = await s.until((f) => f.includes('over.txt'));
		await tick();
		// w, del.txt, dir: the cursor on dir.
		s.stdin.write('jj');
		frame = await s.until((f) => f.includes('row 3/15'));
		s.stdin.write(keys.left);
		frame = await s.until((f) => f.includes('row 3/12'));
		expect(row(frame, 'dir')).toMatch(/^\+ {3}▸ dir\/ +5B$/);
		expect(row(frame, 'sub')).toBeUndefined();
		s.stdin.write(keys.right);
		frame = await s.until((f) => f.includes('row 3/15'));
		expect(row(frame, 'sub')).toMatch(/▾ sub\//);
		// → on an open directory goes into it.
		s.stdin.write(keys.right);
		frame = await s.until((f) => f.includes('row 4/15'));
		expect(frame).toContain('/w/dir/a · file 2 bytes');
		// ← on a file goes to its directory; Enter closes it, Space opens it.
		s.stdin.write(keys.left);
		frame = await s.until((f) => f.includes('row 3/15'));
		s.stdin.write(keys.enter);
		frame = await s.until((f) => f.includes('row 3/12'));
		s.stdin.write(' ');
		frame = await s.until((f) => f.includes('row 3/15'));
		s.stdin.write('c');
		frame = await s.until((f) => f.includes('row 1/1'));
		expect(row(frame, 'w')).toMatch(/^\+ ▸ w\/ +50B$/);
		expect(row(frame, 'over.txt')).toBeUndefined();
		s.stdin.write(keys.enter);
		frame = await s.until((f) => f.includes('row 1/9'));
		expect(row(frame, 'over.txt')).toMatch(/^\+ {5}over\.txt +4B$/);
		s.stdin.write('e');
		frame = await s.until((f) => f.includes('row 1/15'));
		s.unmount();
	});

	it('searches as you type and jumps to the path, opening its directories; n and N go on', async () => {
		const s = await screen(WASTE, 1);
		let frame = await s.until((f) => f.includes('over.txt'));
		await tick();
		s.stdin.write('c');
		frame = await s.until((f) => f.includes('row 1/1'));
		s.stdin.write('/');
		frame = await s.until((f) => f.includes('type part of a path'));
		s.stdin.write('keep/');
		// Only w/opq/keep/f contains "keep/": the jump opened w, opq and keep.
		frame = await s.until((f) => f.includes('match 1 of 1'));
		expect(lines(frame).at(-2)).toMatch(/^\/keep\/ +match 1 of 1$/);
		expect(row(frame, 'f')).toMatch(/^\+ {9}f +5B$/);
		s.stdin.write(keys.backspace);
		frame = await s.until((f) => f.includes('/keep '));
		s.stdin.write(keys.enter);
		frame = await s.until((f) => !f.includes('match '));
		expect(frame).toMatch(/\/w\/opq\/keep · 1 file, 5B/);
		expect(row(frame, 'keep')).toMatch(/^\+ {5}▾ keep\/ +5B$/);
		expect(row(frame, 'f')).toMatch(/^\+ {9}f +5B$/);
		// Another search: .txt matches del.txt, over.txt, same.txt; n and N walk them, wrapping.
		s.stdin.write('/');
		await s.until((f) => f.includes('type part of a path'));
		s.stdin.write('.TXT\r');
		frame = await s.until((f) => f.includes('/w/over.txt · file'));
		s.stdin.write('n');
		frame = await s.until((f) => f.includes('/w/same.txt · file'));
		s.stdin.write('n');
		frame = await s.until((f) => f.includes('/w/del.txt · file'));
		s.stdin.write('N');
		frame = await s.until((f) => f.includes('/w/same.txt · file'));
		// Esc in the box goes back to where the search started.
		s.stdin.write('/');
		await s.until((f) => f.includes('type part of a path'));
		s.stdin.write('sym');
		await s.until((f) => f.includes('/sym   match 1 of 1'));
		s.stdin.write(keys.escape);
		frame = await s.until((f) => f.includes('/w/same.txt · file'));
		s.stdin.write('/');
		await s.until((f) => f.includes('type part of a path'));
		s.stdin.write('nothing-like-this');
		frame = await s.until((f) => f.includes('no match'));
		s.unmount();
	});

	it('sorts by size and filters by change type, both shown in the header', async () => {
		const s = await screen(WASTE, 1);
		let frame = await s.until((f) => f.includes('over.txt'));
		await tick();
		s.stdin.write('s');
		frame = await s.until((f) => f.includes('sort: size ↓'));
		const names = lines(frame).filter((l) => /^\+ {5}[^\s▾▸]/.test(l) || /^\+ {3}▾/.test(l)).map((l) => l.slice(2).trim().split(/\s+/)[l.includes('▾') ? 1 : 0]);
		// Under w, biggest first (ties by name): h1 12, same.txt 12, del.txt 10, opq/ 7, dir/ 5, over.txt 4, h2 and sym 0.
		expect(names).toEqual(['h1', 'same.txt', 'del.txt', 'opq/', 'dir/', 'over.txt', 'h2', 'sym']);
		s.stdin.write('s');
		frame = await s.until((f) => f.includes('sort: name ↑'));
		s.stdin.write(']]]]]]');
		frame = await s.until((f) => f.includes('Layer 7 of 0–10'));
		s.stdin.write('f');
		frame = await s.until((f) => f.includes('filter: added'));
		expect(row(frame, 'new')).toBeDefined();
		expect(row(frame, 'o1')).toBeUndefined();
		expect(row(frame, 'opq')).toMatch(/^ {4}▾ opq\/ +3B$/);
		s.stdin.write('f');
		frame = await s.until((f) => f.includes('filter: modified'));
		expect(frame).toContain('Nothing modified here (f changes the filter).');
		s.stdin.write('f');
		frame = await s.until((f) => f.includes('filter: removed'));
		expect(row(frame, 'new')).toBeUndefined();
		expect(row(frame, 'o1')).toMatch(/^- {7}o1 +2B$/);
		expect(row(frame, 'opq')).toMatch(/^ {4}▾ opq\/ +7B$/);
		s.stdin.write('f');
		frame = await s.until((f) => f.includes('filter: all'));
		s.unmount();
	});

	it('shows the whole filesystem at a layer with a, marking what that layer did', async () => {
		const s = await screen(WASTE, 10);
		let frame = await s.until((f) => f.includes('over.txt'));
		expect(frame).toContain('changes: 0 added, 1 modified, 0 removed');
		await tick();
		s.stdin.write('a');
		frame = await s.until((f) => f.includes('whole filesystem: 5 files, 1.98MB'));
		s.stdin.write('c');
		frame = await s.until((f) => f.includes('row 3/3'));
		expect(row(frame, 'bin')).toMatch(/^  ▸ bin\/ +1\.98MB$/);
		// tmp is empty: nothing to open.
		expect(row(frame, 'tmp')).toMatch(/^ {4}tmp\/ +0B$/);
		expect(row(frame, 'w')).toMatch(/^  ▸ w\/ +33B$/);
		s.stdin.write('/opq/\r');
		frame = await s.until((f) => f.includes('/w/opq/new'));
		// What is visible at layer 10: the recreated opq holds only new; del.txt, dir and big.bin are gone.
		s.stdin.write('e');
		frame = await s.until((f) => f.includes('over.txt'));
		s.stdin.write('G');
		frame = await s.until((f) => f.includes('/w/sym · symlink'));
		expect(row(frame, 'over.txt')).toMatch(/^~ {5}over\.txt +6B$/);
		expect(row(frame, 'sym')).toMatch(/^ {6}sym → same\.txt$/);
		expect(row(frame, 'new')).toMatch(/^ {8}new +3B$/);
		expect(row(frame, 'del.txt')).toBeUndefined();
		expect(row(frame, 'big.bin')).toBeUndefined();
		expect(row(frame, 'keep')).toBeUndefined();
		s.unmount();
	});

	it('shows the wasted-space summary with exact figures and the biggest wasted paths, and jumps to one', async () => {
		const s = await screen(WASTE, 1);
		await s.until((f) => f.includes('over.txt'));
		await tick();
		s.stdin.write('w');
		const frame = await s.until((f) => f.includes('Wasted space'));
		const stored = baseBytes + USER_STORED;
		const pct = (r: number) => `${(r * 100).toFixed(4)}%`;
		expect(frame).toContain(`wastedBytes ${WASTED} (1.05MB) of ${stored} stored`);
		expect(frame).toContain(`efficiency ${pct(1 - WASTED / stored)}  userWastedPercent ${pct(WASTED / USER_STORED)}  9 wasted copies`);
		const wasted = lines(frame).filter((l) => /^ +\S+B {2}layer/.test(l));
		expect(wasted.map((l) => l.trim().split(/\s+/).join(' '))).toEqual([
			'1.05MB layer 2 layer 8 removed /w/big.bin',
			'12B layer 1 layer 4 overwritten /w/same.txt',
			'10B layer 1 layer 5 removed /w/del.txt',
			'6B layer 3 layer 10 overwritten /w/over.txt',
			'5B layer 1 layer 7 opaque /w/opq/keep/f',
			'4B layer 1 layer 3 overwritten /w/over.txt',
			'3B layer 1 layer 6 removed /w/dir/sub/b',
			'2B layer 1 layer 6 removed /w/dir/a',
			'2B layer 1 layer 7 opaque /w/opq/o1',
		]);
		// Enter shows the path in the layer that stored it.
		s.stdin.write(keys.enter);
		const shown = await s.until((f) => f.includes('Layer 2 of 0–10'));
		expect(shown).toMatch(/\/w\/big\.bin · file 1048576 bytes/);
		expect(row(shown, 'big.bin')).toMatch(/^\+ {5}big\.bin +1\.05MB$/);
		s.unmount();
	});

	it('extracts the selected file into the current directory and refuses a path outside it', async () => {
		process.chdir(out);
		try {
			const s = await screen(WASTE, 3);
			let frame = await s.until((f) => f.includes('over.txt'));
			await tick();
			s.stdin.write('j');
			await s.until((f) => f.includes('/w/over.txt · file'));
			s.stdin.write('x');
			frame = await s.until((f) => f.includes('Extract w/over.txt (6 bytes) from layer 3'));
			expect(frame).toMatch(/Save as +over\.txt/);
			s.stdin.write(keys.enter);
			frame = await s.until((f) => f.includes('✓ Extracted'));
			expect(frame).toContain(`✓ Extracted w/over.txt from layer 3 to ${path.join(out, 'over.txt')} (6 bytes)`);
			expect(readFileSync(path.join(out, 'over.txt'), 'utf8')).toBe('bbbbbb');

			// A path that leads out of the directory is refused, next to the field; nothing is written.
			s.stdin.write('x');
			await s.until((f) => f.includes('Extract w/over.txt'));
			s.stdin.write(keys.ctrlU);
			// A name nothing in the parent has (a /tmp/x directory of someone else's would take the file under its own name).
			let outside = '../x';
			for (let n = 0; existsSync(path.join(out, outside)); n++) outside = `../x${n}`;
			s.stdin.write(outside);
			await s.until((f) => f.includes(outside));
			s.stdin.write(keys.enter);
			frame = await s.until((f) => f.includes('refusing to write'));
			expect(frame).toContain(`✗ refusing to write "${outside}": it is outside ${out}`);
			expect(existsSync(path.join(out, outside))).toBe(false);
			// An existing name is not overwritten either.
			s.stdin.write(keys.ctrlU);
			s.stdin.write('over.txt\r');
			frame = await s.until((f) => f.includes('already exists'));
			// A directory receives the file under its own name.
			mkdirSync(path.join(out, 'sub'));
			s.stdin.write(keys.ctrlU);
			s.stdin.write('sub\r');
			frame = await s.until((f) => f.includes('✓ Extracted'));
			expect(frame).toContain(`to ${path.join(out, 'sub', 'over.txt')} (6 bytes)`);
			expect(readFileSync(path.join(out, 'sub', 'over.txt'), 'utf8')).toBe('bbbbbb');
			s.unmount();
		} finally {
			process.chdir(cwd);
		}
	});

	it('extracts what a layer removed (from the layer that stored it) and follows hard links', async () => {
		process.chdir(out);
		try {
			const s = await screen(WASTE, 5);
			let frame = await s.until((f) => f.includes('del.txt'));
			expect(row(frame, 'del.txt')).toMatch(/^- {5}del\.txt +10B$/);
			await tick();
			s.stdin.write('j');
			await s.until((f) => f.includes('/w/del.txt · file'));
			s.stdin.write('x');
			frame = await s.until((f) => f.includes('Extract w/del.txt (10 bytes) from layer 1, as it was before layer 5 removed it'));
			s.stdin.write(keys.ctrlU);
			s.stdin.write('removed.txt\r');
			await s.until((f) => f.includes('✓ Extracted'));
			expect(readFileSync(path.join(out, 'removed.txt'), 'utf8')).toBe('0123456789');
			// Directories and symbolic links are refused before anything is read.
			s.stdin.write('k');
			await s.until((f) => f.includes('/w · '));
			s.stdin.write('x');
			frame = await s.until((f) => f.includes('only regular files'));
			expect(frame).toContain('✗ w is a directory: only regular files can be extracted');
			s.unmount();

			const h = await screen(WASTE, 1);
			await h.until((f) => f.includes('h2'));
			await tick();
			h.stdin.write('/h2\r');
			await h.until((f) => f.includes('/w/h2 · hard link'));
			h.stdin.write('x');
			await h.until((f) => f.includes('Extract w/h2'));
			h.stdin.write(keys.enter);
			await h.until((f) => f.includes('✓ Extracted'));
			expect(readFileSync(path.join(out, 'h2'), 'utf8')).toBe('hard-content');
			h.stdin.write('/sym\r');
			await h.until((f) => f.includes('/w/sym · symlink'));
			h.stdin.write('x');
			await h.until((f) => f.includes('w/sym is a symlink: only regular files can be extracted'));
			h.unmount();
		} finally {
			process.chdir(cwd);
		}
	});

	it('reaches the tab with Tab from the Layers tab, for the layer selected there', async () => {
		const s = await screen(WASTE, 0, 'layers');
		await s.until((f) => f.includes('CUMULATIVE'));
		await tick();
		s.stdin.write('jjj');
		await s.until((f) => /layer 3 {2}sha256/.test(f));
		s.stdin.write(keys.tab);
		await s.until((f) => f.includes('COMMENT'));
		s.stdin.write(keys.tab);
		await s.until((f) => f.includes('"Id"') || f.includes('Inspect'));
		s.stdin.write(keys.tab);
		const frame = await s.until((f) => f.includes('Layer 3 of 0–10'));
		expect(row(frame, 'over.txt')).toMatch(/^~ /);
		// Shift+Tab goes back; the ? help lists the tab's keys.
		s.stdin.write('?');
		const help = await s.until((f) => f.includes('Image: Files'));
		expect(help).toContain('Search paths as you type');
		s.unmount();
	});
});

describe.skipIf(!haveEngine)('the Files tab on fixture/hostile:1 (a file named with an escape sequence)', () => {
	beforeAll(() => {
		execFileSync(path.join(path.dirname(fixtures), '../fixtures/build.sh'), {stdio: 'pipe'});
	});

	it('never writes the name raw: rows, details, search box and the extract form show it escaped', async () => {
		const e = engine();
		const detail = await loadImageDetail(e, 'fixture/hostile:1');
		const last = detail.pairing.layers.length - 1;
		const s = await screen('fixture/hostile:1', last, 'files', e);
		let frame = await s.until((f) => f.includes('evil'));
		expect(row(frame, 'evil\\x1b[2Jname')).toMatch(/^\+ {5}evil\\x1b\[2Jname +1B$/);
		await tick();
		s.stdin.write('/2Jn');
		frame = await s.until((f) => f.includes('match 1 of 1'));
		s.stdin.write(keys.enter);
		frame = await s.until((f) => f.includes('/tmp/evil\\x1b[2Jname · file 1 bytes'));
		s.stdin.write('x');
		frame = await s.until((f) => f.includes('Extract tmp/evil\\x1b[2Jname'));
		// The suggested file name has the control character replaced.
		expect(frame).toMatch(/Save as +evil_\[2Jname/);
		s.stdin.write(keys.escape);
		await s.until((f) => !f.includes('Save as'));
		const all = s.frames.join('\n');
		expect(all).not.toContain('\x1b[2J');
		expect(all).not.toMatch(/\x1b\]0;/);
		s.unmount();
	});
});

describe.skipIf(!haveEngine)('the Files tab on a big image (test-layers/big:1, about 41,000 files)', () => {
	beforeAll(() => {
		execFileSync(fixtures, ['--big'], {stdio: 'pipe'});
	});

	it('shows progress while reading, Esc cancels and leaves nothing running, r reads again', async () => {
		const e = engine();
		const streams: Readable[] = [];
		const exportImage = e.exportImage.bind(e);
		e.exportImage = async (ref: string, signal?: AbortSignal) => {
			const exported = await exportImage(ref, signal);
			const stream = exported.source as Readable;
			streams.push(stream);
			if (streams.length > 1) return exported;
			// The first read is slowed down so that Esc lands in the middle of it.
			const slow = new Transform({transform: (chunk, _encoding, done) => void setTimeout(() => done(null, chunk), 5)});
			pipeline(stream, slow, () => undefined);
			return {...exported, source: slow, close: () => (exported.close(), slow.destroy())};
		};
		const s = await screen(BIG, 1, 'files', e);
		let frame = await s.until((f) => /[1-9][\d.]*MB read of about 208MB/.test(f) && /layer \d of 3|\d of 3 layers begun/.test(f));
		expect(frame).toContain('esc cancels reading');
		expect(frame).toContain('esc cancel');
		s.stdin.write(keys.escape);
		frame = await s.until((f) => f.includes('Reading the image was cancelled: nothing is running.'));
		await waitFor(() => String(streams.every((st) => st.destroyed)), (f) => f === 'true', 5000);
		expect(streams).toHaveLength(1);
		s.stdin.write('r');
		await s.until((f) => f.includes('MB read'));
		frame = await s.until((f) => f.includes('Layer 1 of 0–2'), 60_000);
		expect(frame).toContain('changes: 40042 added, 0 modified, 0 removed');
		expect(row(frame, 'data')).toMatch(/^\+ ▾ data\/ +206MB$/);
		expect(row(frame, 'd01')).toMatch(/^\+ {3}▸ d01\/ +4\.1MB$/);
		expect(streams).toHaveLength(2);
		expect(streams.every((st) => st.destroyed)).toBe(true);

		// 41,000 rows open: only the window is drawn, and paging lands where it should.
		s.stdin.write('e');
		frame = await s.until((f) => /row 1\/4004[0-9]/.test(f), 10_000);
		for (let i = 0; i < 20; i++) {
			s.stdin.write(keys.pageDown);
			await s.until((f) => f.includes(`row ${1 + (i + 1) * 23}/`), 5000);
		}
		s.stdin.write('G');
		frame = await s.until((f) => f.includes('/data/d40/fzzz') || /\/data\/d40\/f\w+ · file 4096 bytes/.test(f));
		s.unmount();
	});
});

import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {FileEntry, LayerEntries} from '../../source/layers/types.js';
import {App} from '../../source/ui/App.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {volumeFilesData, volumeFilesScreen} from '../../source/ui/volume-files.js';
import {keys, tick, waitFor} from '../helpers/ink.js';

// No engine is contacted (controller off): the entries are what readVolumeFiles returns for a volume.
const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));

const entries: FileEntry[] = [
	{path: 'd', type: 'dir', size: 0, mode: 0o1777, uid: 0, gid: 0},
	{path: 'd/big', type: 'file', size: 2048, mode: 0o4755, uid: 1, gid: 2},
	{path: 'd/small', type: 'file', size: 10, mode: 0o644, uid: 0, gid: 0},
	{path: 'l', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: 'd/big'},
	{path: 'e\x1b[31m', type: 'file', size: 1, mode: 0o2640, uid: 0, gid: 0},
] as FileEntry[];
const layer: LayerEntries = {diffId: '', blobPath: '', compression: 'none', tarBytes: 0, entries, anomalies: [], anomalyCount: 0};

function opened(): Partial<State> {
	let state: State = {...initialState(100, 30), view: 'volumes'};
	state = reduce(state, {type: 'openVolumeFiles', screen: volumeFilesScreen('pgdata', volumeFilesData('pgdata', layer))});
	return state;
}

describe("a volume's files in the Files tab's tree", () => {
	it('shows the tree, sizes, modes and owners, link targets, names made visible; search, sort, close, Esc back to Volumes', async () => {
		const app = render(<App engine={engine} controller={null} initial={opened()} />);
		let frame = await waitFor(app.lastFrame, (f) => f.includes('Volume pgdata'));
		expect(frame).toContain('whole filesystem: 3 files');
		expect(frame).toContain('l → d/big');
		expect(frame).not.toContain('\x1b[31m');
		expect(frame).not.toMatch(/Layers|History|Inspect/);
		// The first row is d (expanded): its mode and owner in the status line.
		expect(frame).toMatch(/\/d · 2 files, 2\.06kB · drwxrwxrwt 0:0/);
		await tick();
		app.stdin.write(keys.left);
		await waitFor(app.lastFrame, (f) => f.includes('row 1/3'));
		app.stdin.write(keys.right);
		await waitFor(app.lastFrame, (f) => f.includes('row 1/5'));
		app.stdin.write('/small');
		frame = await waitFor(app.lastFrame, (f) => f.includes('match 1 of 1'));
		app.stdin.write(keys.enter);
		frame = await waitFor(app.lastFrame, (f) => f.includes('/d/small · file 10 bytes · -rw-r--r-- 0:0'));
		app.stdin.write('k');
		frame = await waitFor(app.lastFrame, (f) => f.includes('/d/big · file 2048 bytes · -rwsr-xr-x 1:2'));
		app.stdin.write('s');
		frame = await waitFor(app.lastFrame, (f) => f.includes('sort: size ↓'));
		// Tab does not leave the Files tab of a volume.
		app.stdin.write(keys.tab);
		await tick(60);
		expect(app.lastFrame()).toContain('Volume pgdata');
		app.stdin.write(keys.escape);
		frame = await waitFor(app.lastFrame, (f) => f.includes('Volumes'));
		expect(frame).not.toContain('Volume pgdata');
		app.unmount();
	});

	it('x on a file opens the extract form with its path; on a directory says it cannot', async () => {
		const app = render(<App engine={engine} controller={null} initial={opened()} />);
		await waitFor(app.lastFrame, (f) => f.includes('Volume pgdata'));
		await tick();
		app.stdin.write('x');
		await waitFor(app.lastFrame, (f) => f.includes('d is a directory: only regular files can be extracted'));
		app.stdin.write('j');
		await waitFor(app.lastFrame, (f) => f.includes('/d/big ·'));
		app.stdin.write('x');
		const frame = await waitFor(app.lastFrame, (f) => f.includes('Extract d/big (2048 bytes) from volume pgdata'));
		expect(frame).toMatch(/File\s+d\/big/);
		expect(frame).toMatch(/Save as\s+big/);
		app.unmount();
	});
});

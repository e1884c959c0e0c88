import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {ImageSummary, HistoryItem} from '../../source/engine/types.js';
import {indentJson} from '../../source/format/json-indent.js';
import {pairHistory, stepsFromHistoryApi} from '../../source/layers/history.js';
import {App} from '../../source/ui/App.js';
import {imageRows} from '../../source/ui/rows.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {captured, capturedText, keys, tick, waitFor} from '../helpers/ink.js';

// Captured from a real engine (test/fixtures/captured); no daemon is contacted: controller is off.
const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));
const images = captured<ImageSummary[]>('images.json');

function listed(extra: Partial<State> = {}): Partial<State> {
	const base = reduce({...initialState(100, 30), ...extra}, {type: 'lists', images, containers: []});
	return {...base, width: 100, height: 30};
}

/** The App on the captured lists, once the list shows and input is live. */
async function listShown() {
	const app = render(<App engine={engine} controller={null} initial={listed()} />);
	await waitFor(app.lastFrame, (f) => f.includes('fixture/base'));
	await tick();
	return app;
}

/** The same with the help overlay open. */
async function helpShown() {
	const app = await listShown();
	app.stdin.write('?');
	await waitFor(app.lastFrame, (f) => f.includes('Cycle the sort'));
	return app;
}

function detailFor(ref: string, inspectFile: string, historyFile: string) {
	const raw = capturedText(inspectFile);
	const history = captured<HistoryItem[]>(historyFile);
	const value = JSON.parse(raw);
	const steps = stepsFromHistoryApi(history);
	return {ref, inspect: {raw, value}, history, steps, pairing: pairHistory(steps, value.RootFS.Layers), pairingSource: 'inferred' as const};
}

describe('the images screen', () => {
	it('lists every repo:tag with docker columns, newest first', async () => {
		const {lastFrame, unmount} = render(<App engine={engine} controller={null} initial={listed()} />);
		const frame = await waitFor(lastFrame, (f) => f.includes('fixture/app'));
		expect(frame).toMatch(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s+LAYERS\s+CTRS/);
		expect(frame).toContain('<none>');
		expect(frame).toMatch(/fixture\/app\s+latest/);
		expect(frame).toContain(`Images (${imageRows(images).length})`);
		unmount();
	});

	it('cycles the sort with s and shows it', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine} controller={null} initial={listed()} />);
		await waitFor(lastFrame, (f) => f.includes('sort: created'));
		await tick();
		stdin.write('s');
		await waitFor(lastFrame, (f) => f.includes('sort: size'));
		stdin.write('s');
		const frame = await waitFor(lastFrame, (f) => f.includes('sort: name'));
		const order = frame.split('\n').filter((line) => line.startsWith('fixture/') || line.startsWith('<none>')).map((line) => line.split(/\s+/)[0]);
		expect(order).toEqual([...order].sort());
		unmount();
	});

	it('filters as you type, keeps it on Enter, clears it on Esc', async () => {
		const {lastFrame, stdin, unmount} = await listShown();
		stdin.write('/');
		await tick();
		stdin.write('alias');
		let frame = await waitFor(lastFrame, (f) => f.includes('Images (1 of'));
		expect(frame).toContain('fixture/app-alias');
		expect(frame).not.toContain('fixture/base');
		stdin.write(keys.enter);
		await tick();
		frame = await waitFor(lastFrame, (f) => f.includes('/ edits'));
		stdin.write('/');
		await tick();
		stdin.write(keys.escape);
		frame = await waitFor(lastFrame, (f) => f.includes('fixture/base'));
		expect(frame).not.toContain('of ');
		unmount();
	});

	it('moves with j/k even when keys arrive in one chunk', async () => {
		const {lastFrame, stdin, unmount} = await listShown();
		stdin.write('jjj');
		await tick(50);
		stdin.write('k');
		await tick(50);
		// Selection is inverse video; the state is what we can read here.
		unmount();
		const state = ['down', 'down', 'down', 'up'].reduce((s, to) => reduce(s, {type: 'move', to: to as 'up'}), listed() as State);
		expect(state.lists.images.cursor).toBe(2);
	});

	it('shows the help overlay from the keymap and closes it', async () => {
		const {lastFrame, stdin, unmount} = await helpShown();
		// Longer than a screen: it scrolls to the other screens' keys.
		for (let i = 0; i < 12 && !(lastFrame() ?? '').includes('Image: Layers'); i++) {
			stdin.write(keys.pageDown);
			await tick();
		}
		expect(lastFrame()).toContain('Image: Layers');
		stdin.write(keys.escape);
		await waitFor(lastFrame, (f) => f.includes('fixture/base'));
		unmount();
	});

	it('a 20x4 terminal with the banner and the filter line: the title and the footer stay, the filter wins the one line left', async () => {
		const initial = {...reduce(listed() as State, {type: 'filterInput', text: 'base'}), width: 20, height: 4, banner: 'engine gone'};
		const {lastFrame, unmount} = render(<App engine={engine} controller={null} initial={initial} />);
		const frame = await waitFor(lastFrame, (f) => f.includes('imgscope'));
		const lines = frame.split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^imgscope/);
		expect(lines[1]).toMatch(/^\/base/);
		expect(frame).not.toContain('engine gone');
		unmount();
	});

	it('help: at the end (G), the first ↑ scrolls at once (its top stops where the last line shows)', async () => {
		const {lastFrame, stdin, unmount} = await helpShown();
		stdin.write('G');
		await tick();
		const atEnd = lastFrame();
		stdin.write(keys.up);
		await tick();
		expect(lastFrame()).not.toBe(atEnd);
		stdin.write('G');
		await tick();
		expect(lastFrame()).toBe(atEnd);
		unmount();
	});
});

describe('the image screen', () => {
	const detail = detailFor('fixture/app:1', 'app-inspect.json', 'app-history.json');
	const opened = (): Partial<State> => ({
		...listed(),
		view: 'image',
		image: {ref: 'fixture/app:1', id: detail.inspect.value.Id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, detail, inspectLines: indentJson(detail.inspect.raw).split('\n')},
	});

	it('shows layers with sizes, cumulative sizes and the step that made each', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine} controller={null} initial={opened()} />);
		let frame = await waitFor(lastFrame, (f) => f.includes('CUMULATIVE'));
		expect(frame).toMatch(/2\s+\w{12}\s+524kB\s+2.51MB\s+\/bin\/sh -c dd if=\/dev\/zero/);
		expect(frame).toContain('5 layers');
		await tick();
		stdin.write('jj');
		frame = await waitFor(lastFrame, (f) => /layer 2 {2}sha256:[0-9a-f]{64}/.test(f));
		expect(frame).toContain('count=512');
		unmount();
	});

	it('switches tabs in order with Tab and Shift+Tab, and goes back with Esc', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine} controller={null} initial={opened()} />);
		await waitFor(lastFrame, (f) => f.includes('CUMULATIVE'));
		await tick();
		stdin.write(keys.tab);
		let frame = await waitFor(lastFrame, (f) => f.includes('COMMENT'));
		expect(frame).toContain('metadata-only step');
		expect(frame).toContain('busybox base');
		stdin.write(keys.tab);
		frame = await waitFor(lastFrame, (f) => f.includes('"RootFS"') || f.includes('"Id": "sha256:'));
		expect(frame).toContain('    "Id": "sha256:');
		stdin.write(keys.shiftTab);
		await waitFor(lastFrame, (f) => f.includes('COMMENT'));
		stdin.write(keys.escape);
		await waitFor(lastFrame, (f) => f.includes('REPOSITORY'));
		unmount();
	});

	it('never lets an image write control characters to the terminal', async () => {
		const hostile = detailFor('fixture/hostile:1', 'hostile-inspect.json', 'hostile-history.json');
		const initial = {...opened(), image: {ref: 'fixture/hostile:1', id: hostile.inspect.value.Id, tab: 'history' as const, cursor: {layers: 0, history: 1, inspect: 0}, detail: hostile, inspectLines: indentJson(hostile.inspect.raw).split('\n')}};
		const {frames, lastFrame, stdin, unmount} = render(<App engine={engine} controller={null} initial={initial} />);
		await waitFor(lastFrame, (f) => f.includes('LABEL title='));
		await tick();
		stdin.write(keys.tab);
		await waitFor(lastFrame, (f) => f.includes('"Labels"') || f.includes('"Id"'));
		stdin.write('G');
		await tick(100);
		const all = frames.join('\n');
		// Ink's own styling uses ESC[...m; the image's OSC title, clear screen and bidi override must not appear raw.
		expect(all).not.toMatch(/\x1b\]0;/);
		expect(all).not.toContain('\x1b[2J');
		expect(all).not.toContain('\u202e');
		expect(all).toContain('\\x1b]0;');
		unmount();
	});
});

describe('keys that arrive in one chunk', () => {
	it('open, switch tabs and go back as if typed one by one', async () => {
		const {lastFrame, stdin, unmount} = await listShown();
		stdin.write('/fixture/app:1\r');
		await waitFor(lastFrame, (f) => f.includes('Images (1 of'));
		stdin.write('\x1b');
		await waitFor(lastFrame, (f) => f.includes('fixture/base') && !f.includes(' of '));
		// (Esc followed at once by a character is Alt+character on a terminal, so Esc goes alone.)
		stdin.write('?');
		await waitFor(lastFrame, (f) => f.includes('Cycle the sort'));
		stdin.write('\x1b');
		await waitFor(lastFrame, (f) => !f.includes('Cycle the sort'));
		await tick(50);
		stdin.write('2');
		await waitFor(lastFrame, (f) => f.includes('Containers (0)'));
		stdin.write('1');
		await waitFor(lastFrame, (f) => f.includes('REPOSITORY'));
		unmount();
	});
});

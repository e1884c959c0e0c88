/**
 * Issue 7, layout at small sizes, in process (the tmux tests in volume.test.ts
 * check the same on a real terminal): every screen, with the banner and the
 * filter line on or off, draws at most rows - 1 lines (Ink redraws the whole
 * screen when a frame fills it) and no line wider than the terminal. And the
 * CREATED column holds docker's "About a minute ago" once there is room.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {HistoryItem, ImageSummary} from '../../source/engine/types.js';
import {indentJson} from '../../source/format/json-indent.js';
import {pairHistory, stepsFromHistoryApi} from '../../source/layers/history.js';
import {displayWidth} from '../../source/text/width.js';
import {App} from '../../source/ui/App.js';
import {fitColumns} from '../../source/ui/columns.js';
import {imageColumns} from '../../source/ui/image-columns.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {captured, capturedText, tick} from '../helpers/ink.js';

const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));
const images = captured<ImageSummary[]>('images.json');

function detailFor(ref: string) {
	const raw = capturedText('app-inspect.json');
	const history = captured<HistoryItem[]>('app-history.json');
	const value = JSON.parse(raw);
	const steps = stepsFromHistoryApi(history);
	return {ref, inspect: {raw, value}, history, steps, pairing: pairHistory(steps, value.RootFS.Layers), pairingSource: 'inferred' as const};
}

type Variant = {name: string; state(width: number, height: number): State};

const listed = (width: number, height: number): State => reduce(initialState(width, height), {type: 'lists', images, containers: captured('containers.json')});
const opened = (width: number, height: number, tabSteps: number): State => {
	let state = reduce(reduce(listed(width, height), {type: 'filterInput', text: 'fixture/app:1'}), {type: 'filterAccept'});
	state = reduce(state, {type: 'open'});
	if (state.image) {
		const detail = detailFor(state.image.ref);
		state = reduce(state, {type: 'detail', ref: state.image.ref, detail, inspectLines: indentJson(detail.inspect.raw).split('\n')});
	}
	for (let i = 0; i < tabSteps; i++) state = reduce(state, {type: 'tab', delta: 1});
	return state;
};

const variants: Variant[] = [
	{name: 'images', state: listed},
	{name: 'images loading', state: (w, h) => initialState(w, h)},
	{name: 'images with the banner and the filter', state: (w, h) => ({...reduce(reduce(listed(w, h), {type: 'filterStart'}), {type: 'filterInput', text: 'fix'}), banner: 'Cannot connect to the Docker engine at unix:///x.sock: ENOENT\n  - is it running?'})},
	{name: 'containers', state: (w, h) => ({...listed(w, h), view: 'containers'})},
	{name: 'image: layers', state: (w, h) => opened(w, h, 0)},
	{name: 'image: history', state: (w, h) => opened(w, h, 1)},
	{name: 'image: inspect', state: (w, h) => opened(w, h, 2)},
	{name: 'image loading', state: (w, h) => ({...reduce(listed(w, h), {type: 'open'})})},
	{name: 'image with the banner', state: (w, h) => ({...opened(w, h, 0), banner: 'the engine at unix:///x.sock did not answer in time'})},
	{name: 'help', state: (w, h) => ({...listed(w, h), help: true})},
];

describe('the frame fits small terminals', () => {
	for (const [width, height] of [
		[20, 5],
		[30, 6],
		[40, 8],
		[60, 12],
	] as const) {
		it(`${width}x${height}: every screen, at most ${height - 1} lines of at most ${width} columns`, async () => {
			for (const variant of variants) {
				const state = variant.state(width, height);
				const {lastFrame, unmount} = render(<App engine={engine} controller={null} initial={{...state, width, height}} />);
				await tick(20);
				const lines = (lastFrame() ?? '').split('\n');
				unmount();
				expect(lines.length, `${variant.name}:\n${lines.join('\n')}`).toBeLessThanOrEqual(height - 1);
				for (const line of lines) expect(displayWidth(line), `${variant.name}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(width);
				expect(lines[0], variant.name).toMatch(/^imgscope/);
			}
		});
	}
});

describe('the CREATED column', () => {
	const now = Date.now();
	const row = {key: 'k', ref: 'a:1', repository: 'a', tag: '1', id: 'sha256:' + '1'.repeat(64), created: Math.floor(now / 1000) - 70, size: 1, containers: 0};

	it('holds "About a minute ago" when the terminal is wide enough', () => {
		for (const width of [100, 120, 200]) {
			const fitted = fitColumns(imageColumns({}, now), width);
			const index = fitted.columns.findIndex((column) => column.title === 'CREATED');
			expect(fitted.columns[index].cell(row as never)).toBe('About a minute ago');
			expect(fitted.widths[index], `at ${width} columns`).toBeGreaterThanOrEqual('About a minute ago'.length);
			expect(fitted.widths.reduce((a, b) => a + b, 0) + 2 * (fitted.widths.length - 1)).toBe(width);
		}
	});

	it('keeps its 14 columns on a narrow terminal rather than squeezing REPOSITORY', () => {
		const fitted = fitColumns(imageColumns({}, now), 80);
		const widths = Object.fromEntries(fitted.columns.map((column, i) => [column.title, fitted.widths[i]]));
		expect(widths.CREATED).toBe(14);
		expect(widths.REPOSITORY).toBeGreaterThanOrEqual(12);
	});
});

import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {HistoryItem, ImageSummary} from '../../source/engine/types.js';
import {indentJson} from '../../source/format/json-indent.js';
import {pairHistory, stepsFromHistoryApi} from '../../source/layers/history.js';
import {App} from '../../source/ui/App.js';
import {declaredVolumes, declaredVolumesText} from '../../source/ui/declared-volumes.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {captured, capturedText, waitFor} from '../helpers/ink.js';

// Captured from the real engine (test/fixtures/captured): fixture/app's Dockerfile has VOLUME /app/data.
const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));

function detailFor(ref: string, inspectFile: string, historyFile: string) {
	const raw = capturedText(inspectFile);
	const history = captured<HistoryItem[]>(historyFile);
	const value = JSON.parse(raw);
	const steps = stepsFromHistoryApi(history);
	return {ref, inspect: {raw, value}, history, steps, pairing: pairHistory(steps, value.RootFS.Layers), pairingSource: 'inferred' as const};
}

describe('the VOLUMEs an image declares', () => {
	it('come from Config.Volumes, sorted; none for a null or missing map', () => {
		expect(declaredVolumes(JSON.parse(capturedText('app-inspect.json')))).toEqual(['/app/data']);
		expect(declaredVolumes(JSON.parse(capturedText('hostile-inspect.json')))).toEqual([]);
		expect(declaredVolumes({Config: {Volumes: {'/b': {}, '/a': {}}}})).toEqual(['/a', '/b']);
		expect(declaredVolumes({})).toEqual([]);
		expect(declaredVolumesText({Config: null})).toBe('');
	});

	it('make control characters in a path visible', () => {
		expect(declaredVolumesText({Config: {Volumes: {'/x\u001b[2J': {}}}})).not.toContain('\u001b');
	});

	it('show under the Layers table of the image', async () => {
		const images = captured<ImageSummary[]>('images.json');
		const detail = detailFor('fixture/app:1', 'app-inspect.json', 'app-history.json');
		const base = reduce(initialState(120, 30), {type: 'lists', images, containers: []});
		const state: Partial<State> = {
			...base,
			width: 120,
			height: 30,
			view: 'image',
			image: {ref: 'fixture/app:1', id: detail.inspect.value.Id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, detail, inspectLines: indentJson(detail.inspect.raw).split('\n')},
		};
		const app = render(<App engine={engine} controller={null} initial={state} />);
		const frame = await waitFor(app.lastFrame, (f) => f.includes('CUMULATIVE'));
		expect(frame).toContain('declares VOLUME /app/data');
		app.unmount();
	});
});

describe('the Containers list’s MOUNTS', async () => {
	const {mountsText} = await import('../../source/ui/lists/container-columns.js');
	it('names a volume by its name and a bind by its source, as docker ps does', () => {
		// The list API's Mounts entries as dockerd 20.10 sends them (a named volume, a bind).
		const row = {Mounts: [{Type: 'volume', Name: 'pgdata', Source: '/var/lib/docker/volumes/pgdata/_data', Destination: '/data'}, {Type: 'bind', Source: '/srv/conf', Destination: '/conf'}]};
		expect(mountsText(row as never)).toBe('pgdata,/srv/conf');
	});
});

import {describe, expect, it} from 'vitest';
import {emptyLayerDiffId, layerLikelihood, pairHistory, stepsFromConfig, stepsFromHistoryApi, type HistoryStep} from '../../source/layers/history.js';

const ids = (n: number) => Array.from({length: n}, (_, i) => `sha256:${String(i).repeat(64).slice(0, 64)}`);

describe('pairHistory with the config flags', () => {
	it('gives each non-empty step, in order, the next diff_id', () => {
		const steps: HistoryStep[] = [
			{createdBy: 'ADD rootfs', emptyLayer: false, size: 100},
			{createdBy: 'ENV A=1', emptyLayer: true, size: 0},
			{createdBy: 'RUN mkdir /x', emptyLayer: false, size: 0},
			{createdBy: 'RUN true', emptyLayer: true, size: 0},
			{createdBy: 'COPY f /f', emptyLayer: false, size: 5},
		];
		const pairing = pairHistory(steps, ids(3));
		expect(pairing.exact).toBe(true);
		expect(pairing.layers.map((layer) => layer.stepIndex)).toEqual([0, 2, 4]);
		expect(pairing.stepLayer).toEqual([0, undefined, 1, undefined, 2]);
		expect(pairing.layers.map((layer) => layer.cumulativeSize)).toEqual([100, 100, 105]);
		// A step of size 0 can still own a layer.
		expect(pairing.layers[1].step?.createdBy).toBe('RUN mkdir /x');
	});

	it('leaves extra layers without a step when history is short', () => {
		const pairing = pairHistory([{createdBy: 'import', emptyLayer: false, size: 3}], ids(2));
		expect(pairing.layers[1].step).toBeUndefined();
		expect(pairing.exact).toBe(false);
	});
});

describe('pairHistory inferred from the history API', () => {
	it('is exact when the sized steps are exactly the layers', () => {
		const steps: HistoryStep[] = [
			{createdBy: '', size: 1980000},
			{createdBy: '/bin/sh -c #(nop)  LABEL a=b', size: 0},
			{createdBy: '/bin/sh -c mkdir -p /app', size: 4},
			{createdBy: '/bin/sh -c true', size: 0},
			{createdBy: '/bin/sh -c #(nop)  CMD ["x"]', size: 0},
		];
		const pairing = pairHistory(steps, ids(2));
		expect(pairing.exact).toBe(true);
		expect(pairing.layers.map((layer) => layer.stepIndex)).toEqual([0, 2]);
	});

	it('prefers layer-making zero-byte steps and says it guessed', () => {
		const steps: HistoryStep[] = [
			{createdBy: 'ADD file:abc in /', size: 10},
			{createdBy: '/bin/sh -c #(nop)  ENV A=1', size: 0},
			{createdBy: '/bin/sh -c mkdir /empty', size: 0},
			{createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0},
		];
		const pairing = pairHistory(steps, ids(2));
		expect(pairing.exact).toBe(false);
		expect(pairing.layers.map((layer) => layer.stepIndex)).toEqual([0, 2]);
	});

	it('is exact when every zero-byte step must own a layer', () => {
		const steps: HistoryStep[] = [
			{createdBy: 'a', size: 1},
			{createdBy: 'b', size: 0},
		];
		expect(pairHistory(steps, ids(2)).exact).toBe(true);
	});

	it('knows an empty tar layer has 0 bytes even without a step', () => {
		const pairing = pairHistory([], [emptyLayerDiffId]);
		expect(pairing.layers[0].size).toBe(0);
	});
});

describe('layerLikelihood', () => {
	it.each([
		['/bin/sh -c #(nop)  ENV A=1', -3],
		['/bin/sh -c #(nop) COPY file:x in /', 2],
		['/bin/sh -c #(nop) ADD dir:x in /', 2],
		['/bin/sh -c apk add x', 1],
		['RUN /bin/sh -c make # buildkit', 1],
		['ENV PATH=/usr/bin', -3],
		['|1 V=2 /bin/sh -c echo $V', 1],
		['WORKDIR /app', 1],
	])('%s -> %i', (createdBy, score) => {
		expect(layerLikelihood({createdBy})).toBe(score);
	});
});

describe('steps from the API and the config', () => {
	it('reverses the API (newest first) and merges sizes into the config history', () => {
		const api = stepsFromHistoryApi([
			{Id: 'sha256:b', Created: 2, CreatedBy: 'second', Tags: null, Size: 0, Comment: ''},
			{Id: '<missing>', Created: 1, CreatedBy: 'first', Tags: null, Size: 7, Comment: 'c'},
		]);
		expect(api.map((step) => step.createdBy)).toEqual(['first', 'second']);
		const steps = stepsFromConfig([{created_by: 'first'}, {created_by: 'second', empty_layer: true}], api);
		expect(steps).toMatchObject([
			{createdBy: 'first', emptyLayer: false, size: 7, id: '<missing>'},
			{createdBy: 'second', emptyLayer: true, size: 0, id: 'sha256:b'},
		]);
	});
});

describe('a config history without empty_layer flags', () => {
	it('is paired by inference and says so (not exact) when its steps outnumber its layers', () => {
		const steps = stepsFromConfig([{created_by: 'ADD rootfs.tar /'}, {created_by: 'ENV A=1'}, {created_by: 'RUN make'}]);
		expect(steps.every((s) => s.emptyLayer === undefined)).toBe(true);
		const pairing = pairHistory(steps, ['sha256:a', 'sha256:b']);
		expect(pairing.exact).toBe(false);
		expect(pairing.layers.map((l) => l.step?.createdBy)).toEqual(['ADD rootfs.tar /', 'RUN make']);
	});

	it('is exact when every step made a layer', () => {
		const pairing = pairHistory(stepsFromConfig([{created_by: 'ADD a /'}, {created_by: 'RUN b'}]), ['sha256:a', 'sha256:b']);
		expect(pairing.exact).toBe(true);
	});
});

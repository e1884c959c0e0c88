// The first frame drawn before ink loads (source/ui/preframe.ts) is the
// App's own first frame, text for text: when the App's chrome changes, this
// fails until preframe.ts follows (else the start-up shows one frame, then
// a slightly different one).
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {ImageSummary} from '../../source/engine/types.js';
import {App} from '../../source/ui/App.js';
import {firstFrame} from '../../source/ui/preframe.js';
import {captured} from '../helpers/ink.js';

const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));
const images = captured<ImageSummary[]>('images.json');
const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/ +$/gm, '');

describe('the first frame drawn before ink', () => {
	for (const [width, height] of [
		[100, 30],
		[80, 24],
		[50, 12],
		[30, 6],
	]) {
		it(`is the App's first frame at ${width}x${height}`, () => {
			const frame = firstFrame({images, containers: []}, engine.endpoint.url, {width, height});
			expect(frame).toBeDefined();
			// ink-testing-library draws 100 columns wide: the App gets the frame's size through its state.
			const {lastFrame, unmount} = render(<App engine={engine} controller={null} initial={frame!.state} />);
			try {
				const ink = plain(lastFrame() ?? '').split('\n');
				const ours = frame!.lines.map(plain);
				expect(ours).toEqual(ink.slice(0, ours.length));
			} finally {
				unmount();
			}
		});
	}

	it('is drawn for the list only (not with an empty answer it cannot tell from loading)', () => {
		const frame = firstFrame({images: [], containers: []}, engine.endpoint.url, {width: 80, height: 24});
		expect(frame?.lines.map(plain).join('\n')).toContain('No images on this engine.');
	});
});

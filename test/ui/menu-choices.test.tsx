/**
 * A menu's choices (components/MenuView.tsx): keys arriving together are
 * taken in order, each from where the one before left the cursor (Down
 * then Enter at once picks the item moved to: ink-select-input, used
 * before, picked the one left); ↑ wraps; a digit picks its item; a list
 * longer than the room scrolls with the cursor.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {MenuChoices} from '../../source/ui/components/MenuView.js';
import type {MenuItem} from '../../source/ui/model.js';
import {keys, tick, waitFor} from '../helpers/ink.js';

const items = (n: number): MenuItem[] => Array.from({length: n}, (_, i) => ({label: `item ${i}`, pick: {type: 'quit'}}));

async function picks(n: number, input: string[], options: {initial?: number; limit?: number} = {}): Promise<{picked: number[]; frame: string}> {
	const picked: number[] = [];
	const app = render(<MenuChoices items={items(n)} initial={options.initial} limit={options.limit} onPick={(index) => picked.push(index)} />);
	try {
		await waitFor(app.lastFrame, (f) => f.includes('item 0') || f.includes('❯'));
		// Listening starts with the first effect: one turn before the keys, then all of them at once.
		await tick(50);
		for (const key of input) app.stdin.write(key);
		await tick(100);
		return {picked, frame: app.lastFrame() ?? ''};
	} finally {
		app.unmount();
	}
}

describe('menu choices', () => {
	it('Down then Enter at once picks the item moved to', async () => {
		expect((await picks(3, [keys.down, keys.enter])).picked).toEqual([1]);
		expect((await picks(3, [keys.down, keys.down, keys.enter])).picked).toEqual([2]);
		expect((await picks(3, ['j', 'j', 'k', keys.enter], {initial: 1})).picked).toEqual([2]);
	});

	it('wraps at either end; a digit picks its item', async () => {
		expect((await picks(3, [keys.up, keys.enter])).picked).toEqual([2]);
		expect((await picks(3, [keys.down, keys.enter], {initial: 2})).picked).toEqual([0]);
		expect((await picks(3, ['3'])).picked).toEqual([2]);
		expect((await picks(3, ['7'])).picked).toEqual([]);
	});

	it('scrolls a list longer than its room with the cursor', async () => {
		const {frame, picked} = await picks(10, [keys.down, keys.down, keys.down, keys.down], {limit: 3});
		expect(picked).toEqual([]);
		const lines = frame.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[2]).toMatch(/❯ 5 +item 4/);
		expect(lines[0]).toMatch(/3 +item 2/);
	});
});

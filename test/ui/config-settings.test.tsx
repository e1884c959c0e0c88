/**
 * The config file's keys, mouse and confirm settings as the explorer uses
 * them: the file's text goes through the same path as at start
 * (config/schema.ts, config/explorer.ts, then the keymap's useKeyOverrides
 * as ui/run.tsx does), and the App and its reducer are driven by keys.
 * A rebound key acts and the old one no longer does; the footer, the `?`
 * help, the `x` menu and the hints name the new key; a question the file
 * turns off is not asked (its first choice goes ahead, never a force) and
 * every other question still is.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {explorerSettings, type ExplorerSettings} from '../../source/config/explorer.js';
import {resolveConfig} from '../../source/config/schema.js';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {ContainerSummary, ImageSummary} from '../../source/engine/types.js';
import {App} from '../../source/ui/App.js';
import {bindings, defaultBindings, footerFitted, footerFor, helpSections, keysOf, typingContexts, useKeyOverrides} from '../../source/ui/keymap.js';
import {firstFrame} from '../../source/ui/preframe.js';
import {task} from '../../source/ui/overlays/task.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {themeDefaults} from '../../source/ui/theme.js';
import {captured, keys, waitFor} from '../helpers/ink.js';
import {readFileSync} from 'node:fs';

const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));
const images = captured<ImageSummary[]>('images.json');
const containers = JSON.parse(readFileSync(new URL('../containers/fixtures/ps-list.json', import.meta.url), 'utf8')) as ContainerSummary[];
const path = '/home/u/.config/imgscope/config.json';

/** The settings the explorer would start with for this file, its keys bound as run.tsx binds them. */
function started(text: string): ExplorerSettings {
	const settings = explorerSettings(resolveConfig({path, text, env: {LANG: 'C.UTF-8', TERM: 'xterm'}, flags: {}, bindings: defaultBindings, typing: typingContexts as Record<string, string>, theme: themeDefaults}));
	useKeyOverrides(settings.keys as Parameters<typeof useKeyOverrides>[0]);
	return settings;
}

function loaded(settings?: ExplorerSettings): State {
	const state = reduce(initialState(200, 30), {type: 'lists', images, containers});
	return settings ? {...state, confirm: settings.confirm} : state;
}

const press = (state: State, name: string, input = name.length === 1 ? name : '') => reduce(state, {type: 'key', press: {name, input}});
const footerOf = (frame: string) => frame.split('\n').at(-1) ?? '';

afterEach(() => useKeyOverrides({}));

describe('key bindings from the config', () => {
	const file = '{"keys": {"sort": "v", "down": "J", "removeImage": "D", "help": "H", "back": ["backspace", "ctrl+b"]}}';

	it('the reducer: a rebound key acts, the old one does nothing (unless still bound), in every view the action has', () => {
		started(file);
		let state = loaded();
		expect(state.lists.images.sort).toBe(0);
		expect(press(state, 's').lists.images.sort).toBe(0);
		state = press(state, 'v');
		expect(state.lists.images.sort).toBe(1);
		// `down` is now J only: j and the arrow no longer move; up (not rebound) still does.
		const top = state.lists.images.cursor;
		expect(press(state, 'j').lists.images.cursor).toBe(top);
		expect(press(state, 'down').lists.images.cursor).toBe(top);
		const moved = press(state, 'J');
		expect(moved.lists.images.cursor).toBe(top + 1);
		expect(press(moved, 'k').lists.images.cursor).toBe(top);
		// The Containers list has `down` too: J moves there as well.
		const onContainers = press(moved, '2');
		expect(onContainers.view).toBe('containers');
		expect(press(onContainers, 'J').lists.containers.cursor).toBe(onContainers.lists.containers.cursor + 1);
		// d is free now in Images (rm is D); in Containers d still removes (removeContainer was not rebound).
		expect(press(moved, 'd').overlay).toBeUndefined();
		expect(press(moved, 'D').overlay?.kind).toBe('confirm');
		expect(press(onContainers, 'd').overlay?.kind).toBe('confirm');
		// help on H, not ?; back is Backspace and Ctrl+B everywhere it is bound: Esc no longer closes the help or leaves the Layers tab.
		expect(press(moved, '?').help).toBe(false);
		const help = press(moved, 'H');
		expect(help.help).toBe(true);
		expect(press(help, 'escape').help).toBe(true);
		expect(press(help, 'ctrl+b').help).toBe(false);
		const image = press(moved, 'enter');
		expect(image.view).toBe('image');
		expect(press(image, 'escape').view).toBe('image');
		expect(press(image, 'ctrl+b').view).toBe('images');
		expect(press(image, 'backspace').view).toBe('images');
	});

	it('the footer, the ? help and the x menu show the keys as bound, in the App and in the first frame drawn before ink', async () => {
		const settings = started(file);
		const footer = footerFor('images');
		expect(footer).toContain('v sort');
		expect(footer).toContain('D rm');
		expect(footer).toContain('↑/J move');
		expect(footer).toContain('H help');
		expect(footer.join(' ')).not.toMatch(/(^| )(s sort|d rm|↑↓ move|\? help)( |$)/);
		const help = helpSections().find((section) => section.context === 'images')!.rows;
		expect(help).toContainEqual({keys: 'v', description: expect.stringMatching(/^Cycle the sort/)});
		expect(help).toContainEqual({keys: 'D', description: expect.stringMatching(/^Remove the tag or the image/)});
		expect(help).toContainEqual({keys: 'J', description: 'Move down'});
		expect(keysOf('help', 'back')).toEqual(['backspace', 'ctrl+b']);

		const app = render(<App engine={engine} controller={null} initial={loaded()} settings={settings} />);
		try {
			let frame = await waitFor(app.lastFrame, (f) => f.includes('REPOSITORY'));
			expect(footerOf(frame)).toContain('v sort');
			expect(footerOf(frame)).toContain('D rm');
			expect(footerOf(frame)).toContain('H help');
			expect(footerOf(frame)).not.toContain('s sort');
			app.stdin.write('v');
			frame = await waitFor(app.lastFrame, (f) => f.includes('sort: size'));
			app.stdin.write('H');
			frame = await waitFor(app.lastFrame, (f) => /^\s+v\s+Cycle the sort/m.test(f));
			expect(frame).not.toMatch(/^\s+s\s+Cycle the sort/m);
			expect(frame).toMatch(/^\s+J\s+Move down/m);
			// The help scrolls: its next page has the image actions.
			app.stdin.write(keys.pageDown);
			frame = await waitFor(app.lastFrame, (f) => /^\s+D\s+Remove the tag or the image/m.test(f));
			expect(frame).not.toMatch(/^\s+d\s+Remove the tag or the image/m);
			app.stdin.write('\x02');
			await waitFor(app.lastFrame, (f) => f.includes('REPOSITORY'));
			// The x menu: each item's key as bound.
			app.stdin.write('x');
			frame = await waitFor(app.lastFrame, (f) => f.includes('Remove the tag or the image'));
			expect(frame).toMatch(/\d  D Remove the tag or the image/);
			app.stdin.write(keys.escape);
			await waitFor(app.lastFrame, (f) => f.includes('REPOSITORY'));
			// The filter's hint names the keys too.
			app.stdin.write('/');
			app.stdin.write('app');
			app.stdin.write(keys.enter);
			frame = await waitFor(app.lastFrame, (f) => f.includes('(/ edits, esc clears)'));
		} finally {
			app.unmount();
		}

		// main.ts's first frame (ui/preframe.ts, the other bundle) takes the same keys from the settings.
		useKeyOverrides({});
		expect(footerFitted('images', 200)).toContain('s sort');
		const drawn = firstFrame({images, containers}, 'unix:///var/run/docker.sock', {width: 200, height: 20}, settings)!;
		const drawnFooter = drawn.lines.at(-1)!.replace(/\x1b\[[0-9;]*m/g, '');
		expect(drawnFooter).toContain('v sort');
		expect(drawnFooter).toContain('H help');
		expect(drawnFooter).not.toContain('s sort');
		expect(footerFitted('images', 200)).toContain('v sort');
		expect(bindings.find((row) => row.action === 'sort')!.keys).toEqual(['v']);
	});

	it('a Ctrl+letter the file binds works in a chunk too (Ctrl+F and the text typed after it, read at once)', () => {
		started('{"keys": {"filter": ["/", "ctrl+f"]}}');
		const typed = reduce(loaded(), {type: 'key', press: {name: '\x06app', input: '\x06app'}});
		expect(typed.lists.images.filterEditing).toBe(true);
		expect(typed.lists.images.filter).toBe('app');
		expect(press(loaded(), 'ctrl+f', 'f').lists.images.filterEditing).toBe(true);
	});

	it('a label naming two actions keys names the rebound one: [ ] layer, ↑↓ scroll', () => {
		started('{"keys": {"nextLayer": ">", "prevLayer": "<", "up": "K"}}');
		expect(footerFor('files')).toContain('</> layer');
		expect(footerFor('task')).toContain('K/↓ scroll');
		expect(footerFor('help')).toContain('K/↓ scroll');
		expect(footerFor('images')).toContain('K/↓ move');
	});

	it('a clash or an unknown action is an error at start, naming the file, line and key', () => {
		const start = (text: string) => () => started(text);
		expect(start('{\n  "keys": {"sort": "x"}\n}')).toThrow(`${path}:2:12: keys.sort: "x" is also bound to "menu" in images, containers, volumes, disk, engines, tags`);
		expect(start('{"keys": {"sortt": "v"}}')).toThrow(`${path}:1:11: keys.sortt: unknown action "sortt" (did you mean "sort", "sortMenu"?); 'imgscope config' lists them`);
		// Nothing was bound by the failed starts.
		expect(footerFitted('images', 200)).toContain('s sort');
	});
});

describe('confirmations from the config', () => {
	it('removeImage false: d removes at once what y would (the selected tag when there are several; never forced); the default still asks', () => {
		const asked = loaded(started('{}'));
		expect(press(asked, 'd').overlay).toMatchObject({kind: 'confirm', confirm: {action: 'removeImage'}});

		const state = loaded(started('{"confirm": {"removeImage": false}}'));
		const row = state.lists.images.visible[state.lists.images.cursor] as {ref: string; id: string};
		const next = press(state, 'd');
		expect(next.overlay).toBeUndefined();
		expect(next.notice?.text).toMatch(/^Remove .+…$/);
		const effect = next.effects.at(-1)!;
		expect(effect).toMatchObject({kind: 'submit', action: 'removeImage', overlayId: 0, subject: {id: row.id, ref: row.ref}});
		expect((effect as unknown as {values: {choice: string}}).values.choice).not.toBe('force');
		// The same from the x menu.
		const menu = press(state, 'x');
		const index = (menu.overlay as {menu: {items: {label: string}[]}}).menu.items.findIndex((item) => item.label.startsWith('Remove the tag'));
		const picked = reduce(menu, {type: 'menuPick', id: menu.overlay!.id, index});
		expect(picked.overlay).toBeUndefined();
		expect(picked.effects.at(-1)).toMatchObject({kind: 'submit', action: 'removeImage', overlayId: 0});
		// A failure has no dialog to go to: it is the notice, naming what was tried.
		expect(reduce(next, {type: 'overlayFailed', id: 0, message: 'Remove fixture/app:1 failed: conflict'}).notice).toEqual({text: 'Remove fixture/app:1 failed: conflict', level: 'error'});
	});

	it('removeContainer false skips only that question: stop, restart and the prunes still ask', () => {
		const state = press(loaded(started('{"confirm": {"removeContainer": false}}')), '2');
		const next = press(state, 'd');
		expect(next.overlay).toBeUndefined();
		expect(next.effects.at(-1)).toMatchObject({kind: 'submit', action: 'removeContainer', overlayId: 0, values: {choice: 'remove'}});
		expect(press(state, 'S').overlay).toMatchObject({kind: 'confirm', confirm: {action: 'stop'}});
		expect(press(state, 'r').overlay).toMatchObject({kind: 'confirm', confirm: {action: 'restart'}});
		// Images' d still asks: only removeContainer was turned off.
		expect(press(press(state, '1'), 'd').overlay).toMatchObject({kind: 'confirm', confirm: {action: 'removeImage'}});
	});

	it('stopTask false: Esc on a running push stops it at once; by default it asks', () => {
		const push = (settings: ExplorerSettings): State => ({...loaded(settings), overlay: {kind: 'task', id: 7, task: task('push', 'Push x', {type: 'log', lines: []}, {reference: 'x'})}});
		const asking = press(push(started('{}')), 'escape');
		expect(asking.overlay).toMatchObject({kind: 'task', task: {asking: true}});
		expect(asking.effects).toEqual([]);
		const stopped = press(push(started('{"confirm": {"stopTask": false}}')), 'escape');
		expect(stopped.overlay).toBeUndefined();
		expect(stopped.effects.at(-1)).toMatchObject({kind: 'cancel', overlayId: 7});
	});
});

describe('the mouse setting', () => {
	it('mouse false: the App starts with capture off and m turns it on (the terminal mode is written by the App effect)', async () => {
		const settings = started('{"mouse": false}');
		expect(settings.mouse).toBe(false);
		const writes: boolean[] = [];
		let on = false;
		const mouse = {listen: () => () => undefined, set: (wanted: boolean) => (writes.push(wanted), (on = wanted)), get on() {
			return on;
		}};
		const app = render(<App engine={engine} controller={null} initial={loaded()} settings={settings} mouse={mouse} />);
		try {
			await waitFor(app.lastFrame, (f) => f.includes('REPOSITORY'));
			expect(writes).toEqual([]);
			app.stdin.write('m');
			await waitFor(app.lastFrame, (f) => f.includes('mouse on'));
			await waitFor(() => JSON.stringify(writes), (written) => written === '[true]');
		} finally {
			app.unmount();
		}
	});
});

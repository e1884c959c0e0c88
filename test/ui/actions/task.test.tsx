/** The pure parts of the action UI: the task view's keys and lines, the footer at 80 columns, the commit changes syntax, log lines. */
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../../source/engine/engine.js';
import {App} from '../../../source/ui/App.js';
import {keys, tick, waitFor} from '../../helpers/ink.js';
import {splitChanges} from '../../../source/ui/actions/commit.js';
import {LogLines, logLine} from '../../../source/ui/actions/container-ops.js';
import {cancelTask, TaskRun} from '../../../source/ui/actions/task-runner.js';
import type {EffectContext} from '../../../source/ui/actions/types.js';
import type {Overlay, Msg} from '../../../source/ui/model.js';
import {bindings, footerFitted, helpSections} from '../../../source/ui/keymap.js';
import type {Context} from '../../../source/ui/key-names.js';
import {layerLine, progressBar, task, taskKey, taskLines, taskTop} from '../../../source/ui/overlays/task.js';
import {emptyBuild} from '../../../source/actions/build-log.js';

const log = (count: number) => task('logs', 'Log', {type: 'log', lines: Array.from({length: count}, (_, i) => `line ${i}`)}, {}, false);

describe('the task view', () => {
	it('follows the end until scrolled, and follows again at the end', () => {
		let state = log(100);
		expect(taskTop(state, 100, 10)).toBe(90);
		let outcome = taskKey(state, 'up', 'up', 10);
		expect(outcome).toMatchObject({kind: 'edit', state: {top: 89}});
		state = outcome.kind === 'edit' ? outcome.state : state;
		outcome = taskKey(state, 'pageUp', 'pageup', 10);
		expect(outcome).toMatchObject({kind: 'edit', state: {top: 79}});
		state = outcome.kind === 'edit' ? outcome.state : state;
		expect(taskKey(state, 'top', 'g', 10)).toMatchObject({kind: 'edit', state: {top: 0}});
		outcome = taskKey(state, 'bottom', 'G', 10);
		expect(outcome.kind === 'edit' && outcome.state.top).toBeUndefined();
		// g on a log that still fits holds the top; G follows again.
		const short = taskKey(log(3), 'top', 'g', 10);
		expect(short).toMatchObject({kind: 'edit', state: {top: 0}});
		expect(taskKey(short.kind === 'edit' ? short.state : log(3), 'bottom', 'G', 10)).toMatchObject({kind: 'edit', state: {top: undefined}});
		// New lines while scrolled up do not move what is shown.
		const scrolled = {...state, body: {type: 'log' as const, lines: [...(state.body.type === 'log' ? state.body.lines : []), 'more']}};
		expect(taskTop(scrolled, 101, 10)).toBe(79);
	});

	it('Esc on a running push asks first: y stops it, any other key keeps it', () => {
		const push = task('push', 'Push', {type: 'transfer', progress: {layers: [], messages: []}});
		const asked = taskKey(push, 'cancel', 'escape', 10);
		expect(asked).toMatchObject({kind: 'edit', state: {asking: true}});
		const asking = asked.kind === 'edit' ? asked.state : push;
		expect(taskKey(asking, undefined, 'y', 10)).toEqual({kind: 'close', stop: true});
		expect(taskKey(asking, 'cancel', 'escape', 10)).toMatchObject({kind: 'edit', state: {asking: false}});
		// A log just stops following; a finished task just closes.
		expect(taskKey(log(3), 'cancel', 'escape', 10)).toEqual({kind: 'close', stop: true});
		expect(taskKey({...push, status: 'done'}, 'cancel', 'escape', 10)).toEqual({kind: 'close', stop: false});
		expect(taskKey({...push, status: 'done'}, 'close', 'enter', 10)).toEqual({kind: 'close', stop: false});
		expect(taskKey(push, 'close', 'enter', 10)).toEqual({kind: 'ignored'});
	});

	it('draws layers as docker does, with bytes, and engine text made visible', () => {
		expect(progressBar(0, 10)).toBe(`[>${' '.repeat(29)}]`);
		expect(progressBar(5, 10)).toBe(`[${'='.repeat(15)}>${' '.repeat(14)}]`);
		expect(progressBar(10, 10)).toBe(`[${'='.repeat(30)}]`);
		expect(layerLine({id: 'abc', status: 'Pushing', current: 1000, total: 2000, done: false}).text).toBe(`abc: Pushing ${progressBar(1000, 2000)} 1kB/2kB`);
		expect(layerLine({id: 'abc', status: 'Pushed', done: true})).toEqual({text: 'abc: Pushed', tone: 'accent'});
		const lines = taskLines(task('push', 'P', {type: 'transfer', progress: {layers: [{id: 'l1', status: 'Layer already exists', done: true}], messages: ['The push refers to repository [x]', 'x: digest: sha256:1 size: 2\x1b[31m']}}));
		expect(lines.map((line) => line.text)).toEqual(['The push refers to repository [x]', 'l1: Layer already exists', 'x: digest: sha256:1 size: 2\\x1b[31m']);
	});

	it('marks build steps the cache served', () => {
		const build = {...emptyBuild, steps: [{step: 1, total: 2, instruction: 'FROM x', cached: false, output: []}, {step: 2, total: 2, instruction: 'RUN echo hi', cached: true, output: [], imageId: 'abc'}], imageId: 'sha256:ff'};
		const lines = taskLines(task('build', 'B', {type: 'build', build}));
		expect(lines[0]).toMatchObject({text: 'Step 1/2 : FROM x', mark: undefined});
		expect(lines[1]).toMatchObject({text: 'Step 2/2 : RUN echo hi', mark: 'cached'});
		expect(lines.at(-1)).toMatchObject({text: 'Built sha256:ff'});
	});
});

describe('the footer and the help', () => {
	const contexts: Context[] = ['images', 'containers', 'layers', 'history', 'inspect', 'filter', 'form', 'confirm', 'task'];
	it('fits one line of 80 columns everywhere, keeping ? help where it applies', () => {
		for (const context of contexts) {
			const labels = footerFitted(context, 80);
			expect(labels.join('  ').length, context).toBeLessThanOrEqual(80);
			if (bindings.some((b) => b.action === 'help' && b.contexts !== 'all' && b.contexts.includes(context))) expect(labels.at(-1), context).toBe('? help');
		}
		expect(footerFitted('images', 80)).toEqual(expect.arrayContaining(['enter open', '/ filter', 'r run', 'd rm', '? help']));
		expect(footerFitted('containers', 80)).toEqual(expect.arrayContaining(['l logs', 'c commit', 'S stop', 'd rm', '? help']));
		// Wide enough, everything shows.
		expect(footerFitted('images', 300)).toEqual(expect.arrayContaining(['p push', 'P pull', 'b build', 's sort', '↑↓ move']));
	});

	it('lists every action key in the help', () => {
		const rows = helpSections().flatMap((section) => section.rows.map((row) => `${section.context} ${row.keys}`));
		for (const expected of ['images t', 'images r', 'images p', 'images P', 'images d', 'images b', 'containers c', 'containers l', 'containers s', 'containers d', 'task Esc']) expect(rows).toContain(expected);
	});

	it('the ? help scrolls through every binding, down to Ctrl+C', async () => {
		// No engine needed: the App without a controller.
		const app = render(<App engine={new Engine({url: 'unix:///nonexistent.sock'} as never)} controller={null} initial={{loaded: true}} />);
		try {
			await tick(50);
			app.stdin.write('?');
			await waitFor(app.lastFrame, (f) => f.includes('Cycle the sort'));
			const seen = new Set<string>();
			for (let i = 0; i < 40 && !(app.lastFrame() ?? '').includes('Quit, from anywhere'); i++) {
				for (const line of (app.lastFrame() ?? '').split('\n')) seen.add(line.trim());
				app.stdin.write(keys.pageDown);
				await tick(40);
			}
			for (const line of (app.lastFrame() ?? '').split('\n')) seen.add(line.trim());
			const text = [...seen].join('\n');
			for (const binding of bindings.filter((b) => b.contexts !== 'all' && b.contexts.some((c) => helpSections().some((s) => s.context === c)))) {
				expect(text, binding.description).toContain(binding.description.slice(0, 60));
			}
			app.stdin.write('g');
			await waitFor(app.lastFrame, (f) => f.includes('Cycle the sort'));
			app.stdin.write(keys.escape);
			await waitFor(app.lastFrame, (f) => !f.includes('Cycle the sort'));
		} finally {
			app.unmount();
		}
	});

	it('never binds one key twice in the new contexts', () => {
		for (const context of ['images', 'containers', 'task', 'help'] as const) {
			const seen = new Set<string>();
			for (const binding of bindings.filter((b) => b.contexts === 'all' || b.contexts.includes(context))) {
				for (const key of binding.keys) {
					expect(seen.has(key), `${key} twice in ${context}`).toBe(false);
					seen.add(key);
				}
			}
		}
	});
});

describe('a task run', () => {
	it('sends progress at most about ten times a second, the latest state last; cancel aborts it', async () => {
		const sent: Msg[] = [];
		const lifetime = new AbortController();
		const context = {dispatch: (msg: Msg) => sent.push(msg), signal: lifetime.signal} as unknown as EffectContext;
		const run = new TaskRun(context, 7);
		run.open(log(0));
		let overlay: Overlay = {kind: 'form', id: 7} as Overlay;
		const apply = () => {
			for (const msg of sent.splice(0)) if (msg.type === 'updateOverlay') overlay = msg.update(overlay);
		};
		apply();
		expect(overlay.kind).toBe('task');
		for (let i = 1; i <= 500; i++) run.update((state) => ({...state, body: {type: 'log', lines: [`line ${i}`]}}));
		// The first goes at once; the rest wait for the interval.
		expect(sent.length).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(sent.length).toBe(2);
		apply();
		expect(overlay.kind === 'task' && overlay.task.body).toEqual({type: 'log', lines: ['line 500']});
		expect(run.stopped).toBe(false);
		cancelTask(context, 7);
		expect(run.stopped).toBe(true);
		run.finish((state) => ({...state, status: 'done'}));
		apply();
		expect(overlay.kind === 'task' && overlay.task.status).toBe('done');
	});
});

describe('commit changes on one line', () => {
	it('splits on ; with \\; for a literal semicolon', () => {
		expect(splitChanges('CMD ["sh"]; ENV A=1 ;EXPOSE 80')).toEqual(['CMD ["sh"]', 'ENV A=1', 'EXPOSE 80']);
		expect(splitChanges('CMD echo a\\; echo b; USER nobody')).toEqual(['CMD echo a; echo b', 'USER nobody']);
		expect(splitChanges(' ; ')).toEqual([]);
	});
});

describe('log lines', () => {
	it('joins chunks into lines, expands tabs, makes escapes visible', () => {
		const lines = new LogLines();
		lines.push('one\ntw');
		expect(lines.lines()).toEqual(['one', 'tw']);
		lines.push('o\r\n\x1b[2Jthree\tx\n');
		expect(lines.lines()).toEqual(['one', 'two', '\\x1b[2Jthree    x']);
		expect(logLine('a\tb')).toBe('a       b');
	});
});

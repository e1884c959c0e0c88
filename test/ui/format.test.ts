// The format box's pure logic: evaluation, completion, history, the box's
// keys and the reducer (source/ui/format). No engine: captured documents.
import {mkdtempSync, readFileSync, writeFileSync, chmodSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {boxKey, openBox, shownOutput, type FormatBox} from '../../source/ui/format/box.js';
import {columnTitle, errorMarker, formatColumn, pendingMarker} from '../../source/ui/format/column.js';
import {chainAt, completeField} from '../../source/ui/format/complete.js';
import {evaluateFormat, position, screenLines} from '../../source/ui/format/evaluate.js';
import {addToHistory, historyLimit, mergeHistory, parseHistory, recallStep, serialiseHistory} from '../../source/ui/format/history.js';
import {historyPath, readHistory, saveTemplate} from '../../source/ui/format/history-file.js';
import {actionFor} from '../../source/ui/keymap.js';
import type {ImageRow} from '../../source/ui/rows.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {textField} from '../../source/ui/text-field.js';
import {capturedText} from '../helpers/ink.js';

const raw = capturedText('app-inspect.json').trim();
const doc = JSON.parse(raw)[0] ?? JSON.parse(raw);
const one = JSON.stringify(doc);

describe('evaluation', () => {
	it("gives the inspector's bytes, newline included", () => {
		expect(evaluateFormat('{{.Os}}', one)).toEqual({ok: true, output: 'linux\n'});
		expect(evaluateFormat('{{len .RootFS.Layers}}', one)).toEqual({ok: true, output: `${doc.RootFS.Layers.length}\n`});
		// The empty template is docker's indented JSON of the one image.
		const json = evaluateFormat('', one);
		expect(json.ok && json.output.startsWith('[\n    {\n        "Id": ')).toBe(true);
	});
	it("reports docker's words and where the template fails", () => {
		const parse = evaluateFormat('{{.Os | nope}}', one);
		expect(parse).toMatchObject({ok: false, stage: 'parse', message: 'template parsing error: template: :1: function "nope" not defined', offset: 8});
		const exec = evaluateFormat('ab {{.Nope.Nope}}', one);
		// Go points a field chain at its last field.
		expect(exec).toMatchObject({ok: false, stage: 'exec', offset: 10});
		expect(!exec.ok && exec.message).toBe('template parsing error: template: :1:10: executing "" at <.Nope.Nope>: map has no entry for key "Nope"');
		expect(position('a\nbc{{x', 5)).toEqual({line: 2, column: 3});
		expect(position('é{{x', 3)).toEqual({line: 1, column: 4});
	});
	it('folds long lines and makes control characters visible', () => {
		expect(screenLines('abcdefghij\n', 8)).toEqual(['abcdefgh', 'ij']);
		expect(screenLines('a\x1b[2Jb\n\nc\n', 20)).toEqual(['a\\x1b[2Jb', '', 'c']);
	});
});

describe('completion', () => {
	const at = (value: string) => ({value, cursor: value.length});
	it('completes the field name at the cursor from the document', () => {
		expect(completeField(at('{{.Confi'), one)?.field).toEqual(at('{{.Config'));
		expect(completeField(at('{{.Config.Ent'), one)?.field).toEqual(at('{{.Config.Entrypoint'));
		expect(completeField(at('{{.RootFS.L'), one)).toEqual({field: at('{{.RootFS.Layers'), candidates: []});
		expect(completeField(at('{{$.Archi'), one)?.field).toEqual(at('{{$.Architecture'));
		// Case does not have to match when nothing else does.
		expect(completeField(at('{{.archi'), one)?.field).toEqual(at('{{.Architecture'));
		// In the middle of a line: only the part before the cursor counts, the rest stays.
		expect(completeField({value: '{{.Confi}} x', cursor: 8}, one)?.field).toEqual({value: '{{.Config}} x', cursor: 9});
	});
	it('completes the common prefix of several and lists them', () => {
		const several = completeField(at('{{.Config.E'), one)!;
		expect(several.field).toEqual(at('{{.Config.E'));
		expect(several.candidates).toEqual(expect.arrayContaining(['.Config.Env', '.Config.Entrypoint', '.Config.ExposedPorts']));
		const env = completeField(at('{{.Config.En'), one)!;
		expect(env.candidates).toEqual(['.Config.Env', '.Config.Entrypoint']);
		expect(env.field).toEqual(at('{{.Config.En'));
		expect(completeField(at('{{.Repo'), one)?.field).toEqual(at('{{.Repo'));
	});
	it('stays out of strings, numbers, variables and unknown paths', () => {
		expect(chainAt(at('{{index . "a.Con'))).toBeUndefined();
		expect(chainAt(at('{{1.5'))).toBeUndefined();
		expect(chainAt(at('{{$x.Con'))).toBeUndefined();
		expect(completeField(at('{{.Nope.X'), one)).toBeUndefined();
		expect(completeField(at('{{.RootFS.Layers.X'), one)).toBeUndefined();
		expect(completeField(at('{{.Zz'), one)).toBeUndefined();
	});
});

describe('history', () => {
	it('keeps templates newest last, without duplicates, capped', () => {
		expect(addToHistory(['a', 'b', 'c'], 'a')).toEqual(['b', 'c', 'a']);
		expect(addToHistory(['a'], '  ')).toEqual(['a']);
		const long = Array.from({length: historyLimit + 5}, (_, i) => `t${i}`);
		expect(mergeHistory(long, []).length).toBe(historyLimit);
		expect(mergeHistory(['a', 'b'], ['c', 'a'])).toEqual(['b', 'c', 'a']);
	});
	it('reads a damaged file line by line', () => {
		const text = `${serialiseHistory(['{{.Os}}', 'tab\there', 'esc\x1b[2J'])}not json\n42\n"{{.Id}}"\n{"x":1}\n`;
		expect(parseHistory(text)).toEqual(['{{.Os}}', 'tabhere', 'esc[2J', '{{.Id}}']);
	});
	it('recalls older with Up and back to the draft with Down', () => {
		const history = ['one', 'two', 'three'];
		let step = recallStep(history, undefined, 'draft', 1);
		expect(step.text).toBe('three');
		step = recallStep(history, step.recall, 'three', 1);
		expect(step.text).toBe('two');
		const back = recallStep(history, step.recall, 'two', -1);
		expect(back.text).toBe('three');
		expect(recallStep(history, back.recall, 'three', -1)).toEqual({recall: undefined, text: 'draft'});
		expect(recallStep(history, undefined, 'x', -1).text).toBeUndefined();
		expect(recallStep([], undefined, 'x', 1).text).toBeUndefined();
	});
	it('lives under XDG_STATE_HOME, survives corrupt or unreadable files, merges on save', async () => {
		expect(historyPath({XDG_STATE_HOME: '/s', HOME: '/h'})).toBe('/s/imgscope/format-history');
		expect(historyPath({HOME: '/h'})).toBe('/h/.local/state/imgscope/format-history');
		expect(historyPath({XDG_STATE_HOME: 'relative', HOME: '/h'})).toBe('/h/.local/state/imgscope/format-history');
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-history-'));
		const file = path.join(dir, 'imgscope', 'format-history');
		expect(await readHistory(file)).toEqual([]);
		expect(saveTemplate('{{.Os}}', file)).toEqual({history: ['{{.Os}}']});
		writeFileSync(file, `${readFileSync(file, 'utf8')}\x00garbage\n"{{.Id}}"\n`);
		expect(saveTemplate('{{.Os}}', file)).toEqual({history: ['{{.Id}}', '{{.Os}}']});
		expect(await readHistory(file)).toEqual(['{{.Id}}', '{{.Os}}']);
		// A directory where the file should be: nothing read, an error (not a crash) on save.
		const blocked = path.join(dir, 'blocked');
		mkdirSync(path.join(blocked, 'imgscope', 'format-history'), {recursive: true});
		expect(await readHistory(path.join(blocked, 'imgscope', 'format-history'))).toEqual([]);
		expect(saveTemplate('x', path.join(blocked, 'imgscope', 'format-history'))).toHaveProperty('error');
		if (process.getuid?.() !== 0) {
			chmodSync(file, 0);
			expect(await readHistory(file)).toEqual([]);
		}
	});
});

describe('the box', () => {
	const context = {doc: one, history: ['{{.Id}}', '{{.Os}}'], page: 5, width: 40};
	const press = (box: FormatBox, name: string, text?: string) => {
		const outcome = boxKey(box, actionFor('format', name), {name, text}, context);
		return outcome.kind === 'edit' || outcome.kind === 'accept' ? outcome.box : box;
	};
	const type = (box: FormatBox, text: string) => press(box, text, text);

	it('evaluates as it is typed and keeps the last good result under an error', () => {
		let box = openBox('fixture/app:1', doc.Id, '', one);
		expect(box.evaluation?.ok).toBe(true);
		box = type(box, '{{.Os}}');
		expect(shownOutput(box)).toBe('linux\n');
		box = type(box, '{{');
		expect(box.evaluation).toMatchObject({ok: false, stage: 'parse'});
		expect(shownOutput(box)).toBe('linux\n');
		expect(box.lastGoodTemplate).toBe('{{.Os}}');
		box = press(box, 'backspace');
		box = press(box, 'backspace');
		expect(box.evaluation).toEqual({ok: true, output: 'linux\n'});
	});
	it('recalls with Up/Down, completes with Tab, clears with Ctrl+U', () => {
		let box = openBox('r', 'i', '{{.Ar', one);
		box = press(box, 'up');
		expect(box.field.value).toBe('{{.Os}}');
		box = press(box, 'up');
		expect(box.field.value).toBe('{{.Id}}');
		box = press(box, 'up');
		expect(box.field.value).toBe('{{.Id}}');
		box = press(box, 'down');
		box = press(box, 'down');
		expect(box.field.value).toBe('{{.Ar');
		box = press(box, 'tab');
		expect(box.field.value).toBe('{{.Architecture');
		box = press(box, 'ctrl+u');
		expect(box.field).toEqual(textField(''));
	});
	it('scrolls the result a page at a time within its length', () => {
		let box = openBox('r', 'i', '', one);
		box = press(box, 'pagedown');
		expect(box.scroll).toBe(4);
		box = press(box, 'pageup');
		box = press(box, 'pageup');
		expect(box.scroll).toBe(0);
	});
	it('takes a run of text as text, even one named like a key', () => {
		let box = openBox('r', 'i', '{{if .Os}}x{{', one);
		for (const run of ['end', 'up', 'tab']) box = press(box, run, run);
		expect(box.field.value).toBe('{{if .Os}}x{{enduptab');
	});
	it('binds each key once in the box', () => {
		const names = ['enter', 'escape', 'up', 'down', 'tab', 'pageup', 'pagedown', 'ctrl+u', 'ctrl+w', 'ctrl+c'];
		expect(names.map((name) => actionFor('format', name))).toEqual(['formatAccept', 'formatClose', 'formatOlder', 'formatNewer', 'formatComplete', 'formatScrollUp', 'formatScrollDown', 'formatClearInput', 'lineEdit', 'forceQuit']);
		// Letters are text in the box (q, f, j do nothing else there).
		expect(['q', 'f', 'j', '?', 'F'].map((key) => actionFor('format', key))).toEqual([undefined, undefined, undefined, undefined, undefined]);
	});
	it('closes on Esc and accepts on Enter', () => {
		const box = openBox('r', 'i', '', one);
		expect(boxKey(box, actionFor('format', 'escape'), {name: 'escape'}, context).kind).toBe('close');
		expect(boxKey(box, actionFor('format', 'enter'), {name: 'enter'}, context).kind).toBe('accept');
	});
});

describe('the column', () => {
	const row = (id: string): ImageRow => ({key: id, id, repository: 'r', tag: 't', created: 0, size: 0, containers: 0, ref: id});
	it('evaluates each image once, marks errors and images not read yet', () => {
		const column = formatColumn('{{len .RootFS.Layers}}', {a: one});
		expect(column.title).toBe('len .RootFS.Layers');
		expect(column.cell(row('a'))).toBe(String(doc.RootFS.Layers.length));
		expect(column.cell(row('c'))).toBe(pendingMarker);
		const first = formatColumn('{{index .RepoTags 0}}', {a: one, b: '{"RepoTags": []}'});
		expect(first.cell(row('a'))).toBe(doc.RepoTags[0]);
		expect(first.cell(row('b'))).toBe(errorMarker);
		expect(formatColumn('{{.Config.Env}}\n{{.Os}}', {a: one}).cell(row('a'))).toMatch(/\]\\nlinux$/);
		expect(columnTitle('{{- .Architecture }}')).toBe('.Architecture');
	});
});

describe('the reducer', () => {
	const images = [{Id: doc.Id, ParentId: '', RepoTags: ['fixture/app:1'], RepoDigests: [], Created: 1, Size: 1, SharedSize: 0, Labels: null, Containers: 0}];
	const keys = (state: State, text: string, name = text) => reduce(state, {type: 'key', press: {name, input: text}});
	const start = (extra: Partial<State> = {}): State => {
		const state = reduce({...initialState(100, 30), ...extra}, {type: 'lists', images, containers: []});
		return reduce(state, {type: 'layerCounts', counts: {[doc.Id]: 5}, docs: {[doc.Id]: one}});
	};

	it('f opens the image on Inspect with the box; typing evaluates; Enter keeps the filter and saves it', () => {
		let state = keys(start(), 'f');
		expect(state.view).toBe('image');
		expect(state.image?.tab).toBe('inspect');
		expect(state.overlay?.kind).toBe('format');
		state = keys(state, '{{.Os}}');
		expect(state.overlay?.kind === 'format' && shownOutput(state.overlay.format)).toBe('linux\n');
		state = keys(state, '\r', 'enter');
		expect(state.overlay).toBeUndefined();
		expect(state.format.filter).toBe('{{.Os}}');
		expect(state.format.history).toEqual(['{{.Os}}']);
		expect(state.effects).toContainEqual(expect.objectContaining({kind: 'formatHistory', template: '{{.Os}}'}));
		// Esc on the Inspect tab removes the filter, a second one goes back.
		state = keys(state, '\x1b', 'escape');
		expect(state.format.filter).toBeUndefined();
		expect(state.view).toBe('image');
		state = keys(state, '\x1b', 'escape');
		expect(state.view).toBe('images');
	});
	it('refuses a template that does not parse, and an empty Enter removes the filter', () => {
		let state = keys(keys(start(), 'f'), '{{.Os');
		state = keys(state, '\r', 'enter');
		expect(state.overlay?.kind === 'format' && state.overlay.format.problem).toMatch(/does not parse/);
		expect(state.format.filter).toBeUndefined();
		state = keys(state, '\x15', 'ctrl+u');
		state = keys({...state, format: {...state.format, filter: '{{.Id}}'}}, '\r', 'enter');
		expect(state.format.filter).toBeUndefined();
		expect(state.overlay).toBeUndefined();
	});
	it('F shows the kept (or last) template as a column, and F again removes it', () => {
		let state = keys(start(), 'F');
		expect(state.notice?.level).toBe('error');
		state = keys({...state, format: {...state.format, history: ['{{.Os}}']}}, 'F');
		expect(state.format.column).toBe('{{.Os}}');
		state = keys(state, 'F');
		expect(state.format.column).toBeUndefined();
	});
	it('pick mode: Enter in the box picks the result and quits; Enter in the list asks for the JSON; Esc at the top quits', () => {
		let state = keys(keys(start({pick: {}}), 'f'), '{{.Architecture}}');
		state = keys(state, '\r', 'enter');
		expect(state.quit).toBe(true);
		expect(state.pick?.output).toBe(`${doc.Architecture}\n`);
		state = keys(start({pick: {}}), '\r', 'enter');
		expect(state.quit).toBe(false);
		expect(state.effects).toContainEqual(expect.objectContaining({kind: 'pick', ref: 'fixture/app:1', template: ''}));
		state = reduce(state, {type: 'format', msg: {kind: 'picked', output: '[]\n'}});
		expect(state).toMatchObject({quit: true, pick: {output: '[]\n'}});
		expect(keys(start({pick: {}}), '\x1b', 'escape').quit).toBe(true);
		// l opens the image in pick mode (Enter picks).
		expect(keys(start({pick: {}}), 'l').view).toBe('image');
	});
	it('a kept filter sets how far the Inspect tab scrolls', () => {
		let state = keys(keys(start(), 'f'), '{{range .Config.Env}}{{.}}{{"\\n"}}{{end}}');
		state = keys(state, '\r', 'enter');
		state = reduce(state, {type: 'detail', ref: 'fixture/app:1', detail: {inspect: {raw: one, value: doc}} as never, inspectLines: ['x']});
		state = keys(state, 'G');
		expect(state.image?.cursor.inspect).toBe(0);
	});
});

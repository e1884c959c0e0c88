import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import {form, formKey} from '../../source/ui/overlays/form.js';
import {editField, insertText, textField} from '../../source/ui/text-field.js';
import {docker, engine, haveEngine, imageExists} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';

describe('the line editor', () => {
	it('types, pastes without control characters, and edits like a shell line', () => {
		let field = insertText(textField(), 'hello wor\x1b[31mld');
		expect(field).toEqual({value: 'hello wor[31mld', cursor: 15});
		field = editField(textField('one two three'), 'ctrl+w')!;
		expect(field).toEqual({value: 'one two ', cursor: 8});
		field = editField({value: 'abcdef', cursor: 3}, 'ctrl+u')!;
		expect(field).toEqual({value: 'def', cursor: 0});
		field = editField({value: 'abcdef', cursor: 3}, 'ctrl+k')!;
		expect(field).toEqual({value: 'abc', cursor: 3});
		field = editField({value: 'abc', cursor: 1}, 'backspace')!;
		expect(field).toEqual({value: 'bc', cursor: 0});
		expect(editField(field, 'enter')).toBeUndefined();
		field = insertText(editField(textField('ac'), 'left')!, 'b');
		expect(field).toEqual({value: 'abc', cursor: 2});
	});
});

describe('forms', () => {
	const base = form('x', 'X', [{name: 'a', label: 'A'}, {name: 'rm', label: 'Remove', kind: 'toggle', on: true}]);

	it('moves between fields with Tab and Shift+Tab, flips toggles, submits from any field, cancels on Esc', () => {
		let outcome = formKey(base, undefined, 'x', 'x');
		expect(outcome.kind).toBe('edit');
		let state = outcome.kind === 'edit' ? outcome.state : base;
		expect(state.fields[0].text.value).toBe('x');
		outcome = formKey(state, 'nextField', 'tab');
		state = outcome.kind === 'edit' ? outcome.state : state;
		expect(state.focus).toBe(1);
		outcome = formKey(state, 'toggle', ' ', ' ');
		state = outcome.kind === 'edit' ? outcome.state : state;
		expect(state.fields[1].on).toBe(false);
		expect(formKey(state, 'prevField', 'shift+tab')).toMatchObject({kind: 'edit', state: {focus: 0}});
		expect(formKey(state, 'submit', 'enter').kind).toBe('submit');
		expect(formKey(state, 'cancel', 'escape').kind).toBe('cancel');
		// While the request is in flight only Esc does anything.
		expect(formKey({...state, busy: true}, undefined, 'y', 'y').kind).toBe('ignored');
	});
});

describe.skipIf(!haveEngine)('the tag form on the real engine', () => {
	const made = 'fixture/overlay-probe:t1';
	afterAll(() => {
		try {
			docker(['rmi', made]);
		} catch {}
	});

	it('refuses an invalid reference next to the field, then tags, selects the new row and says so', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		// The list, not a fixture on its first page (other work adds newer images).
		await waitFor(lastFrame, (f) => /Images \([1-9]\d*\)/.test(f), 20_000);
		stdin.write('/');
		await tick();
		stdin.write('fixture/base');
		stdin.write(keys.enter);
		await tick();
		stdin.write('t');
		await waitFor(lastFrame, (f) => f.includes('Tag fixture/base:1') && f.includes('New reference'));
		stdin.write('Fixture/Bad Name');
		await tick();
		stdin.write(keys.enter);
		const bad = await waitFor(lastFrame, (f) => f.includes('invalid reference'));
		expect(bad).toContain('✗ invalid reference');
		expect(imageExists('Fixture/Bad Name')).toBe(false);
		stdin.write(keys.ctrlU);
		await tick();
		stdin.write(made);
		await tick();
		stdin.write(keys.enter);
		const done = await waitFor(lastFrame, (f) => f.includes(`Tagged fixture/base:1 as ${made}`), 10_000);
		expect(imageExists(made)).toBe(true);
		expect(done).not.toContain('New reference');
		// The filter (fixture/base) would hide the new row: it goes, and the new row is shown selected.
		const listed = await waitFor(lastFrame, (f) => /fixture\/overlay-probe\s+t1/.test(f), 10_000);
		expect(listed).not.toContain('/fixture/base');
		unmount();
	});

	it('Esc cancels the form and changes nothing', async () => {
		const {lastFrame, stdin, unmount} = render(<App engine={engine()} />);
		// The list, not a fixture on its first page (other work adds newer images).
		await waitFor(lastFrame, (f) => /Images \([1-9]\d*\)/.test(f), 20_000);
		stdin.write('t');
		await waitFor(lastFrame, (f) => f.includes('New reference'));
		stdin.write('fixture/never-made:1');
		await tick();
		stdin.write(keys.escape);
		await waitFor(lastFrame, (f) => !f.includes('New reference'));
		await tick(200);
		expect(imageExists('fixture/never-made:1')).toBe(false);
		unmount();
	});
});

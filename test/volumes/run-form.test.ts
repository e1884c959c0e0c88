import {describe, expect, it} from 'vitest';
import {completeVolumeName, volumeNote, volumesToCreate} from '../../source/actions/volume-choice.js';
import {formKey, type FormState} from '../../source/ui/overlays/form.js';
import {runForm} from '../../source/ui/actions/run.js';

const names = ['pgdata', 'pgwal', 'cache'];

describe('completing a volume name in the run form', () => {
	it('completes one fitting name with its colon', () => {
		expect(completeVolumeName('ca', 2, names)).toEqual({value: 'cache:', cursor: 6, candidates: ['cache']});
	});

	it('completes several to their common prefix and lists them', () => {
		expect(completeVolumeName('p', 1, names)).toEqual({value: 'pg', cursor: 2, candidates: ['pgdata', 'pgwal']});
		// Nothing more to add: the candidates are listed, the text stays.
		expect(completeVolumeName('pg', 2, names)).toEqual({value: 'pg', cursor: 2, candidates: ['pgdata', 'pgwal']});
	});

	it('completes the entry at the cursor, leaving the others', () => {
		expect(completeVolumeName('cache:/c pgd /tmp:/t', 12, names)).toEqual({value: 'cache:/c pgdata: /tmp:/t', cursor: 16, candidates: ['pgdata']});
		expect(completeVolumeName('pgd:/data', 3, names)).toEqual({value: 'pgdata:/data', cursor: 6, candidates: ['pgdata']});
	});

	it('leaves container paths, host paths and unknown names alone', () => {
		expect(completeVolumeName('pgdata:/d', 9, names)).toBeUndefined();
		expect(completeVolumeName('/srv', 4, names)).toBeUndefined();
		expect(completeVolumeName('zz', 2, names)).toBeUndefined();
		expect(completeVolumeName('cache', 5, names)).toEqual({value: 'cache:', cursor: 6, candidates: ['cache']});
		expect(completeVolumeName('cache:', 5, names)).toBeUndefined();
	});
});

describe('saying which volumes a run will create', () => {
	it('names the named sources that do not exist, never binds or anonymous volumes', () => {
		expect(volumesToCreate('pgdata:/a newvol:/b /srv:/c /anon other:/d:ro newvol:/e', names)).toEqual(['newvol', 'other']);
		expect(volumeNote('pgdata:/a', names)).toBe('');
		expect(volumeNote('fresh:/a', names)).toBe('a new volume fresh will be created (no volume has that name)');
		expect(volumeNote('"unclosed', names)).toBe('');
	});
});

describe('the run form', () => {
	const focusVolumes = (state: FormState): FormState => ({...state, focus: state.fields.findIndex((f) => f.name === 'volumes')});
	const type = (state: FormState, text: string) => {
		const out = formKey(state, undefined, '', text);
		if (out.kind !== 'edit') throw new Error(out.kind);
		return out.state;
	};

	it('Tab completes an existing volume in Volumes, then moves on; the note says what will be created', () => {
		let state = focusVolumes(runForm('fixture/app:1', 'sha256:1', names).form);
		state = type(state, 'pgw');
		let out = formKey(state, 'nextField', 'tab');
		expect(out.kind).toBe('edit');
		state = (out as {state: FormState}).state;
		const field = state.fields[state.focus];
		expect(field.name).toBe('volumes');
		expect(field.text.value).toBe('pgwal:');
		expect(field.note?.(field.text.value)).toBe('');
		state = type(state, '/wal fresh:/x');
		expect(state.fields[state.focus].note?.(state.fields[state.focus].text.value)).toContain('fresh will be created');
		out = formKey(state, 'nextField', 'tab');
		state = (out as {state: FormState}).state;
		expect(state.fields[state.focus].name).toBe('network');
	});

	it('Tab moves on at once without volumes to offer', () => {
		const state = focusVolumes(runForm('fixture/app:1', 'sha256:1').form);
		const out = formKey(type(state, 'x'), 'nextField', 'tab');
		expect((out as {state: FormState}).state.fields[(out as {state: FormState}).state.focus].name).toBe('network');
	});
});

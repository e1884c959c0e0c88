/**
 * A small form as a pure value: text fields and toggles. A field that takes
 * several values (env, ports, volumes) is one text field that the action's
 * parser splits. Tab / Shift+Tab move, Enter submits from any field, Esc
 * cancels, Space flips a toggle. Validation runs before anything is sent;
 * its problems are shown next to their fields.
 */
import {editField, insertText, textField, type TextField} from '../text-field.js';

export type FieldKind = 'text' | 'toggle';

export interface FormField {
	name: string;
	label: string;
	kind: FieldKind;
	text: TextField;
	on: boolean;
	/** A hint shown dim after the label (the accepted shape). */
	hint?: string;
	/** The problem with this field, from the last validation. */
	error?: string;
	/** Tab completes the word at the cursor (the run form's volume names); undefined: Tab moves on. */
	complete?: FieldCompleter;
	/** The names Tab offered last (shown under the field). */
	candidates?: string[];
	/** A line under the field about its value (e.g. which volumes a run will create); '' says nothing. */
	note?: (value: string) => string;
}

export type FieldCompleter = (text: TextField) => {text: TextField; candidates: string[]} | undefined;

export interface FormState {
	/** What the form does, e.g. `tag`, `run`. The effect that submits it is chosen by this. */
	action: string;
	title: string;
	fields: FormField[];
	focus: number;
	/** Set while the submitted request is in flight: keys are ignored but Esc. */
	busy?: boolean;
	/** An error from the engine after submitting (the form stays open to fix it). */
	error?: string;
	/** Anything the action needs that is not a field (the image id, the container id). */
	subject: Record<string, string>;
}

export interface FieldSpec {
	name: string;
	label: string;
	kind?: FieldKind;
	value?: string;
	on?: boolean;
	hint?: string;
	complete?: FieldCompleter;
	note?: (value: string) => string;
}

export function form(action: string, title: string, specs: FieldSpec[], subject: Record<string, string> = {}): FormState {
	return {
		action,
		title,
		subject,
		focus: 0,
		fields: specs.map((spec) => ({name: spec.name, label: spec.label, kind: spec.kind ?? 'text', text: textField(spec.value ?? ''), on: spec.on ?? false, hint: spec.hint, complete: spec.complete, note: spec.note})),
	};
}

/** The form's values by field name: text as typed, toggles as 'true' / 'false'. */
export function formValues(state: FormState): Record<string, string> {
	return Object.fromEntries(state.fields.map((field) => [field.name, field.kind === 'toggle' ? String(field.on) : field.text.value]));
}

export function withErrors(state: FormState, errors: Record<string, string | undefined>): FormState {
	const fields = state.fields.map((field) => ({...field, error: errors[field.name]}));
	const first = fields.findIndex((field) => field.error);
	return {...state, fields, focus: first >= 0 ? first : state.focus, busy: false};
}

export type FormOutcome = {kind: 'edit'; state: FormState} | {kind: 'submit'; state: FormState} | {kind: 'cancel'} | {kind: 'ignored'};

/** What the keymap table makes of a key in a form. */
export type FormAction = 'nextField' | 'prevField' | 'submit' | 'cancel' | 'toggle';

/**
 * One key applied to the form: `action` is what the keymap says the key
 * means here; otherwise `key` (a keyName()) is tried as a line-editing key,
 * and `text` (printable input, possibly a pasted run) is typed.
 */
export function formKey(state: FormState, action: FormAction | undefined, key: string, text?: string): FormOutcome {
	if (action === 'cancel') return {kind: 'cancel'};
	if (state.busy) return {kind: 'ignored'};
	const count = state.fields.length;
	const field = state.fields[state.focus];
	if (action === 'nextField' && field?.kind === 'text' && field.complete) {
		const done = field.complete(field.text);
		if (done) {
			const fields = state.fields.slice();
			fields[state.focus] = {...field, text: done.text, candidates: done.candidates, error: undefined};
			return {kind: 'edit', state: {...state, fields}};
		}
	}
	if (action === 'nextField') return {kind: 'edit', state: {...state, focus: (state.focus + 1) % count}};
	if (action === 'prevField') return {kind: 'edit', state: {...state, focus: (state.focus - 1 + count) % count}};
	if (action === 'submit') return {kind: 'submit', state: {...state, error: undefined}};
	if (!field) return {kind: 'ignored'};
	let next: FormField | undefined;
	if (field.kind === 'toggle') {
		if (action === 'toggle' || key === 'left' || key === 'right') next = {...field, on: !field.on, error: undefined};
	} else {
		const edited = editField(field.text, key);
		if (edited) next = {...field, text: edited, candidates: undefined};
		else if (text) next = {...field, text: insertText(field.text, text), error: undefined, candidates: undefined};
	}
	if (!next) return {kind: 'ignored'};
	const fields = state.fields.slice();
	fields[state.focus] = next;
	return {kind: 'edit', state: {...state, fields}};
}

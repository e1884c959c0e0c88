/**
 * The format box as a pure value: a one-line template over one image's
 * inspect JSON, evaluated as it is typed; an error keeps the last good
 * result; Up/Down recall, Tab completes, PgUp/PgDn scroll the result.
 */
import type {Action} from '../key-names.js';
import {editField, insertText, textField, type TextField} from '../text-field.js';
import {completeField} from './complete.js';
import {evaluateFormat, screenLines, type Evaluation} from './evaluate.js';
import {recallStep, type Recall} from './history.js';

export interface FormatBox {
	/** The image it evaluates against (its ref and id). */
	ref: string;
	id: string;
	field: TextField;
	recall?: Recall;
	/** Of field.value over the document; undefined while the document is not there. */
	evaluation?: Evaluation;
	/** What `evaluation` was computed from (so a new document re-evaluates). */
	evaluated?: {template: string; doc: string};
	/** The output of the last template that worked (and that template): stays on screen under an error. */
	lastGood?: string;
	lastGoodTemplate?: string;
	/** Pick-then-pipe: Enter writes the result to stdout. */
	pick?: boolean;
	/** Tab's candidates, when there were several. */
	candidates: string[];
	/** Top line of the result. */
	scroll: number;
	/** Why the last key did nothing (Enter on a broken template, Tab with no match). */
	problem?: string;
	/** Said under the hint: a registry image's document has the compressed sizes until its layers are read. */
	note?: string;
}

export function openBox(ref: string, id: string, template: string, doc: string | undefined, pick = false): FormatBox {
	return withDoc({ref, id, field: textField(template), candidates: [], scroll: 0, pick}, doc);
}

/** Evaluates again when the template or the document changed. */
export function withDoc(box: FormatBox, doc: string | undefined): FormatBox {
	if (doc === undefined) return box;
	const template = box.field.value;
	if (box.evaluated && box.evaluated.template === template && box.evaluated.doc === doc) return box;
	const evaluation = evaluateFormat(template, doc);
	const changed = box.evaluated?.template !== template;
	return {
		...box,
		evaluation,
		evaluated: {template, doc},
		lastGood: evaluation.ok ? evaluation.output : box.lastGood,
		lastGoodTemplate: evaluation.ok ? template : box.lastGoodTemplate,
		scroll: changed && evaluation.ok ? 0 : box.scroll,
	};
}

/** What the result area shows: this template's output, or the last good one under an error. */
export function shownOutput(box: FormatBox): string | undefined {
	return box.evaluation?.ok ? box.evaluation.output : box.lastGood;
}

export interface BoxContext {
	doc?: string;
	history: readonly string[];
	/** Lines of result the screen shows, and its width. */
	page: number;
	width: number;
}

export type BoxOutcome = {kind: 'edit'; box: FormatBox} | {kind: 'close'} | {kind: 'accept'; box: FormatBox} | {kind: 'ignored'};

export function boxKey(box: FormatBox, action: Action | undefined, key: {name: string; text?: string}, context: BoxContext): BoxOutcome {
	const quiet = {...box, problem: undefined};
	const edited = (field: TextField): BoxOutcome => ({kind: 'edit', box: withDoc({...quiet, field, recall: undefined, candidates: []}, context.doc)});
	// A run of typed text ("end" arriving in one chunk) is text, never the key of that name.
	if (key.text && key.text.length > 1) return edited(insertText(box.field, key.text));
	switch (action) {
		case 'formatAccept':
			return {kind: 'accept', box: quiet};
		case 'formatClose':
			return {kind: 'close'};
		case 'formatClearInput':
			return edited(textField());
		case 'formatOlder':
		case 'formatNewer': {
			const step = recallStep(context.history, box.recall, box.field.value, action === 'formatOlder' ? 1 : -1);
			if (step.text === undefined) return {kind: 'edit', box: {...quiet, problem: context.history.length ? undefined : 'no templates yet: Enter keeps one'}};
			return {kind: 'edit', box: withDoc({...quiet, field: textField(step.text), recall: step.recall, candidates: []}, context.doc)};
		}
		case 'formatComplete': {
			if (context.doc === undefined) return {kind: 'edit', box: {...quiet, problem: 'the inspect document is still loading'}};
			const completion = completeField(box.field, context.doc);
			if (!completion) return {kind: 'edit', box: {...quiet, candidates: [], problem: 'no field of the inspect document to complete here'}};
			return {kind: 'edit', box: {...withDoc({...quiet, field: completion.field, recall: undefined}, context.doc), candidates: completion.candidates}};
		}
		case 'formatScrollUp':
		case 'formatScrollDown': {
			const output = shownOutput(box);
			const length = output === undefined ? 0 : screenLines(output, context.width).length;
			const last = Math.max(0, length - context.page);
			const page = Math.max(1, context.page - 1);
			const scroll = Math.max(0, Math.min(last, box.scroll + (action === 'formatScrollDown' ? page : -page)));
			return {kind: 'edit', box: {...quiet, scroll}};
		}
	}
	const field = editField(box.field, key.name);
	if (field) return field === box.field ? {kind: 'edit', box: quiet} : edited(field);
	if (key.text) return edited(insertText(box.field, key.text));
	return {kind: 'ignored'};
}

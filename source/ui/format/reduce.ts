/**
 * The format box's part of the explorer's state and reducer: opening the box
 * over the Inspect tab, its keys, the kept filter, the list column, the
 * template history and pick-then-pipe. Pure: the history file and stdout
 * are effects the App carries out (format/effects.ts).
 */
import {actionFor, keyHint} from '../keymap.js';
import type {Overlay, Msg, State} from '../model.js';
import type {OverlayKey} from '../key-names.js';
import {selectedOf} from '../lists/select.js';
import {imagesSpec} from '../lists/images.js';
import {formatPage} from '../layout.js';
import {boxKey, openBox, withDoc, type FormatBox} from './box.js';
import {filterView} from './evaluate.js';
import {addToHistory, mergeHistory} from './history.js';
import type {FormatMsg, FormatState} from './types.js';

export function initialFormat(): FormatState {
	return {history: [], docs: {}};
}

type Step = (state: State, msg: Msg) => State;

type FormatOverlay = Extract<Overlay, {kind: 'format'}>;

function boxOf(state: State): FormatOverlay | undefined {
	return state.overlay?.kind === 'format' ? state.overlay : undefined;
}

/** The freshest inspect JSON the state holds for an image: the open image's, else the list's. */
export function docOf(state: State, ref: string, id: string): string | undefined {
	if (state.image?.ref === ref && state.image.detail) return state.image.detail.inspect.raw;
	return state.format.docs[id];
}

const resultPage = formatPage;

export function reduceFormat(state: State, msg: FormatMsg, step: Step): State {
	switch (msg.kind) {
		case 'open':
			return openFormat(state, step);
		case 'key':
			return boxKeyPressed(state, msg.key, step);
		case 'column': {
			const format = state.format;
			const template = format.filter ?? format.history[format.history.length - 1];
			if (format.column !== undefined && (template === undefined || template === format.column)) {
				return {...state, format: {...format, column: undefined}, notice: {text: 'format column removed', level: 'info'}};
			}
			if (template === undefined) return {...state, notice: {text: `no template yet: ${keyHint('images', 'format')} opens the format box, Enter keeps one`, level: 'error'}};
			return {...state, format: {...format, column: template}, notice: {text: `column: ${template}  (${keyHint('images', 'formatColumn')} again removes it)`, level: 'info'}};
		}
		case 'clearFilter':
			if (state.format.filter === undefined) return step(state, {type: 'back'});
			return clearFilter(state);
		case 'history':
			return {...state, format: {...state.format, history: mergeHistory(msg.entries, state.format.history)}};
		case 'pick': {
			if (!state.pick) return state;
			const target = state.view === 'image' && state.image ? {ref: state.image.ref} : state.view === 'images' ? selectedOf(state, imagesSpec) : undefined;
			if (!target) return state;
			const next = {...state, notice: {text: `reading ${target.ref}…`, level: 'info' as const}};
			return step(next, {type: 'effect', effect: {kind: 'pick', ref: target.ref, template: state.format.filter ?? ''}});
		}
		case 'picked':
			if (!state.pick) return state;
			return {...state, pick: {output: msg.output}, quit: true};
		case 'pickFailed':
			return {...state, notice: {text: msg.message, level: 'error'}};
		case 'refresh': {
			const overlay = boxOf(state);
			if (!overlay) return state;
			const box = withDoc(overlay.format, docOf(state, overlay.format.ref, overlay.format.id));
			return box === overlay.format ? state : {...state, overlay: {...overlay, format: box}};
		}
	}
}

function openFormat(state: State, step: Step): State {
	let next = state;
	if (state.view === 'images') {
		if (!selectedOf(state, imagesSpec)) return state;
		next = step(state, {type: 'openImage', browse: true});
	}
	if (next.view !== 'image' || !next.image) return state;
	const {ref, id} = next.image;
	next = {...next, image: {...next.image, tab: 'inspect'}};
	const box = openBox(ref, id, next.format.filter ?? '', docOf(next, ref, id), Boolean(next.pick));
	// A registry image before its layers are read: .Size and .VirtualSize are the compressed layers' (never taken for docker's).
	const compressed = next.remote !== undefined && next.image?.detail?.remote?.sizes !== 'docker';
	const note = compressed ? 'registry image: .Size and .VirtualSize are compressed until the Files tab reads the layers' : undefined;
	return step(next, {type: 'openOverlay', overlay: {kind: 'format', format: note ? {...box, note} : box}});
}

function clearFilter(state: State): State {
	const image = state.image ? {...state.image, cursor: {...state.image.cursor, inspect: 0}} : state.image;
	return {...state, image, format: {...state.format, filter: undefined}, notice: {text: 'format filter removed: the Inspect tab shows the JSON', level: 'info'}};
}

function boxKeyPressed(state: State, key: OverlayKey, step: Step): State {
	const overlay = boxOf(state);
	if (!overlay) return state;
	const box = overlay.format;
	const doc = docOf(state, box.ref, box.id);
	const outcome = boxKey(box, actionFor('format', key.name), key, {doc, history: state.format.history, page: resultPage(state), width: state.width});
	switch (outcome.kind) {
		case 'ignored':
			return state;
		case 'close':
			return {...state, overlay: undefined};
		case 'edit':
			return {...state, overlay: {...overlay, format: outcome.box}};
		case 'accept':
			return accept(state, overlay, outcome.box, step);
	}
}

function refused(state: State, overlay: FormatOverlay, box: FormatBox, problem: string): State {
	return {...state, overlay: {...overlay, format: {...box, problem}}};
}

function accept(state: State, overlay: FormatOverlay, box: FormatBox, step: Step): State {
	const template = box.field.value;
	const evaluation = box.evaluation;
	let next: State = state;
	if (template !== '') {
		next = {...next, format: {...next.format, history: addToHistory(next.format.history, template)}};
		next = step(next, {type: 'effect', effect: {kind: 'formatHistory', template}});
	}
	if (state.pick) {
		if (!evaluation || box.evaluated?.template !== template) return refused(next, overlay, box, 'the inspect document is still loading');
		if (!evaluation.ok) return refused(next, overlay, box, 'this template fails for this image: nothing to write (fix it, or Esc)');
		return {...next, overlay: undefined, pick: {output: evaluation.output}, quit: true};
	}
	if (template === '') return {...clearFilter({...next, overlay: undefined}), notice: state.format.filter === undefined ? undefined : {text: 'format filter removed', level: 'info'}};
	if (evaluation && !evaluation.ok && evaluation.stage === 'parse') return refused(next, overlay, box, 'the template does not parse: fix it, or Esc');
	const image = next.image ? {...next.image, tab: 'inspect' as const, cursor: {...next.image.cursor, inspect: 0}} : next.image;
	return {...next, overlay: undefined, image, format: {...next.format, filter: template}, notice: {text: `format filter kept for every image you open (Esc on the Inspect tab removes it)`, level: 'info'}};
}

/** The Inspect tab's length in lines when a filter is kept (the reducer scrolls by it); undefined otherwise. */
export function filteredInspectLength(state: State): number | undefined {
	const filter = state.format.filter;
	const raw = state.image?.detail?.inspect.raw;
	if (filter === undefined || raw === undefined || state.image?.tab !== 'inspect') return undefined;
	const view = filterView(filter, raw, state.width);
	return Math.max(1, view.lines.length + (view.evaluation.ok ? 0 : 1));
}

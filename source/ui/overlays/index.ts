/**
 * Overlays: what sits over a screen and takes the keyboard while it is open
 * (a form, a confirmation, a progress view, the format box). Each kind keeps
 * its state as a pure value; this module routes keys to it and turns a
 * submission into an effect for the App to carry out.
 */
import {actionFor, type Context} from '../keymap.js';
import {confirmKey, type ConfirmState} from './confirm.js';
import {formKey, type FormAction, type FormState} from './form.js';
import {taskKey, type TaskAction, type TaskState} from './task.js';
import {menuKey, picked, type MenuState} from './menu.js';
import type {FormatBox} from '../format/box.js';
import type {FormatEffect} from '../format/effects.js';
import type {Msg} from '../state.js';

export type Overlay =
	| {kind: 'form'; id: number; form: FormState}
	| {kind: 'confirm'; id: number; confirm: ConfirmState}
	| {kind: 'task'; id: number; task: TaskState}
	/** A menu drawn by components/MenuView.tsx (overlays/menu.ts). */
	| {kind: 'menu'; id: number; menu: MenuState}
	/** The format box over the Inspect tab (source/ui/format: its keys go to the reducer, which holds the documents). */
	| {kind: 'format'; id: number; format: FormatBox};

export type OverlayKind = Overlay['kind'];

/**
 * Work the reducer asks for and the App performs (the reducer stays pure).
 * `submit` hands an action's values to its handler in source/ui/actions.
 */
export type EffectBody =
	| {kind: 'submit'; action: string; values: Record<string, string>; subject: Record<string, string>; overlayId: number}
	/** Stops the running task (push, pull, build, log) the overlay showed. */
	| {kind: 'cancel'; overlayId: number}
	/** Saving a template to the history file; pick-then-pipe's read (source/ui/format/effects.ts). */
	| FormatEffect
	/** Mouse reports on or off (the App writes the terminal's mode). */
	| {kind: 'mouse'; on: boolean}
	/** Switch the explorer to the docker context `name` (the App swaps its engine). */
	| {kind: 'useEngine'; name: string}
	/** A registry source's platform chooser (`O`) for a tag (`ref` repository:tag, or the Tags list's `tag`): its index's platforms with sizes. */
	| {kind: 'platformMenu'; ref?: string; tag?: string}
	/** Show a registry source on `platform` (the App re-reads the tags and the open image). */
	| {kind: 'platform'; platform: string}
	/** `P` on a registry source's tag: the pull form for it, on the platform shown (ui/actions/transfer.ts pulls). */
	| {kind: 'pullRemote'; ref?: string; tag?: string}
	/** Ask the registry whether the local image `ref` is a stale copy of its tags (ui/actions/stale.ts). */
	| {kind: 'staleCheck'; ref: string}
	/** Enter on a registry source's Tags row: that tag's image. */
	| {kind: 'openTag'; tag: string};

export type Effect = EffectBody & {id: number};

export function overlayContext(overlay: Overlay): Context {
	return overlay.kind;
}

/** A key press as the overlay sees it: its name and, for printable input, the text. */
export interface OverlayKey {
	name: string;
	text?: string;
	/** About as many lines as a scrolling overlay (a task's log) shows at once. */
	page?: number;
	/** False: Esc on a running task stops it without asking (the config's `confirm.stopTask`). */
	askStop?: boolean;
}

/** `msg`: a message for the reducer, for overlays whose keys need more of the state than themselves. */
export type OverlayResult = {overlay?: Overlay; effect?: EffectBody; msg?: Msg; handled: boolean};

export function overlayKey(overlay: Overlay, key: OverlayKey): OverlayResult {
	const context = overlayContext(overlay);
	switch (overlay.kind) {
		case 'form': {
			const action = actionFor(context, key.name) as FormAction | undefined;
			const outcome = formKey(overlay.form, action, key.name, key.text);
			if (outcome.kind === 'cancel') return {overlay: undefined, handled: true};
			if (outcome.kind === 'ignored') return {overlay, handled: false};
			if (outcome.kind === 'edit') return {overlay: {...overlay, form: outcome.state}, handled: true};
			const values = Object.fromEntries(outcome.state.fields.map((field) => [field.name, field.kind === 'toggle' ? String(field.on) : field.text.value]));
			return {
				overlay: {...overlay, form: {...outcome.state, busy: true}},
				effect: {kind: 'submit', action: overlay.form.action, values, subject: overlay.form.subject, overlayId: overlay.id},
				handled: true,
			};
		}
		case 'confirm': {
			const outcome = confirmKey(overlay.confirm, key.name, actionFor(context, key.name));
			if (outcome.kind === 'cancel') return {overlay: undefined, handled: true};
			if (outcome.kind === 'ignored') return {overlay, handled: false};
			return {
				overlay: {...overlay, confirm: {...overlay.confirm, busy: true, error: undefined}},
				effect: {kind: 'submit', action: overlay.confirm.action, values: {choice: outcome.choice.value}, subject: overlay.confirm.subject, overlayId: overlay.id},
				handled: true,
			};
		}
		case 'task': {
			const action = actionFor(context, key.name) as TaskAction | undefined;
			const outcome = taskKey(overlay.task, action, key.name, key.page ?? 10, key.askStop !== false);
			if (outcome.kind === 'ignored') return {overlay, handled: false};
			if (outcome.kind === 'edit') return {overlay: {...overlay, task: outcome.state}, handled: true};
			return {overlay: undefined, effect: outcome.stop ? {kind: 'cancel', overlayId: overlay.id} : undefined, handled: true};
		}
		case 'format':
			return {overlay, msg: {type: 'format', msg: {kind: 'key', key}}, handled: true};
		case 'menu': {
			const outcome = menuKey(overlay.menu, key.name);
			if (outcome.kind === 'ignored') return {overlay, handled: false};
			if (outcome.kind === 'cancel') return {overlay: undefined, handled: true};
			return {overlay: undefined, msg: picked(outcome.item), handled: true};
		}
	}
}

/** Marks the overlay idle again after its request failed, with the error shown in it. */
export function overlayFailed(overlay: Overlay, message: string, fieldErrors?: Record<string, string | undefined>): Overlay {
	switch (overlay.kind) {
		case 'form': {
			const fields = overlay.form.fields.map((field) => ({...field, error: fieldErrors?.[field.name]}));
			const first = fields.findIndex((field) => field.error);
			return {...overlay, form: {...overlay.form, fields, focus: first >= 0 ? first : overlay.form.focus, busy: false, error: fieldErrors ? undefined : message}};
		}
		case 'confirm':
			return {...overlay, confirm: {...overlay.confirm, busy: false, error: message}};
		case 'task':
			return {...overlay, task: {...overlay.task, status: 'failed', error: message, asking: false}};
		case 'format':
			return {...overlay, format: {...overlay.format, problem: message}};
		case 'menu':
			return overlay;
	}
}

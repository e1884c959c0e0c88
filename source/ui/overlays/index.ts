/**
 * Overlays: what sits over a screen and takes the keyboard while it is open
 * (a form, a confirmation, a progress view, the format box). Each kind keeps
 * its state as a pure value; this module routes keys to it and turns a
 * submission into an effect for the App to carry out.
 */
import {actionFor} from '../keymap.js';
import type {Context, OverlayKey} from '../key-names.js';
import {confirmKey} from './confirm.js';
import {formKey, type FormAction} from './form.js';
import {taskKey, type TaskAction} from './task.js';
import {menuKey, picked} from './menu.js';
import type {Overlay, OverlayResult} from '../model.js';

export function overlayContext(overlay: Overlay): Context {
	return overlay.kind;
}


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

/** Small things every action handler needs. */
import {visible} from '../../text/sanitize.js';
import type {EffectContext, ActionRequest} from './types.js';

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The engine's message on one line, safe to draw. */
export function shownError(error: unknown): string {
	return visible(messageOf(error).trim().split('\n')[0] ?? '');
}

export function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Refuses the form: each problem next to its field (already made visible), nothing sent. */
export function refuse(context: EffectContext, request: ActionRequest, errors: Record<string, string | undefined>): void {
	const shownErrors = Object.fromEntries(Object.entries(errors).map(([field, problem]) => [field, problem === undefined ? undefined : visible(problem)]));
	const first = Object.values(shownErrors).find(Boolean) ?? 'invalid input';
	context.dispatch({type: 'overlayFailed', id: request.overlayId, message: first, fieldErrors: shownErrors});
}

/**
 * The request failed after it was sent: the engine's message in the overlay,
 * which stays open; with no overlay (a question the config skips: the
 * subject's `unasked` says what was tried), the notice says it.
 */
export function failed(context: EffectContext, request: ActionRequest, error: unknown): void {
	const unasked = request.subject.unasked;
	context.dispatch({type: 'overlayFailed', id: request.overlayId, message: request.overlayId === 0 && unasked ? `${unasked} failed: ${shownError(error)}` : shownError(error)});
}

/** `t` on an image: one field, the new reference; the new row appears selected. */
import {parseReference} from '../../actions/reference.js';
import {tagImage} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import type {ActionHandler} from './types.js';

export function tagForm(ref: string, id: string): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	return {kind: 'form', form: form('tag', `Tag ${visible(ref)}`, [{name: 'target', label: 'New reference', hint: '[host[:port]/]name[:tag]'}], {ref, id})};
}

export const tag: ActionHandler = async (request, context) => {
	const parsed = parseReference(request.values.target.trim(), {allowDigest: false});
	if (!parsed.ok) {
		context.dispatch({type: 'overlayFailed', id: request.overlayId, message: parsed.problem, fieldErrors: {target: parsed.problem}});
		return;
	}
	await tagImage(context.engine, request.subject.id || request.subject.ref, parsed.reference, context.signal);
	context.dispatch({type: 'closeOverlay', id: request.overlayId});
	context.dispatch({type: 'selectWhenSeen', ref: parsed.reference});
	context.dispatch({type: 'notice', text: `Tagged ${visible(request.subject.ref)} as ${visible(parsed.reference)}`});
};

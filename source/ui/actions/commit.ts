/**
 * `c` on a container: commit it to an image. Fields: repository:tag,
 * message, author, changes, pause (on by default, as docker commit). The
 * form's fields are one line each, so changes (Dockerfile instructions)
 * are separated by `;` and a literal semicolon is written `\;`:
 *
 *   CMD ["sh", "-c", "echo a\; echo b"]; ENV A=1; EXPOSE 80
 *
 * Each instruction is checked (parseCommitForm) before anything is sent;
 * the new image appears in Images, selected.
 */
import {parseCommitForm} from '../../actions/commit-spec.js';
import {commitContainer} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import {failed, refuse, shortId} from './common.js';
import type {ActionHandler} from './types.js';

/** `A; B\; C` -> ['A', 'B; C']: the entries, trimmed, empty ones dropped. */
export function splitChanges(text: string): string[] {
	const entries: string[] = [];
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '\\' && text[i + 1] === ';') {
			current += ';';
			i++;
		} else if (ch === ';') {
			entries.push(current);
			current = '';
		} else current += ch;
	}
	entries.push(current);
	return entries.map((entry) => entry.trim()).filter(Boolean);
}

export function commitForm(subject: Record<string, string>): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	return {
		kind: 'form',
		form: form(
			'commit',
			`Commit container ${visible(subject.name)}`,
			[
				{name: 'repository', label: 'Repository:tag', hint: 'name[:tag]; empty: an untagged image'},
				{name: 'message', label: 'Message'},
				{name: 'author', label: 'Author', hint: 'e.g. Jane <jane@example.com>'},
				{name: 'changes', label: 'Changes', hint: 'CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR; separate with ; (\\; is a literal ;)'},
				{name: 'pause', label: 'Pause', kind: 'toggle', on: true},
			],
			subject,
		),
	};
}

export const commit: ActionHandler = async (request, context) => {
	const values = request.values;
	const changes = splitChanges(values.changes ?? '');
	const parsed = parseCommitForm({repository: values.repository, message: values.message, author: values.author, changes, pause: values.pause !== 'false'});
	if (!parsed.ok) {
		const errors = parsed.errors;
		// The parser counts lines; here they are the entries between semicolons.
		refuse(context, request, {repository: errors.repository, message: errors.message, author: errors.author, changes: errors.changes?.replace(/ on line (\d+):/, ' in entry $1:')});
		return;
	}
	const name = visible(request.subject.name ?? shortId(request.subject.id));
	try {
		const result = await commitContainer(context.engine, request.subject.id, parsed.spec, {signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		// The new image is what the person wants to see next.
		context.dispatch({type: 'view', view: 'images'});
		context.dispatch(result.reference ? {type: 'selectWhenSeen', ref: result.reference} : {type: 'selectWhenSeen', id: result.id});
		context.dispatch({type: 'notice', text: `Committed ${name} as ${result.reference ? visible(result.reference) : 'an untagged image'} (${shortId(result.id)})`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

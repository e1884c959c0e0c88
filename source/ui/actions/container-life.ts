/**
 * Containers: `u` start, `r` restart (asks first), `E` a shell in a running
 * container (the explorer steps aside as for an attached run, and comes
 * back), and Enter's inspect document.
 */
import {execSession, inspectContainerRaw, restartContainer, startContainer} from '../../engine/actions/index.js';
import {indentJson} from '../../format/json-indent.js';
import {visible} from '../../text/sanitize.js';
import type {Overlay} from '../model.js';
import {shortId, shownError} from './common.js';
import {attachTerminal} from './terminal.js';
import type {ActionHandler} from './types.js';

export function restartConfirm(subject: Record<string, string>): Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'> {
	return {
		kind: 'confirm',
		confirm: {
			action: 'restart',
			title: `Restart container ${visible(subject.name)}?`,
			lines: [`container ${visible(subject.name)} (${shortId(subject.id)}), from ${visible(subject.image)}: ${visible(subject.status)}`, 'a running one is stopped first (SIGTERM, SIGKILL after 10 s), as docker restart'],
			choices: [{key: 'y', label: 'restart', value: 'restart'}],
			subject,
		},
	};
}

export const start: ActionHandler = async (request, context) => {
	const name = visible(request.subject.name);
	context.dispatch({type: 'notice', text: `Starting ${name}…`});
	try {
		await startContainer(context.engine, request.subject.id, {signal: context.signal});
		context.dispatch({type: 'notice', text: `Started ${name}`});
	} catch (error) {
		if (!context.signal.aborted) context.dispatch({type: 'notice', text: `Starting ${name} failed: ${shownError(error)}`, level: 'error'});
	}
};

export const restart: ActionHandler = async (request, context) => {
	const name = visible(request.subject.name);
	context.dispatch({type: 'closeOverlay', id: request.overlayId});
	context.dispatch({type: 'notice', text: `Restarting ${name}…`});
	try {
		await restartContainer(context.engine, request.subject.id, {signal: context.signal});
		context.dispatch({type: 'notice', text: `Restarted ${name}`});
	} catch (error) {
		if (!context.signal.aborted) context.dispatch({type: 'notice', text: `Restarting ${name} failed: ${shownError(error)}`, level: 'error'});
	}
};

/** The shell: /bin/sh on a TTY in the container, the real terminal handed to it meanwhile. */
export const exec: ActionHandler = async (request, context) => {
	const name = visible(request.subject.name);
	if (request.subject.state !== 'running') {
		context.dispatch({type: 'notice', text: `${name} is not running: u starts it`, level: 'error'});
		return;
	}
	if (!context.suspend) {
		context.dispatch({type: 'notice', text: 'a shell needs the terminal imgscope runs in', level: 'error'});
		return;
	}
	try {
		const session = await execSession(context.engine, request.subject.id, ['/bin/sh']);
		let code: number | null = null;
		await context.suspend(async (terminal) => {
			const end = await attachTerminal(session, terminal, `${request.subject.name} (/bin/sh)`);
			code = end.reason === 'exited' ? end.exitCode : null;
		});
		context.dispatch({type: 'notice', text: `Back from /bin/sh in ${name}${code === null ? '' : ` (exit ${code})`}`});
	} catch (error) {
		if (!context.signal.aborted) context.dispatch({type: 'notice', text: `A shell in ${name} failed: ${shownError(error)}`, level: 'error'});
	}
};

/** Enter: the container's inspect JSON, indented as docker prints it. */
export const inspectContainer: ActionHandler = async (request, context) => {
	try {
		const raw = await inspectContainerRaw(context.engine, request.subject.id, context.signal);
		context.dispatch({type: 'containerDetail', id: request.subject.id, lines: indentJson(raw).split('\n')});
	} catch (error) {
		if (!context.signal.aborted) context.dispatch({type: 'containerDetail', id: request.subject.id, error: shownError(error)});
	}
};

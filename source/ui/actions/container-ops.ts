/**
 * The Containers view's other keys: `l` a container's log (followed while
 * it runs; scroll with the arrows and PgUp/PgDn; Esc goes back and stops
 * following), `s` stop (SIGTERM, then SIGKILL after 10 s, as docker stop),
 * `d` remove (asks first; `F` forces a running one).
 */
import {removeContainer, stopContainer, containerLogs} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';
import type {Overlay} from '../model.js';
import {task} from '../overlays/task.js';
import {failed, shortId, shownError} from './common.js';
import {TaskRun} from './task-runner.js';
import type {ActionHandler} from './types.js';

/** Lines kept of a long log (the oldest go first). */
export const maxLogLines = 10_000;
const tail = 2000;

export function logsTask(subject: Record<string, string>): Omit<Extract<Overlay, {kind: 'task'}>, 'id'> {
	return {kind: 'task', task: task('logs', `Log of ${visible(subject.name)} (${shortId(subject.id)})`, {type: 'log', lines: []}, subject, false)};
}

/** Tabs to spaces (every 8 columns) and the rest made visible: a log cannot move the cursor or recolour the screen. */
export function logLine(raw: string): string {
	let out = '';
	for (const ch of raw.replace(/\r$/, '')) {
		// Tab stops count what is drawn (an escape such as \x1b is four cells).
		out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : visible(ch);
	}
	return out;
}

/** Collects a stream of text into lines; the unfinished last line is shown too. */
export class LogLines {
	private done: string[] = [];
	private partial = '';

	push(text: string): void {
		const parts = (this.partial + text).split('\n');
		this.partial = parts.pop() ?? '';
		for (const part of parts) this.done.push(logLine(part));
		if (this.done.length > maxLogLines) this.done.splice(0, this.done.length - maxLogLines);
	}

	lines(): string[] {
		return this.partial ? [...this.done, logLine(this.partial)] : this.done.slice();
	}
}

export const logs: ActionHandler = async (request, context) => {
	const {id} = request.subject;
	const run = new TaskRun(context, request.overlayId);
	const collected = new LogLines();
	try {
		await containerLogs(
			context.engine,
			id,
			(chunk) => {
				collected.push(chunk.text);
				run.update((state) => ({...state, body: {type: 'log', lines: collected.lines()}}));
			},
			{follow: true, tail, signal: run.signal},
		);
		if (run.stopped) return run.end();
		const count = collected.lines().length;
		run.finish((state) => ({...state, body: {type: 'log', lines: collected.lines()}, status: 'done', result: `${count} line${count === 1 ? '' : 's'}; the container is not running, so the log ends here`}));
	} catch (error) {
		if (run.stopped) return run.end();
		run.finish((state) => ({...state, status: 'failed', error: shownError(error)}));
	}
};

/** `S`: a question naming the container; `y` stops it, any other key keeps it running. */
export function stopConfirm(subject: Record<string, string>): Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'> {
	return {
		kind: 'confirm',
		confirm: {
			action: 'stop',
			title: `Stop container ${visible(subject.name)}?`,
			lines: [`container ${visible(subject.name)} (${shortId(subject.id)}), from ${visible(subject.image)}: ${visible(subject.status)}`, 'SIGTERM, then SIGKILL after 10 s, as docker stop'],
			choices: [{key: 'y', label: 'stop', value: 'stop'}],
			subject,
		},
	};
}

export const stop: ActionHandler = async (request, context) => {
	const name = visible(request.subject.name);
	context.dispatch({type: 'closeOverlay', id: request.overlayId});
	context.dispatch({type: 'notice', text: `Stopping ${name}…`});
	try {
		const result = await stopContainer(context.engine, request.subject.id, {signal: context.signal});
		context.dispatch({type: 'notice', text: result.alreadyStopped ? `${name} was not running` : `Stopped ${name}`});
	} catch (error) {
		if (!context.signal.aborted) context.dispatch({type: 'notice', text: `Stopping ${name} failed: ${shownError(error)}`, level: 'error'});
	}
};

export function removeContainerConfirm(subject: Record<string, string>): Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'> {
	const running = subject.state === 'running' || subject.state === 'paused' || subject.state === 'restarting';
	const lines = [`container ${visible(subject.name)} (${shortId(subject.id)}), from ${visible(subject.image)}: ${visible(subject.status)}`];
	if (running) lines.push('it is running: y is refused by the engine; F stops (kills) and removes it');
	lines.push('its anonymous volumes go with it; named volumes stay');
	return {
		kind: 'confirm',
		confirm: {
			action: 'removeContainer',
			title: `Remove container ${visible(subject.name)}?`,
			lines,
			choices: [
				{key: 'y', label: 'remove', value: 'remove'},
				{key: 'F', label: 'force (kill it first if running)', value: 'force'},
			],
			subject,
			menu: true,
		},
	};
}

export const removeContainerAction: ActionHandler = async (request, context) => {
	const name = visible(request.subject.name);
	try {
		await removeContainer(context.engine, request.subject.id, {force: request.values.choice === 'force', volumes: true, signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Removed container ${name}`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

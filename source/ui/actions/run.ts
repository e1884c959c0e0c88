/**
 * `r` on an image: run a container from it. The command is split like a
 * shell; environment, ports and volumes take several entries on one line
 * (split like a shell too: `A=1 B="two words"`); everything is checked by
 * parseRunForm before anything is sent, each problem next to its field.
 *
 * Detached, the container starts and shows in Containers. Attached (off by
 * default), the explorer steps aside through the `suspend` hook, the
 * container gets the real terminal (raw, resizes forwarded, Ctrl+P Ctrl+Q
 * detaches), and the explorer comes back when it exits or detaches. A
 * container that was created but could not start (no such command, port in
 * use) is removed by runContainer; its error shows in the form.
 */
import {parseRunForm, type RunField} from '../../actions/run-spec.js';
import {completeVolumeName, volumeNote} from '../../actions/volume-choice.js';
import {runContainer, type AttachEnd} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import {failed, refuse, shortId} from './common.js';
import {attachTerminal} from './terminal.js';
import type {ActionHandler} from './types.js';

export function runForm(ref: string, id: string, volumeNames: readonly string[] = []): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	const shown = ref.startsWith('sha256:') ? shortId(id) : ref;
	return {
		kind: 'form',
		form: form(
			'run',
			`Run a container from ${visible(shown)}`,
			[
				{name: 'command', label: 'Command', hint: "split like a shell: sh -c 'echo hi'; empty runs the image's CMD"},
				{name: 'name', label: 'Name', hint: 'empty: the engine picks one'},
				{name: 'env', label: 'Environment', hint: 'KEY=VALUE, several: A=1 B="two words"'},
				{name: 'ports', label: 'Ports', hint: '[ip:]host:container[/proto], several: 8080:80 127.0.0.1:5353:53/udp'},
				{
					name: 'volumes',
					label: 'Volumes',
					hint: `name:/path or /host/dir:/path[:ro], several${volumeNames.length ? '; tab completes a volume name' : ''}`,
					complete: (text) => {
						const done = completeVolumeName(text.value, text.cursor, volumeNames);
						return done && {text: {value: done.value, cursor: done.cursor}, candidates: done.candidates};
					},
					note: (value) => volumeNote(value, volumeNames),
				},
				{name: 'network', label: 'Network', hint: "empty: the engine's default (bridge); none, host or a network name"},
				{name: 'removeOnExit', label: 'Remove on exit', kind: 'toggle', on: false},
				{name: 'attach', label: 'Attach', kind: 'toggle', on: false},
			],
			{ref, id},
		),
	};
}

/** parseRunForm's field names are the form's, but for the image (not a field: the form's own error). */
const fields: RunField[] = ['command', 'name', 'env', 'ports', 'volumes', 'network'];

function endNotice(name: string, end: AttachEnd, removed: boolean): string {
	if (end.reason === 'detached') return `Detached from ${name}: it keeps running (Containers: 2)`;
	const code = end.exitCode === null ? '' : ` with code ${end.exitCode}`;
	return `${name} exited${code}${removed ? ' and was removed' : ''}`;
}

export const run: ActionHandler = async (request, context) => {
	const values = request.values;
	const parsed = parseRunForm(
		{
			image: request.subject.ref || request.subject.id,
			command: values.command,
			name: values.name,
			env: values.env,
			ports: values.ports,
			volumes: values.volumes,
			network: values.network,
			removeOnExit: values.removeOnExit === 'true',
			attach: values.attach === 'true',
		},
		{hostEnv: process.env},
	);
	if (!parsed.ok) {
		if (parsed.errors.image) {
			context.dispatch({type: 'overlayFailed', id: request.overlayId, message: visible(parsed.errors.image)});
			return;
		}
		refuse(context, request, Object.fromEntries(fields.map((field) => [field, parsed.errors[field]])));
		return;
	}
	const spec = parsed.spec;
	if (spec.attach && !context.suspend) {
		context.dispatch({type: 'overlayFailed', id: request.overlayId, message: 'attaching needs the terminal imgscope runs in', fieldErrors: {attach: 'invalid here: no terminal to hand over (run detached)'}});
		return;
	}
	let result;
	try {
		result = await runContainer(context.engine, spec, {signal: context.signal});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
		return;
	}
	const name = visible(result.name || shortId(result.id));
	const warnings = result.warnings.length ? `  (warning: ${visible(result.warnings.join('; '))})` : '';
	const session = result.session;
	if (!session || !context.suspend) {
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Started ${name} (${shortId(result.id)}) from ${visible(spec.body.Image)}${warnings}`});
		return;
	}
	let end: AttachEnd | undefined;
	try {
		await context.suspend(async (terminal) => {
			end = await attachTerminal(session, terminal, result.name || shortId(result.id));
		});
	} catch (error) {
		session.close();
		failed(context, request, error);
		return;
	}
	context.dispatch({type: 'closeOverlay', id: request.overlayId});
	context.dispatch({type: 'notice', text: end ? endNotice(name, end, spec.body.HostConfig.AutoRemove) + warnings : `Back from ${name}`});
};

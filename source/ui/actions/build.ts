/**
 * `b`: build an image from a context directory (relative to where imgscope
 * runs) with the engine's builder. The form is checked first (parseBuildForm:
 * tags, build args; then that the directory and the Dockerfile exist), each
 * problem next to its field. The view then streams every step, marks the
 * ones the cache served, and ends with the new image's id; the list selects
 * it. A failing step (a Dockerfile error, a RUN that fails) ends the view
 * with the engine's message; buildImage leaves no intermediate containers.
 */
import {statSync} from 'node:fs';
import path from 'node:path';
import {emptyBuild} from '../../actions/build-log.js';
import {parseBuildForm, type BuildField} from '../../actions/build-spec.js';
import {BuildError, buildImage} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import {task, type TaskState} from '../overlays/task.js';
import {refuse, shortId, shownError} from './common.js';
import {TaskRun} from './task-runner.js';
import type {ActionHandler} from './types.js';

export function buildForm(): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	return {
		kind: 'form',
		form: form('build', 'Build an image', [
			{name: 'context', label: 'Context', value: '.', hint: 'the directory sent to the builder (.dockerignore honoured)'},
			{name: 'dockerfile', label: 'Dockerfile', hint: 'relative to the context; empty: ./Dockerfile'},
			{name: 'tags', label: 'Tags', hint: 'name[:tag], several separated by spaces'},
			{name: 'buildArgs', label: 'Build args', hint: 'KEY=VALUE, several: A=1 B="two words"'},
			{name: 'network', label: 'Network', hint: "for RUN steps; empty: the engine's default; none, host or a network name"},
			{name: 'noCache', label: 'No cache', kind: 'toggle', on: false},
		]),
	};
}

const fields: BuildField[] = ['context', 'dockerfile', 'tags', 'buildArgs', 'network'];

function kindOf(file: string): 'directory' | 'file' | undefined {
	try {
		const stat = statSync(file);
		return stat.isDirectory() ? 'directory' : 'file';
	} catch {
		return undefined;
	}
}

export const build: ActionHandler = async (request, context) => {
	const values = request.values;
	const parsed = parseBuildForm({context: values.context ?? '', dockerfile: values.dockerfile, tags: values.tags, buildArgs: values.buildArgs, network: values.network, noCache: values.noCache === 'true'}, {hostEnv: process.env});
	if (!parsed.ok) {
		refuse(context, request, Object.fromEntries(fields.map((field) => [field, parsed.errors[field]])));
		return;
	}
	const spec = {...parsed.spec, context: path.resolve(parsed.spec.context)};
	if (kindOf(spec.context) !== 'directory') {
		refuse(context, request, {context: `invalid context: ${spec.context} is not a directory`});
		return;
	}
	const dockerfile = path.resolve(spec.context, spec.dockerfile);
	if (kindOf(dockerfile) !== 'file') {
		refuse(context, request, {dockerfile: `invalid Dockerfile: ${dockerfile} is not a file`});
		return;
	}
	const title = `Build ${visible(spec.context)}${spec.tags.length ? ` as ${visible(spec.tags.join(', '))}` : ''}`;
	const run = new TaskRun(context, request.overlayId);
	run.open(task('build', title, {type: 'build', build: emptyBuild}, {context: spec.context}));
	const withBuild = (build: TaskState['body']) => (state: TaskState): TaskState => ({...state, body: build});
	try {
		const result = await buildImage(context.engine, spec, {
			signal: run.signal,
			onEvent: (_event, build) => run.update(withBuild({type: 'build', build})),
		});
		const cached = result.state.steps.filter((step) => step.cached).length;
		const summary = `Built ${shortId(result.imageId)}${result.tags.length ? ` as ${visible(result.tags.join(', '))}` : ''}; ${cached} of ${result.state.steps.length} steps from cache`;
		run.finish((state) => ({...withBuild({type: 'build', build: result.state})(state), status: 'done', result: summary}));
		context.dispatch(result.tags.length ? {type: 'selectWhenSeen', ref: result.tags[0]} : {type: 'selectWhenSeen', id: result.imageId});
	} catch (error) {
		if (context.signal.aborted) return run.end();
		if (run.stopped) {
			run.end();
			context.dispatch({type: 'notice', text: `Build of ${visible(spec.context)} stopped`});
			return;
		}
		const message = error instanceof BuildError && error.step > 0 ? `step ${error.step}: ${shownError(error)}` : shownError(error);
		run.finish((state) => ({...(error instanceof BuildError ? withBuild({type: 'build', build: error.state})(state) : state), status: 'failed', error: message, asking: false}));
	}
};

/**
 * `p` push and `P` pull: a one-field form, then a progress view with a row
 * per layer (Preparing, Pushing with bytes, Layer already exists, Pushed;
 * Pulling fs layer, Downloading, Pull complete) and the final digest.
 * Credentials come from config.json (credentialsFor, inside pushImage and
 * pullImage). A registry that refuses the connection or the login, or goes
 * quiet, ends the view with the error; Esc asks, then stops the transfer
 * through its AbortSignal.
 *
 * Push takes the name to push as: the selected reference by default. A name
 * the image does not carry yet (127.0.0.1:5000/app:1) is tagged first, as
 * `docker tag` then `docker push` would, and that new tag is removed again
 * when the push does not succeed.
 */
import {emptyProgress} from '../../actions/progress.js';
import {parseReference} from '../../actions/reference.js';
import {pullImage, pushImage, removeImage, tagImage} from '../../engine/actions/index.js';
import {parsePlatform} from '../../registry/platform.js';
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import {task, type TaskState} from '../overlays/task.js';
import {refuse, shortId, shownError} from './common.js';
import {TaskRun} from './task-runner.js';
import type {ActionHandler} from './types.js';

type FormOverlay = Omit<Extract<Overlay, {kind: 'form'}>, 'id'>;

export function pushForm(ref: string, id: string): FormOverlay {
	// A dangling image has no name to push: the field starts empty.
	const name = ref.startsWith('sha256:') ? '' : ref;
	return {
		kind: 'form',
		form: form('push', `Push ${visible(name || shortId(id))}`, [{name: 'target', label: 'Push as', value: name, hint: 'host[:port]/name[:tag]; a new name is tagged first'}], {ref, id}),
	};
}

/** `values`: a registry source's tag and the platform shown (P on a remote tag); `into`: the engine it goes to, named in the title. */
export function pullForm(values: {reference?: string; platform?: string} = {}, into?: string): FormOverlay {
	return {
		kind: 'form',
		form: form('pull', into ? `Pull an image into ${visible(into)}` : 'Pull an image', [
			{name: 'reference', label: 'Reference', value: values.reference ?? '', hint: '[host[:port]/]name[:tag] or name@sha256:…; tag latest when none'},
			{name: 'platform', label: 'Platform', value: values.platform ?? '', hint: "os/arch[/variant] of a multi-platform image; empty: the engine's"},
		]),
	};
}

const done = (result: string) => (state: TaskState): TaskState => ({...state, status: 'done', result});
const broke = (error: string) => (state: TaskState): TaskState => ({...state, status: 'failed', error, asking: false});

export const push: ActionHandler = async (request, context) => {
	const parsed = parseReference(request.values.target ?? '', {allowDigest: false});
	if (!parsed.ok) {
		refuse(context, request, {target: parsed.problem});
		return;
	}
	const reference = parsed.reference;
	const {value} = await context.engine.inspectImage(request.subject.id || request.subject.ref, context.signal);
	const tagged = (value.RepoTags ?? []).includes(reference);
	const run = new TaskRun(context, request.overlayId);
	run.open(task('push', `Push ${visible(reference)}${tagged ? '' : `  (tagging ${shortId(value.Id)} with it first)`}`, {type: 'transfer', progress: emptyProgress}, {reference}));
	let madeTag = false;
	try {
		if (!tagged) {
			await tagImage(context.engine, value.Id, reference, run.signal);
			madeTag = true;
		}
		const result = await pushImage(context.engine, reference, {
			signal: run.signal,
			onProgress: (progress) => run.update((state) => ({...state, body: {type: 'transfer', progress}})),
		});
		run.finish((state) => done(`Pushed ${visible(result.reference)}  digest ${visible(result.digest ?? '')}`)({...state, body: {type: 'transfer', progress: result.progress}}));
	} catch (error) {
		// Nothing half-done: a tag made for this push goes again.
		if (madeTag) await removeImage(context.engine, {scope: 'tag', reference}).catch(() => undefined);
		if (context.signal.aborted) return run.end();
		if (run.stopped) {
			run.end();
			context.dispatch({type: 'notice', text: `Push of ${visible(reference)} stopped${madeTag ? '; the tag made for it was removed' : ''}`});
			return;
		}
		run.finish(broke(`${shownError(error)}${madeTag ? '  (the tag made for the push was removed)' : ''}`));
	}
};

export const pull: ActionHandler = async (request, context) => {
	const parsed = parseReference(request.values.reference ?? '', {allowDigest: true});
	if (!parsed.ok) {
		refuse(context, request, {reference: parsed.problem});
		return;
	}
	const reference = parsed.reference;
	const platform = (request.values.platform ?? '').trim();
	if (platform) {
		try {
			parsePlatform(platform);
		} catch (error) {
			refuse(context, request, {platform: (error as Error).message});
			return;
		}
	}
	// From a registry source: into its engine, which the explorer then shows.
	const into = context.pullEngine?.();
	const engine = into ?? context.engine;
	const run = new TaskRun(context, request.overlayId);
	run.open(task('pull', `Pull ${visible(reference)}${platform ? ` (${visible(platform)})` : ''}${into ? ` into ${visible(into.label)}` : ''}`, {type: 'transfer', progress: emptyProgress}, {reference}));
	try {
		const result = await pullImage(engine, reference, {
			platform: platform || undefined,
			signal: run.signal,
			onProgress: (progress) => run.update((state) => ({...state, body: {type: 'transfer', progress}})),
		});
		run.finish((state) => done(`Pulled ${visible(result.reference)}  image ${shortId(result.imageId)}${result.digest ? `  digest ${visible(result.digest)}` : ''}`)({...state, body: {type: 'transfer', progress: result.progress}}));
		// By digest the list shows the image untagged: select it by id.
		const select = parsed.digest ? {id: result.imageId} : {ref: reference};
		if (into && context.showLocal) context.showLocal(into, select);
		else context.dispatch({type: 'selectWhenSeen', ...select});
	} catch (error) {
		if (context.signal.aborted) return run.end();
		if (run.stopped) {
			run.end();
			context.dispatch({type: 'notice', text: `Pull of ${visible(reference)} stopped`});
			return;
		}
		run.finish(broke(shownError(error)));
	}
};

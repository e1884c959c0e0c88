/**
 * What a key that starts an action does, given what is selected: the
 * reducer asks here, so the overlays are built from the state alone. Most
 * open a form or a confirmation; `l` (logs) opens its view and starts at
 * once; `S` (stop) asks first, as remove does.
 */
import type {ConfirmKind} from '../../config/schema.js';
import type {ContainerSummary} from '../../engine/types.js';
import type {Overlay, Msg, State, ImmediateAction, StartableAction} from '../model.js';
import {selectedOf} from '../lists/select.js';
import {containersSpec} from '../lists/containers.js';
import {imagesSpec} from '../lists/images.js';
import {commitForm} from './commit.js';
import {logsTask, removeContainerConfirm, stopConfirm} from './container-ops.js';
import {restartConfirm} from './container-life.js';
import {buildForm} from './build.js';
import {removeImageConfirm} from './remove-image.js';
import {runForm} from './run.js';
import {tagForm} from './tag.js';
import {remoteForm} from './remote.js';
import {pullForm, pushForm} from './transfer.js';


type NewOverlay = Overlay extends infer O ? (O extends Overlay ? Omit<O, 'id'> : never) : never;

/** The image the action applies to: the selected row in Images, or the open image. */
export function selectedImage(state: State): {ref: string; id: string} | undefined {
	if (state.view === 'image' && state.image) return {ref: state.image.ref, id: state.image.id};
	if (state.view !== 'images') return undefined;
	const row = selectedOf(state, imagesSpec);
	return row ? {ref: row.ref, id: row.id} : undefined;
}

export function selectedContainer(state: State): ContainerSummary | undefined {
	// The open container (Enter): the same one, as the list has it now.
	if (state.view === 'container' && state.container) return state.data.containers.find((container) => container.Id === state.container!.id);
	if (state.view !== 'containers') return undefined;
	return selectedOf(state, containersSpec);
}

/** A container's name as the list shows it (made visible), and its subject for handlers. */
export function containerSubject(container: ContainerSummary): Record<string, string> {
	const name = String(container.Names?.[0] ?? '').replace(/^\//, '') || String(container.Id).slice(0, 12);
	return {id: String(container.Id), name, image: String(container.Image ?? ''), state: String(container.State ?? ''), status: String(container.Status ?? '')};
}

export function startOverlay(state: State, action: StartableAction): NewOverlay | undefined {
	switch (action) {
		case 'tag': {
			const image = selectedImage(state);
			return image ? tagForm(image.ref, image.id) : undefined;
		}
		case 'run': {
			const image = selectedImage(state);
			return image ? runForm(image.ref, image.id, state.data.volumes.map((volume) => volume.Name)) : undefined;
		}
		case 'push': {
			const image = selectedImage(state);
			return image ? pushForm(image.ref, image.id) : undefined;
		}
		case 'pull':
			// On an image's screen: that image's name (pulled again: a newer one if the tag moved).
			return state.view === 'image' && state.image && !state.image.ref.startsWith('sha256:') ? pullForm({reference: state.image.ref}) : pullForm();
		case 'openRemote':
			return remoteForm();
		case 'build':
			return buildForm();
		case 'removeImage': {
			const image = selectedImage(state);
			if (!image) return undefined;
			const summary = state.data.images.find((candidate) => candidate.Id === image.id);
			const tags = (summary?.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
			const users = state.data.containers.filter((container) => container.ImageID === image.id);
			return removeImageConfirm(image.ref, image.id, tags, users.map((container) => containerSubject(container).name));
		}
		case 'commit': {
			const container = selectedContainer(state);
			return container ? commitForm(containerSubject(container)) : undefined;
		}
		case 'logs': {
			const container = selectedContainer(state);
			return container ? logsTask(containerSubject(container)) : undefined;
		}
		case 'removeContainer': {
			const container = selectedContainer(state);
			return container ? removeContainerConfirm(containerSubject(container)) : undefined;
		}
		case 'restart': {
			const container = selectedContainer(state);
			return container ? restartConfirm(containerSubject(container)) : undefined;
		}
		case 'stop': {
			const container = selectedContainer(state);
			return container ? stopConfirm(containerSubject(container)) : undefined;
		}
	}
}

/** Whether the config skips the question of `action`: only the kinds config/schema.ts names are in `state.confirm`, so every other question is asked. */
function skipped(state: State, action: string): boolean {
	return state.confirm?.[action as ConfirmKind] === false;
}

const needsContainer: StartableAction[] = ['commit', 'logs', 'stop', 'removeContainer', 'restart'];

/** Start and the shell: the selected container's handler runs at once. */
export function immediateAction(state: State, action: ImmediateAction, step: (state: State, msg: Msg) => State): State {
	const container = selectedContainer(state);
	if (!container) return step(state, {type: 'notice', text: 'No container selected', level: 'error'});
	return step(state, {type: 'effect', effect: {kind: 'submit', action, values: {}, subject: containerSubject(container), overlayId: 0}});
}

/**
 * The reducer's `startAction`: opens the action's overlay and, for the
 * actions that start at once (logs, stop), queues the effect that runs
 * them. `step` is the reducer, so each message sees the state the last one left.
 */
export function startAction(state: State, action: StartableAction, step: (state: State, msg: Msg) => State): State {
	const overlay = startOverlay(state, action);
	if (!overlay) {
		const what = needsContainer.includes(action) ? 'container' : 'image';
		return step(state, {type: 'notice', text: `No ${what} selected`, level: 'error'});
	}
	// A question the config turns off (confirm.removeImage: false): what its first choice does, at once (never a force: that is always a choice of its own).
	if (overlay.kind === 'confirm' && skipped(state, overlay.confirm.action)) {
		const {confirm} = overlay;
		const doing = confirm.title.replace(/\?$/, '');
		return step(step(state, {type: 'notice', text: `${doing}…`}), {type: 'effect', effect: {kind: 'submit', action: confirm.action, values: {choice: confirm.choices[0].value}, subject: {...confirm.subject, unasked: doing}, overlayId: 0}});
	}
	const id = state.nextId;
	const opened = step(state, {type: 'openOverlay', overlay});
	if (overlay.kind !== 'task') return opened;
	// A view that starts working as soon as it opens (the log).
	return step(opened, {type: 'effect', effect: {kind: 'submit', action: overlay.task.action, values: {}, subject: overlay.task.subject, overlayId: id}});
}

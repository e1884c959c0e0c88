/**
 * `d` on an image: a confirmation that names what goes. With several tags,
 * `y` removes the selected tag only and `a` the image with all its tags;
 * with one tag (or none), `y` removes the image. Force is its own key, `F`:
 * the engine then also removes an image a stopped container uses (never one
 * a running container uses). Any other key cancels. A conflict (the image is
 * in use) shows the engine's own message in the dialog.
 */
import {removeImage, type RemoveImageRequest} from '../../engine/actions/index.js';
import type {ImageSummary} from '../../engine/types.js';
import {visible} from '../../text/sanitize.js';
import type {ConfirmChoice} from '../overlays/confirm.js';
import type {Overlay} from '../model.js';
import {failed, shortId} from './common.js';
import type {ActionHandler} from './types.js';

function list(names: string[], max = 4): string {
	const shown = names.slice(0, max).map(visible).join(', ');
	return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

export function removeImageConfirm(ref: string, id: string, tags: string[], users: string[]): Omit<Extract<Overlay, {kind: 'confirm'}>, 'id'> {
	const short = shortId(id);
	const selectedTag = tags.includes(ref) ? ref : undefined;
	const lines: string[] = [];
	const choices: ConfirmChoice[] = [];
	if (selectedTag && tags.length > 1) {
		const others = tags.filter((tag) => tag !== selectedTag);
		lines.push(`y: the tag ${visible(selectedTag)} only; image ${short} stays, with ${list(others)}`);
		lines.push(`a: image ${short} and all its ${tags.length} tags: ${list(tags)}`);
		choices.push({key: 'y', label: 'this tag only', value: 'tag'}, {key: 'a', label: 'the image and all its tags', value: 'image'});
	} else {
		lines.push(`y: image ${short}${tags.length ? ` and its tag ${list(tags)}` : ' (untagged)'}`);
		choices.push({key: 'y', label: 'remove', value: selectedTag ? 'tag' : 'image'});
	}
	if (users.length) lines.push(`used by ${users.length === 1 ? 'container' : 'containers'} ${list(users)}: the engine will refuse unless forced (and always while one runs)`);
	lines.push(`F: force: image ${short} and all its tags, even if a stopped container uses it`);
	choices.push({key: 'F', label: 'force', value: 'force'});
	return {
		kind: 'confirm',
		confirm: {action: 'removeImage', title: `Remove ${visible(selectedTag ?? short)}?`, lines, choices, subject: {ref, id, tag: selectedTag ?? ''}, menu: true},
	};
}

/**
 * The image list as the engine has it after a removal, from its answer (every tag untagged and every
 * image deleted is named): shown at once, so the selection moves on and a question asked next (`d`
 * on another tag of the image) counts the tags that are left, not the ones the event's reload, up to
 * a second later, would take away. Images the removal did not touch stay the same objects.
 */
export function withoutRemoved(images: readonly ImageSummary[], removed: {untagged: readonly string[]; deleted: readonly string[]}): ImageSummary[] {
	const deleted = new Set(removed.deleted);
	const untagged = new Set(removed.untagged);
	const kept = (names: string[] | null) => names && names.filter((name) => !untagged.has(name));
	return images
		.filter((image) => !deleted.has(image.Id))
		.map((image) => (image.RepoTags?.some((tag) => untagged.has(tag)) || image.RepoDigests?.some((digest) => untagged.has(digest)) ? {...image, RepoTags: kept(image.RepoTags), RepoDigests: kept(image.RepoDigests)} : image));
}

export const removeImageAction: ActionHandler = async (request, context) => {
	const {id, tag} = request.subject;
	const choice = request.values.choice;
	const removal: RemoveImageRequest =
		choice === 'tag' ? {scope: 'tag', reference: tag, signal: context.signal} : {scope: 'image', id, force: choice === 'force', signal: context.signal};
	try {
		const result = await removeImage(context.engine, removal);
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'data', data: {images: withoutRemoved(context.getState().data.images, result)}});
		const parts: string[] = [];
		if (result.untagged.length) parts.push(`untagged ${list(result.untagged)}`);
		if (result.deleted.length) {
			const layers = result.deleted.filter((deleted) => deleted !== id).length;
			parts.push(`deleted image ${shortId(id)}${layers ? ` and ${layers} layer${layers === 1 ? '' : 's'}` : ''}`);
		}
		context.dispatch({type: 'notice', text: `Removed: ${parts.join('; ') || visible(tag || shortId(id))}`});
	} catch (error) {
		if (!context.signal.aborted) failed(context, request, error);
	}
};

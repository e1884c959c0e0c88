/**
 * Tag and remove images. Removal comes in the two shapes the dialog offers:
 * one tag (the image goes too only if that was its last name), or the image
 * with all its tags. Force is never implied; a conflict carries the engine's
 * own message.
 */
import type {Engine} from '../engine.js';
import {encodeRef} from '../reference.js';
import {EngineError} from '../errors.js';
import {parseReference} from '../../actions/reference.js';

export interface TagResult {
	/** The new name, normalised ("fixture/app:v2"). */
	reference: string;
}

/** Gives `source` (an image ID or reference) the name `target` (validated; no digest). */
export async function tagImage(engine: Engine, source: string, target: string, signal?: AbortSignal): Promise<TagResult> {
	const ref = parseReference(target);
	if (!ref.ok) throw new EngineError('daemon', ref.problem);
	await engine.text(`/images/${encodeRef(source)}/tag`, {method: 'POST', query: {repo: ref.repository, tag: ref.tag}, signal});
	return {reference: ref.reference};
}

export interface RemoveImageRequest {
	/** 'tag': remove the name `reference` only. 'image': remove image `id` and every tag it has. */
	scope: 'tag' | 'image';
	/** The image ID (needed for scope 'image'). */
	id?: string;
	/** The tag to remove (needed for scope 'tag'). */
	reference?: string;
	/** Remove even when a stopped container uses the image (the engine never removes one a running container uses). */
	force?: boolean;
	signal?: AbortSignal;
}

export interface RemoveImageResult {
	untagged: string[];
	deleted: string[];
}

type DeleteRecord = {Untagged?: string; Deleted?: string};

async function deleteImage(engine: Engine, name: string, force: boolean, signal?: AbortSignal): Promise<RemoveImageResult> {
	const records = await engine.json<DeleteRecord[]>(`/images/${encodeRef(name)}`, {method: 'DELETE', query: force ? {force: true} : {}, signal});
	return {
		untagged: records.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
		deleted: records.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
	};
}

export async function removeImage(engine: Engine, request: RemoveImageRequest): Promise<RemoveImageResult> {
	const force = Boolean(request.force);
	if (request.scope === 'tag') {
		if (!request.reference) throw new EngineError('daemon', 'remove: no tag given');
		return deleteImage(engine, request.reference, force, request.signal);
	}
	if (!request.id) throw new EngineError('daemon', 'remove: no image ID given');
	if (force) return deleteImage(engine, request.id, true, request.signal);
	const {value} = await engine.inspectImage(request.id, request.signal);
	const tags = value.RepoTags ?? [];
	if (tags.length <= 1) return deleteImage(engine, request.id, false, request.signal);
	// With several tags the engine refuses an unforced delete by ID ("referenced
	// in multiple repositories") although the person chose "all its tags". That
	// refusal is the only one force skips besides "used by a stopped container",
	// so check containers first, with the engine's wording, then force.
	// (A running container or a child image still stops the engine: force cannot skip those.)
	const containers = await engine.listContainers({all: true, signal: request.signal});
	const user = containers.find((c) => c.ImageID === value.Id);
	if (user) {
		const state = user.State === 'running' ? 'running' : 'stopped';
		const message = `conflict: unable to delete ${shortId(value.Id)} (${state === 'running' ? 'cannot be forced' : 'must be forced'}) - image is being used by ${state} container ${user.Id.slice(0, 12)}`;
		throw new EngineError('conflict', `Error response from daemon: ${message}`, 409, message);
	}
	return deleteImage(engine, request.id, true, request.signal);
}

function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}

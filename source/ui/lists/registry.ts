/**
 * Every list's spec, in the order of their keys (1, 2, 3…) and of the help.
 * A new list: its spec file next to these, its id in spec.ts's ListId, one
 * line here.
 */
import {containersSpec} from './containers.js';
import {diskSpec} from './disk.js';
import {enginesSpec} from './engines.js';
import {imagesSpec} from './images.js';
import {remoteTagsSpec} from './remote-tags.js';
import {volumesSpec} from './volumes.js';
import type {AnySpec, ListId} from './spec.js';

export const specs: readonly AnySpec[] = [imagesSpec, containersSpec, volumesSpec, diskSpec, enginesSpec, remoteTagsSpec];

const byId = new Map<string, AnySpec>(specs.map((spec) => [spec.id, spec]));

export function specOf(id: ListId): AnySpec {
	const spec = byId.get(id);
	if (!spec) throw new Error(`no list "${id}"`);
	return spec;
}

export function isList(view: string): view is ListId {
	return byId.has(view);
}

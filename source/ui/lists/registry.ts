/**
 * Every list's spec. A new list: its spec file next to these (declaring its
 * id and action names: spec.ts), one line here.
 */
import {containersSpec} from './containers.js';
import {diskSpec} from './disk.js';
import {enginesSpec} from './engines.js';
import {imagesSpec} from './images.js';
import {remoteTagsSpec} from './remote-tags.js';
import {volumesSpec} from './volumes.js';
import type {AnySpec, ListSpec} from './spec.js';
import type {ListId, ListRows} from './names.js';

/** By id: a list declared in ListRows without its spec here is a type error. */
const registry: {[Id in ListId]: ListSpec<ListRows[Id]>} = {images: imagesSpec, containers: containersSpec, volumes: volumesSpec, disk: diskSpec, engines: enginesSpec, tags: remoteTagsSpec};

for (const [id, spec] of Object.entries(registry)) if (spec.id !== id) throw new Error(`lists/registry.ts: the spec under "${id}" says it is "${spec.id}"`);

/** In the order of their keys (1, 2, 3…), as the footers, the help and the README show them. */
export const specs: readonly AnySpec[] = Object.values<AnySpec>(registry).sort((a, b) => (a.show.key < b.show.key ? -1 : a.show.key > b.show.key ? 1 : 0));

const byId = new Map<string, AnySpec>(specs.map((spec) => [spec.id, spec]));

export function specOf(id: ListId): AnySpec {
	const spec = byId.get(id);
	if (!spec) throw new Error(`no list "${id}"`);
	return spec;
}

export function isList(view: string): view is ListId {
	return byId.has(view);
}

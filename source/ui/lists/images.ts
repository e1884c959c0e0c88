/** The Images list: one row per repo:tag, as `docker image ls` (source/ui/rows.ts), and its actions. */
import {imageColumns} from '../image-columns.js';
import {formatColumn} from '../format/column.js';
import {compareRows, imageRows, matchesRow, type ImageRow} from '../rows.js';
import type {Context} from '../key-names.js';
import {selectedOf} from './select.js';
import type {ListSpec} from './spec.js';
import type {State} from '../model.js';
import {holdersMenu} from '../holders-menu.js';
import {uniqueColumn} from '../unique-column.js';

/** The open image's tabs, where the image actions work on the open image. */
const imageTabs: Context[] = ['layers', 'history', 'inspect'];

declare module './names.js' {
	interface ListRows {
		images: ImageRow;
	}
	interface ListActionNames {
		tag: true;
		format: true;
		formatColumn: true;
		layerHolders: true;
		uniqueColumn: true;
		browse: true;
		run: true;
		push: true;
		removeImage: true;
		pull: true;
		platform: true;
		staleCheck: true;
		openRemote: true;
		build: true;
	}
}

/** The open image, or the selected row's. */
const shownRef = (state: State): string | undefined => (state.view === 'image' ? state.image?.ref : selectedOf(state, imagesSpec)?.ref);

export const imagesSpec: ListSpec<ImageRow> = {
	id: 'images',
	title: 'Images',
	show: {key: '1', action: 'showImages', label: 'images'},
	feeds: ['images', 'containers'],
	rows: (data) => imageRows(data.images, data.containers),
	// LAYERS (an inspect per image id), the format column (those documents' RepoTags kept current), UNIQUE (the Disk feed's df).
	reads: (state) => ['inspects', ...(state.format.column !== undefined ? (['inspectTags'] as const) : []), ...(state.uniqueColumn ? (['disk'] as const) : [])],
	name: (row) => row.ref,
	key: (row) => row.key,
	columns: (state, rows, now) => imageColumns(state.layerCounts, now, state.format.column === undefined ? undefined : formatColumn(state.format.column, state.format.docs), rows, state.uniqueColumn ? uniqueColumn(state.data.disk.report) : undefined, state.remote !== undefined),
	sorts: [
		{label: 'created ↓', compare: compareRows.created},
		{label: 'size ↓', compare: compareRows.size},
		{label: 'name ↑', compare: compareRows.name},
	],
	matches: matchesRow,
	filterHint: 'REPOSITORY:TAG or ID',
	empty: {loading: 'Loading images…', none: 'No images on this engine.', noMatch: (filter) => `No image matches "${filter}"`},
	open: {action: 'open', keys: ['enter'], label: 'open', description: 'Open the selected image', run: (state, step) => step(state, {type: 'openImage'})},
	actions: [
		{action: 'tag', keys: ['t'], label: 'tag', needs: 'daemon', alsoIn: imageTabs, description: 'Tag the image', run: (state, step) => step(state, {type: 'startAction', action: 'tag'})},
		// The format box (source/ui/format): a Go template over the inspect JSON, as `imgscope inspect --format` runs it.
		{action: 'format', keys: ['f'], label: 'format', footer: 4, alsoIn: imageTabs, description: 'Open the image on its Inspect tab with a template box (docker --format, live)', run: (state, step) => step(state, {type: 'format', msg: {kind: 'open'}})},
		{action: 'formatColumn', keys: ['F'], label: 'column', footer: 6, description: 'Show the kept (or last) template as a column of the list; again: remove it', run: (state, step) => step(state, {type: 'format', msg: {kind: 'column'}})},
		// The Layers tab only (source/ui/holders-menu.ts): the other images holding the selected layer, one opened from the menu.
		{action: 'layerHolders', keys: ['w'], label: 'holders', footer: 6, alsoIn: ['layers'], menu: false, description: 'Layers tab: the other local images holding the selected layer; pick one to open it', run: (state, step) => holdersMenu(state, step)},
		{action: 'uniqueColumn', keys: ['z'], label: 'unique', footer: 6, needs: 'daemon', description: 'Show each image\'s unique size (what removing it frees, as docker system df -v); again: hide it', run: (state) => ({...state, uniqueColumn: !state.uniqueColumn})},
		{action: 'browse', keys: ['right', 'l'], menu: false, description: 'Open the selected image (also in pick mode, where Enter picks)', run: (state, step) => step(state, {type: 'openImage', browse: true})},
		// Actions (source/ui/actions): each opens a form or a question; nothing happens until it is answered.
		{action: 'run', keys: ['r'], label: 'run', footer: 4, needs: 'daemon', alsoIn: imageTabs, description: 'Run a container from the image (detached, or attached to this terminal)', run: (state, step) => step(state, {type: 'startAction', action: 'run'})},
		{action: 'push', keys: ['p'], label: 'push', footer: 4, needs: 'registry', alsoIn: imageTabs, description: 'Push the image to a registry, with progress per layer', run: (state, step) => step(state, {type: 'startAction', action: 'push'})},
		{action: 'removeImage', keys: ['d'], label: 'rm', footer: 4, needs: 'daemon', description: 'Remove the tag or the image (asks first, unless the config sets confirm.removeImage false)', run: (state, step) => step(state, {type: 'startAction', action: 'removeImage'})},
		// On a registry source: the selected (or open) tag, on the platform shown, into the engine the explorer then shows.
		{action: 'pull', keys: ['P'], label: 'pull', footer: 5, needs: 'pull', alsoIn: imageTabs, description: "Pull an image by reference, with progress per layer (a registry image: that tag, on the platform shown, into the engine, whose Images then show it)", run: (state, step) =>
			state.remote !== undefined ? step(state, {type: 'effect', effect: {kind: 'pullRemote', ref: shownRef(state)}}) : step(state, {type: 'startAction', action: 'pull'})},
		// A registry source (imgscope --remote): the tag's platforms with their sizes; the one picked is read for every tag.
		{action: 'platform', keys: ['O'], label: 'platform', footer: 4, needs: 'remote', alsoIn: [...imageTabs, 'files'], description: "Choose the platform of the multi-platform tags: the tag's platforms with os.version, variant and size (attestations listed, never offered)", run: (state, step) => step(state, {type: 'effect', effect: {kind: 'platformMenu', ref: shownRef(state)}})},
		// On request only (issue 14): the engine's RepoDigests against what the registry's tags point at now.
		{action: 'staleCheck', keys: ['U'], label: 'stale?', footer: 6, needs: 'daemon', alsoIn: imageTabs, description: "Ask the registry whether this local image is stale: its tag now points at a different digest (from the image's RepoDigests; nothing is pulled)", run: (state, step) => {
			const ref = state.view === 'image' ? state.image?.ref : selectedOf(state, imagesSpec)?.ref;
			return ref ? step(state, {type: 'effect', effect: {kind: 'staleCheck', ref}}) : state;
		}},
		{action: 'openRemote', keys: ['R'], label: 'remote', footer: 6, description: 'Open a remote repository by reference (its tags, or the tag given), straight from the registry: no engine, no pull', run: (state, step) => step(state, {type: 'startAction', action: 'openRemote'})},
		{action: 'build', keys: ['b'], label: 'build', footer: 5, needs: 'daemon', description: 'Build an image from a directory and Dockerfile; cached steps marked', run: (state, step) => step(state, {type: 'startAction', action: 'build'})},
	],
};

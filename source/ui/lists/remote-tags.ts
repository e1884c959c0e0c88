/**
 * The Tags list of a remote repository (issue 14): one row per tag with its
 * digest, media type, compressed size, platforms and created time, sorted
 * by name or by created time once known. The spec is ready for the
 * explorer's registry source (`imgscope --remote REPO`, `R`): the App loads
 * the `remoteTags` feed when the list is shown (key 4, only on a registry
 * source); Enter opens the tag's image.
 */
import type {RemoteTag} from '../../engine/registry/remote-tags.js';
import {createdSince, imageSize} from '../../format/units.js';
import {shortType} from '../../registry/media-types.js';
import {cellText, type Column} from '../columns.js';
import {selectedOf} from './select.js';
import type {ListSpec} from './spec.js';

const byName = (a: RemoteTag, b: RemoteTag) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
const createdMs = (t: RemoteTag) => (t.created ? Date.parse(t.created) : NaN);
/** Newest first; tags whose config is not read yet (or has no date) after the dated ones, by name. */
const newest = (a: RemoteTag, b: RemoteTag) => {
	const x = createdMs(a);
	const y = createdMs(b);
	if (Number.isFinite(x) && Number.isFinite(y)) return y - x || byName(a, b);
	if (Number.isFinite(x) !== Number.isFinite(y)) return Number.isFinite(x) ? -1 : 1;
	return byName(a, b);
};

export function platformsText(t: RemoteTag): string {
	const list = t.platforms.join(', ');
	return t.attestations ? `${list} (+${t.attestations} attestation${t.attestations === 1 ? '' : 's'})` : list;
}

export function tagColumns(now: number): Column<RemoteTag>[] {
	return [
		{title: 'TAG', width: 12, want: 24, flex: true, priority: 0, cell: (t) => cellText(t.tag)},
		{title: 'DIGEST', width: 19, priority: 3, cell: (t) => (t.digest ? cellText(t.digest.slice(0, 19)) : t.error ? cellText(`! ${t.error}`) : '')},
		{title: 'TYPE', width: 20, priority: 1, cell: (t) => cellText(t.mediaType ? shortType(t.mediaType) : '')},
		// The layers as the registry stores them (compressed): never docker's uncompressed size, and the header says so.
		{title: 'COMPRESSED', width: 10, align: 'right', priority: 4, cell: (t) => (t.size === undefined ? '' : imageSize(t.size))},
		{title: 'PLATFORMS', width: 14, want: 36, priority: 2, cell: (t) => cellText(platformsText(t))},
		{title: 'CREATED', width: 14, want: 18, priority: 5, cell: (t) => (Number.isFinite(createdMs(t)) ? createdSince(Math.floor(createdMs(t) / 1000), now) : '')},
	];
}

declare module './names.js' {
	interface ListRows {
		tags: RemoteTag;
	}
	interface ListActionNames {
		platform: true;
	}
}

export const remoteTagsSpec: ListSpec<RemoteTag> = {
	id: 'tags',
	title: 'Tags',
	show: {key: '6', action: 'showTags', label: 'tags'},
	needs: 'remote',
	feeds: ['remoteTags'],
	rows: (data) => data.remoteTags,
	key: (t: RemoteTag) => t.tag,
	name: (t: RemoteTag) => t.tag,
	sorts: [
		{label: 'name ↑', compare: byName},
		{label: 'created ↓', compare: newest},
	],
	matches: (t: RemoteTag, needle: string) => [t.tag, t.digest ?? '', platformsText(t), t.mediaType ?? ''].some((text) => text.toLowerCase().includes(needle)),
	filterHint: 'tag, digest, platform or media type',
	empty: {loading: 'Loading tags…', none: 'The repository has no tags.', noMatch: (filter: string) => `No tag matches "${filter}"`},
	columns: (_state, _rows, now) => tagColumns(now),
	open: {action: 'open', keys: ['enter'], label: 'open', description: "Open the tag's image (Layers, History, Inspect, Files) for the platform shown", run: (state, step) => {
		const row = selectedOf(state, remoteTagsSpec);
		return row ? step(state, {type: 'effect', effect: {kind: 'openTag', tag: row.tag}}) : state;
	}},
	actions: [
		{action: 'platform', keys: ['O'], label: 'platform', footer: 4, needs: 'remote', description: "Choose the platform: the selected tag's platforms with os.version, variant and size; every tag is read again for the one picked", run: (state, step) => step(state, {type: 'effect', effect: {kind: 'platformMenu', tag: selectedOf(state, remoteTagsSpec)?.tag}})},
		{action: 'pull', keys: ['P'], label: 'pull', footer: 4, needs: 'pull', description: 'Pull the selected tag, on the platform shown, into the engine (with progress per layer); its Images then show it', run: (state, step) => {
			const row = selectedOf(state, remoteTagsSpec);
			return row ? step(state, {type: 'effect', effect: {kind: 'pullRemote', tag: row.tag}}) : state;
		}},
	],
};

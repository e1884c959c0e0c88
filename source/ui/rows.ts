/**
 * The image list's rows, as `docker image ls` makes them (one per
 * repo:tag, `<none>` for dangling images), and their sort and filter. Pure.
 */
import type {ContainerSummary, ImageSummary} from '../engine/types.js';

export interface ImageRow {
	/** Stable across reloads: the selection follows it. */
	key: string;
	id: string;
	repository: string;
	tag: string;
	created: number;
	size: number;
	containers: number;
	/** The ref to open: repo:tag, or the id for dangling images. */
	ref: string;
}

export type SortKey = 'created' | 'size' | 'name';
export const sortOrder: SortKey[] = ['created', 'size', 'name'];

export function imageRows(images: ImageSummary[], containers: ContainerSummary[] = []): ImageRow[] {
	const usage = new Map<string, number>();
	for (const container of containers) usage.set(container.ImageID, (usage.get(container.ImageID) ?? 0) + 1);
	const rows: ImageRow[] = [];
	for (const image of images) {
		const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
		const base = {id: image.Id, created: image.Created, size: image.Size, containers: usage.get(image.Id) ?? 0};
		if (tags.length === 0) {
			// Untagged but pulled by digest: docker shows the repository with <none> tag.
			const digestRepo = (image.RepoDigests ?? []).map((digest) => digest.split('@')[0]).find((repo) => repo && repo !== '<none>');
			rows.push({...base, key: `${image.Id}|${digestRepo ?? '<none>'}`, repository: digestRepo ?? '<none>', tag: '<none>', ref: image.Id});
			continue;
		}
		for (const repoTag of tags) {
			const colon = repoTag.lastIndexOf(':');
			const repository = colon > repoTag.lastIndexOf('/') ? repoTag.slice(0, colon) : repoTag;
			const tag = colon > repoTag.lastIndexOf('/') ? repoTag.slice(colon + 1) : '<none>';
			rows.push({...base, key: `${image.Id}|${repoTag}`, repository, tag, ref: repoTag});
		}
	}
	return rows;
}

const byName = (a: ImageRow, b: ImageRow) => compare(a.repository, b.repository) || compare(a.tag, b.tag) || compare(a.id, b.id);

/** The sorts: newest first (as `docker image ls`), biggest first, by name. */
export const compareRows: Record<SortKey, (a: ImageRow, b: ImageRow) => number> = {
	created: (a, b) => b.created - a.created || byName(a, b),
	size: (a, b) => b.size - a.size || byName(a, b),
	name: byName,
};

export function sortRows(rows: readonly ImageRow[], sort: SortKey): ImageRow[] {
	return rows.slice().sort(compareRows[sort]);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive substring on REPOSITORY:TAG, or a prefix of the ID (with or without sha256:). */
export function filterRows(rows: readonly ImageRow[], filter: string): readonly ImageRow[] {
	const needle = filter.trim().toLowerCase();
	return needle ? rows.filter((row) => matchesRow(row, needle)) : rows;
}

/** `needle`: trimmed and lower-cased, not empty. */
export function matchesRow(row: ImageRow, needle: string): boolean {
	return `${row.repository}:${row.tag}`.toLowerCase().includes(needle) || row.id.slice(7).startsWith(needle.replace(/^sha256:/, ''));
}

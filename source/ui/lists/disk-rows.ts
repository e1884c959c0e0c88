/**
 * The Disk list's rows and columns, pure: first the totals per kind
 * (images, containers, local volumes, build cache) as `docker system df`
 * counts them, with what is reclaimable as a bar; then every image by what
 * removing it would free (its unique bytes: source/layers/sharing.ts says
 * why), shared and unique side by side, the bar split the same way; last the
 * build cache's records in `docker system df -v`'s order (never used first,
 * then oldest use first: the order an until prune takes them), each with its
 * ID, type, description, size, whether it is shared with an image (its bytes
 * then stay with the image when the record goes) or in use, and its last use.
 */
import type {BuildCacheRecord, DiskUsageImage, DiskUsageJSON} from '../../engine/disk-usage.js';
import {sortBuildCache} from '../../docker/df-rows.js';
import {diskUsageTotals, type KindTotals} from '../../docker/disk-usage.js';
import {humanSize, humanSizeWithPrecision} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import type {Column} from '../columns.js';

export type DiskRow =
	| {key: string; kind: 'total'; totals: KindTotals; order: number}
	| {key: string; kind: 'image'; name: string; image: DiskUsageImage; size: number; shared: number; unique: number; inUse: boolean}
	| {key: string; kind: 'cache'; name: string; record: BuildCacheRecord; order: number; size: number; shared: number; unique: number; inUse: boolean};

/**
 * A build cache record as the list names it: its short ID (`*` in use, as
 * docker marks it), its type, its description, where BuildKit's words for a
 * RUN step ("mount / from exec /bin/sh -c CMD") read "RUN CMD" so that the
 * command shows in a narrow column (the filter matches the whole description).
 */
export function cacheRecordName(record: BuildCacheRecord): string {
	const description = (record.Description ?? '').replace(/^mount \/ from exec \/bin\/sh -c /, 'RUN ');
	return visible(`${record.ID.slice(0, 12)}${record.InUse ? '*' : ''} ${record.Type ?? ''}: ${description}`);
}

/** What removing a record frees: nothing while in use; a shared record's bytes stay with the image that holds them. */
export const cacheFrees = (record: BuildCacheRecord): number => (record.InUse || record.Shared ? 0 : (record.Size ?? 0));

/** An image's name as the list shows it: its first tag, else `<none>` and its short ID. */
export function diskImageName(image: DiskUsageImage): string {
	const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
	return tag ? visible(tag) : `<none> ${image.Id.replace(/^sha256:/, '').slice(0, 12)}`;
}

export function diskRows(report: DiskUsageJSON | undefined): DiskRow[] {
	if (!report) return [];
	const totals = diskUsageTotals(report).map((t, order): DiskRow => ({key: `total:${t.kind}`, kind: 'total', totals: t, order}));
	const images = (report.Images ?? []).map(
		(image): DiskRow => ({
			key: `image:${image.Id}`,
			kind: 'image',
			name: diskImageName(image),
			image,
			size: image.Size,
			shared: image.SharedSize,
			unique: image.Size - image.SharedSize,
			inUse: image.Containers > 0,
		}),
	);
	const cache = sortBuildCache(Array.isArray(report.BuildCache) ? report.BuildCache : []).map(
		(record, order): DiskRow => ({
			key: `cache:${record.ID}`,
			kind: 'cache',
			name: cacheRecordName(record),
			record,
			order,
			size: record.Size ?? 0,
			shared: record.Shared ? (record.Size ?? 0) : 0,
			unique: record.Shared ? 0 : (record.Size ?? 0),
			inUse: record.InUse === true,
		}),
	);
	return [...totals, ...images, ...cache];
}

const GROUP = {total: 0, image: 1, cache: 2} as const;

/** Totals stay on top in their order; images by `by`, biggest first, ties by name; the build cache records last, in docker's order. */
export function diskCompare(by: 'unique' | 'shared' | 'size'): (a: DiskRow, b: DiskRow) => number {
	return (a, b) => {
		if (a.kind !== b.kind) return GROUP[a.kind] - GROUP[b.kind];
		if (a.kind === 'image' && b.kind === 'image') return b[by] - a[by] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
		return (a as {order: number}).order - (b as {order: number}).order;
	};
}

/** A bar of `width` cells: `part` of `whole` full (█), the rest light (░). */
export function bar(part: number, whole: number, width: number): string {
	if (whole <= 0 || width <= 0) return '';
	const full = Math.max(0, Math.min(width, Math.round((part / whole) * width)));
	return '█'.repeat(full) + '░'.repeat(width - full);
}

const reclaimableText = (t: KindTotals): string => (t.kind !== 'Build Cache' && t.size > 0 ? `${humanSize(t.reclaimable)} (${Math.trunc((t.reclaimable * 100) / t.size)}%)` : humanSize(t.reclaimable));

/** A record's last use, short ("38s ago", "5m ago", "3h ago", "2d ago"); a record in use has none yet. */
export function lastUsed(record: BuildCacheRecord, now: number): string {
	const at = record.LastUsedAt ? Date.parse(record.LastUsedAt) : NaN;
	if (!Number.isFinite(at)) return '';
	const s = Math.max(0, Math.floor((now - at) / 1000));
	const [n, unit] = s < 60 ? [s, 's'] : s < 3600 ? [Math.floor(s / 60), 'm'] : s < 86_400 ? [Math.floor(s / 3600), 'h'] : [Math.floor(s / 86_400), 'd'];
	return `${n}${unit} ago`;
}

export function diskColumns(now = Date.now()): Column<DiskRow>[] {
	const barWidth = 16;
	const frees = (row: DiskRow): string => {
		if (row.kind === 'total') return reclaimableText(row.totals);
		if (row.inUse) return '0B (in use)';
		if (row.kind === 'cache' && row.record.Shared) return '0B (shared)';
		return humanSize(row.unique);
	};
	return [
		{title: 'WHAT', width: 16, want: 40, flex: true, priority: 0, cell: (row) => (row.kind === 'total' ? row.totals.kind : `  ${row.name}`)},
		// Totals: how many are in use; an image: whether a container uses it; a build cache record: in use, else when it was last used (an until prune goes by it).
		{title: 'USE', width: 9, align: 'right', priority: 2, cell: (row) => (row.kind === 'total' ? `${row.totals.active}/${row.totals.total} used` : row.inUse ? 'in use' : row.kind === 'cache' ? lastUsed(row.record, now) : '')},
		{title: 'SIZE', width: 8, align: 'right', priority: 0, cell: (row) => (row.kind === 'total' ? humanSize(row.totals.size) : humanSizeWithPrecision(row.size, 3))},
		{title: 'SHARED', width: 8, align: 'right', priority: 1, cell: (row) => (row.kind === 'total' ? '' : humanSize(row.shared))},
		{title: 'UNIQUE', width: 8, align: 'right', priority: 1, cell: (row) => (row.kind === 'total' ? '' : humanSize(row.unique))},
		{title: 'FREES', width: 15, align: 'right', priority: 0, cell: frees},
		// Totals: what is reclaimable of the kind's size; images and records: unique (█) against shared (░).
		{title: 'RECLAIMABLE / UNIQUE', width: barWidth, want: 20, priority: 3, cell: (row) => (row.kind === 'total' ? bar(row.totals.reclaimable, row.totals.size, barWidth) : bar(row.unique, row.size, barWidth))},
	];
}

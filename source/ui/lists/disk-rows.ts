/**
 * The Disk list's rows and columns, pure: first the totals per kind
 * (images, containers, local volumes, build cache) as `docker system df`
 * counts them, with what is reclaimable as a bar; then every image by what
 * removing it would free (its unique bytes: source/layers/sharing.ts says
 * why), shared and unique side by side, the bar split the same way.
 */
import type {DiskUsageImage, DiskUsageJSON} from '../../engine/disk-usage.js';
import {diskUsageTotals, type KindTotals} from '../../docker/disk-usage.js';
import {humanSize, humanSizeWithPrecision} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import type {Column} from '../columns.js';

export type DiskRow =
	| {key: string; kind: 'total'; totals: KindTotals; order: number}
	| {key: string; kind: 'image'; name: string; image: DiskUsageImage; size: number; shared: number; unique: number; inUse: boolean};

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
	return [...totals, ...images];
}

/** Totals stay on top in their order; images by `by`, biggest first, ties by name. */
export function diskCompare(by: 'unique' | 'shared' | 'size'): (a: DiskRow, b: DiskRow) => number {
	return (a, b) => {
		if (a.kind === 'total' || b.kind === 'total') return a.kind === 'total' && b.kind === 'total' ? a.order - b.order : a.kind === 'total' ? -1 : 1;
		return b[by] - a[by] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
	};
}

/** A bar of `width` cells: `part` of `whole` full (█), the rest light (░). */
export function bar(part: number, whole: number, width: number): string {
	if (whole <= 0 || width <= 0) return '';
	const full = Math.max(0, Math.min(width, Math.round((part / whole) * width)));
	return '█'.repeat(full) + '░'.repeat(width - full);
}

const reclaimableText = (t: KindTotals): string => (t.kind !== 'Build Cache' && t.size > 0 ? `${humanSize(t.reclaimable)} (${Math.trunc((t.reclaimable * 100) / t.size)}%)` : humanSize(t.reclaimable));

export function diskColumns(): Column<DiskRow>[] {
	const barWidth = 16;
	return [
		{title: 'WHAT', width: 16, want: 30, flex: true, priority: 0, cell: (row) => (row.kind === 'total' ? row.totals.kind : `  ${row.name}`)},
		{title: 'COUNT', width: 9, align: 'right', priority: 2, cell: (row) => (row.kind === 'total' ? `${row.totals.active}/${row.totals.total} used` : row.inUse ? 'in use' : '')},
		{title: 'SIZE', width: 8, align: 'right', priority: 0, cell: (row) => (row.kind === 'total' ? humanSize(row.totals.size) : humanSizeWithPrecision(row.size, 3))},
		{title: 'SHARED', width: 8, align: 'right', priority: 1, cell: (row) => (row.kind === 'total' ? '' : humanSize(row.shared))},
		{title: 'UNIQUE', width: 8, align: 'right', priority: 1, cell: (row) => (row.kind === 'total' ? '' : humanSize(row.unique))},
		{title: 'FREES', width: 15, align: 'right', priority: 0, cell: (row) => (row.kind === 'total' ? reclaimableText(row.totals) : row.inUse ? '0B (in use)' : humanSize(row.unique))},
		// Totals: what is reclaimable of the kind's size; images: unique (█) against shared (░).
		{title: 'RECLAIMABLE / UNIQUE', width: barWidth, want: 20, priority: 3, cell: (row) => (row.kind === 'total' ? bar(row.totals.reclaimable, row.totals.size, barWidth) : bar(row.unique, row.size, barWidth))},
	];
}

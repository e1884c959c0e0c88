/**
 * The Volumes list's rows and columns, pure: NAME, DRIVER, SCOPE, SIZE and
 * LINKS (from the disk-usage answer, "…" while the engine counts), CREATED
 * and whether the engine named it itself (anonymous).
 */
import type {Volume, VolumeUsage} from '../../engine/volumes/types.js';
import {isAnonymous} from '../../engine/volumes/volumes.js';
import {createdSince, humanSize} from '../../format/units.js';
import {cellText, type Column} from '../columns.js';

export interface VolumeRow {
	volume: Volume;
	/** Undefined while the disk usage is being counted (or when the engine could not count it). */
	usage?: VolumeUsage;
	/** Whether the sizes have come at all. */
	counted: boolean;
	anonymous: boolean;
	/** Seconds since the epoch; 0 when the engine did not say. */
	created: number;
}

export function volumeRows(volumes: readonly Volume[], sizes: Record<string, VolumeUsage> | undefined): VolumeRow[] {
	return volumes.map((volume) => {
		const parsed = volume.CreatedAt ? Date.parse(volume.CreatedAt) : Number.NaN;
		return {volume, usage: sizes?.[volume.Name], counted: sizes !== undefined, anonymous: isAnonymous(volume), created: Number.isNaN(parsed) ? 0 : Math.floor(parsed / 1000)};
	});
}

export const counting = '…';

export function sizeText(row: VolumeRow): string {
	if (!row.counted) return counting;
	return row.usage && row.usage.Size >= 0 ? humanSize(row.usage.Size) : 'N/A';
}

export function linksText(row: VolumeRow): string {
	if (!row.counted) return counting;
	return row.usage && row.usage.RefCount >= 0 ? String(row.usage.RefCount) : 'N/A';
}

export function volumeColumns(now: number): Column<VolumeRow>[] {
	return [
		{title: 'NAME', width: 16, want: 40, flex: true, priority: 0, cell: (r) => cellText(r.volume.Name)},
		{title: 'DRIVER', width: 8, priority: 3, cell: (r) => cellText(r.volume.Driver)},
		{title: 'SCOPE', width: 6, priority: 1, cell: (r) => cellText(r.volume.Scope)},
		{title: 'SIZE', width: 9, align: 'right', priority: 6, cell: sizeText},
		{title: 'LINKS', width: 5, align: 'right', priority: 5, cell: linksText},
		{title: 'CREATED', width: 14, want: 18, priority: 4, cell: (r) => (r.created ? createdSince(r.created, now) : '')},
		{title: 'ANON', width: 4, priority: 2, cell: (r) => (r.anonymous ? 'yes' : '')},
	];
}

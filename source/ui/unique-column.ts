/**
 * The Images list's UNIQUE column (`z` shows it, again hides it): per image,
 * the bytes no other local image holds, which is what removing it would free
 * (Size - SharedSize, as `docker system df -v` prints UNIQUE SIZE; the daemon
 * counts shared layers as source/layers/sharing.ts does). It reads the Disk
 * feed (GET /system/df), which the controller loads while the column is shown
 * (the Images spec's `reads`: lists/images.ts). Off by default so the list keeps
 * `docker image ls`'s columns; `…` until the disk usage answer comes.
 */
import type {DiskUsageJSON} from '../engine/disk-usage.js';
import {humanSize} from '../format/units.js';
import type {Column} from './columns.js';
import type {ImageRow} from './rows.js';

const uniques = new WeakMap<DiskUsageJSON, Map<string, number>>();

/** Each image's unique bytes by ID, from the disk usage answer (kept per answer). */
export function uniqueSizes(report: DiskUsageJSON): Map<string, number> {
	let found = uniques.get(report);
	if (!found) {
		found = new Map();
		for (const image of report.Images ?? []) if (image.SharedSize >= 0) found.set(image.Id, image.Size - image.SharedSize);
		uniques.set(report, found);
	}
	return found;
}

export function uniqueColumn(report: DiskUsageJSON | undefined): Column<ImageRow> {
	const sizes = report ? uniqueSizes(report) : undefined;
	return {
		title: 'UNIQUE',
		width: 8,
		align: 'right',
		priority: 7,
		cell: (row) => {
			const size = sizes?.get(row.id);
			return size === undefined ? '…' : humanSize(size);
		},
	};
}

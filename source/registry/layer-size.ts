/**
 * The size docker reports for a layer once pulled (history's SIZE, inspect's
 * Size): the overlay2 driver's DiffSize, which walks the unpacked layer and
 * adds up the Lstat size of everything that is not a directory, counting
 * hard links once. From a layer's tar entries: regular files' sizes plus
 * each symlink's target length (its Lstat size); whiteouts, devices and
 * hard links add nothing. Pure.
 */
import type {FileEntry} from '../layers/types.js';

export function dockerLayerSize(entries: readonly FileEntry[]): number {
	let total = 0;
	for (const e of entries) {
		if (e.type === 'file') total += e.size;
		else if (e.type === 'symlink') total += Buffer.byteLength(e.linkTarget ?? '', 'utf8');
	}
	return total;
}

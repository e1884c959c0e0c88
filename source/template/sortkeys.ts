// internal/fmtsort's ordering of map keys, for printing and range.
import type {MapKey} from './core.js';

export function compareKeys(a: MapKey, b: MapKey): number {
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'number' && typeof b === 'number') {
		// NaN sorts first, like fmtsort.
		if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
		if (Number.isNaN(b)) return 1;
		return a < b ? -1 : a > b ? 1 : 0;
	}
	if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

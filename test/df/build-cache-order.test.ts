// The build cache records' order in `docker system df -v` (buildCacheSort):
// never used first, then by last use to the nanosecond, ties by ID. Two steps
// of one build end within a millisecond; compared by Date.parse they tied and
// went by ID (CI: records of a real BuildKit build, 13:22:46.055020653 and
// .055293495, printed the other way round from docker).
import {describe, expect, it} from 'vitest';
import {sortBuildCache} from '../../source/docker/df-rows.js';

describe('sortBuildCache', () => {
	it('orders by last use to the nanosecond, never used first, ties by ID', () => {
		const records = [
			{ID: '62xau4ingdrhb4zbi4fl4r3ts', LastUsedAt: '2026-12-02T13:22:46.055293495Z'},
			{ID: 'z0hem5svvb2qcx9av1sedqfd4', LastUsedAt: '2026-12-02T13:22:46.055020653Z'},
			{ID: 'b', LastUsedAt: null},
			{ID: 'a', LastUsedAt: null},
			{ID: 'd', LastUsedAt: '2026-12-02T13:22:45.9Z'},
			{ID: 'c', LastUsedAt: '2026-12-02T13:22:45.900000000Z'},
			// Another zone: the same instant as d and c.
			{ID: 'e', LastUsedAt: '2026-12-02T14:22:45.9+01:00'},
		];
		expect(sortBuildCache(records).map((r) => r.ID)).toEqual(['a', 'b', 'c', 'd', 'e', 'z0hem5svvb2qcx9av1sedqfd4', '62xau4ingdrhb4zbi4fl4r3ts']);
	});
});

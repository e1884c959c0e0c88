import {describe, expect, it} from 'vitest';
import type {ImageSummary} from '../../source/engine/types.js';
import {filterRows, imageRows, sortRows} from '../../source/ui/rows.js';

const image = (id: string, tags: string[] | null, created: number, size: number, digests: string[] = []): ImageSummary => ({
	Id: `sha256:${id.padEnd(64, '0')}`,
	ParentId: '',
	RepoTags: tags,
	RepoDigests: digests,
	Created: created,
	Size: size,
	SharedSize: -1,
	Labels: null,
	Containers: -1,
});

const images = [image('aa', ['web:1', 'web:latest', 'registry:5000/team/web:2'], 100, 5), image('bb', null, 300, 9), image('cc', ['<none>:<none>'], 200, 1, ['alpine@sha256:ff']), image('dd', ['db:9'], 50, 20)];

describe('image rows', () => {
	it('makes one row per repo:tag, <none> for dangling ones', () => {
		const rows = imageRows(images, [{Id: 'c1', ImageID: images[0].Id} as never, {Id: 'c2', ImageID: images[0].Id} as never]);
		expect(rows.map((row) => `${row.repository}:${row.tag}`)).toEqual(['web:1', 'web:latest', 'registry:5000/team/web:2', '<none>:<none>', 'alpine:<none>', 'db:9']);
		expect(rows[0].containers).toBe(2);
		expect(rows[3].ref).toBe(images[1].Id);
	});
	it('sorts newest first, by size, by name', () => {
		const rows = imageRows(images);
		expect(sortRows(rows, 'created').map((row) => row.tag)[0]).toBe('<none>');
		expect(sortRows(rows, 'size').map((row) => row.repository)[0]).toBe('db');
		expect(sortRows(rows, 'name').map((row) => `${row.repository}:${row.tag}`)).toEqual(['<none>:<none>', 'alpine:<none>', 'db:9', 'registry:5000/team/web:2', 'web:1', 'web:latest']);
	});
	it('filters on REPOSITORY:TAG and on an ID prefix', () => {
		const rows = imageRows(images);
		expect(filterRows(rows, 'WEB:L').map((row) => row.tag)).toEqual(['latest']);
		expect(filterRows(rows, 'dd0').map((row) => row.repository)).toEqual(['db']);
		expect(filterRows(rows, 'sha256:bb').length).toBe(1);
		expect(filterRows(rows, '  ').length).toBe(rows.length);
	});
});

describe('image list columns fit their content', () => {
	it('TAG, CREATED and SIZE shrink to what they hold so REPOSITORY keeps full names at 80 columns', async () => {
		const {imageColumns} = await import('../../source/ui/image-columns.js');
		const {fitColumns, formatRow} = await import('../../source/ui/columns.js');
		const now = Date.parse('2026-11-26T12:00:00Z') / 1000;
		const rows = [
			{key: 'a', id: 'sha256:' + 'a'.repeat(64), repository: 'test-layers/waste', tag: 'latest', created: now - 4 * 3600, size: 3_030_909, containers: 0, ref: 'test-layers/waste:latest'},
		];
		const fitted = fitColumns(imageColumns({}, now * 1000, undefined, rows), 80);
		expect(fitted.widths.slice(0, 5)).toEqual([fitted.widths[0], 6, 12, 11, 6]);
		expect(formatRow(rows[0], fitted)).toMatch(/^test-layers\/waste\s+latest\s+aaaaaaaaaaaa\s+4 hours ago\s+3.03MB/);
		// Without rows (nothing loaded yet) the fixed widths stand.
		expect(fitColumns(imageColumns({}, now * 1000), 80).widths[1]).toBe(10);
	});
});

/**
 * The Tags list's loader against the real registry (a Docker manifest, an OCI
 * image, zstd layers, a multi-platform index), and its rules through the one
 * list reducer every list uses: sorts by name and by created time, the filter,
 * the columns fitted to a narrow terminal.
 */
import {describe, expect, it} from 'vitest';
import {RegistryClient} from '../../source/engine/registry/client.js';
import {type RemoteTag, describeTag, listRemoteTags} from '../../source/engine/registry/remote-tags.js';
import {fitColumns} from '../../source/ui/columns.js';
import {initialList, reduceList} from '../../source/ui/lists/list-state.js';
import {platformsText, remoteTagsSpec} from '../../source/ui/lists/remote-tags.js';
import {initialState} from '../../source/ui/state.js';
import {haveRegistries, plain} from './support.js';

describe.skipIf(!haveRegistries)('remote tags, loaded', () => {
	it('a repository\'s tags, each described', async () => {
		const client = new RegistryClient(plain, plain);
		try {
			const rows = await listRemoteTags(client, 'registry-test/base');
			expect(rows.map((r) => r.tag).sort()).toEqual(['1', '2', '3', '4', '5']);
			for (const r of rows) expect(r).toMatchObject({kind: 'manifest', mediaType: 'application/vnd.docker.distribution.manifest.v2+json', platforms: ['linux/amd64'], attestations: 0});
			const multi = await describeTag(client, 'registry-test/multi', '1');
			expect(multi).toMatchObject({kind: 'index', mediaType: 'application/vnd.oci.image.index.v1+json', platforms: ['linux/amd64', 'linux/arm64/v8']});
			const app = await describeTag(client, 'registry-test/app', '1');
			expect(multi.size).toBe(app.size); // the amd64 entry is registry-test/app:1
			expect(multi.created).toBe(app.created);
			const zstd = await describeTag(client, 'registry-test/zstd', '1');
			expect(zstd.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
			expect(zstd.size).not.toBe(app.size);
			const missing = await describeTag(client, 'registry-test/app', 'nope');
			expect(missing.error).toBe('manifest registry-test/app:nope: manifest unknown');
		} finally {
			client.close();
		}
	});
});

describe('the Tags list rules', () => {
	const row = (tag: string, created?: string, extra: Partial<RemoteTag> = {}): RemoteTag => ({tag, created, platforms: ['linux/amd64'], attestations: 0, ...extra});
	const rows = [row('b', '2026-01-02T00:00:00Z'), row('a', '2026-01-03T00:00:00Z'), row('c'), row('d', '2026-01-01T00:00:00Z', {platforms: ['linux/arm64/v8'], attestations: 2})];
	const list = (sort: number) => reduceList(initialList<RemoteTag>(sort), {type: 'rows', rows}, remoteTagsSpec, 10).visible.map((r) => r.tag);

	it('sorts by name, and by created time with undated tags last', () => {
		expect(list(0)).toEqual(['a', 'b', 'c', 'd']);
		expect(list(1)).toEqual(['a', 'b', 'd', 'c']);
	});

	it('filters on tag, platform or digest', () => {
		expect(rows.filter((r) => remoteTagsSpec.matches(r, 'arm64')).map((r) => r.tag)).toEqual(['d']);
		expect(platformsText(rows[3])).toBe('linux/arm64/v8 (+2 attestations)');
	});

	// The size column says it is the compressed one (the registry's), never SIZE as docker's uncompressed one is.
	it('keeps TAG at 40 columns, drops the least needed', () => {
		const fitted = fitColumns(remoteTagsSpec.columns(initialState(), rows, Date.parse('2026-01-04T00:00:00Z')), 40);
		expect(fitted.columns.map((c) => c.title)).toEqual(['TAG', 'COMPRESSED', 'CREATED']);
		expect(fitted.columns[2].cell(rows[0])).toBe('2 days ago');
	});
});

// The df formatter and the prune texts, pure: on GET /system/df captured from
// a private dockerd (fixtures/system-df.json) against what docker 28.2.2
// printed for it at the same moment (fixtures/docker-df*.txt: only columns
// that do not move with the clock), and on build cache records made to the
// API's shape (no engine here has BuildKit's cache: see builder du).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {diskUsageTotals, renderDiskUsage} from '../../source/docker/disk-usage.js';
import {buildCachePruneOutput, containerPruneOutput, imagePruneFilters, imagePruneOutput, isYes, mergePruneFilters, question, IMAGE_PRUNE_DANGLING_WARNING} from '../../source/docker/prune.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const report = JSON.parse(fixture('system-df.json')) as Record<string, unknown>;
const now = Date.parse('2026-12-02T04:00:00Z');
const sorted = (s: string): string[] => s.split('\n').sort();

describe('docker system df formatting', () => {
	it('prints the summary table and its json as docker did', () => {
		expect(renderDiskUsage(report, {format: '', verbose: false, now})).toEqual({stdout: fixture('docker-df.txt')});
		expect(renderDiskUsage(report, {format: 'json', verbose: false, now})).toEqual({stdout: fixture('docker-df-json.txt')});
	});

	it('prints every -v row as docker did (volumes come in the daemon\'s map order)', () => {
		const format =
			'{{range .Images}}{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}|{{.SharedSize}}|{{.UniqueSize}}|{{.Containers}}\\n{{end}}{{range .Containers}}{{.ID}}|{{.Image}}|{{.Command}}|{{.LocalVolumes}}|{{.Size}}|{{.Names}}|{{.Mounts}}|{{.State}}\\n{{end}}{{range .Volumes}}{{.Name}}|{{.Links}}|{{.Size}}\\n{{end}}';
		const result = renderDiskUsage(report, {format, verbose: true, now});
		expect(result.error).toBeUndefined();
		expect(sorted(result.stdout)).toEqual(sorted(fixture('docker-df-v-columns.txt')));
	});

	it('computes the totals docker prints: layers size, active images, stopped containers\' writes, unused volumes', () => {
		const [images, containers, volumes, cache] = diskUsageTotals(report);
		expect(images).toMatchObject({total: 7, active: 3, size: 2668511});
		expect(containers).toMatchObject({total: 3, active: 1, size: 65538, reclaimable: 65536});
		expect(volumes).toMatchObject({total: 3, active: 1, size: 53248, reclaimable: 40960});
		expect(cache).toEqual({kind: 'Build Cache', total: 0, active: 0, size: 0, reclaimable: 0});
	});

	it('keeps what a -v template wrote before it failed, with text/template\'s own error', () => {
		const result = renderDiskUsage(report, {format: '{{range .Images}}{{.Tag}};{{end}}{{.Nope}}', verbose: true, now});
		expect(result.stdout).toBe('1;<none>;1;1;1;1;1;');
		expect(result.error).toBe('template: :1:35: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.diskUsageContext');
	});

	it('orders the build cache as docker does (never used first, then by last use, ties by ID), marks records in use, and counts only unshared bytes', () => {
		const withCache = {
			...report,
			BuildCache: [
				{ID: 'bbbbbbbbbbbbbbbbbbbb', Type: 'regular', Description: 'RUN b', InUse: true, Shared: false, Size: 1000, CreatedAt: '2026-12-02T03:00:00Z', LastUsedAt: '2026-12-02T03:30:00Z', UsageCount: 2},
				{ID: 'aaaaaaaaaaaaaaaaaaaa', Type: 'regular', Description: 'RUN a', InUse: false, Shared: true, Size: 500, CreatedAt: '2026-12-02T03:00:00Z', LastUsedAt: '2026-12-02T03:30:00Z', UsageCount: 1},
				{ID: 'cccccccccccccccccccc', Type: 'source.local', Description: 'local source', InUse: false, Shared: false, Size: 2000, CreatedAt: '2026-12-01T04:00:00Z', LastUsedAt: null, UsageCount: 0},
			],
		};
		const lines = renderDiskUsage(withCache, {format: 'table', verbose: true, now}).stdout.split('\n');
		const start = lines.indexOf('Build cache usage: 3kB');
		expect(start).toBeGreaterThan(0);
		expect(lines.slice(start + 2, start + 6)).toEqual([
			'CACHE ID        CACHE TYPE     SIZE      CREATED             LAST USED        USAGE     SHARED',
			'cccccccccccc    source.local   2kB       24 hours ago                         0         false',
			'aaaaaaaaaaaa    regular        500B      About an hour ago   30 minutes ago   1         true',
			'bbbbbbbbbbbb*   regular        1kB       About an hour ago   30 minutes ago   2         false',
		]);
		const summary = renderDiskUsage(withCache, {format: '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}', verbose: false, now}).stdout.split('\n')[3];
		expect(summary).toBe('Build Cache|3|1|3kB|2kB');
		const ids = renderDiskUsage(withCache, {format: '{{range .BuildCache}}{{.ID}} {{.LastUsedSince}}|{{end}}', verbose: true, now}).stdout;
		expect(ids).toBe('cccccccccccccccccccc |aaaaaaaaaaaaaaaaaaaa 30 minutes ago|bbbbbbbbbbbbbbbbbbbb* 30 minutes ago|');
	});
});

describe('prune texts and filters', () => {
	it('asks as prompt.Confirm does and takes only y as yes', () => {
		expect(question(IMAGE_PRUNE_DANGLING_WARNING)).toBe('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ');
		expect([isYes('y'), isYes(' Y '), isYes('yes'), isYes(''), isYes(undefined)]).toEqual([true, true, false, false, false]);
	});

	it('prints the deleted list, a blank line, then the total; nothing deleted is 0B', () => {
		expect(imagePruneOutput({ImagesDeleted: [{Untagged: 'a:1'}, {Deleted: 'sha256:x'}], SpaceReclaimed: 1234567})).toBe('Deleted Images:\nuntagged: a:1\ndeleted: sha256:x\n\nTotal reclaimed space: 1.235MB\n');
		expect(imagePruneOutput({ImagesDeleted: null, SpaceReclaimed: 99})).toBe('Total reclaimed space: 0B\n');
		expect(containerPruneOutput({ContainersDeleted: ['c1'], SpaceReclaimed: 8192})).toBe('Deleted Containers:\nc1\n\nTotal reclaimed space: 8.192kB\n');
		expect(buildCachePruneOutput({CachesDeleted: [], SpaceReclaimed: 5})).toBe('Total reclaimed space: 5B\n');
		expect(buildCachePruneOutput({CachesDeleted: ['k1', 'k2'], SpaceReclaimed: 2048})).toBe('Deleted build cache objects:\nk1\nk2\n\nTotal reclaimed space: 2.048kB\n');
	});

	it('sends dangling=true (false with -a) and the config\'s pruneFilters unless a label one contradicts the flags', () => {
		expect(imagePruneFilters({until: ['24h']}, false, [])).toEqual({until: ['24h'], dangling: ['true']});
		expect(imagePruneFilters({}, true, ['label=keep', 'until=1h'])).toEqual({dangling: ['false'], label: ['keep'], until: ['1h']});
		expect(mergePruneFilters({'label!': ['keep']}, ['label=keep', 'label!=x', 'nonsense'])).toEqual({'label!': ['keep', 'x']});
	});
});

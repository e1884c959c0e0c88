import {describe, expect, it} from 'vitest';
import {imageFormat, imageRows, renderImageList, DEFAULT_IMAGE_TABLE, DEFAULT_IMAGE_TABLE_DIGEST} from '../../source/docker/image-context.js';
import {parseNormalizedNamed} from '../../source/docker/reference.js';
import {flag, golden} from './helpers.js';

const ls = golden('ls.json');
const images = JSON.parse(ls.raw) as Record<string, unknown>[];
const now = ls.capturedAt!;

describe('renderImageList against docker 28 output', () => {
	it.each(ls.cases.map(c => [flag(c.args, '--format')!, c] as const))('--format %j', (format, c) => {
		const out = renderImageList(images, {format, quiet: false, digests: false, noTrunc: false, now});
		expect(out.stdout).toBe(c.stdout);
		expect(out.error === undefined ? 0 : 1).toBe(c.code);
	});
});

const summary = (tags: string[] | null, digests: string[] | null) => ({
	Id: 'sha256:' + 'ab'.repeat(32), Created: 1_700_000_000, Size: 2_506_717, SharedSize: -1, Containers: -1, RepoTags: tags, RepoDigests: digests,
});
const D1 = 'sha256:' + '1'.repeat(64);
const D2 = 'sha256:' + '2'.repeat(64);

describe('rows per repository and tag', () => {
	it('shows dangling images as <none>', () => {
		expect(imageRows(summary(null, null), false, false)).toEqual([['<none>', '<none>', '<none>']]);
		expect(imageRows(summary(['<none>:<none>'], ['<none>@<none>']), true, true)).toEqual([['<none>', '<none>', '<none>']]);
	});

	it('groups tags by familiar repository, in first-seen order', () => {
		const rows = imageRows(summary(['fixture/app-alias:v2', 'fixture/app:1', 'docker.io/library/alpine:3', 'fixture/app:latest'], []), false, false);
		expect(rows).toEqual([['fixture/app-alias', 'v2', '<none>'], ['fixture/app', '1', '<none>'], ['fixture/app', 'latest', '<none>'], ['alpine', '3', '<none>']]);
	});

	it('shows digests per tag only when asked, and digest-only repositories', () => {
		const img = summary(['a/b:1'], [`a/b@${D1}`, `a/b@${D2}`, `c/d@${D1}`]);
		expect(imageRows(img, false, false)).toEqual([['a/b', '1', '<none>'], ['c/d', '<none>', '']]);
		expect(imageRows(img, true, true)).toEqual([['a/b', '1', D1], ['a/b', '1', D2], ['c/d', '<none>', D1]]);
		// {{.Digest}} in the format: digests per tag, but digest-only rows stay empty without --digests.
		expect(imageRows(img, true, false)).toEqual([['a/b', '1', D1], ['a/b', '1', D2], ['c/d', '<none>', '']]);
	});

	it('skips references that do not parse', () => {
		expect(imageRows(summary(['<none>:<none>', 'upper/Case:1'], [`x@${D1}`]), false, false)).toEqual([['x', '<none>', '']]);
	});
});

describe('reference parsing', () => {
	it.each([
		['alpine:3', {familiar: 'alpine', tag: '3'}],
		['docker.io/library/alpine:latest', {familiar: 'alpine', tag: 'latest'}],
		['index.docker.io/foo/bar:1', {familiar: 'foo/bar', tag: '1'}],
		['localhost:5000/x/y:dev', {familiar: 'localhost:5000/x/y', tag: 'dev'}],
		['registry.example.com/library/z:1', {familiar: 'registry.example.com/library/z', tag: '1'}],
		[`a/b@${D1}`, {familiar: 'a/b', digest: D1}],
		['a/b', {familiar: 'a/b'}],
	])('%s', (ref, want) => {
		expect(parseNormalizedNamed(ref)).toEqual({tag: undefined, digest: undefined, ...want});
	});

	it.each(['<none>:<none>', 'upper/X:1', 'a'.repeat(64), 'a:b:c', 'a/b@sha256:12', ''])('rejects %j', ref => {
		expect(parseNormalizedNamed(ref)).toBeNull();
	});
});

describe('formats', () => {
	it('chooses defaults like NewImageFormat', () => {
		expect(imageFormat('table', false, false)).toBe(DEFAULT_IMAGE_TABLE);
		expect(imageFormat('table', false, true)).toBe(DEFAULT_IMAGE_TABLE_DIGEST);
		expect(imageFormat('table', true, true)).toBe('{{.ID}}');
		expect(imageFormat('raw', true, false)).toBe('image_id: {{.ID}}');
		expect(imageFormat('table {{.ID}}', false, true)).toBe('table {{.ID}}\t{{.Digest}}');
		expect(imageFormat('table {{.Digest}}', false, true)).toBe('table {{.Digest}}');
		expect(imageFormat('{{.ID}}', true, true)).toBe('{{.ID}}');
	});

	const opts = {format: '', quiet: false, digests: false, noTrunc: false, now: 1_700_000_000_000 + 3 * 86400_000};

	it('renders the default table, -q and --no-trunc', () => {
		const img = summary(['fixture/app:1'], null);
		expect(renderImageList([img], opts).stdout).toBe(
			'REPOSITORY    TAG       IMAGE ID       CREATED      SIZE\nfixture/app   1         abababababab   3 days ago   2.51MB\n',
		);
		expect(renderImageList([img], {...opts, quiet: true}).stdout).toBe('abababababab\n');
		expect(renderImageList([img], {...opts, quiet: true, noTrunc: true}).stdout).toBe(`${img.Id}\n`);
		expect(renderImageList([], opts).stdout).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
		expect(renderImageList([], {...opts, format: '{{.ID}}'}).stdout).toBe('');
	});

	it('fails as a whole when a row fails', () => {
		const out = renderImageList([summary(['a:1'], null)], {...opts, format: '{{.Labels}}'});
		expect(out).toEqual({stdout: '', error: 'template parsing error: template: :1:2: executing "" at <.Labels>: can\'t evaluate field Labels in type *formatter.imageContext'});
	});

	it('turns \\t and \\n into tab and newline, trims spaces, and treats any table prefix as a table', () => {
		const img = summary(['a:1'], null);
		expect(renderImageList([img], {...opts, format: '  {{.Repository}}\\t{{.Tag}}\\n  '}).stdout).toBe('a\t1\n\n');
		expect(renderImageList([img], {...opts, format: 'tablefoo {{.Tag}}'}).stdout).toBe('foo TAG\nfoo 1\n');
		expect(renderImageList([img], {...opts, format: 'table {{.Tag}}\t{{"中文"}}\t{{.Size}}'}).stdout).toBe('TAG       中文      SIZE\n1         中文      2.51MB\n');
	});
});

// `docker image ls` rows (docker/cli cli/command/formatter/image.go): one
// *formatter.imageContext per repository:tag (or digest) of each image, in the
// daemon's order; `<none>` rows for dangling images; the default formats, -q,
// --digests and --no-trunc.
import {truncateID} from '../format/ids.js';
import type {Location} from '../format/time.js';
import {goTimeString, UTC} from '../format/time.js';
import {createdSince, humanSize, humanSizeWithPrecision} from '../format/units.js';
import type {GoValue} from '../template/index.js';
import {T, decodeJSON, mapOf, ptrTo, sliceOf} from '../template/index.js';
import {contextType, contextValue, headerValue, isTableFormat, writeFormatted, type FormatResult} from './formatter.js';
import {descriptorType, field, manifestsType, struct} from './inspect-type.js';
import {parseNormalizedNamed} from './reference.js';
import {unmarshal} from './unmarshal.js';

export const DEFAULT_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const DEFAULT_IMAGE_TABLE_DIGEST =
	'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** api/types/image.Summary (the unexported `i` field of each row). */
export const summaryType = struct('image.Summary', [
	field('Containers', T.int64, 'Containers'),
	field('Created', T.int64, 'Created'),
	field('ID', T.string, 'Id'),
	field('Labels', mapOf(T.string, T.string), 'Labels'),
	field('ParentID', T.string, 'ParentId'),
	field('Descriptor', ptrTo(descriptorType), 'Descriptor', true),
	field('Manifests', manifestsType, 'Manifests', true),
	field('RepoDigests', sliceOf(T.string), 'RepoDigests'),
	field('RepoTags', sliceOf(T.string), 'RepoTags'),
	field('SharedSize', T.int64, 'SharedSize'),
	field('Size', T.int64, 'Size'),
	field('VirtualSize', T.int64, 'VirtualSize', true),
]);

const COLUMNS = ['ID', 'Repository', 'Tag', 'Digest', 'CreatedSince', 'CreatedAt', 'Size', 'Containers', 'VirtualSize', 'SharedSize', 'UniqueSize'];
export const imageContextType = contextType(
	'formatter.imageContext',
	[field('trunc', T.bool), field('i', summaryType), field('repo', T.string), field('tag', T.string), field('digest', T.string)],
	COLUMNS,
);

export const IMAGE_HEADER = {
	ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
	Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};

export interface ImageListOptions {
	/** --format as given ('' = default, or the config file's imagesFormat). */
	format: string;
	quiet: boolean;
	digests: boolean;
	noTrunc: boolean;
	/** Milliseconds since the epoch, for CreatedSince. */
	now: number;
	/** time.Local, for CreatedAt. */
	location?: Location;
}

/** The plain image summaries as the daemon sends them (JSON.parse'd). */
export type ImageSummaryJSON = Record<string, unknown>;

/** formatter.NewImageFormat. */
export function imageFormat(source: string, quiet: boolean, digest: boolean): string {
	if (source === 'table') return quiet ? '{{.ID}}' : digest ? DEFAULT_IMAGE_TABLE_DIGEST : DEFAULT_IMAGE_TABLE;
	if (source === 'raw') {
		if (quiet) return 'image_id: {{.ID}}';
		return `repository: {{ .Repository }}\ntag: {{.Tag}}\n${digest ? 'digest: {{.Digest}}\n' : ''}image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n`;
	}
	if (isTableFormat(source) && digest && !source.includes('{{.Digest}}')) return source + '\t{{.Digest}}';
	return source;
}

/**
 * The row's unexported `i` (image.Summary) as a Go value, decoded when first
 * read: only `{{.}}` and printf's %v print it (a template cannot name an
 * unexported field), and decoding 2,000 summaries cost ls a fifth of its time.
 */
export function lazySummary(image: ImageSummaryJSON): GoValue {
	let decoded: GoValue | undefined;
	const value = () => (decoded ??= unmarshal(summaryType, decodeJSON(JSON.stringify(image))));
	return {
		type: summaryType,
		get v() {
			return value().v;
		},
		set v(next: unknown) {
			value().v = next;
		},
	} as GoValue;
}

/** `docker image ls` output for the daemon's list. */
export function renderImageList(images: ImageSummaryJSON[], options: ImageListOptions): FormatResult {
	const format = imageFormat(options.format === '' ? 'table' : options.format, options.quiet, options.digests);
	const needDigest = options.digests || format.includes('{{.Digest}}');
	const rows: GoValue[] = [];
	for (const image of images) {
		const summary = lazySummary(image);
		for (const [repo, tag, digest] of imageRows(image, needDigest, options.digests)) {
			rows.push(rowValue(summary, image, repo, tag, digest, options));
		}
	}
	return writeFormatted(format, rows, headerValue(IMAGE_HEADER));
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

export function isDangling(image: ImageSummaryJSON): boolean {
	const tags = strings(image.RepoTags);
	const digests = strings(image.RepoDigests);
	if (tags.length === 0 && digests.length === 0) return true;
	return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

/** imageFormatTaggedAndDigest: [repo, tag, digest] per row. Go iterates maps in random order; this keeps insertion order (docker's most frequent one). */
export function imageRows(image: ImageSummaryJSON, needDigest: boolean, showDigests: boolean): [string, string, string][] {
	if (isDangling(image)) return [['<none>', '<none>', '<none>']];
	const repoTags = new Map<string, string[]>();
	const repoDigests = new Map<string, string[]>();
	for (const s of strings(image.RepoTags)) {
		const ref = parseNormalizedNamed(s);
		if (ref?.tag === undefined) continue;
		const tags = repoTags.get(ref.familiar);
		if (tags) tags.push(ref.tag);
		else repoTags.set(ref.familiar, [ref.tag]);
	}
	for (const s of strings(image.RepoDigests)) {
		const ref = parseNormalizedNamed(s);
		if (ref?.digest === undefined) continue;
		const digests = repoDigests.get(ref.familiar);
		if (digests) digests.push(ref.digest);
		else repoDigests.set(ref.familiar, [ref.digest]);
	}
	const rows: [string, string, string][] = [];
	for (const [repo, tags] of repoTags) {
		let digests = repoDigests.get(repo) ?? [];
		repoDigests.delete(repo);
		if (!needDigest) digests = [];
		for (const tag of tags) {
			if (digests.length === 0) rows.push([repo, tag, '<none>']);
			else for (const d of digests) rows.push([repo, tag, d]);
		}
	}
	for (const [repo, digests] of repoDigests) {
		if (showDigests) for (const d of digests) rows.push([repo, '<none>', d]);
		else rows.push([repo, '<none>', '']);
	}
	return rows;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** One *imageContext row (also `system df -v`'s, with only noTrunc, now and location read from the options). */
export function rowValue(summary: GoValue, image: ImageSummaryJSON, repo: string, tag: string, digest: string, options: Pick<ImageListOptions, 'noTrunc' | 'now' | 'location'>): GoValue {
	const str = (s: string): GoValue => ({type: T.string, v: s});
	const id = typeof image.Id === 'string' ? image.Id : '';
	const created = num(image.Created);
	const size = num(image.Size);
	const shared = num(image.SharedSize);
	const containers = num(image.Containers);
	return contextValue(
		imageContextType,
		{trunc: {type: T.bool, v: !options.noTrunc}, i: summary, repo: str(repo), tag: str(tag), digest: str(digest)},
		{
			ID: () => (options.noTrunc ? id : truncateID(id)),
			Repository: () => repo,
			Tag: () => tag,
			Digest: () => digest,
			// time.Unix(c, 0).IsZero() is never true, so there is always a value.
			CreatedSince: () => createdSince(created, options.now),
			CreatedAt: () => goTimeString(created, options.location ?? UTC),
			Size: () => humanSizeWithPrecision(size, 3),
			Containers: () => (containers === -1 ? 'N/A' : String(containers)),
			VirtualSize: () => humanSize(size),
			SharedSize: () => (shared === -1 ? 'N/A' : humanSize(shared)),
			UniqueSize: () => (size === -1 || shared === -1 ? 'N/A' : humanSize(size - shared)),
		},
	);
}

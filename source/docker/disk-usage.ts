// `docker system df [-v] [--format]` (docker/cli v28.2.2 cli/command/system/df.go,
// cli/command/formatter/disk_usage.go), pure: the caller fetches GET
// /system/df and hands over the parsed answer.
//   - without -v: one row per kind (Images, Containers, Local Volumes, Build
//     Cache), each a context of its own type, through the common formatter;
//   - -v with the plain "table": four sections, each a table of its own;
//   - -v with any other format: the template runs once on the whole report
//     (Images, Containers, Volumes, BuildCache slices of row contexts); its
//     output streams, so what it wrote before an error stays, and the error
//     is text/template's own, unwrapped.
import type {Location} from '../format/time.js';
import {humanSize} from '../format/units.js';
import type {GoType, GoValue} from '../template/index.js';
import {T, TemplateExecError, decodeJSON, dockerFuncs, execute, parse, ptrTo, sliceOf} from '../template/index.js';
import {
	BUILD_CACHE_HEADER,
	buildCacheContextType,
	buildCacheRow,
	cacheRecordType,
	CONTAINER_HEADER,
	containerRow,
	lazyValue,
	sortBuildCache,
	VOLUME_HEADER,
	volumeContextType,
	volumeRow,
	volumeType,
} from './df-rows.js';
import {contextType, contextValue, finalFormat, headerValue, isTableFormat, writeFormatted, type FormatResult} from './formatter.js';
import {containerContextType, containerSummaryType} from './container-context.js';
import {IMAGE_HEADER, imageContextType, isDangling, rowValue, summaryType} from './image-context.js';
import {field} from './inspect-type.js';
import {parseNormalizedNamed} from './reference.js';
import {unmarshal} from './unmarshal.js';

export const DEFAULT_DF_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const DF_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const DF_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const DF_VOLUME_TABLE = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const DF_BUILD_CACHE_TABLE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

const SUMMARY_HEADER = {Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE'};
const SUMMARY_COLUMNS = ['Type', 'TotalCount', 'Active', 'Size', 'Reclaimable'];

/** The report as JSON.parse gives it (GET /system/df). */
export type DiskUsageReport = Record<string, unknown>;

export interface DiskUsageOptions {
	/** --format as given ('' = table). */
	format: string;
	verbose: boolean;
	/** Milliseconds since the epoch (the CREATED columns). */
	now: number;
	location?: Location;
}

type JSONObject = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const objects = (v: unknown): JSONObject[] => (Array.isArray(v) ? v.filter((x): x is JSONObject => Boolean(x) && typeof x === 'object') : []);

/** Per kind: what docker's df counts, sums and calls reclaimable (the summary rows, and the Disk view). */
export interface KindTotals {
	kind: 'Images' | 'Containers' | 'Local Volumes' | 'Build Cache';
	total: number;
	active: number;
	size: number;
	reclaimable: number;
}

const isActiveState = (state: unknown): boolean => state === 'running' || state === 'paused' || state === 'restarting';

/** The four summary figures, computed as docker's v28.2.2 contexts compute them. */
export function diskUsageTotals(report: DiskUsageReport): KindTotals[] {
	const images = objects(report.Images);
	const layersSize = num(report.LayersSize);
	let used = 0;
	for (const i of images) {
		if (num(i.Containers) !== 0 && num(i.Size) !== -1 && num(i.SharedSize) !== -1) used += num(i.Size) - num(i.SharedSize);
	}
	const containers = objects(report.Containers);
	const volumes = objects(report.Volumes);
	const volumeUsage = (v: JSONObject): JSONObject => (v.UsageData && typeof v.UsageData === 'object' ? (v.UsageData as JSONObject) : {});
	const sizedVolumes = volumes.filter(v => num(volumeUsage(v).Size) !== -1);
	const cache = objects(report.BuildCache);
	const builderSize = builderSizeOf(cache);
	const sum = (xs: JSONObject[], f: (x: JSONObject) => number): number => xs.reduce((s, x) => s + f(x), 0);
	return [
		{kind: 'Images', total: images.length, active: images.filter(i => num(i.Containers) > 0).length, size: layersSize, reclaimable: layersSize - used},
		{
			kind: 'Containers',
			total: containers.length,
			active: containers.filter(c => isActiveState(c.State)).length,
			size: sum(containers, c => num(c.SizeRw)),
			reclaimable: sum(containers.filter(c => !isActiveState(c.State)), c => num(c.SizeRw)),
		},
		{
			kind: 'Local Volumes',
			total: volumes.length,
			active: volumes.filter(v => num(volumeUsage(v).RefCount) > 0).length,
			size: sum(sizedVolumes, v => num(volumeUsage(v).Size)),
			reclaimable: sum(sizedVolumes.filter(v => num(volumeUsage(v).RefCount) === 0), v => num(volumeUsage(v).Size)),
		},
		{
			kind: 'Build Cache',
			total: cache.length,
			active: cache.filter(r => r.InUse === true).length,
			size: builderSize,
			reclaimable: builderSize - sum(cache.filter(r => r.InUse === true && r.Shared !== true), r => num(r.Size)),
		},
	];
}

/** The CLI's builder size: the records not shared (df.go sums them itself). */
export function builderSizeOf(cache: JSONObject[]): number {
	return cache.reduce((s, r) => (r.Shared === true ? s : s + num(r.Size)), 0);
}

/** Reclaimable: `SIZE (P%)` with Go's truncating integer percentage, or the bare size; the build cache has no percentage. */
function reclaimableText(t: KindTotals): string {
	if (t.kind !== 'Build Cache' && t.size > 0) return `${humanSize(t.reclaimable)} (${Math.trunc((t.reclaimable * 100) / t.size)}%)`;
	return humanSize(t.reclaimable);
}

// The summary rows' types: their unexported fields as docker declares them (what {{.}} prints).
const imageSummaryPtrs = sliceOf(ptrTo(summaryType));
const summaryTypes: Record<KindTotals['kind'], GoType> = {
	Images: contextType('formatter.diskUsageImagesContext', [field('totalSize', T.int64), field('images', imageSummaryPtrs)], SUMMARY_COLUMNS),
	Containers: contextType('formatter.diskUsageContainersContext', [field('containers', sliceOf(ptrTo(containerSummaryType)))], SUMMARY_COLUMNS),
	'Local Volumes': contextType('formatter.diskUsageVolumesContext', [field('volumes', sliceOf(ptrTo(volumeType)))], SUMMARY_COLUMNS),
	'Build Cache': contextType('formatter.diskUsageBuilderContext', [field('builderSize', T.int64), field('buildCache', sliceOf(ptrTo(cacheRecordType)))], SUMMARY_COLUMNS),
};

const decoded = (type: GoType, item: JSONObject): GoValue => lazyValue(type, () => unmarshal(type, decodeJSON(JSON.stringify(item))));
const ptrs = (type: GoType, items: JSONObject[]): GoValue => lazyValue(sliceOf(ptrTo(type)), () => ({type: sliceOf(ptrTo(type)), v: items.map(item => ({type: ptrTo(type), v: decoded(type, item)}))}));

function summaryRows(report: DiskUsageReport): GoValue[] {
	const totals = diskUsageTotals(report);
	const images = objects(report.Images);
	const cache = objects(report.BuildCache);
	const fields: Record<KindTotals['kind'], () => Record<string, GoValue>> = {
		Images: () => ({totalSize: {type: T.int64, v: BigInt(num(report.LayersSize))}, images: ptrs(summaryType, images)}),
		Containers: () => ({containers: ptrs(containerSummaryType, objects(report.Containers))}),
		'Local Volumes': () => ({volumes: ptrs(volumeType, objects(report.Volumes))}),
		'Build Cache': () => ({builderSize: {type: T.int64, v: BigInt(builderSizeOf(cache))}, buildCache: ptrs(cacheRecordType, cache)}),
	};
	return totals.map(t =>
		contextValue(summaryTypes[t.kind], fields[t.kind](), {
			Type: () => t.kind,
			TotalCount: () => String(t.total),
			Active: () => String(t.active),
			Size: () => humanSize(t.size),
			Reclaimable: () => reclaimableText(t),
		}),
	);
}

/** NewDiskUsageFormat. */
export function diskUsageFormat(source: string, verbose: boolean): string {
	if (verbose && source === 'raw') {
		return (
			'{{range .Images}}type: Image\n' +
			'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n' +
			'\n{{end -}}\n{{range .Containers}}type: Container\n' +
			'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\nsize: {{.Size}}\\n' +
			'\n{{end -}}\n{{range .Volumes}}type: Volume\n' +
			'name: {{.Name}}\\ndriver: {{.Driver}}\\n' +
			'\n{{end -}}\n{{range .BuildCache}}type: Build Cache\n' +
			'build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\ndescription: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\nlast_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\nin_use: {{.InUse}}\nshared: {{.Shared}}\n' +
			'\n{{end -}}'
		);
	}
	if (!verbose && source === 'table') return DEFAULT_DF_TABLE;
	if (!verbose && source === 'raw') return 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
	return source;
}

/** `docker system df` output for the daemon's report. */
export function renderDiskUsage(report: DiskUsageReport, options: DiskUsageOptions): FormatResult {
	const format = diskUsageFormat(options.format === '' ? 'table' : options.format, options.verbose);
	if (!options.verbose) return writeFormatted(format, summaryRows(report), headerValue(SUMMARY_HEADER));
	return verboseWrite(report, format, options);
}

interface VerboseRows {
	images: GoValue[];
	containers: GoValue[];
	volumes: GoValue[];
	buildCache: GoValue[];
}

function verboseRows(report: DiskUsageReport, trunc: boolean, options: DiskUsageOptions): VerboseRows {
	const time = {now: options.now, location: options.location};
	const images: GoValue[] = [];
	for (const image of objects(report.Images)) {
		let repo = '<none>';
		let tag = '<none>';
		const tags = Array.isArray(image.RepoTags) ? (image.RepoTags as unknown[]) : [];
		if (tags.length > 0 && !isDangling(image)) {
			// Only the first tag; an image whose first tag does not parse is left out.
			const ref = typeof tags[0] === 'string' ? parseNormalizedNamed(tags[0]) : null;
			if (!ref) continue;
			if (ref.tag !== undefined) {
				repo = ref.familiar;
				tag = ref.tag;
			}
		}
		const summary = decoded(summaryType, image);
		images.push(rowValue(summary, image, repo, tag, '', {noTrunc: !trunc, now: options.now, location: options.location}));
	}
	// The virtual size is not shown.
	const containers = objects(report.Containers).map(c => containerRow({...c, SizeRootFs: 0}, trunc, time));
	const volumes = objects(report.Volumes).map(v => volumeRow(v));
	const buildCache = sortBuildCache(objects(report.BuildCache) as unknown as {ID: string; LastUsedAt?: string | null}[]).map(r => buildCacheRow(r as unknown as JSONObject, trunc, time));
	return {images, containers, volumes, buildCache};
}

const reportType = {
	kind: 'struct',
	name: 'formatter.diskUsageContext',
	fields: [
		field('Images', sliceOf(ptrTo(imageContextType))),
		field('Containers', sliceOf(ptrTo(containerContextType))),
		field('Volumes', sliceOf(ptrTo(volumeContextType))),
		field('BuildCache', sliceOf(ptrTo(buildCacheContextType))),
	],
} as GoType;

function verboseWrite(report: DiskUsageReport, format: string, options: DiskUsageOptions): FormatResult {
	const rows = verboseRows(report, isTableFormat(format), options);
	if (format === 'table') {
		const sections: [string, string, GoValue[], Record<string, string>][] = [
			['Images space usage:\n\n', DF_IMAGE_TABLE, rows.images, IMAGE_HEADER],
			['\nContainers space usage:\n\n', DF_CONTAINER_TABLE, rows.containers, CONTAINER_HEADER],
			['\nLocal Volumes space usage:\n\n', DF_VOLUME_TABLE, rows.volumes, VOLUME_HEADER],
			[`\nBuild cache usage: ${humanSize(builderSizeOf(objects(report.BuildCache)))}\n\n`, DF_BUILD_CACHE_TABLE, rows.buildCache, BUILD_CACHE_HEADER],
		];
		let out = '';
		for (const [title, table, sectionRows, header] of sections) {
			const result = writeFormatted(table, sectionRows, headerValue(header));
			if (result.error !== undefined) return {stdout: out + title, error: result.error};
			out += title + result.stdout;
		}
		return {stdout: out};
	}
	let template;
	try {
		template = parse(finalFormat(format), {funcs: dockerFuncs});
	} catch (error) {
		return {stdout: '', error: `template parsing error: ${(error as Error).message}`};
	}
	const value: GoValue = {
		type: ptrTo(reportType),
		v: {
			type: reportType,
			v: {
				Images: {type: sliceOf(ptrTo(imageContextType)), v: rows.images},
				Containers: {type: sliceOf(ptrTo(containerContextType)), v: rows.containers},
				Volumes: {type: sliceOf(ptrTo(volumeContextType)), v: rows.volumes},
				BuildCache: {type: sliceOf(ptrTo(buildCacheContextType)), v: rows.buildCache},
			},
		},
	};
	try {
		return {stdout: execute(template, value)};
	} catch (error) {
		// Go's executor had already written what came before the failure.
		const partial = (error as {partial?: unknown}).partial;
		const message = error instanceof TemplateExecError ? error.message : (error as Error).message;
		return {stdout: typeof partial === 'string' ? partial : '', error: message};
	}
}

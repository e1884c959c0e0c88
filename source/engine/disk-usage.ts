/**
 * Disk use and pruning: GET /system/df and the prune endpoints (images,
 * containers, build cache). The df answer keeps the daemon's bytes: docker's
 * output is built from them (the formatter decodes them as the Go client
 * does), and the shared-layer checks compare against them.
 */
import type {Engine} from './engine.js';
import {EngineError} from './errors.js';

/** The parts of GET /system/df the views read; `raw` keeps everything. */
export interface DiskUsageJSON {
	LayersSize?: number;
	Images?: DiskUsageImage[] | null;
	Containers?: DiskUsageContainer[] | null;
	Volumes?: DiskUsageVolume[] | null;
	BuildCache?: BuildCacheRecord[] | null;
	BuilderSize?: number;
	[key: string]: unknown;
}

export interface DiskUsageImage {
	Id: string;
	ParentId?: string;
	RepoTags?: string[] | null;
	RepoDigests?: string[] | null;
	Created?: number;
	Size: number;
	SharedSize: number;
	Containers: number;
	Labels?: Record<string, string> | null;
	[key: string]: unknown;
}

export interface DiskUsageContainer {
	Id: string;
	Names?: string[] | null;
	Image?: string;
	ImageID?: string;
	Command?: string;
	Created?: number;
	State?: string;
	Status?: string;
	SizeRw?: number;
	SizeRootFs?: number;
	Mounts?: {Type?: string; Name?: string; Source?: string; Destination?: string; Driver?: string}[] | null;
	[key: string]: unknown;
}

export interface DiskUsageVolume {
	Name: string;
	Driver?: string;
	Mountpoint?: string;
	Labels?: Record<string, string> | null;
	UsageData?: {RefCount: number; Size: number} | null;
	[key: string]: unknown;
}

export interface BuildCacheRecord {
	ID: string;
	Parent?: string;
	Parents?: string[] | null;
	Type?: string;
	Description?: string;
	InUse?: boolean;
	Shared?: boolean;
	Size?: number;
	CreatedAt?: string;
	LastUsedAt?: string | null;
	UsageCount?: number;
}

export interface DiskUsageAnswer {
	/** The daemon's JSON bytes, untouched. */
	raw: string;
	value: DiskUsageJSON;
}

/**
 * Sizing every container and volume, or pruning, takes the daemon a while on a
 * big engine: longer than an ordinary request may, unless IMGSCOPE_TIMEOUT_MS says.
 */
const longTimeout = (ms: number): number => Number(process.env.IMGSCOPE_TIMEOUT_MS) || ms;

/** GET /system/df (everything: images, containers with their sizes, volumes, build cache). */
export async function readDiskUsage(engine: Engine, signal?: AbortSignal): Promise<DiskUsageAnswer> {
	const raw = await engine.text('/system/df', {signal, timeout: longTimeout(120_000)});
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw new EngineError('protocol', `the engine at ${engine.endpoint.url} answered GET /system/df with something that is not JSON`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new EngineError('protocol', `the engine at ${engine.endpoint.url} answered GET /system/df with JSON that is not a disk usage report`);
	}
	return {raw, value: value as DiskUsageJSON};
}

/** Prune filters as docker sends them: a JSON map of name to {value: true}. */
function filterQuery(filters: Record<string, string[]>): Record<string, unknown> {
	const entries = Object.entries(filters).filter(([, values]) => values.length > 0);
	if (entries.length === 0) return {};
	return {filters: JSON.stringify(Object.fromEntries(entries.map(([name, values]) => [name, Object.fromEntries(values.map((v) => [v, true]))])))};
}

export interface ImagePruneReport {
	ImagesDeleted?: {Untagged?: string; Deleted?: string}[] | null;
	SpaceReclaimed?: number;
}

export interface ContainerPruneReport {
	ContainersDeleted?: string[] | null;
	SpaceReclaimed?: number;
}

export interface BuildCachePruneReport {
	CachesDeleted?: string[] | null;
	SpaceReclaimed?: number;
}


/** POST /images/prune; `filters` already holds docker's `dangling` entry. */
export function pruneImages(engine: Engine, filters: Record<string, string[]>, signal?: AbortSignal): Promise<ImagePruneReport> {
	return engine.json<ImagePruneReport>('/images/prune', {method: 'POST', query: filterQuery(filters), signal, timeout: longTimeout(600_000)});
}

/** POST /containers/prune. */
export function pruneContainers(engine: Engine, filters: Record<string, string[]>, signal?: AbortSignal): Promise<ContainerPruneReport> {
	return engine.json<ContainerPruneReport>('/containers/prune', {method: 'POST', query: filterQuery(filters), signal, timeout: longTimeout(600_000)});
}

/** POST /build/prune (API 1.39+): all, keep-storage (bytes), filters such as until=24h. */
export function pruneBuildCache(engine: Engine, options: {all: boolean; keepStorage?: number; filters: Record<string, string[]>}, signal?: AbortSignal): Promise<BuildCachePruneReport> {
	const query: Record<string, unknown> = {...filterQuery(options.filters)};
	if (options.all) query.all = '1';
	if (options.keepStorage) query['keep-storage'] = String(options.keepStorage);
	return engine.json<BuildCachePruneReport>('/build/prune', {method: 'POST', query, signal, timeout: longTimeout(600_000)});
}

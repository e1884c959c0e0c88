// The row contexts `docker system df -v` renders besides images
// (docker/cli v28 cli/command/formatter volume.go, buildcache.go; containers
// are `ps`'s rows, docker/container-context.ts): *volumeContext and *buildCacheContext as
// Go values, with the API structs they wrap (container.Summary, volume.Volume,
// build.CacheRecord) decoded as the Go client decodes them.
import {truncateID} from '../format/ids.js';
import type {Location} from '../format/time.js';
import {UTC} from '../format/time.js';
import {humanDuration, humanSize, humanSizeWithPrecision} from '../format/units.js';
import type {GoType, GoValue} from '../template/index.js';
import {T, decodeJSON, formatTime, parseRFC3339, ptrTo, sliceOf, timeParts, timeType, unixNano} from '../template/index.js';
import {contextType, contextValue, type Columns} from './formatter.js';
import {containerRow as psContainerRow, containerSummaryType} from './container-context.js';
import {field, struct} from './inspect-type.js';
import {unmarshal} from './unmarshal.js';
import {VOLUME_COLUMNS, VOLUME_HEADER, volumeType} from './volume-context.js';

export {VOLUME_HEADER, volumeType};

const strs = sliceOf(T.string);

// ---- container.Summary: docker/container-context.ts has the row (shared with `ps`) ----

export const CONTAINER_HEADER = {
	ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE',
	Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS', Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};

/** formatter.ContainerContext for one container of the report (the `ps` row, its summary decoded when reached). */
export function containerRow(c: JSONObject, trunc: boolean, time: RowTime): GoValue {
	return psContainerRow(c, lazy(containerSummaryType, c), {trunc, now: time.now, location: time.location ?? UTC});
}

/** A `Label NAME` method reading the labels a row keeps for it. */
const labelsOf = new WeakMap<object, Record<string, string> | null>();
function withLabel(type: GoType): GoType {
	type.methods!.Label = {
		ptrReceiver: true,
		params: [T.string],
		result: T.string,
		call: (recv, args) => ({type: T.string, v: labelsOf.get(recv.v as object)?.[args[0].v as string] ?? ''}),
	};
	return type;
}

function labeled(value: GoValue, labels: Record<string, string> | null | undefined): GoValue {
	labelsOf.set((value.v as GoValue).v as object, labels ?? null);
	return value;
}

type JSONObject = Record<string, unknown>;

/**
 * A value made only when a template reaches it: the default tables never
 * read the API structs under the columns, and decoding 2,000 image summaries
 * would be most of what `df -v` spends.
 */
export function lazyValue(type: GoType, make: () => GoValue): GoValue {
	let made: GoValue | undefined;
	return {
		type,
		get v() {
			made ??= make();
			return made.v;
		},
	} as GoValue;
}

const lazy = (type: GoType, item: JSONObject): GoValue => lazyValue(type, () => unmarshal(type, decodeJSON(JSON.stringify(item))));
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const record = (v: unknown): Record<string, string> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : null);

export interface RowTime {
	/** Milliseconds since the epoch. */
	now: number;
	location?: Location;
}

// ---- volume.Volume ----

export const volumeContextType = withLabel(contextType('formatter.volumeContext', [field('v', volumeType)], VOLUME_COLUMNS));

export function volumeRow(v: JSONObject, decoded = lazy(volumeType, v)): GoValue {
	const usage = v.UsageData && typeof v.UsageData === 'object' ? (v.UsageData as JSONObject) : undefined;
	const cluster = Boolean(v.ClusterVolume);
	const columns: Columns = {
		Name: () => text(v.Name),
		Driver: () => text(v.Driver),
		Scope: () => text(v.Scope),
		Mountpoint: () => text(v.Mountpoint),
		// Go ranges over the map (random order); the daemon's order is one of those.
		Labels: () =>
			Object.entries(record(v.Labels) ?? {})
				.map(([k, val]) => `${k}=${val}`)
				.join(','),
		Links: () => (usage ? String(num(usage.RefCount)) : 'N/A'),
		Size: () => (usage ? humanSize(num(usage.Size)) : 'N/A'),
		Group: () => (cluster ? '' : 'N/A'),
		Availability: () => (cluster ? '' : 'N/A'),
		Status: () => (cluster ? 'pending creation' : 'N/A'),
	};
	return labeled(contextValue(volumeContextType, {v: decoded}, columns), record(v.Labels));
}

// ---- build.CacheRecord ----

export const cacheRecordType = struct('build.CacheRecord', [
	field('ID', T.string, 'ID'),
	field('Parent', T.string, 'Parent', true),
	field('Parents', strs, ' Parents', true),
	field('Type', T.string, 'Type'),
	field('Description', T.string, 'Description'),
	field('InUse', T.bool, 'InUse'),
	field('Shared', T.bool, 'Shared'),
	field('Size', T.int64, 'Size'),
	field('CreatedAt', timeType, 'CreatedAt'),
	field('LastUsedAt', ptrTo(timeType), 'LastUsedAt'),
	field('UsageCount', T.int, 'UsageCount'),
]);

const CACHE_COLUMNS = ['ID', 'Parent', 'CacheType', 'Description', 'Size', 'CreatedAt', 'CreatedSince', 'LastUsedAt', 'LastUsedSince', 'UsageCount', 'InUse', 'Shared'];
export const buildCacheContextType = contextType('formatter.buildCacheContext', [field('trunc', T.bool), field('v', ptrTo(cacheRecordType))], CACHE_COLUMNS);

export const BUILD_CACHE_HEADER = {
	ID: 'CACHE ID', Parent: 'PARENT', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', InUse: 'IN USE',
	Shared: 'SHARED', Description: 'DESCRIPTION',
};

const GO_TIME_STRING = '2006-01-02 15:04:05.999999999 -0700 MST';

/** Milliseconds since the epoch of a decoded time.Time. */
function timeMs(t: GoValue): number {
	const p = timeParts(t);
	return Number(p.sec) * 1000 + Math.trunc(p.nsec / 1e6);
}

export function buildCacheRow(r: JSONObject, trunc: boolean, time: RowTime): GoValue {
	const decoded = unmarshal(cacheRecordType, decodeJSON(JSON.stringify(r)));
	const f = decoded.v as Record<string, GoValue>;
	const lastUsed = f.LastUsedAt.v === null ? undefined : (f.LastUsedAt.v as GoValue);
	const id = text(r.ID);
	const columns: Columns = {
		ID: () => (trunc ? truncateID(id) : id) + (r.InUse === true ? '*' : ''),
		Parent: () => {
			const parents = list<string>(r.Parents);
			const parent = parents.length > 0 ? parents.join(', ') : text(r.Parent);
			return trunc ? truncateID(parent) : parent;
		},
		CacheType: () => text(r.Type),
		Description: () => text(r.Description),
		Size: () => humanSizeWithPrecision(num(r.Size), 3),
		CreatedAt: () => formatTime(timeParts(f.CreatedAt), GO_TIME_STRING),
		CreatedSince: () => humanDuration(time.now - timeMs(f.CreatedAt)) + ' ago',
		LastUsedAt: () => (lastUsed ? formatTime(timeParts(lastUsed), GO_TIME_STRING) : ''),
		LastUsedSince: () => (lastUsed ? humanDuration(time.now - timeMs(lastUsed)) + ' ago' : ''),
		UsageCount: () => String(num(r.UsageCount)),
		InUse: () => String(r.InUse === true),
		Shared: () => String(r.Shared === true),
	};
	return contextValue(buildCacheContextType, {trunc: {type: T.bool, v: trunc}, v: {type: ptrTo(cacheRecordType), v: decoded}}, columns);
}

/** buildCacheSort: never used first, then by last use, ties by ID. */
export function sortBuildCache<R extends {ID: string; LastUsedAt?: string | null}>(records: R[]): R[] {
	// To the nanosecond, as Go's time.Before: steps of one build end within the same millisecond.
	const at = (r: R): bigint | undefined => {
		if (!r.LastUsedAt) return undefined;
		try {
			return unixNano(parseRFC3339(r.LastUsedAt));
		} catch {
			return undefined;
		}
	};
	const byID = (a: R, b: R): number => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0);
	return records
		.map((record) => ({record, at: at(record)}))
		.sort((a, b) => {
			if (a.at === undefined || b.at === undefined) return a.at === b.at ? byID(a.record, b.record) : a.at === undefined ? -1 : 1;
			return a.at === b.at ? byID(a.record, b.record) : a.at < b.at ? -1 : 1;
		})
		.map((r) => r.record);
}

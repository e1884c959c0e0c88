// The row contexts `docker system df -v` renders besides images
// (docker/cli v28 cli/command/formatter container.go, volume.go,
// buildcache.go): *ContainerContext, *volumeContext and *buildCacheContext as
// Go values, with the API structs they wrap (container.Summary, volume.Volume,
// build.CacheRecord) decoded as the Go client decodes them.
import {ellipsis, truncateID} from '../format/ids.js';
import type {Location} from '../format/time.js';
import {goTimeString, UTC} from '../format/time.js';
import {humanDuration, humanSize, humanSizeWithPrecision} from '../format/units.js';
import type {GoType, GoValue} from '../template/index.js';
import {T, decodeJSON, formatTime, mapOf, ptrTo, quote, sliceOf, timeParts, timeType} from '../template/index.js';
import {contextType, contextValue, type Columns} from './formatter.js';
import {descriptorType, field, platformType, struct} from './inspect-type.js';
import {parseNormalizedNamed} from './reference.js';
import {unmarshal} from './unmarshal.js';

const strs = sliceOf(T.string);
const strMap = mapOf(T.string, T.string);

// ---- container.Summary ----

const portType = struct('container.Port', [
	field('IP', T.string, 'IP', true),
	field('PrivatePort', T.uint16, 'PrivatePort'),
	field('PublicPort', T.uint16, 'PublicPort', true),
	field('Type', T.string, 'Type'),
]);
const mountPointType = struct('container.MountPoint', [
	field('Type', {kind: 'string', name: 'mount.Type'}, 'Type', true),
	field('Name', T.string, 'Name', true),
	field('Source', T.string, 'Source'),
	field('Destination', T.string, 'Destination'),
	field('Driver', T.string, 'Driver', true),
	field('Mode', T.string, 'Mode'),
	field('RW', T.bool, 'RW'),
	field('Propagation', {kind: 'string', name: 'mount.Propagation'}, 'Propagation'),
]);
// network.EndpointSettings only ever prints as an address (a map of pointers).
const endpointSettings = struct('network.EndpointSettings', [field('NetworkID', T.string, 'NetworkID'), field('EndpointID', T.string, 'EndpointID'), field('IPAddress', T.string, 'IPAddress')]);
const networkSettingsSummary = struct('container.NetworkSettingsSummary', [field('Networks', mapOf(T.string, ptrTo(endpointSettings)), 'Networks')]);

export const containerSummaryType = struct('container.Summary', [
	field('ID', T.string, 'Id'),
	field('Names', strs, 'Names'),
	field('Image', T.string, 'Image'),
	field('ImageID', T.string, 'ImageID'),
	field('ImageManifestDescriptor', ptrTo(descriptorType), 'ImageManifestDescriptor', true),
	field('Command', T.string, 'Command'),
	field('Created', T.int64, 'Created'),
	field('Ports', sliceOf(portType), 'Ports'),
	field('SizeRw', T.int64, 'SizeRw', true),
	field('SizeRootFs', T.int64, 'SizeRootFs', true),
	field('Labels', strMap, 'Labels'),
	field('State', {kind: 'string', name: 'container.ContainerState'}, 'State'),
	field('Status', T.string, 'Status'),
	field('HostConfig', {kind: 'struct', fields: [field('NetworkMode', T.string, 'NetworkMode', true), field('Annotations', strMap, 'Annotations', true)]}, 'HostConfig'),
	field('NetworkSettings', ptrTo(networkSettingsSummary), 'NetworkSettings'),
	field('Mounts', sliceOf(mountPointType), 'Mounts'),
]);

const CONTAINER_COLUMNS = ['ID', 'Names', 'Image', 'Command', 'CreatedAt', 'RunningFor', 'Ports', 'State', 'Status', 'Size', 'Labels', 'Mounts', 'LocalVolumes', 'Networks'];
// formatter.Platform: a Stringer (platforms.FormatAll), so a nil *Platform prints <nil> under every verb.
const formatterPlatform: GoType = {
	...struct('formatter.Platform', [{name: 'Platform', type: platformType, embedded: true}]),
	methods: {String: {result: T.string, call: recv => ({type: T.string, v: platformString(recv)})}},
};

function platformString(recv: GoValue): string {
	const p = ((recv.v as Record<string, GoValue>).Platform.v ?? {}) as Record<string, GoValue>;
	const os = p.OS?.v as string;
	if (!os) return 'unknown';
	return [os, p.Architecture?.v as string, p.Variant?.v as string].filter(Boolean).join('/');
}

export const containerContextType = withLabel(
	withPlatform(contextType('formatter.ContainerContext', [field('trunc', T.bool), field('c', containerSummaryType), field('FieldsUsed', T.mapStringAny)], CONTAINER_COLUMNS)),
);

export const CONTAINER_HEADER = {
	ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE',
	Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS', Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};

// ContainerContext.Platform returns *Platform: nil unless the daemon sent an
// ImageManifestDescriptor with a platform (a 20.10 daemon never does).
function withPlatform(type: GoType): GoType {
	const ptr = ptrTo(formatterPlatform);
	const marshal = type.methods!.MarshalJSON;
	type.methods!.Platform = {ptrReceiver: true, result: ptr, call: () => ({type: ptr, v: null})};
	// formatter.MarshalJSON turns the Platform method into a key too: null here.
	type.methods!.MarshalJSON = {
		...marshal,
		call: (recv, args) => {
			const out = marshal.call(recv, args);
			const text = Buffer.from((out.v as GoValue[]).map(b => Number(b.v))).toString('utf8');
			const withKey = text.replace(/,"Ports":/, ',"Platform":null,"Ports":');
			return {type: out.type, v: [...Buffer.from(withKey, 'utf8')].map(b => ({type: T.uint8, v: BigInt(b)}))};
		},
	};
	return type;
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

/** formatter.ContainerContext for one container of the answer. */
export function containerRow(c: JSONObject, trunc: boolean, time: RowTime, decoded = lazy(containerSummaryType, c)): GoValue {
	const id = text(c.Id);
	const created = num(c.Created);
	const mounts = list<JSONObject>(c.Mounts);
	const columns: Columns = {
		ID: () => (trunc ? truncateID(id) : id),
		Names: () => {
			let names = list<string>(c.Names).map(n => String(n).slice(1));
			if (trunc) {
				const plain = names.find(n => n.split('/').length === 1);
				if (plain !== undefined) names = [plain];
			}
			return names.join(',');
		},
		Image: () => containerImage(text(c.Image), text(c.ImageID), trunc),
		Command: () => quote(trunc ? ellipsis(text(c.Command), 20) : text(c.Command)),
		CreatedAt: () => goTimeString(created, time.location ?? UTC),
		RunningFor: () => humanDuration(time.now - created * 1000) + ' ago',
		Ports: () => displayablePorts(list<JSONObject>(c.Ports)),
		State: () => text(c.State),
		Status: () => text(c.Status),
		Size: () => {
			const rw = humanSizeWithPrecision(num(c.SizeRw), 3);
			return num(c.SizeRootFs) > 0 ? `${rw} (virtual ${humanSizeWithPrecision(num(c.SizeRootFs), 3)})` : rw;
		},
		Labels: () =>
			Object.entries(record(c.Labels) ?? {})
				.map(([k, v]) => `${k}=${v}`)
				.sort()
				.join(','),
		Mounts: () => mounts.map(m => (text(m.Name) === '' ? text(m.Source) : text(m.Name))).map(n => (trunc ? ellipsis(n, 15) : n)).join(','),
		LocalVolumes: () => String(mounts.filter(m => m.Driver === 'local').length),
		Networks: () => Object.keys(record((c.NetworkSettings as JSONObject | undefined)?.Networks) ?? {}).join(','),
	};
	const fields = {trunc: {type: T.bool, v: trunc}, c: decoded, FieldsUsed: {type: T.mapStringAny, v: null}};
	return labeled(contextValue(containerContextType, fields, columns), record(c.Labels));
}

function containerImage(image: string, imageId: string, trunc: boolean): string {
	if (image === '') return '<no image>';
	if (trunc) {
		const short = truncateID(imageId);
		if (short === truncateID(image)) return short;
		const ref = parseNormalizedNamed(image);
		if (ref) return ref.tag !== undefined ? `${ref.familiar}:${ref.tag}` : ref.familiar;
	}
	return image;
}

/** formatter.DisplayablePorts. */
export function displayablePorts(ports: JSONObject[]): string {
	const sorted = ports
		.map(p => ({ip: text(p.IP), priv: num(p.PrivatePort), pub: num(p.PublicPort), type: text(p.Type)}))
		.sort((a, b) => a.priv - b.priv || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0) || a.pub - b.pub || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
	const groups = new Map<string, {first: number; last: number}>();
	const result: string[] = [];
	const hostMappings: string[] = [];
	const join = (ip: string, port: string | number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
	const form = (key: string, start: number, last: number): string => {
		const parts = key.split('/');
		let type = parts[0];
		let ip = '';
		if (parts.length > 1) {
			ip = parts[0];
			type = parts[1];
		}
		let group = String(start);
		if (start !== last) group = `${group}-${last}`;
		if (ip !== '') group = `${join(ip, group)}->${group}`;
		return `${group}/${type}`;
	};
	for (const port of sorted) {
		let key = port.type;
		if (port.ip !== '') {
			if (port.pub !== port.priv) {
				hostMappings.push(`${join(port.ip, port.pub)}->${port.priv}/${port.type}`);
				continue;
			}
			key = `${port.ip}/${port.type}`;
		}
		const group = groups.get(key);
		if (!group) {
			groups.set(key, {first: port.priv, last: port.priv});
			continue;
		}
		if (port.priv === group.last + 1) {
			group.last = port.priv;
			continue;
		}
		result.push(form(key, group.first, group.last));
		// Go replaces the map entry; its key keeps its first place in the order.
		groups.set(key, {first: port.priv, last: port.priv});
	}
	for (const [key, g] of groups) result.push(form(key, g.first, g.last));
	return [...result, ...hostMappings].join(', ');
}

// ---- volume.Volume ----

const usageDataType = struct('volume.UsageData', [field('RefCount', T.int64, 'RefCount'), field('Size', T.int64, 'Size')]);
// ClusterVolume is only set by a swarm manager; it prints as <nil> here.
const clusterVolumeType = struct('volume.ClusterVolume', [field('ID', T.string, 'ID')]);
export const volumeType = struct('volume.Volume', [
	field('ClusterVolume', ptrTo(clusterVolumeType), 'ClusterVolume', true),
	field('CreatedAt', T.string, 'CreatedAt', true),
	field('Driver', T.string, 'Driver'),
	field('Labels', strMap, 'Labels'),
	field('Mountpoint', T.string, 'Mountpoint'),
	field('Name', T.string, 'Name'),
	field('Options', strMap, 'Options'),
	field('Scope', T.string, 'Scope'),
	field('Status', T.mapStringAny, 'Status', true),
	field('UsageData', ptrTo(usageDataType), 'UsageData', true),
]);

const VOLUME_COLUMNS = ['Name', 'Driver', 'Scope', 'Mountpoint', 'Labels', 'Links', 'Size', 'Group', 'Availability', 'Status'];
export const volumeContextType = withLabel(contextType('formatter.volumeContext', [field('v', volumeType)], VOLUME_COLUMNS));

export const VOLUME_HEADER = {
	ID: 'ID', Name: 'VOLUME NAME', Group: 'GROUP', Driver: 'DRIVER', Scope: 'SCOPE', Availability: 'AVAILABILITY', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS',
	Size: 'SIZE', Status: 'STATUS',
};

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
	const at = (r: R): number | undefined => (r.LastUsedAt ? Date.parse(r.LastUsedAt) : undefined);
	return records.slice().sort((a, b) => {
		const x = at(a);
		const y = at(b);
		if (x === undefined && y === undefined) return a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;
		if (x === undefined) return -1;
		if (y === undefined) return 1;
		if (x === y) return a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;
		return x - y;
	});
}

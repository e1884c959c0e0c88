/**
 * Volume calls: list, inspect, disk usage, who mounts a volume, create,
 * remove, prune. Each takes an Engine (as engine/actions do); errors are
 * EngineErrors with the engine's own message.
 */
import type {Engine} from '../engine.js';
import {EngineError} from '../errors.js';
import type {Volume, VolumeInspect, VolumeSizes, VolumeUser} from './types.js';

export const volumePath = (name: string) => `/volumes/${encodeURIComponent(name)}`;

export interface ListVolumesOptions {
	/** As docker sends them: dangling, driver, label, name. */
	filters?: Record<string, string[]>;
	signal?: AbortSignal;
}

export async function listVolumes(engine: Engine, options: ListVolumesOptions = {}): Promise<{volumes: Volume[]; warnings: string[]}> {
	const query: Record<string, unknown> = {};
	if (options.filters && Object.keys(options.filters).length) query.filters = JSON.stringify(options.filters);
	const answer = await engine.json<{Volumes?: Volume[] | null; Warnings?: string[] | null}>('/volumes', {query, signal: options.signal});
	if (!answer || typeof answer !== 'object' || (answer.Volumes != null && !Array.isArray(answer.Volumes))) {
		throw new EngineError('protocol', `the engine at ${engine.endpoint.url} answered GET /volumes with JSON that is not a list of volumes`);
	}
	return {volumes: answer.Volumes ?? [], warnings: answer.Warnings ?? []};
}

/** The volume's inspect, raw bytes kept. */
export async function inspectVolume(engine: Engine, name: string, signal?: AbortSignal): Promise<VolumeInspect> {
	const path = volumePath(name);
	const raw = await engine.text(path, {signal});
	let value: Volume;
	try {
		value = JSON.parse(raw) as Volume;
	} catch {
		throw new EngineError('protocol', `the engine at ${engine.endpoint.url} answered GET ${path} with something that is not JSON`);
	}
	if (!value || typeof value !== 'object' || typeof value.Name !== 'string') {
		throw new EngineError('protocol', `the engine at ${engine.endpoint.url} answered GET ${path} with JSON that is not a volume`);
	}
	return {raw, value};
}

/**
 * Sizes and reference counts of every volume, from GET /system/df. The engine
 * walks every volume's files for it, so it can take seconds: callers read it
 * in the background and show the list without it first. `type=volume`
 * (API 1.42) limits the work to volumes; 1.41 ignores it and counts all.
 */
export async function volumeSizes(engine: Engine, signal?: AbortSignal): Promise<VolumeSizes> {
	const df = await engine.json<{Volumes?: Volume[] | null}>('/system/df', {query: {type: 'volume'}, signal, timeout: 10 * 60_000});
	const sizes: VolumeSizes = new Map();
	for (const volume of df?.Volumes ?? []) {
		if (volume && typeof volume.Name === 'string' && volume.UsageData) sizes.set(volume.Name, {Size: volume.UsageData.Size, RefCount: volume.UsageData.RefCount});
	}
	return sizes;
}

interface MountSummary {
	Type?: string;
	Name?: string;
	Destination?: string;
	RW?: boolean;
}

/** The containers (running or not) that mount the volume, with where and how. */
export async function volumeUsers(engine: Engine, name: string, signal?: AbortSignal): Promise<VolumeUser[]> {
	const list = await engine.json<{Id: string; Names?: string[]; State?: string; Mounts?: MountSummary[]}[]>('/containers/json', {
		query: {all: true, filters: JSON.stringify({volume: [name]})},
		signal,
	});
	const users: VolumeUser[] = [];
	for (const container of Array.isArray(list) ? list : []) {
		// The engine's volume filter also matches a mount destination of that name: keep the volume's own mounts.
		for (const mount of container.Mounts ?? []) {
			if (mount.Type !== 'volume' || mount.Name !== name) continue;
			users.push({
				id: container.Id,
				name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
				state: container.State ?? '',
				destination: mount.Destination ?? '',
				rw: mount.RW !== false,
			});
		}
	}
	return users;
}

export interface CreateVolumeSpec {
	/** Empty: the engine names it (an anonymous-looking 64-hex name). */
	name?: string;
	driver?: string;
	labels?: Record<string, string>;
	driverOptions?: Record<string, string>;
}

export async function createVolume(engine: Engine, spec: CreateVolumeSpec, signal?: AbortSignal): Promise<Volume> {
	return engine.json<Volume>('/volumes/create', {
		method: 'POST',
		body: {Name: spec.name ?? '', Driver: spec.driver || 'local', Labels: spec.labels ?? {}, DriverOpts: spec.driverOptions ?? {}},
		signal,
	});
}

/** Refused: the volume is mounted by these containers. */
export class VolumeInUseError extends EngineError {
	constructor(
		readonly volume: string,
		readonly users: VolumeUser[],
	) {
		const names = [...new Set(users.map(u => u.name))];
		super('conflict', `volume ${volume} is in use by ${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}: remove ${names.length === 1 ? 'it' : 'them'} first (or force, which removes ${names.length === 1 ? 'it' : 'them'}, then the volume)`, 409);
	}
}

export interface RemoveVolumeResult {
	/** Containers removed first (force only), by name. */
	removedContainers: string[];
}

/**
 * Removes a volume. While containers mount it, it is refused (VolumeInUseError
 * names them); with `force` those containers are removed first (stopped
 * ones and running ones), and only once they are gone is the volume removed.
 * The engine's own refusal still stands if a new container took it meanwhile.
 */
export async function removeVolume(engine: Engine, name: string, options: {force?: boolean; signal?: AbortSignal} = {}): Promise<RemoveVolumeResult> {
	const users = await volumeUsers(engine, name, options.signal);
	if (users.length && !options.force) throw new VolumeInUseError(name, users);
	const removedContainers: string[] = [];
	for (const user of users) {
		if (removedContainers.includes(user.name)) continue;
		try {
			await engine.text(`/containers/${encodeURIComponent(user.id)}`, {method: 'DELETE', query: {force: true}, signal: options.signal});
		} catch (error) {
			if (!(error instanceof EngineError && error.kind === 'notFound')) throw error;
		}
		removedContainers.push(user.name);
	}
	await engine.text(volumePath(name), {method: 'DELETE', signal: options.signal});
	return {removedContainers};
}

/** A volume the engine named itself (docker run -v /path, VOLUME in an image). */
export function isAnonymous(volume: Pick<Volume, 'Name' | 'Labels'>): boolean {
	// The label is the engine's mark from 23.0; before it, the 64-hex name is the only sign.
	return Boolean(volume.Labels && 'com.docker.volume.anonymous' in volume.Labels) || /^[0-9a-f]{64}$/.test(volume.Name);
}

/** API versions compare as dotted numbers. */
export function apiAtLeast(version: string, wanted: string): boolean {
	const a = version.split('.').map(Number);
	const b = wanted.split('.').map(Number);
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? 0;
		const y = b[i] ?? 0;
		if (x !== y) return x > y;
	}
	return true;
}

export interface PruneOptions {
	/** Named volumes too; without it only anonymous ones go. */
	all?: boolean;
	/** label / label! filters, as docker sends them. */
	filters?: Record<string, string[]>;
	signal?: AbortSignal;
}

export interface PruneResult {
	deleted: string[];
	/** Bytes freed, as the engine (or the disk-usage answer) counted them. */
	reclaimed: number;
}

/** What a prune would remove: unused volumes (anonymous ones unless `all`) matching the filters, with their sizes when known. */
export async function prunePlan(engine: Engine, options: PruneOptions & {sizes?: VolumeSizes} = {}): Promise<{volume: Volume; size?: number}[]> {
	const filters = {...options.filters, dangling: ['true']};
	const {volumes} = await listVolumes(engine, {filters, signal: options.signal});
	const sizes = options.sizes ?? (await volumeSizes(engine, options.signal).catch(() => new Map() as VolumeSizes));
	return volumes.filter(v => options.all || isAnonymous(v)).map(volume => ({volume, size: sizes.get(volume.Name)?.Size}));
}

/**
 * Removes unused volumes: anonymous ones only unless `all`, as engines from
 * API 1.42 do. An engine before 1.42 prunes named volumes too and knows no
 * `all` filter, so there `all` is its plain prune, and without `all` the
 * anonymous ones are removed one by one (one taken by a container meanwhile
 * is skipped, as the engine's prune skips it) and their sizes come from the
 * disk-usage answer.
 */
export async function pruneVolumes(engine: Engine, options: PruneOptions = {}): Promise<PruneResult> {
	const api = (await engine.version()).ApiVersion;
	if (apiAtLeast(api, '1.42') || options.all) {
		const filters: Record<string, string[]> = {...options.filters};
		if (options.all && apiAtLeast(api, '1.42')) filters.all = ['true'];
		const report = await engine.json<{VolumesDeleted?: string[] | null; SpaceReclaimed?: number}>('/volumes/prune', {
			method: 'POST',
			query: Object.keys(filters).length ? {filters: JSON.stringify(filters)} : {},
			signal: options.signal,
			timeout: 10 * 60_000,
		});
		return {deleted: report.VolumesDeleted ?? [], reclaimed: report.SpaceReclaimed ?? 0};
	}
	const plan = await prunePlan(engine, options);
	const deleted: string[] = [];
	let reclaimed = 0;
	for (const {volume, size} of plan) {
		try {
			await engine.text(volumePath(volume.Name), {method: 'DELETE', signal: options.signal});
		} catch (error) {
			if (error instanceof EngineError && (error.kind === 'conflict' || error.kind === 'notFound')) continue;
			throw error;
		}
		deleted.push(volume.Name);
		reclaimed += size && size > 0 ? size : 0;
	}
	return {deleted, reclaimed};
}

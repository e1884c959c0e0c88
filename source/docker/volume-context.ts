// `docker volume ls` and `docker volume inspect` (docker/cli v28
// cli/command/formatter/volume.go, cli/command/volume/list.go, inspect.go):
//   - ls sorts by name (sortorder.NaturalLess) and renders one
//     *formatter.volumeContext per volume; `Label "k"` takes an argument;
//   - inspect hands the inspector the typed volume.Volume and no raw bytes,
//     so its JSON is json.Marshal of the struct (Go field order, HTML
//     escaped, Status/UsageData/CreatedAt omitted when empty), and a
//     template runs on the struct only (no raw-map second pass).
import {indentJson} from '../format/json-indent.js';
import {humanSize} from '../format/units.js';
import type {GoValue} from '../template/index.js';
import {T, decodeJSON, dockerFuncs, execute, mapOf, marshalJSON, parse, ptrTo, sliceOf} from '../template/index.js';
import {contextType, contextValue, headerValue, writeFormatted, type FormatResult} from './formatter.js';
import {field, struct} from './inspect-type.js';
import {naturalCompare} from './natural-order.js';
import {unmarshal} from './unmarshal.js';

const strMap = mapOf(T.string, T.string);
const usageDataType = struct('volume.UsageData', [field('RefCount', T.int64, 'RefCount'), field('Size', T.int64, 'Size')]);
// A swarm cluster volume (API 1.42): never sent by a 1.41 engine; only its presence matters to the columns,
// and its field names to a template reaching through the nil pointer (Go says "nil pointer evaluating" for a
// field the struct has, "can't evaluate field" for one it lacks). Version, CreatedAt and UpdatedAt are
// swarm.Meta's, promoted; the types past the names are not modelled.
const clusterVolumeType = struct('volume.ClusterVolume', [
	field('ID', T.string, 'ID'),
	field('Version', T.mapStringAny, 'Version', true),
	field('CreatedAt', T.string, 'CreatedAt', true),
	field('UpdatedAt', T.string, 'UpdatedAt', true),
	field('Spec', T.mapStringAny, 'Spec'),
	field('PublishStatus', sliceOf(T.mapStringAny), 'PublishStatus', true),
	field('Info', T.mapStringAny, 'Info', true),
]);

/** api/types/volume.Volume. */
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

export const DEFAULT_VOLUME_TABLE = 'table {{.Driver}}\t{{.Name}}';

export const VOLUME_COLUMNS = ['Name', 'Driver', 'Scope', 'Mountpoint', 'Labels', 'Links', 'Size', 'Group', 'Availability', 'Status'];
export const VOLUME_HEADER = {
	ID: 'ID', Name: 'VOLUME NAME', Group: 'GROUP', Driver: 'DRIVER', Scope: 'SCOPE', Availability: 'AVAILABILITY',
	Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Status: 'STATUS',
};

const baseContext = contextType('formatter.volumeContext', [field('v', volumeType)], VOLUME_COLUMNS);
/** With `Label(name string) string`, the one column that takes an argument. */
export const volumeContextType = {
	...baseContext,
	methods: {
		...baseContext.methods,
		Label: {
			ptrReceiver: true,
			params: [T.string],
			result: T.string,
			call: (recv: GoValue, args: GoValue[]) => {
				// recv is the row struct; its field v is the typed volume.Volume.
				const volume = ((recv.v as Record<string, GoValue>).v.v as Record<string, GoValue>);
				const map = volume.Labels.v as Map<string, GoValue> | null;
				return {type: T.string, v: (map?.get(args[0].v as string)?.v as string | undefined) ?? ''};
			},
		},
	},
};

/** formatter.NewVolumeFormat. */
export function volumeFormat(source: string, quiet: boolean): string {
	if (source === 'table') return quiet ? '{{.Name}}' : DEFAULT_VOLUME_TABLE;
	if (source === 'raw') return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\\ndriver: {{.Driver}}\\n';
	return source;
}


type Json = Record<string, unknown>;

function labelsOf(v: Json): Record<string, string> | null {
	return v.Labels && typeof v.Labels === 'object' ? (v.Labels as Record<string, string>) : null;
}

function rowValue(volume: Json): GoValue {
	const typed = unmarshal(volumeType, decodeJSON(JSON.stringify(volume)));
	const str = (x: unknown) => (typeof x === 'string' ? x : '');
	const usage = volume.UsageData as {RefCount?: number; Size?: number} | null | undefined;
	const cluster = volume.ClusterVolume as {Info?: {VolumeID?: string}; PublishStatus?: unknown[]; Spec?: {Group?: string; Availability?: string}} | null | undefined;
	return contextValue(volumeContextType, {v: typed}, {
		Name: () => str(volume.Name),
		Driver: () => str(volume.Driver),
		Scope: () => str(volume.Scope),
		Mountpoint: () => str(volume.Mountpoint),
		Labels: () => {
			const labels = labelsOf(volume);
			if (!labels) return '';
			// slices.Sort: bytewise on UTF-8.
			return Object.entries(labels)
				.map(([k, v]) => `${k}=${v}`)
				.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
				.join(',');
		},
		Links: () => (usage ? String(usage.RefCount ?? 0) : 'N/A'),
		Size: () => (usage ? humanSize(usage.Size ?? 0) : 'N/A'),
		Group: () => (cluster ? str(cluster.Spec?.Group) : 'N/A'),
		Availability: () => (cluster ? str(cluster.Spec?.Availability) : 'N/A'),
		Status: () => {
			if (!cluster) return 'N/A';
			if (!cluster.Info?.VolumeID) return 'pending creation';
			const n = cluster.PublishStatus?.length ?? 0;
			return n === 0 ? 'created' : n === 1 ? 'in use (1 node)' : `in use (${n} nodes)`;
		},
	});
}

/** `docker volume ls` for the engine's list (GET /volumes .Volumes). */
export function renderVolumeList(volumes: Json[], options: {format: string; quiet: boolean}): FormatResult {
	const format = volumeFormat(options.format === '' ? 'table' : options.format, options.quiet);
	const sorted = [...volumes].sort((a, b) => {
		const x = String(a.Name ?? '');
		const y = String(b.Name ?? '');
		return naturalCompare(x, y);
	});
	return writeFormatted(format, sorted.map(rowValue), headerValue(VOLUME_HEADER));
}

/** One argument's answer: the engine's bytes, or the error docker prints for it. */
export type VolumeInspectItem = {raw: string} | {error: string};

export interface VolumeInspectOutput {
	stdout: string;
	errors: string[];
	exitCode: number;
}

/** `docker volume inspect [-f FORMAT]`: 64 when the template does not parse. */
export function renderVolumeInspect(format: string, items: VolumeInspectItem[]): VolumeInspectOutput {
	const errors: string[] = [];
	const typed: GoValue[] = [];
	const decoded = (raw: string): GoValue => unmarshal(volumeType, decodeJSON(raw));
	if (format === '' || format === 'json') {
		for (const item of items) {
			if ('error' in item) errors.push(item.error);
			else typed.push(decoded(item.raw));
		}
		let stdout = '[]\n';
		if (typed.length) {
			const compact = marshalJSON({type: sliceOf(volumeType), v: typed}, {escapeHTML: true});
			stdout = (format === '' ? indentJson(compact, '', '    ') : compact) + '\n';
		}
		return {stdout, errors, exitCode: errors.length ? 1 : 0};
	}
	let template;
	try {
		template = parse(format, {funcs: dockerFuncs});
	} catch (error) {
		return {stdout: '', errors: [`template parsing error: ${(error as Error).message}`], exitCode: 64};
	}
	let out = '';
	for (const item of items) {
		if ('error' in item) {
			errors.push(item.error);
			continue;
		}
		try {
			out += execute(template, decoded(item.raw)) + '\n';
		} catch (error) {
			errors.push(`template parsing error: ${(error as Error).message}`);
		}
	}
	return {stdout: out === '' ? '\n' : out, errors, exitCode: errors.length ? 1 : 0};
}

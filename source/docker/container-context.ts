// `docker ps` rows (docker/cli v28 cli/command/formatter/container.go): one
// *formatter.ContainerContext per container, in the daemon's order; the
// default table (with SIZE for -s), -q, raw, json and templates; the columns
// (ports grouped into ranges as DisplayablePorts does, names without links,
// images shortened, commands quoted); and the pass docker makes over the
// template before the request, which fails bad templates and asks the daemon
// for sizes when the template uses .Size.
import {ellipsis, truncateID} from '../format/ids.js';
import {quote} from '../format/strconv.js';
import type {Location} from '../format/time.js';
import {goTimeString, UTC} from '../format/time.js';
import {createdSince, humanSizeWithPrecision} from '../format/units.js';
import type {GoType, GoValue} from '../template/index.js';
import {T, decodeJSON, dockerFuncs, execute, mapOf, parse, ptrTo, sliceOf} from '../template/index.js';
import {endpointsType, mountPointType} from './container-inspect-type.js';
import {contextType, contextValue, headerValue, writeFormatted, type FormatResult} from './formatter.js';
import {displayablePorts, type PortJSON} from './ports.js';
import {descriptorType, embed, field, omit, platformType, struct} from './inspect-type.js';
import {parseNormalizedNamed} from './reference.js';
import {unmarshal} from './unmarshal.js';

export const DEFAULT_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

const portType = struct('container.Port', [field('IP', T.string, 'IP', true), field('PrivatePort', T.uint16, 'PrivatePort'), field('PublicPort', T.uint16, 'PublicPort', true), field('Type', T.string, 'Type')]);

/** api/types/container.Summary (the unexported `c` field of each row). */
export const containerSummaryType = struct('container.Summary', [
	field('ID', T.string, 'Id'),
	field('Names', sliceOf(T.string)),
	field('Image', T.string),
	field('ImageID', T.string),
	field('ImageManifestDescriptor', ptrTo(descriptorType), 'ImageManifestDescriptor', true),
	field('Command', T.string),
	field('Created', T.int64),
	field('Ports', sliceOf(portType)),
	omit('SizeRw', T.int64),
	omit('SizeRootFs', T.int64),
	field('Labels', mapOf(T.string, T.string)),
	field('State', T.string),
	field('Status', T.string),
	field('HostConfig', {kind: 'struct', fields: [omit('NetworkMode', T.string), omit('Annotations', mapOf(T.string, T.string))]}),
	field('NetworkSettings', ptrTo(struct('container.NetworkSettingsSummary', [field('Networks', endpointsType)]))),
	field('Mounts', sliceOf(mountPointType)),
]);

/** formatter.Platform: an ocispec.Platform that prints as os/arch[/variant]. */
const formatterPlatform: GoType = {
	...struct('formatter.Platform', [embed(platformType)]),
	methods: {
		String: {
			result: T.string,
			call: recv => {
				const p = ((recv.v as Record<string, GoValue>).Platform.v as Record<string, GoValue>) ?? {};
				const s = (k: string) => (p[k]?.v as string) || '';
				const os = s('OS') || 'unknown';
				return {type: T.string, v: [os, s('Architecture'), s('Variant')].filter((x, i) => i === 0 || x !== '').join('/')};
			},
		},
	},
};

const emptyStruct: GoType = {kind: 'struct', fields: []};
const fieldsUsedType = mapOf(T.string, T.any);

const COLUMNS = ['ID', 'Names', 'Image', 'Command', 'CreatedAt', 'RunningFor', 'Platform', 'Ports', 'State', 'Status', 'Size', 'Labels', 'Mounts', 'LocalVolumes', 'Networks'];

export const containerContextType = contextType(
	'formatter.ContainerContext',
	[field('trunc', T.bool), field('c', containerSummaryType), field('FieldsUsed', fieldsUsedType)],
	COLUMNS,
	{
		results: {Platform: ptrTo(formatterPlatform)},
		methods: {
			// Label(name): the value of one label, "" when absent.
			Label: {
				ptrReceiver: true,
				params: [T.string],
				result: T.string,
				call: (recv, args) => {
					const c = (recv.v as Record<string, GoValue>).c.v as Record<string, GoValue>;
					const labels = c.Labels.v as Map<string, GoValue> | null;
					return {type: T.string, v: (labels?.get(args[0].v as string)?.v as string | undefined) ?? ''};
				},
			},
		},
	},
);

const HEADER = {
	ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS',
	State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS', Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};

/** formatter.NewContainerFormat. */
export function containerFormat(source: string, quiet: boolean, size: boolean): string {
	if (source === 'table' || source === '') return quiet ? '{{.ID}}' : DEFAULT_CONTAINER_TABLE + (size ? '\\t{{.Size}}' : '');
	if (source === 'raw') {
		if (quiet) return 'container_id: {{.ID}}';
		const raw =
			'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\n' +
			'status: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';
		return raw + (size ? 'size: {{.Size}}\\n' : '');
	}
	return quiet ? '{{.ID}}' : source;
}

/** The plain container summaries as the daemon sends them (JSON.parse'd). */
export type ContainerSummaryJSON = Record<string, unknown>;

export interface ContainerListOptions {
	/** --format as given ('' = the default table, or the config file's psFormat). */
	format: string;
	quiet: boolean;
	/** Sizes were asked for (-s, or the template uses .Size): the table gets SIZE. */
	size: boolean;
	noTrunc: boolean;
	/** Milliseconds since the epoch, for RunningFor. */
	now: number;
	/** time.Local, for CreatedAt. */
	location?: Location;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** ContainerContext.Image: the reference without its digest when truncating; "<no image>" for none. */
export function containerImage(image: string, imageID: string, trunc: boolean): string {
	if (image === '') return '<no image>';
	if (!trunc) return image;
	const short = truncateID(imageID);
	if (short === truncateID(image)) return short;
	const ref = parseNormalizedNamed(image);
	if (!ref) return image;
	return ref.tag !== undefined ? `${ref.familiar}:${ref.tag}` : ref.familiar;
}

/** ContainerContext.Names: without the leading slash; truncated, only the first name that is not a link. */
export function containerNames(names: string[], trunc: boolean): string {
	let stripped = names.map(n => n.slice(1));
	if (trunc) {
		const own = stripped.find(n => n.split('/').length === 1);
		if (own !== undefined) stripped = [own];
	}
	return stripped.join(',');
}

interface RowOptions {
	trunc: boolean;
	now: number;
	location: Location;
}

/** One *formatter.ContainerContext for a container summary (or the empty one docker pre-executes the template on). */
export function containerRow(container: ContainerSummaryJSON, summary: GoValue, options: RowOptions): GoValue {
	const fieldsUsed: GoValue = {type: fieldsUsedType, v: null};
	const labels = container.Labels && typeof container.Labels === 'object' ? (container.Labels as Record<string, unknown>) : null;
	const mounts = Array.isArray(container.Mounts) ? (container.Mounts as Record<string, unknown>[]) : [];
	const settings = container.NetworkSettings as {Networks?: Record<string, unknown>} | null | undefined;
	const created = num(container.Created);
	const {trunc} = options;
	const descriptor = container.ImageManifestDescriptor as {platform?: unknown} | undefined;
	return contextValue(
		containerContextType,
		{trunc: {type: T.bool, v: trunc}, c: summary, FieldsUsed: fieldsUsed},
		{
			ID: () => (trunc ? truncateID(str(container.Id)) : str(container.Id)),
			Names: () => containerNames(strings(container.Names), trunc),
			Image: () => containerImage(str(container.Image), str(container.ImageID), trunc),
			Command: () => quote(trunc ? ellipsis(str(container.Command), 20) : str(container.Command)),
			CreatedAt: () => goTimeString(created, options.location),
			RunningFor: () => createdSince(created, options.now),
			Platform: () => {
				const type = ptrTo(formatterPlatform);
				if (!descriptor || descriptor.platform === undefined || descriptor.platform === null) return {type, v: null};
				const platform = unmarshal(platformType, decodeJSON(JSON.stringify(descriptor.platform)));
				return {type, v: {type: formatterPlatform, v: {Platform: platform}}};
			},
			Ports: () => displayablePorts(Array.isArray(container.Ports) ? (container.Ports as PortJSON[]) : []),
			State: () => str(container.State),
			Status: () => str(container.Status),
			Size: () => {
				// FieldsUsed records the call (the pre-pass reads it; {{.FieldsUsed}} shows it afterwards).
				fieldsUsed.v = new Map([['Size', {type: T.any, v: {type: emptyStruct, v: {}}}]]);
				const rw = humanSizeWithPrecision(num(container.SizeRw), 3);
				const rootFs = num(container.SizeRootFs);
				return rootFs > 0 ? `${rw} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : rw;
			},
			Labels: () => {
				if (!labels) return '';
				const pairs = Object.entries(labels).map(([k, v]) => `${k}=${str(v)}`);
				return pairs.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).join(',');
			},
			Mounts: () => mounts.map(m => (str(m.Name) === '' ? str(m.Source) : str(m.Name))).map(n => (trunc ? ellipsis(n, 15) : n)).join(','),
			LocalVolumes: () => String(mounts.filter(m => m.Driver === 'local').length),
			// Go ranges over the map in random order; the daemon's order is one of those.
			Networks: () => Object.keys(settings?.Networks ?? {}).join(','),
		},
	);
}

export type PrePass = {ok: true; usesSize: boolean} | {ok: false; error: string};

/**
 * buildContainerListOptions: the --format as given is parsed and run on an
 * empty ContainerContext before any request. A failure is docker's error
 * (exit status 1); a template that calls .Size makes docker ask for sizes.
 */
export function prePass(format: string, now = 0): PrePass {
	if (format === '') return {ok: true, usesSize: false};
	let template;
	try {
		template = parse(format, {funcs: dockerFuncs});
	} catch (error) {
		return {ok: false, error: `failed to parse template: ${(error as Error).message}`};
	}
	// `now` (ms) for its RunningFor: docker's reads the clock, from Created 0 ("56 years ago" in an error that prints it).
	const empty = containerRow({}, unmarshal(containerSummaryType, null), {trunc: false, now, location: UTC});
	const record = (empty.v as GoValue).v as Record<string, GoValue>;
	// The empty context carries the column names in its Header (NewContainerContext).
	(record.HeaderContext.v as Record<string, GoValue>).Header = {type: T.any, v: headerValue(HEADER)};
	try {
		execute(template, empty);
	} catch (error) {
		return {ok: false, error: `failed to execute template: ${(error as Error).message}`};
	}
	const used = record.FieldsUsed.v as Map<string, GoValue> | null;
	return {ok: true, usesSize: Boolean(used?.has('Size'))};
}

/** `docker ps` output for the daemon's list (in its order). */
export function renderContainerList(containers: ContainerSummaryJSON[], options: ContainerListOptions): FormatResult {
	const format = containerFormat(options.format, options.quiet, options.size);
	const rowOptions = {trunc: !options.noTrunc, now: options.now, location: options.location ?? UTC};
	const rows = containers.map(c => containerRow(c, unmarshal(containerSummaryType, decodeJSON(JSON.stringify(c))), rowOptions));
	return writeFormatted(format, rows, headerValue(HEADER));
}

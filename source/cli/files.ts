/**
 * `imgscope files IMAGE [--layer N] [--aggregate] [--json]`: what layer N
 * (0-based, as in RootFS.Layers; default the last) changed against the
 * layers below it, or with --aggregate the whole filesystem as seen at that
 * layer. Read from the engine's export or, with --archive, from a file.
 */
import {layerChanges} from '../layers/changes.js';
import {filesystemAt} from '../layers/model.js';
import {UsageError} from './args.js';
import type {Command} from './command.js';
import {archiveFlag, imageSpec, openImage} from './image-source.js';
import {remoteFlags} from './remote.js';
import {changeJson, emit, emitJsonDocument, entryJson, pathJson, shownPath, shownSize} from './layer-output.js';
import {renderTable} from './text-table.js';

/** `--layer` as given: a non-negative integer; its range is checked once the image is read. */
export function parseLayerIndex(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d{1,9}$/.test(value.trim())) throw new UsageError(`invalid argument "${value}" for "--layer" flag: a layer index is a whole number from 0 (the bottom layer)`, 'files');
	return Number(value.trim());
}

export function layerRangeText(count: number): string {
	if (count === 0) return 'the image has no layers';
	if (count === 1) return 'the image has 1 layer: the only valid index is 0';
	return `the image has ${count} layers: valid indexes are 0 to ${count - 1}`;
}

const files: Command = {
	name: 'files',
	summary: "List what a layer changed (added, modified, removed), or the filesystem at that layer",
	usage: 'imgscope files [OPTIONS] IMAGE',
	flags: [
		{name: 'layer', type: 'string', valueName: 'N', help: 'Layer to show, 0-based as in RootFS.Layers (default: the last)'},
		{name: 'aggregate', type: 'bool', help: 'Show the whole filesystem as seen at that layer instead of its changes'},
		{name: 'json', type: 'bool', help: 'Print a JSON document'},
		archiveFlag,
		...remoteFlags,
	],
	maxArgs: 1,
	async run(context, parsed) {
		const asked = parseLayerIndex(parsed.flags.layer as string | undefined);
		const spec = imageSpec(context, parsed.positionals, parsed.flags, 'files');
		const image = await openImage(context, spec);
		const count = image.model.layerCount;
		if (asked !== undefined && asked >= count) {
			throw new UsageError(`invalid argument "${parsed.flags.layer as string}" for "--layer" flag: ${layerRangeText(count)}`, 'files');
		}
		const aggregate = Boolean(parsed.flags.aggregate);
		const json = Boolean(parsed.flags.json);
		if (count === 0) {
			if (json) await emitJsonDocument(context.stdout, {image: image.name, id: image.id, layer: null, layers: 0, diffId: null, aggregate}, {entries: []});
			return 0;
		}
		const n = asked ?? count - 1;
		const changes = layerChanges(image.model, n);
		const head = {image: image.name, id: image.id, layer: n, layers: count, diffId: image.diffIds[n], aggregate};
		if (!aggregate) {
			if (json) {
				await emitJsonDocument(context.stdout, head, {entries: changes.map(changeJson)});
				return 0;
			}
			const rows = changes.map(c => [c.change, c.type, shownSize(c.size), shownPath(c.path, c.entry)]);
			await emit(context.stdout, renderTable(['CHANGE', 'TYPE', 'SIZE', 'PATH'], rows));
			return 0;
		}
		const changed = new Map(changes.map(c => [c.path, c]));
		const visible = filesystemAt(image.model, n);
		if (json) {
			const entries = visible.map(v => {
				const c = changed.get(v.entry.path);
				const {type, size, ...rest} = entryJson(v.entry);
				const out: Record<string, unknown> = {...pathJson(v.entry.path), change: c?.change ?? null, type, size, layer: v.layer, ...rest};
				if (c?.what) out.what = c.what;
				return out;
			});
			await emitJsonDocument(context.stdout, head, {entries});
			return 0;
		}
		const rows = visible.map(v => [changed.get(v.entry.path)?.change ?? '-', v.entry.type, shownSize(v.entry.size), String(v.layer), shownPath(v.entry.path, v.entry)]);
		await emit(context.stdout, renderTable(['CHANGE', 'TYPE', 'SIZE', 'LAYER', 'PATH'], rows));
		return 0;
	},
};

export default files;

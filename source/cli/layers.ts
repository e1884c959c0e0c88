import {openLayerCache} from '../cache/layer-cache.js';
import {loadImageDetail} from '../engine/image-detail.js';
import {imageSize} from '../format/units.js';
import type {Command} from './command.js';
import {renderTable} from './text-table.js';
import {isRemote, remoteFlags, remoteImageDetail} from './remote.js';

/** The Layers tab as text or JSON: each RootFS layer with the step that made it. */
const layers: Command = {
	name: 'layers',
	summary: "Show an image's layers: diff_id, size, cumulative size and the step that made each",
	usage: 'imgscope layers [OPTIONS] IMAGE',
	flags: [
		{name: 'json', type: 'bool', help: 'Print a JSON document'},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate diff_ids and commands"},
		...remoteFlags,
		{name: 'manifest-only', type: 'bool', help: 'Remote: do not read the layer blobs; sizes are then the compressed ones from the manifest (the COMPRESSED columns)'},
	],
	minArgs: 1,
	maxArgs: 1,
	async run(context, parsed) {
		const ref = parsed.positionals[0];
		const remote = isRemote(parsed.flags, ref) ? (await remoteImageDetail(context, ref, parsed.flags, !parsed.flags['manifest-only'])).detail : undefined;
		// The config read once is kept in the layer index: the next look needs no export.
		const detail = remote ?? (await loadImageDetail(await context.engine(), ref, {cache: openLayerCache({disabled: context.noCache})}));
		const {pairing} = detail;
		// Said on stderr so that stdout stays the document: the pairing below is a guess.
		if (!pairing.exact) context.stderr.write(`imgscope: warning: the image's history does not say which steps made layers (no empty_layer flags); the pairing of steps and layers is guessed\n`);
		if (parsed.flags.json) {
			const document = {
				image: ref,
				id: detail.inspect.value.Id,
				pairing: !pairing.exact ? 'inferred' : detail.pairingSource === 'config' ? 'config' : 'exact',
				...(remote ? {sizes: remote.remote.sizes} : {}),
				layers: pairing.layers.map((layer) => ({
					index: layer.index,
					diff_id: layer.diffId,
					size: layer.size ?? null,
					cumulative_size: layer.cumulativeSize ?? null,
					...(remote ? {digest: remote.remote.blobDigests[layer.index], compressed_size: remote.remote.compressed[layer.index]} : {}),
					step: layer.step
						? {
								created_by: layer.step.createdBy,
								created: typeof layer.step.created === 'number' ? new Date(layer.step.created * 1000).toISOString().replace('.000Z', 'Z') : (layer.step.created ?? null),
								comment: layer.step.comment ?? '',
							}
						: null,
				})),
			};
			context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
			return 0;
		}
		const full = Boolean(parsed.flags['no-trunc']);
		const rows = pairing.layers.map((layer) => [
			String(layer.index),
			full ? layer.diffId : layer.diffId.replace(/^sha256:/, '').slice(0, 12),
			layer.size === undefined ? '?' : imageSize(layer.size),
			layer.cumulativeSize === undefined ? '?' : imageSize(layer.cumulativeSize),
			oneLine(layer.step?.createdBy ?? '', full),
		]);
		// --manifest-only: the sizes are the blobs' (compressed), and the headers say so.
		const compressed = remote?.remote.sizes === 'compressed';
		context.stdout.write(renderTable(['#', 'DIFF ID', compressed ? 'COMPRESSED' : 'SIZE', compressed ? 'CUMULATIVE COMPRESSED' : 'CUMULATIVE', 'CREATED BY'], rows));
		return 0;
	},
};

function oneLine(text: string, full: boolean): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return full || flat.length <= 60 ? flat : `${flat.slice(0, 59)}…`;
}

export default layers;

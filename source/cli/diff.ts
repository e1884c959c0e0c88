/**
 * `imgscope diff IMAGE_A IMAGE_B [--json]`: the layers the two images share
 * (by diff_id) and the paths added, modified and removed from A's final
 * filesystem to B's.
 *
 * Sources: both from the engine; `--archive X` once, both images picked by
 * name from that archive; or `--archive A --archive B`, one image from each
 * (names then optional, each picking within its own archive).
 */
import {type Change} from '../layers/changes.js';
import {diffFilesystems} from '../layers/diff.js';
import {UsageError} from './args.js';
import type {Command} from './command.js';
import {type ImageSpec, type OpenedImage, archiveFlag, openImage} from './image-source.js';
import {changeJson, emit, emitJsonDocument, shownPath, shownSize} from './layer-output.js';
import {renderTable} from './text-table.js';
import {clientOptions, isRemote, remoteFlags} from './remote.js';

export function diffSpecs(positionals: string[], archives: string[], fallbackArchive?: string): [ImageSpec, ImageSpec] {
	if (archives.length === 0 && fallbackArchive !== undefined) archives = [fallbackArchive];
	if (archives.some(a => a === '')) throw new UsageError('invalid argument "" for "--archive" flag: a file or directory is needed', 'diff');
	if (archives.length > 2) throw new UsageError('--archive is given at most twice (one archive per image)', 'diff');
	if (positionals.length > 2) throw new UsageError('"imgscope diff" accepts at most 2 arguments', 'diff');
	if (archives.length === 2) return [{archive: archives[0], ref: positionals[0]}, {archive: archives[1], ref: positionals[1]}];
	if (positionals.length < 2) {
		throw new UsageError(`"imgscope diff" requires 2 arguments (IMAGE_A IMAGE_B${archives.length === 1 ? ', both in the archive' : ''}, or --archive A --archive B)`, 'diff');
	}
	if (archives.length === 1) return [{archive: archives[0], ref: positionals[0]}, {archive: archives[0], ref: positionals[1]}];
	return [{ref: positionals[0]}, {ref: positionals[1]}];
}

function describeImage(image: OpenedImage): Record<string, unknown> {
	const out: Record<string, unknown> = {image: image.name, id: image.id, layers: image.model.layerCount, diffIds: image.diffIds};
	if (image.archivePath !== undefined) out.archive = image.archivePath;
	return out;
}

const diff: Command = {
	name: 'diff',
	summary: "Compare two images: shared layers, and the files added, modified and removed",
	usage: 'imgscope diff [OPTIONS] IMAGE_A IMAGE_B',
	flags: [
		{name: 'json', type: 'bool', help: 'Print a JSON document'},
		{...archiveFlag, type: 'list', help: 'Read from an archive (docker save tar, OCI archive or layout directory): once for both images (picked by name), or twice, one per image'},
		...remoteFlags,
	],
	maxArgs: 2,
	async run(context, parsed) {
		const [specA, specB] = diffSpecs(parsed.positionals, (parsed.flags.archive as string[] | undefined) ?? [], context.archive);
		// A reference naming a registry host is read from there (so a local image and a remote tag, or two tags, compare).
		for (const spec of [specA, specB]) {
			if (spec.archive === undefined && isRemote(parsed.flags, spec.ref)) spec.remote = {platform: parsed.flags.platform as string | undefined, client: clientOptions(parsed.flags, context.stderr)};
		}
		// One after the other: the memory of one read at a time.
		const a = await openImage(context, specA);
		const b = await openImage(context, specB);
		const result = diffFilesystems({model: a.model, diffIds: a.diffIds}, {model: b.model, diffIds: b.diffIds});
		const changes: Change[] = [...result.added, ...result.modified, ...result.removed].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
		const sum = (list: Change[]) => list.reduce((n, c) => n + c.size, 0);
		const summary = {
			added: result.added.length,
			modified: result.modified.length,
			removed: result.removed.length,
			addedBytes: sum(result.added),
			modifiedBytes: sum(result.modified),
			removedBytes: sum(result.removed),
		};
		if (parsed.flags.json) {
			await emitJsonDocument(
				context.stdout,
				{a: describeImage(a), b: describeImage(b), sharedLayers: result.layers.shared, commonPrefix: result.layers.commonPrefix, summary},
				{changes: changes.map(changeJson)},
			);
			return 0;
		}
		const shared = result.layers.shared.length;
		const layers = (n: number) => `${n} layer${n === 1 ? '' : 's'}`;
		let text = `A: ${shownPath(a.name)} (${layers(a.model.layerCount)})\nB: ${shownPath(b.name)} (${layers(b.model.layerCount)})\n`;
		text += `shared layers: ${shared}${shared ? `, the bottom ${result.layers.commonPrefix} in common` : ''}\n`;
		text += `added: ${summary.added} (${shownSize(summary.addedBytes)}), modified: ${summary.modified} (${shownSize(summary.modifiedBytes)}), removed: ${summary.removed} (${shownSize(summary.removedBytes)})\n`;
		if (changes.length) text += `\n${renderTable(['CHANGE', 'TYPE', 'SIZE', 'PATH'], changes.map(c => [c.change, c.type, shownSize(c.size), shownPath(c.path, c.entry)]))}`;
		await emit(context.stdout, text);
		return 0;
	},
};

export default diff;

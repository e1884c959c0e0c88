/**
 * Opens one image for the layer commands (files, check, diff): from the
 * engine (`GET /images/{name}/get`, what `docker save` writes) or, with
 * `--archive`, from a docker-save tar, an OCI archive or an OCI layout
 * directory without any engine. Either way the bytes go through the same
 * archive reader once, keeping metadata only, and come out as the layer
 * model.
 *
 * While reading, a progress line goes to stderr when stderr is a terminal
 * (cleared when done; image-progress.ts); nothing is written there otherwise.
 */
import {createHash} from 'node:crypto';
import {stat} from 'node:fs/promises';
import {ArchiveError, type ImageArchive, type ReadProgress, readImageArchive} from '../engine/archive/index.js';
import {openLayerCache} from '../cache/layer-cache.js';
import {readImageLayers} from '../engine/cached-read.js';
import {EngineError} from '../engine/errors.js';
import {humanSize} from '../format/units.js';
import {buildImageModel, type ImageModel} from '../layers/index.js';
import {visible} from '../text/sanitize.js';
import type {ClientOptions} from '../engine/registry/client.js';
import {type FlagSpec, UsageError} from './args.js';
import {type ProgressLine, progressLine} from './image-progress.js';
import {clientOptions, describeRemote, isRemote} from './remote.js';
import type {CommandContext} from './command.js';
import {CommandError} from './command.js';

export const archiveFlag: FlagSpec = {
	name: 'archive',
	type: 'string',
	valueName: 'FILE|DIR',
	help: 'Read the image from a docker save tar, an OCI archive or an OCI layout directory (no engine needed); IMAGE, if given, picks one image in it',
};

export interface ImageSpec {
	/** The image name or ID (engine), or which image of the archive (optional there). */
	ref?: string;
	/** A docker-save tar, OCI archive or OCI layout directory. */
	archive?: string;
	/** Read `ref` from its registry (cli/remote.ts decides), with these options. */
	remote?: {platform?: string; client: ClientOptions};
}

export interface OpenedImage {
	/** What to call the image in output: the name given, else the archive's first tag, else the archive path. */
	name: string;
	source: 'engine' | 'archive' | 'registry';
	/** The archive path when read from one. */
	archivePath?: string;
	/** sha256 of the image config: the image ID. */
	id: string;
	archive: ImageArchive;
	model: ImageModel;
	/** diff_ids as computed while reading (the config's, unless a warning says otherwise). */
	diffIds: string[];
}

/** The spec of the single image of files/check: IMAGE, --archive, or both. */
export function imageSpec(context: CommandContext, positionals: string[], flags: Record<string, unknown>, command: string): ImageSpec {
	const archive = (flags.archive as string | undefined) ?? context.archive;
	const ref = positionals[0];
	if (archive === '') throw new UsageError('invalid argument "" for "--archive" flag: a file or directory is needed', command);
	if (ref === undefined && archive === undefined) throw new UsageError(`"imgscope ${command}" requires 1 argument (IMAGE, or --archive FILE)`, command);
	if (positionals.length > 1) throw new UsageError(`"imgscope ${command}" accepts at most 1 argument`, command);
	if (archive === undefined && isRemote(flags, ref)) return {ref, remote: {platform: flags.platform as string | undefined, client: clientOptions(flags, context.stderr)}};
	return {ref, archive};
}

export interface OpenOptions {
	/**
	 * Hash file contents (the default). `check` turns it off: the waste figures
	 * never compare contents, and hashing is most of the reader's CPU time.
	 */
	digests?: boolean;
}

/** Reads the image and builds its model. Failures become one-line CommandErrors (exit 1). */
export async function openImage(context: CommandContext, spec: ImageSpec, options: OpenOptions = {}): Promise<OpenedImage> {
	if (spec.remote) return openRemote(context, spec, options);
	if (spec.archive === undefined) checkReference(spec.ref ?? '');
	const label = spec.ref ?? spec.archive ?? '';
	const progress = progressLine(context.stderr, label);
	const controller = new AbortController();
	// Ctrl+C while the progress line shows: stop reading, clear the line, exit 130 (a second one kills at once).
	const onInterrupt = () => controller.abort(new CommandError('', 130));
	if (progress.active) process.once('SIGINT', onInterrupt);
	try {
		const archive = spec.archive === undefined ? await fromEngine(context, spec.ref!, controller.signal, progress, options) : await fromArchive(spec.archive, spec.ref, controller.signal, progress.update, options);
		progress.done();
		for (const warning of archive.warnings) context.stderr.write(`imgscope: warning: ${visible(warning)}\n`);
		const model = buildImageModel(archive.layers);
		return {
			name: spec.ref ?? archive.repoTags[0] ?? spec.archive!,
			source: spec.archive === undefined ? 'engine' : 'archive',
			archivePath: spec.archive,
			id: `sha256:${createHash('sha256').update(archive.configRaw).digest('hex')}`,
			archive,
			model,
			diffIds: archive.layers.map(layer => layer.diffId),
		};
	} catch (error) {
		progress.done();
		if (controller.signal.aborted && controller.signal.reason instanceof CommandError) throw controller.signal.reason;
		throw describe(error, spec);
	} finally {
		process.removeListener('SIGINT', onInterrupt);
	}
}

/** The image straight from its registry: manifest, config, then every layer blob streamed and verified. */
async function openRemote(context: CommandContext, spec: ImageSpec, options: OpenOptions): Promise<OpenedImage> {
	const ref = spec.ref ?? '';
	const progress = progressLine(context.stderr, ref);
	const controller = new AbortController();
	const onInterrupt = () => controller.abort(new CommandError('', 130));
	if (progress.active) process.once('SIGINT', onInterrupt);
	const {clientFor, resolveRemote, readRemoteLayers} = await import('../engine/registry/remote-image.js');
	const {parseRemote} = await import('../registry/remote-reference.js');
	let client: {close(): void} | undefined;
	try {
		const reference = parseRemote(ref);
		const registry = clientFor(reference, spec.remote!.client);
		client = registry;
		progress.note('asking the registry…');
		const image = await resolveRemote(reference, {platform: spec.remote!.platform, signal: controller.signal, client: registry});
		const archive = await readRemoteLayers(image, {signal: controller.signal, onProgress: progress.update, digests: options.digests});
		progress.done();
		for (const warning of archive.warnings) context.stderr.write(`imgscope: warning: ${visible(warning)}\n`);
		return {
			name: ref,
			source: 'registry',
			id: image.manifest.config.digest,
			archive,
			model: buildImageModel(archive.layers),
			diffIds: archive.layers.map(layer => layer.diffId),
		};
	} catch (error) {
		progress.done();
		if (controller.signal.aborted && controller.signal.reason instanceof CommandError) throw controller.signal.reason;
		throw describeRemote(error);
	} finally {
		client?.close();
		process.removeListener('SIGINT', onInterrupt);
	}
}

/** Names with empty, `.` or `..` segments are no image name or ID; never send them into an API path. */
function checkReference(ref: string): void {
	if (ref === '') throw new UsageError('the image name is empty');
	if (ref.split('/').some(part => part === '' || part === '.' || part === '..')) {
		throw new CommandError(`imgscope: invalid reference format: ${JSON.stringify(ref)} is not an image name or ID`, 1);
	}
}

async function fromEngine(context: CommandContext, ref: string, signal: AbortSignal, progress: ProgressLine, options: OpenOptions): Promise<ImageArchive> {
	const engine = await context.engine();
	// Inspect first: it names a missing image the way docker does, gives the layer count, and says
	// whether the layer index holds every layer (then no export is asked for at all).
	const inspect = await engine.inspectImage(ref, signal);
	const expectedLayers = inspect.value.RootFS?.Layers?.length;
	const cache = openLayerCache({disabled: context.noCache});
	const read = await readImageLayers(engine, ref, inspect.value, {
		signal,
		onProgress: progress.update,
		onExport: () => progress.note(`waiting for the engine's export (${expectedLayers ?? '?'} layers, ${humanSize(inspect.value.Size ?? 0)})…`),
		digests: options.digests,
		cache,
	});
	return read.archive;
}

async function fromArchive(file: string, image: string | undefined, signal: AbortSignal, onProgress: (p: ReadProgress) => void, options: OpenOptions): Promise<ImageArchive> {
	try {
		await stat(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new CommandError(`imgscope: cannot read the archive ${visible(file)}: ${why}`, 1);
	}
	return readImageArchive(file, {signal, onProgress, image, digests: options.digests});
}

function describe(error: unknown, spec: ImageSpec): unknown {
	if (error instanceof CommandError || error instanceof UsageError || error instanceof EngineError) return error;
	if (error instanceof ArchiveError) {
		const where = spec.archive === undefined ? `the export of ${visible(spec.ref ?? '')}` : visible(spec.archive);
		return new CommandError(`imgscope: ${where}: ${visible(error.message)}`, 1);
	}
	const e = error as NodeJS.ErrnoException;
	if (e?.code === 'EISDIR' || e?.code === 'EACCES' || e?.code === 'ENOENT' || e?.code === 'EIO') {
		return new CommandError(`imgscope: cannot read ${visible(spec.archive ?? spec.ref ?? '')}: ${visible(e.message)}`, 1);
	}
	return error;
}

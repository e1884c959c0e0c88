/**
 * A volume's files through the engine's archive API: GET
 * /containers/{helper}/archive?path=/v/. streams a tar of the volume, read
 * by the archive reader's LayerScanner (the same entries, anomalies and hard
 * link handling as a layer) into the layer model's FileEntry list and a
 * FileTree. One file is extracted with the archive extractor's rules: the
 * destination must be inside the chosen directory and not exist.
 */
import {closeSync, constants, openSync, unlinkSync, writeSync} from 'node:fs';
import {link} from 'node:fs/promises';
import {createHash, randomBytes} from 'node:crypto';
import path from 'node:path';
import type {Readable} from 'node:stream';
import type {Engine} from '../engine.js';
import {cutWhileReading, EngineError} from '../errors.js';
import {ArchiveError, defaultLimits} from '../archive/errors.js';
import {checkDestination} from '../archive/extract.js';
import {Flow} from '../archive/flow.js';
import {LayerScanner} from '../archive/layer.js';
import {inlineHashing} from '../archive/layer-hashing.js';
import {type TarHeader, TarParser} from '../archive/tar.js';
import {FileTree} from '../../layers/tree.js';
import {normalisePath} from '../../layers/paths.js';
import type {LayerEntries} from '../../layers/types.js';
import {MOUNT, guarded, withHelper} from './helper.js';

export interface VolumeFiles extends LayerEntries {
	/** Built when first read (the explorer makes its own from the entries). */
	readonly tree: FileTree;
}

export interface ReadFilesOptions {
	signal?: AbortSignal;
	/** Bytes of tar read so far. */
	onProgress?: (bytes: number) => void;
	/** sha256 of every file (off by default: a browse needs sizes, not contents). */
	digests?: boolean;
}

/** GET archive of a helper's /v/. as a stream (entries named ./...). */
export async function openVolumeArchive(engine: Engine, helper: string, signal?: AbortSignal): Promise<Readable> {
	return engine.stream(`/containers/${encodeURIComponent(helper)}/archive`, {query: {path: `${MOUNT}/.`}, signal, timeout: 0});
}

/** Feeds a stream to a sink chunk by chunk; a stream cut before its end is the engine going away. */
export async function pump(engine: Engine, stream: Readable, what: string, write: (chunk: Buffer) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
	try {
		for await (const chunk of stream) {
			const waited = write(chunk as Buffer);
			if (waited) await waited;
		}
	} catch (error) {
		if (error instanceof ArchiveError || error instanceof EngineError) throw error;
		if (signal?.aborted) throw new EngineError('aborted', `${what}: cancelled`);
		if ((error as {code?: string}).code === 'ENOSPC' || (error as {syscall?: string}).syscall === 'write') throw error;
		throw cutWhileReading(engine.endpoint, what, (error as {code?: string}).code);
	} finally {
		stream.destroy();
	}
}

/** Every entry of the volume (never contents), and its tree. */
export async function readVolumeFiles(engine: Engine, volume: string, options: ReadFilesOptions = {}): Promise<VolumeFiles> {
	return withHelper(engine, volume, {readOnly: true, signal: options.signal}, async (helper, signal) => {
		const stream = await openVolumeArchive(engine, helper, signal);
		const flow = new Flow(signal);
		let done: LayerEntries | undefined;
		const scanner = new LayerScanner(`volume ${volume}`, 'none', defaultLimits, {total: 0}, l => (done = l), inlineHashing(false), flow, options.digests ?? false);
		let bytes = 0;
		await pump(engine, stream, `GET archive of volume ${volume}`, chunk => {
			scanner.write(chunk);
			bytes += chunk.length;
			options.onProgress?.(bytes);
		}, signal);
		scanner.end();
		await flow.settle();
		if (!done) throw new ArchiveError(`the archive of volume ${volume} ended early`, 'bad-archive');
		const layer: LayerEntries = done;
		// Made when first asked for: the explorer builds its own (the Files tab's model), and on a
		// volume of 100,000 files this one is a second of work and tens of MB nobody reads.
		let tree: FileTree | undefined;
		return Object.defineProperty({...layer}, 'tree', {
			enumerable: true,
			get: () => (tree ??= new FileTree(layer.entries.map(entry => ({path: entry.path, type: entry.type, size: entry.size, entry})))),
		}) as VolumeFiles;
	});
}

export interface ExtractedFile {
	path: string;
	bytes: number;
	digest: string;
}

/**
 * Writes one regular file of the volume to `name` inside `destDir`: never
 * outside it, never over an existing file (checkDestination, then link() of a
 * private temporary file, which fails on an existing name). A hard link is
 * read through its target, in the same stream (the target comes first).
 */
export async function extractVolumeFile(engine: Engine, volume: string, filePath: string, destDir: string, name: string, options: {signal?: AbortSignal} = {}): Promise<ExtractedFile> {
	const dest = await checkDestination(destDir, name);
	const wanted = normalisePath(filePath).path;
	// Guarded: Ctrl+C waits for the temporary file to go.
	return guarded(options.signal, outer => withHelper(engine, volume, {readOnly: true, signal: outer}, async (helper, signal) => {
		const temp = path.join(dest.dir, `.imgscope-extract-${randomBytes(8).toString('hex')}`);
		let fd: number | undefined;
		const hash = createHash('sha256');
		let bytes = 0;
		/** One read of the archive looking for one path: its data goes to the temporary file. */
		const scan = async (target: string): Promise<{kind: 'file'} | {kind: 'hardlink'; to: string} | {kind: 'other'; type: string} | undefined> => {
			let found: {kind: 'file'} | {kind: 'hardlink'; to: string} | {kind: 'other'; type: string} | undefined;
			const parser = new TarParser({
				entry(h: TarHeader) {
					if (found?.kind === 'file' || normalisePath(h.name).path !== target) return undefined;
					if (h.type === 'hardlink') found = {kind: 'hardlink', to: normalisePath(h.linkname).path};
					else if (h.type !== 'file') found = {kind: 'other', type: h.type === 'unknown' ? `type ${h.flag} entry` : h.type};
					else {
						found = {kind: 'file'};
						fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
						return {
							write(chunk: Buffer) {
								for (let off = 0; off < chunk.length; ) off += writeSync(fd!, chunk, off, chunk.length - off);
								hash.update(chunk);
								bytes += chunk.length;
							},
							end() {},
						};
					}
					return undefined;
				},
			});
			const stream = await openVolumeArchive(engine, helper, signal);
			await pump(engine, stream, `GET archive of volume ${volume}`, chunk => parser.write(chunk), signal);
			parser.end();
			return found;
		};
		try {
			let current = wanted;
			let result = await scan(current);
			// A hard link names an earlier entry: read again for it (bounded).
			for (let hops = 0; result?.kind === 'hardlink' && hops < 4; hops++) {
				current = result.to;
				result = await scan(current);
			}
			if (!result) throw new ArchiveError(`${current} is not in volume ${volume}`, 'not-found');
			if (result.kind === 'hardlink') throw new ArchiveError(`${wanted}: too many hard links`, 'extract-refused');
			if (result.kind === 'other') throw new ArchiveError(`${current} in volume ${volume} is a ${result.type}, not a regular file`, 'extract-refused');
			closeSync(fd!);
			fd = undefined;
			try {
				await link(temp, dest.target);
			} catch (e) {
				throw new ArchiveError(`cannot write ${dest.target}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : (e as Error).message}`, 'extract-refused', undefined, e);
			}
			return {path: dest.target, bytes, digest: hash.digest('hex')};
		} finally {
			if (fd !== undefined) closeSync(fd);
			try {
				unlinkSync(temp);
			} catch {
				// never made, or already gone
			}
		}
	}));
}

/**
 * Back up and restore: a volume exported to a .tar (or .tar.gz) through the
 * helper's GET archive, and a tar imported into a new or an empty volume
 * through PUT archive of a helper that mounts it read-write.
 *
 * Export writes to a private temporary file beside the destination and links
 * it into place only once the whole tar has come and been checked complete,
 * so a failure (a full disk, the engine going away, Ctrl+C) leaves nothing
 * under the destination's name. Import reads the whole tar once before
 * anything is sent: a name that is absolute or climbs out with `..`, a hard
 * link out, a relative symlink that leads above the volume's root, a device
 * node or an entry of an unknown type refuses the tar.
 */
import {createReadStream, createWriteStream} from 'node:fs';
import {link, lstat, open, stat, unlink} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {PassThrough, type Readable, Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGunzip, createGzip} from 'node:zlib';
import type {Engine} from '../engine.js';
import {EngineError} from '../errors.js';
import {detectCompression} from '../archive/decompress.js';
import {type TarHeader, TarError, TarParser} from '../archive/tar.js';
import {normalisePath} from '../../layers/paths.js';
import {MOUNT, guarded, withHelper} from './helper.js';
import {openVolumeArchive} from './files.js';
import {createVolume, inspectVolume, volumePath, volumeUsers} from './volumes.js';
import type {VolumeUser} from './types.js';

export class BackupError extends Error {
	constructor(message: string, cause?: unknown) {
		super(message, cause === undefined ? undefined : {cause});
		this.name = 'BackupError';
	}
}

export interface ExportOptions {
	/** gzip the tar; default: when the file name ends in .gz or .tgz. */
	gzip?: boolean;
	signal?: AbortSignal;
	/** Bytes of tar received so far (before compression). */
	onProgress?: (bytes: number) => void;
	/** Told before copying when running containers use the volume (their writes may land mid-copy). */
	onInUse?: (running: VolumeUser[]) => void;
}

export interface ExportResult {
	file: string;
	/** Bytes of tar read from the engine. */
	tarBytes: number;
	/** Bytes written to the file. */
	fileBytes: number;
	entries: number;
	/** Running containers that used the volume during the copy. */
	inUse: VolumeUser[];
}

const wantsGzip = (file: string) => /\.(t?gz)$/i.test(file);

/** Exports a volume to `file` (never over an existing one). */
export async function exportVolume(engine: Engine, volume: string, file: string, options: ExportOptions = {}): Promise<ExportResult> {
	return guarded(options.signal, signal => exportGuarded(engine, volume, file, {...options, signal}));
}

async function exportGuarded(engine: Engine, volume: string, file: string, options: ExportOptions & {signal: AbortSignal}): Promise<ExportResult> {
	const target = path.resolve(file);
	const parent = await stat(path.dirname(target)).catch(() => undefined);
	if (!parent?.isDirectory()) throw new BackupError(`cannot write ${file}: the directory ${path.dirname(target)} does not exist`);
	if (await lstat(target).catch(() => undefined)) throw new BackupError(`${file} already exists: name a new file`);
	await inspectVolume(engine, volume, options.signal);
	const inUse = (await volumeUsers(engine, volume, options.signal)).filter(u => u.state === 'running');
	if (inUse.length) options.onInUse?.(inUse);
	const temp = path.join(path.dirname(target), `.${path.basename(target)}.imgscope-partial-${randomBytes(6).toString('hex')}`);
	let written = false;
	try {
		const result = await withHelper(engine, volume, {readOnly: true, signal: options.signal}, async (helper, signal) => {
			const stream = await openVolumeArchive(engine, helper, signal);
			let tarBytes = 0;
			let entries = 0;
			const parser = new TarParser({entry: () => void entries++});
			// The tar is checked as it passes: the file is kept only when it ends properly.
			const check = new Transform({
				transform(chunk: Buffer, _encoding, done) {
					try {
						parser.write(chunk);
					} catch (error) {
						done(error as Error);
						return;
					}
					tarBytes += chunk.length;
					options.onProgress?.(tarBytes);
					done(null, chunk);
				},
				flush(done) {
					try {
						parser.end();
						if (!parser.sawEnd) throw new TarError('the tar has no end marker');
						done();
					} catch (error) {
						done(error as Error);
					}
				},
			});
			written = true;
			const out = createWriteStream(temp, {flags: 'wx', mode: 0o600});
			const stages: NodeJS.ReadWriteStream[] = [check];
			if (options.gzip ?? wantsGzip(file)) stages.push(createGzip());
			try {
				await pipeline([stream, ...stages, out] as unknown as [Readable, ...NodeJS.ReadWriteStream[]], {signal: signal});
			} catch (error) {
				throw describe(engine, volume, file, error, signal);
			}
			return {tarBytes, entries, fileBytes: out.bytesWritten};
		});
		try {
			await link(temp, target);
		} catch (error) {
			throw new BackupError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it was created meanwhile' : (error as Error).message}`, error);
		}
		return {file: target, ...result, inUse};
	} finally {
		if (written) await unlink(temp).catch(() => undefined);
	}
}

/** Why a copy stopped, in words: the disk, the engine, the tar or the user. */
function describe(engine: Engine, volume: string, file: string, error: unknown, signal?: AbortSignal): Error {
	const e = error as NodeJS.ErrnoException;
	if (signal?.aborted || e?.name === 'AbortError') return new EngineError('aborted', `export of volume ${volume}: cancelled (nothing was kept)`);
	if (e?.code === 'ENOSPC') return new BackupError(`cannot write ${file}: no space left on the device (the partial file was removed)`, error);
	if (e?.code === 'EDQUOT' || e?.code === 'EIO' || e?.code === 'EROFS') return new BackupError(`cannot write ${file}: ${e.message} (the partial file was removed)`, error);
	if (e?.syscall && ['open', 'write', 'close', 'fsync'].includes(e.syscall)) return new BackupError(`cannot write ${file}: ${e.message} (the partial file was removed)`, error);
	if (error instanceof TarError) return new BackupError(`the engine's archive of volume ${volume} is not a whole tar (${error.message}); nothing was kept`, error);
	if (error instanceof EngineError) return error;
	return new EngineError('unreachable', `the connection to the engine at ${engine.endpoint.url} was cut while exporting volume ${volume}${e?.code ? ` (${e.code})` : ''}; nothing was kept`);
}

export interface TarCheck {
	entries: number;
	/** Bytes of the (uncompressed) tar. */
	tarBytes: number;
	compression: 'none' | 'gzip';
}

/** The tar's bytes, uncompressed when it is gzipped. */
async function openTar(file: string): Promise<{stream: Readable; compression: 'none' | 'gzip'}> {
	const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
		throw new BackupError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, error);
	});
	const head = Buffer.alloc(4);
	await handle.read(head, 0, 4, 0);
	await handle.close();
	const kind = detectCompression(head);
	if (kind === 'zstd') throw new BackupError(`${file} is zstd-compressed: import a .tar or a .tar.gz`);
	const raw = createReadStream(file, {highWaterMark: 1 << 20});
	if (kind === 'none') return {stream: raw, compression: 'none'};
	const gunzip = createGunzip();
	raw.on('error', error => gunzip.destroy(error));
	return {stream: raw.pipe(gunzip), compression: 'gzip'};
}

/** Lexically, from the volume's root: does `target` (relative to directory `dir`) stay inside? */
function staysInside(dir: string, target: string): boolean {
	let depth = dir === '' ? 0 : dir.split('/').length;
	for (const part of target.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (--depth < 0) return false;
		} else depth++;
	}
	return true;
}

/** The reason an entry refuses the tar, or undefined. */
export function refusal(h: TarHeader): string | undefined {
	const shown = JSON.stringify(h.name);
	const name = normalisePath(h.name);
	if (name.absolute) return `${shown} is an absolute path`;
	if (name.dotDot) return `${shown} has a ".." part`;
	if (h.type === 'hardlink') {
		const to = normalisePath(h.linkname);
		if (to.absolute || to.dotDot || to.path === '') return `${shown} is a hard link out of the volume (to ${JSON.stringify(h.linkname)})`;
	}
	if (h.type === 'symlink' && !h.linkname.startsWith('/')) {
		const dir = name.path.includes('/') ? name.path.slice(0, name.path.lastIndexOf('/')) : '';
		if (!staysInside(dir, h.linkname)) return `${shown} is a symlink that leads out of the volume (to ${JSON.stringify(h.linkname)})`;
	}
	if (h.type === 'char' || h.type === 'block') return `${shown} is a device node`;
	if (h.type === 'unknown') return `${shown} has an entry type imgscope does not import (${JSON.stringify(h.flag)})`;
	return undefined;
}

/** Reads the whole tar and refuses it at the first entry that would write outside the volume. */
export async function checkTar(file: string, signal?: AbortSignal): Promise<TarCheck> {
	const {stream, compression} = await openTar(file);
	let entries = 0;
	let tarBytes = 0;
	const parser = new TarParser({
		entry(h) {
			const why = refusal(h);
			if (why) throw new BackupError(`refusing ${file}: ${why}; nothing was written`);
			entries++;
			return undefined;
		},
	});
	try {
		for await (const chunk of stream) {
			if (signal?.aborted) throw new EngineError('aborted', `import of ${file}: cancelled`);
			tarBytes += (chunk as Buffer).length;
			parser.write(chunk as Buffer);
		}
		parser.end();
	} catch (error) {
		if (error instanceof BackupError || error instanceof EngineError) throw error;
		throw new BackupError(`refusing ${file}: it is not a valid tar (${(error as Error).message}); nothing was written`, error);
	} finally {
		stream.destroy();
	}
	if (!parser.sawEnd && tarBytes === 0) throw new BackupError(`refusing ${file}: it is empty`);
	return {entries, tarBytes, compression};
}

export interface ImportOptions {
	/** Import into a volume that already holds files (they stay, and the tar's overwrite theirs). */
	intoNonEmpty?: boolean;
	/** For a new volume. */
	labels?: Record<string, string>;
	driver?: string;
	signal?: AbortSignal;
	/** Bytes of the file sent so far. */
	onProgress?: (bytes: number, total: number) => void;
}

export interface ImportResult {
	volume: string;
	/** The volume was made for the import. */
	created: boolean;
	entries: number;
	bytes: number;
}

/** True when the volume holds anything besides its root directory. */
async function holdsFiles(engine: Engine, helper: string, signal?: AbortSignal): Promise<boolean> {
	const controller = new AbortController();
	const stop = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
	const stream = await openVolumeArchive(engine, helper, stop);
	let found = false;
	const parser = new TarParser({
		entry(h) {
			if (normalisePath(h.name).path !== '') found = true;
			return undefined;
		},
	});
	try {
		for await (const chunk of stream) {
			parser.write(chunk as Buffer);
			if (found) break;
		}
	} finally {
		controller.abort();
		stream.destroy();
	}
	return found;
}

/**
 * Imports a tar into a volume: made for it when it does not exist (and
 * removed again if the import fails), or an existing empty one; a volume
 * with files is refused unless `intoNonEmpty`.
 */
export async function importVolume(engine: Engine, file: string, volume: string, options: ImportOptions = {}): Promise<ImportResult> {
	return guarded(options.signal, signal => importGuarded(engine, file, volume, {...options, signal}));
}

async function importGuarded(engine: Engine, file: string, volume: string, options: ImportOptions & {signal: AbortSignal}): Promise<ImportResult> {
	const checked = await checkTar(file, options.signal);
	const size = (await lstat(file)).size;
	let created = false;
	try {
		await inspectVolume(engine, volume, options.signal);
	} catch (error) {
		if (!(error instanceof EngineError && error.kind === 'notFound')) throw error;
		await createVolume(engine, {name: volume, labels: options.labels, driver: options.driver}, options.signal);
		created = true;
	}
	try {
		await withHelper(engine, volume, {readOnly: false, signal: options.signal}, async (helper, signal) => {
			if (!created && !options.intoNonEmpty && (await holdsFiles(engine, helper, signal))) {
				throw new BackupError(`volume ${volume} is not empty: import into a new or an empty volume (or ask for a non-empty one: --force)`);
			}
			let sent = 0;
			const body = new PassThrough();
			const source = createReadStream(file, {highWaterMark: 1 << 20});
			source.on('data', chunk => {
				sent += chunk.length;
				options.onProgress?.(sent, size);
			});
			source.on('error', error => body.destroy(error));
			source.pipe(body);
			try {
				const answer = await engine.stream(`/containers/${encodeURIComponent(helper)}/archive`, {
					method: 'PUT',
					query: {path: `${MOUNT}/`, noOverwriteDirNonDir: true},
					body,
					headers: {'Content-Type': 'application/x-tar'},
					signal: signal,
					timeout: 0,
				});
				for await (const _ of answer) {
					// the answer has no body; read to its end
				}
			} finally {
				source.destroy();
			}
		});
	} catch (error) {
		if (created) {
			// Nothing half-applied: the volume made for the import goes with it.
			const removed = await engine.text(volumePath(volume), {method: 'DELETE', timeout: 15_000}).then(
				() => true,
				() => false,
			);
			if (error instanceof Error) error.message += removed ? ` (volume ${volume}, made for the import, was removed)` : `; volume ${volume} was made for the import and could not be removed: docker volume rm ${volume}`;
		} else if (error instanceof Error && !(error instanceof BackupError)) {
			error.message += `; volume ${volume} may hold part of the tar`;
		}
		throw error;
	}
	return {volume, created, entries: checked.entries, bytes: checked.tarBytes};
}

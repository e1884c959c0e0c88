/**
 * extractFile: one regular file of one layer, written into a directory the
 * user chose. The archive is read again (contents are never kept by the
 * reader). The destination is checked before anything is read and created
 * with O_EXCL|O_NOFOLLOW: it must resolve inside destDir, no symlink is
 * followed out of it, and nothing existing is overwritten.
 *
 * While streaming, which blob is layer N is only known once the manifest is
 * read (it may come last), so unless the caller passes the layer's blobPath
 * (LayerEntries.blobPath, from the earlier read), every layer holding the path
 * gets a private temporary copy in destDir; the right one is linked into
 * place at the end and the others removed.
 */
import {createHash} from 'node:crypto';
import {closeSync, constants, createReadStream, fchmodSync, openSync, unlinkSync, writeSync} from 'node:fs';
import {link, lstat, realpath, stat, unlink} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {normalisePath} from '../../layers/paths.js';
import {encodeName} from '../../text/byte-names.js';
import {Collector} from './collect.js';
import {ArchiveError, type Limits, defaultLimits} from './errors.js';
import {Flow} from './flow.js';
import type {LayoutOptions} from './layout.js';
import {resolveAlias} from './layout.js';
import {type ArchiveSource, collectDirectory, layoutOf, streamArchive} from './read.js';
import {type ByteSink, type TarHeader, TarParser} from './tar.js';

export interface ExtractOptions extends LayoutOptions {
	signal?: AbortSignal;
	/** The layer's blobPath from an earlier read: other layers are then skipped, not copied. */
	blobPath?: string;
	limits?: Partial<Limits>;
}

export interface Extracted {
	/** Absolute path of the file written. */
	path: string;
	bytes: number;
	/** sha256 hex of what was written. */
	digest: string;
}

/** A source, or a way to open it again (needed to follow a hard link, which means a second read of a stream). */
export type ReopenableSource = ArchiveSource | (() => ArchiveSource);

type Found =
	| {kind: 'file'; temp: string; bytes: number; digest: string}
	| {kind: 'hardlink'; target: string}
	| {kind: 'other'; type: string};

export async function extractFile(
	source: ReopenableSource,
	layerIndex: number,
	filePath: string,
	destDir: string,
	name: string,
	options: ExtractOptions = {},
): Promise<Extracted> {
	const dest = await checkDestination(destDir, name);
	const wanted = normalisePath(filePath).path;
	let current = wanted;
	// Hard links point at an earlier entry of the same layer: read again for the target (bounded).
	for (let hops = 0; hops < 4; hops++) {
		const open = typeof source === 'function' ? source : typeof source === 'string' || hops === 0 ? () => source : undefined;
		if (!open) throw new ArchiveError(`${wanted} is a hard link to ${current}; pass a source that can be opened again, or extract ${current}`, 'extract-refused');
		const result = await findInLayer(open(), layerIndex, current, dest.dir, options);
		try {
			if (!result) throw new ArchiveError(`${current} is not in layer ${layerIndex}`, 'not-found');
			if (result.kind === 'hardlink') {
				current = result.target;
				continue;
			}
			if (result.kind === 'other') throw new ArchiveError(`${current} in layer ${layerIndex} is a ${result.type}, not a regular file`, 'extract-refused');
			// link() never follows or replaces the destination: O_EXCL semantics for the final name.
			try {
				// The name's own bytes (byte-names.ts): a name that is not UTF-8 is written as it was in the image.
				await link(result.temp, encodeName(dest.target));
			} catch (e) {
				throw new ArchiveError(`cannot write ${dest.target}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : (e as Error).message}`, 'extract-refused', undefined, e);
			}
			return {path: dest.target, bytes: result.bytes, digest: result.digest};
		} finally {
			if (result?.kind === 'file') await unlink(result.temp).catch(() => undefined);
		}
	}
	throw new ArchiveError(`${wanted}: too many hard links`, 'extract-refused');
}

/** Resolves the destination and refuses one outside destDir (after resolving symlinks of existing parents). */
export async function checkDestination(destDir: string, name: string): Promise<{dir: string; target: string}> {
	const root = await realpath(destDir).catch(() => {
		throw new ArchiveError(`destination directory ${destDir} does not exist`, 'extract-refused');
	});
	if (!(await stat(root)).isDirectory()) throw new ArchiveError(`${destDir} is not a directory`, 'extract-refused');
	const inside = (p: string) => {
		const rel = path.relative(root, p);
		return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
	};
	const target = path.resolve(root, name);
	if (name === '' || !inside(target)) throw new ArchiveError(`refusing to write ${JSON.stringify(name)}: it is outside ${root}`, 'extract-refused');
	const parent = await realpath(path.dirname(target)).catch(() => {
		throw new ArchiveError(`the directory of ${target} does not exist`, 'extract-refused');
	});
	if (parent !== root && !inside(parent)) throw new ArchiveError(`refusing to write ${JSON.stringify(name)}: its directory leads outside ${root}`, 'extract-refused');
	const final = path.join(parent, path.basename(target));
	const existing = await lstat(encodeName(final)).catch(() => undefined);
	if (existing) throw new ArchiveError(`cannot write ${final}: it already exists`, 'extract-refused');
	return {dir: parent, target: final};
}

async function findInLayer(source: ArchiveSource, layerIndex: number, wanted: string, tempDir: string, options: ExtractOptions): Promise<Found | undefined> {
	const limits = {...defaultLimits, ...options.limits};
	const flow = new Flow(options.signal);
	const found = new Map<string, Found>();
	const temps = new Set<string>();
	const fds = new Set<number>();
	const collector = new Collector(
		flow,
		limits,
		{},
		blob => options.blobPath === undefined || blob === options.blobPath,
		blob => new LayerFinder(blob, wanted, tempDir, found, temps, fds),
	);
	try {
		let blob: string;
		if (typeof source === 'string' && (await stat(source)).isDirectory()) {
			const layout = await collectDirectory(source, collector, options, () => undefined, () => undefined, i => i === layerIndex);
			blob = layout.layerPaths[layerIndex];
		} else {
			await streamArchive(typeof source === 'string' ? createReadStream(source, {highWaterMark: 1 << 20}) : source, collector, () => undefined);
			blob = layoutOf(collector, options).layerPaths[layerIndex];
		}
		if (blob === undefined) throw new ArchiveError(`the image has no layer ${layerIndex}`, 'not-found');
		const key = resolveAlias(collector.aliases, blob);
		if (!collector.seen.has(key) && !found.has(key)) throw new ArchiveError(`layer ${layerIndex} (${blob}) is not in the archive`, 'missing-blob', blob);
		const result = found.get(key);
		if (result?.kind === 'file') temps.delete(result.temp); // the caller links it, then removes it
		return result;
	} finally {
		for (const fd of fds) closeSync(fd); // files left open by a layer that failed mid-way
		for (const t of temps) {
			try {
				unlinkSync(t);
			} catch {
				// already gone
			}
		}
	}
}

/** Reads one layer tar looking for one path; copies its data (the last occurrence wins, as on extraction). */
class LayerFinder implements ByteSink {
	private parser = new TarParser({entry: h => this.onEntry(h)});

	constructor(
		private readonly blob: string,
		private readonly wanted: string,
		private readonly tempDir: string,
		private readonly found: Map<string, Found>,
		private readonly temps: Set<string>,
		private readonly fds: Set<number>,
	) {}

	write(chunk: Buffer): void {
		try {
			this.parser.write(chunk);
		} catch (e) {
			throw new ArchiveError(`layer ${this.blob}: ${(e as Error).message}`, 'bad-layer', this.blob, e);
		}
	}

	end(): void {
		try {
			this.parser.end();
		} catch (e) {
			throw new ArchiveError(`layer ${this.blob}: ${(e as Error).message}`, 'bad-layer', this.blob, e);
		}
	}

	private onEntry(h: TarHeader): ByteSink | undefined {
		if (normalisePath(h.name).path !== this.wanted) return undefined;
		const previous = this.found.get(this.blob);
		if (previous?.kind === 'file') {
			unlinkSync(previous.temp);
			this.temps.delete(previous.temp);
		}
		if (h.type === 'hardlink') {
			this.found.set(this.blob, {kind: 'hardlink', target: normalisePath(h.linkname).path});
			return undefined;
		}
		if (h.type !== 'file') {
			this.found.set(this.blob, {kind: 'other', type: h.type === 'unknown' ? `type ${h.flag} entry` : h.type});
			return undefined;
		}
		const temp = path.join(this.tempDir, `.imgscope-extract-${randomBytes(8).toString('hex')}`);
		// Synchronous writes: the tar parser is synchronous and this is a single file.
		const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
		this.temps.add(temp);
		this.fds.add(fd);
		const fds = this.fds;
		const mode = h.mode & 0o777;
		const result = {kind: 'file' as const, temp, bytes: 0, digest: ''};
		this.found.set(this.blob, result);
		const hash = createHash('sha256');
		let closed = false;
		return {
			write(chunk) {
				for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
				hash.update(chunk);
				result.bytes += chunk.length;
			},
			end() {
				if (closed) return;
				closed = true;
				fds.delete(fd);
				// The entry's permission bits, less setuid/setgid/sticky: a copy for a user, not an install.
				fchmodSync(fd, mode);
				closeSync(fd);
				result.digest = hash.digest('hex');
			},
		};
	}
}

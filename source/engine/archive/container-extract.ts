/**
 * One file of an image's final filesystem through the engine's archive API:
 * a container is created from the image (never started; any Cmd will do, an
 * image FROM scratch has none), `GET /containers/{id}/archive?path=` gives a
 * tar of that one file, and the container is removed afterwards, also when
 * the copy fails or is cancelled. This is what `docker create` + `docker cp`
 * do: no export of the whole image. The destination rules are extractFile's
 * (checkDestination: inside the directory, nothing overwritten).
 */
import {createHash, randomBytes} from 'node:crypto';
import {closeSync, constants, fchmodSync, openSync, unlinkSync, writeSync} from 'node:fs';
import {link} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import type {Engine} from '../engine.js';
import {encodeName} from '../../text/byte-names.js';
import {ArchiveError} from './errors.js';
import {checkDestination, type Extracted} from './extract.js';
import {type ByteSink, TarParser} from './tar.js';

const containerPath = (id: string) => `/containers/${encodeURIComponent(id)}`;

export async function extractFromContainer(engine: Engine, imageId: string, filePath: string, destDir: string, name: string, signal?: AbortSignal): Promise<Extracted> {
	const dest = await checkDestination(destDir, name);
	const created = await engine.json<{Id: string}>('/containers/create', {
		method: 'POST',
		body: {Image: imageId, Cmd: ['imgscope-extract'], Labels: {'imgscope.extract': 'true'}, NetworkDisabled: true},
		signal,
	});
	let temp: string | undefined;
	try {
		const stream = await engine.stream(`${containerPath(created.Id)}/archive`, {query: {path: `/${filePath}`}, signal, timeout: 0});
		const got = await copyFirstFile(stream, dest.dir, signal);
		temp = got.temp;
		try {
			await link(temp, encodeName(dest.target));
		} catch (e) {
			throw new ArchiveError(`cannot write ${dest.target}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : (e as Error).message}`, 'extract-refused', undefined, e);
		}
		return {path: dest.target, bytes: got.bytes, digest: got.digest};
	} finally {
		if (temp) await unlinkQuietly(temp);
		// Without the caller's signal: a cancelled copy still removes its container.
		await engine.text(containerPath(created.Id), {method: 'DELETE', query: {force: true, v: true}}).catch(() => undefined);
	}
}

/** The tar's one regular file into a private temporary file next to the destination. */
async function copyFirstFile(stream: Readable, dir: string, signal?: AbortSignal): Promise<{temp: string; bytes: number; digest: string}> {
	let result: {temp: string; bytes: number; digest: string} | undefined;
	let refused: string | undefined;
	let fd: number | undefined;
	const parser = new TarParser({
		entry(h): ByteSink | undefined {
			if (result || refused) return undefined;
			if (h.type !== 'file') {
				refused = `${h.name} is a ${h.type === 'unknown' ? `type ${h.flag} entry` : h.type}, not a regular file`;
				return undefined;
			}
			const temp = path.join(dir, `.imgscope-extract-${randomBytes(8).toString('hex')}`);
			const file = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
			fd = file;
			const hash = createHash('sha256');
			const r = {temp, bytes: 0, digest: ''};
			result = r;
			return {
				write(chunk) {
					for (let off = 0; off < chunk.length; ) off += writeSync(file, chunk, off, chunk.length - off);
					hash.update(chunk);
					r.bytes += chunk.length;
				},
				end() {
					// The entry's permission bits, less setuid/setgid/sticky, as extractFile keeps them.
					fchmodSync(file, h.mode & 0o777);
					closeSync(file);
					fd = undefined;
					r.digest = hash.digest('hex');
				},
			};
		},
	});
	try {
		for await (const chunk of stream) {
			if (signal?.aborted) throw signal.reason ?? new Error('aborted');
			parser.write(chunk as Buffer);
		}
		parser.end();
	} catch (e) {
		if (fd !== undefined) closeSync(fd);
		if (result) await unlinkQuietly(result.temp);
		stream.destroy();
		throw e instanceof ArchiveError || signal?.aborted ? e : new ArchiveError(`the engine's archive of the file: ${(e as Error).message}`, 'bad-layer', undefined, e);
	}
	if (refused) throw new ArchiveError(refused, 'extract-refused');
	if (!result || result.digest === '') throw new ArchiveError('the engine sent no file', 'not-found');
	return result;
}

async function unlinkQuietly(file: string): Promise<void> {
	try {
		unlinkSync(file);
	} catch {
		// already gone
	}
}

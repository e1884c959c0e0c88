// The two things docker's formatting reads from the machine rather than the
// engine: Go's time.Local (TZ, /etc/localtime) for CreatedAt, and the client
// config's imagesFormat default for `image ls`. The only I/O in source/docker;
// the commands call these and pass the results to the pure renderers.
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {loadLocalLocation, type Location} from '../format/time.js';
import {toBytes} from '../template/core.js';

let local: Location | undefined;

/** time.Local as Go initialises it. */
export function localLocation(): Location {
	local ??= loadLocalLocation(process.env.TZ, file => {
		try {
			return readFileSync(file);
		} catch {
			return null;
		}
	});
	return local;
}

/** A format of the docker client's config.json (`imagesFormat`, `psFormat`), or ''. */
export function configFormat(key: 'imagesFormat' | 'psFormat', env: NodeJS.ProcessEnv = process.env): string {
	const dir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
	try {
		const value = (JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>)[key];
		return typeof value === 'string' ? value : '';
	} catch {
		return '';
	}
}

/**
 * Write and wait until the stream took it (large outputs, pipes). Bytes of
 * invalid UTF-8 that a template made (source/template/core.ts toBytes) are
 * written as those bytes, as docker writes them.
 */
export function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
	if (text === '') return Promise.resolve();
	const data = outputBytes(text);
	return new Promise((resolve, reject) => {
		stream.write(data, error => (error ? reject(error) : resolve()));
	});
}

/** The bytes a template's output stands for: UTF-8, escaped bytes restored. */
export function outputBytes(text: string): string | Uint8Array {
	return /[\udc80-\udcff]/.test(text) ? toBytes(text) : text;
}

/** The `volumesFormat` of the docker client's config.json, or ''. */
export function configVolumesFormat(env: NodeJS.ProcessEnv = process.env): string {
	const dir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
	try {
		const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {volumesFormat?: unknown};
		return typeof config.volumesFormat === 'string' ? config.volumesFormat : '';
	} catch {
		return '';
	}
}

/** The `pruneFilters` of the docker client's config.json ("k=v" strings), or none. */
export function configPruneFilters(env: NodeJS.ProcessEnv = process.env): string[] {
	const dir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
	try {
		const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {pruneFilters?: unknown};
		return Array.isArray(config.pruneFilters) ? config.pruneFilters.filter((f): f is string => typeof f === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * One line from stdin (prompt.Confirm's scanner), without the newline; undefined
 * at end of input with nothing read. Stops reading once it has the line.
 */
export function readLine(stream: NodeJS.ReadableStream = process.stdin): Promise<string | undefined> {
	return new Promise((resolve) => {
		let text = '';
		let got = false;
		const done = (line: string | undefined): void => {
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			stream.removeListener('error', onEnd);
			stream.pause();
			resolve(line);
		};
		const onData = (chunk: Buffer | string): void => {
			got = true;
			text += chunk.toString();
			const newline = text.indexOf('\n');
			if (newline >= 0) done(text.slice(0, newline).replace(/\r$/, ''));
		};
		const onEnd = (): void => done(got ? text : undefined);
		stream.on('data', onData);
		stream.once('end', onEnd);
		stream.once('error', onEnd);
		stream.resume();
	});
}

/**
 * A container's logs, optionally followed until the caller aborts. Output of
 * a container without a TTY arrives multiplexed and is split back into
 * stdout and stderr; a TTY container's output is one stream (stdout).
 * Text is decoded per stream so a character split across chunks survives.
 */
import {StringDecoder} from 'node:string_decoder';
import type {Engine} from '../engine.js';
import {EngineError, toEngineError} from '../errors.js';
import {Demuxer} from './demux.js';

export interface LogChunk {
	stream: 'stdout' | 'stderr';
	text: string;
}

export interface LogOptions {
	/** Keep reading as the container writes, until `signal` aborts or the container stops. */
	follow?: boolean;
	/** Lines from the end to start with (default: all). */
	tail?: number;
	timestamps?: boolean;
	/** Aborting ends the read; the returned promise then resolves (stopping a follow is not an error). */
	signal?: AbortSignal;
}

export async function containerLogs(engine: Engine, id: string, onChunk: (chunk: LogChunk) => void, options: LogOptions = {}): Promise<void> {
	const base = `/containers/${encodeURIComponent(id)}`;
	const info = await engine.json<{Config: {Tty: boolean}}>(`${base}/json`, {signal: options.signal});
	const query: Record<string, unknown> = {stdout: true, stderr: true, tail: options.tail === undefined ? 'all' : options.tail};
	if (options.follow) query.follow = true;
	if (options.timestamps) query.timestamps = true;
	let stream;
	try {
		stream = await engine.stream(`${base}/logs`, {query, signal: options.signal, timeout: options.follow ? 0 : undefined});
	} catch (error) {
		if (error instanceof EngineError && error.kind === 'aborted') return;
		throw error;
	}
	const decoders = {stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8')};
	const emit = (kind: 'stdout' | 'stderr', data: Buffer) => {
		const text = decoders[kind].write(data);
		if (text) onChunk({stream: kind, text});
	};
	const demuxer = info.Config.Tty ? undefined : new Demuxer();
	try {
		for await (const chunk of stream) {
			if (!demuxer) emit('stdout', chunk as Buffer);
			else for (const frame of demuxer.push(chunk as Buffer)) emit(frame.stream === 'stderr' ? 'stderr' : 'stdout', frame.data);
		}
	} catch (error) {
		if (options.signal?.aborted) return;
		throw toEngineError(error, engine.endpoint, `logs ${id}`);
	}
	for (const kind of ['stdout', 'stderr'] as const) {
		const rest = decoders[kind].end();
		if (rest) onChunk({stream: kind, text: rest});
	}
}

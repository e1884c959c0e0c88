/**
 * Reads one of the engine's JSON progress streams (pull, push, build) to the
 * end, with two guarantees the UI needs: an in-band `{"error": ...}` line is
 * a thrown EngineError (the HTTP status was already 200), and a stream that
 * goes quiet for `idleMs` is cut off with a timeout error, so a registry that
 * accepts a connection and never answers cannot hang a progress view.
 */
import {StringDecoder} from 'node:string_decoder';
import type {Engine, RequestOptions} from '../engine.js';
import {EngineError, toEngineError} from '../errors.js';
import {type JsonMessage, JsonSplitter, messageError} from '../../actions/json-stream.js';

export interface JsonStreamOptions {
	signal?: AbortSignal;
	/** Milliseconds without a byte before giving up; default 60 s (IMGSCOPE_IDLE_TIMEOUT_MS). */
	idleMs?: number;
	/** What is being done, for messages: "push 127.0.0.1:5000/x:1". */
	what: string;
	/** Called for an error line before it is thrown (a build records the failing step). */
	onError?: (message: JsonMessage) => void;
}

export const defaultIdleMs = Number(process.env.IMGSCOPE_IDLE_TIMEOUT_MS) || 60_000;

export async function readJsonStream(
	engine: Engine,
	path: string,
	request: RequestOptions,
	onMessage: (message: JsonMessage) => void,
	options: JsonStreamOptions,
): Promise<void> {
	const idleMs = options.idleMs ?? defaultIdleMs;
	const idle = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => idle.abort(), idleMs);
	};
	const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
	const idleError = () => new EngineError('timeout', `${options.what}: no answer for ${Math.round(idleMs / 1000)} s; gave up (is the registry reachable?)`);
	const fail = (error: unknown): EngineError => {
		if (idle.signal.aborted) return idleError();
		if (options.signal?.aborted) return new EngineError('aborted', `${options.what}: cancelled`);
		return toEngineError(error, engine.endpoint, options.what);
	};
	arm();
	try {
		let stream;
		try {
			stream = await engine.stream(path, {...request, signal, timeout: 0});
		} catch (error) {
			throw fail(error);
		}
		const splitter = new JsonSplitter();
		// Chunks may split a multi-byte character.
		const decoder = new StringDecoder('utf8');
		try {
			for await (const chunk of stream) {
				arm();
				for (const message of splitter.push(decoder.write(chunk as Buffer))) {
					const error = messageError(message);
					if (error) {
						options.onError?.(message);
						// Dropping the connection cancels the engine's work (a push stops uploading).
						stream.destroy();
						throw new EngineError('daemon', error, undefined, error);
					}
					onMessage(message);
				}
			}
		} catch (error) {
			if (error instanceof EngineError) throw error;
			throw fail(error);
		}
		if (signal.aborted) throw fail(signal.reason);
		const rest = splitter.rest();
		if (rest) onMessage({stream: rest});
	} finally {
		clearTimeout(timer);
	}
}

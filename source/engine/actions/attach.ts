/**
 * Attaching a terminal to a container: the hijacked connection (raw bytes
 * both ways), a resize function, and a promise that says how the session
 * ended: the container exited, or the person pressed the detach keys
 * (Ctrl+P Ctrl+Q, handled by the engine, which then closes the connection
 * and leaves the container running). The UI steps aside, pipes the terminal
 * in raw mode into `input` and `output` to stdout, forwards resizes, and
 * comes back when `ended` settles.
 */
import {type Duplex, PassThrough, type Readable, type Writable} from 'node:stream';
import type {Engine} from '../engine.js';
import {EngineError, toEngineError} from '../errors.js';
import {Demuxer} from './demux.js';

/** docker's default detach sequence, sent to the engine so it watches for it. */
export const detachKeys = 'ctrl-p,ctrl-q';

export type AttachEnd = {reason: 'exited'; exitCode: number | null} | {reason: 'detached'};

export interface AttachSession {
	/** The terminal's keystrokes go here. */
	input: Writable;
	/** The container's output (demultiplexed into one stream for a container without a TTY). */
	output: Readable;
	/** Whether the container has a TTY (raw mode makes sense only then). */
	tty: boolean;
	/** Tells the container's TTY its new size; errors are swallowed (the container may be gone). */
	resize(columns: number, rows: number): Promise<void>;
	/** Settles once the connection closes. */
	ended: Promise<AttachEnd>;
	/** Drops the connection (the container keeps running). */
	close(): void;
}

export interface AttachOptions {
	/** Whether the container has a TTY; looked up when not given. */
	tty?: boolean;
}

export async function attachContainer(engine: Engine, id: string, options: AttachOptions = {}): Promise<AttachSession> {
	const base = `/containers/${encodeURIComponent(id)}`;
	const tty = options.tty ?? (await engine.json<{Config: {Tty: boolean}}>(`${base}/json`)).Config.Tty;
	let socket: Duplex;
	try {
		// Hijacking needs dockerode's transport (an HTTP upgrade to a raw socket).
		socket = (await engine.docker.getContainer(id).attach({stream: true, stdin: true, stdout: true, stderr: true, hijack: true, detachKeys})) as Duplex;
	} catch (error) {
		throw toEngineError(error, engine.endpoint, `attach ${id}`);
	}
	// The exit code comes from a wait request made now; a detach aborts it.
	const waitAbort = new AbortController();
	const waited = engine
		.json<{StatusCode: number}>(`${base}/wait`, {method: 'POST', query: {condition: 'next-exit'}, signal: waitAbort.signal, timeout: 0})
		.then((r) => r.StatusCode, () => null);

	// Output always goes through our own stream, so the connection is read (and
	// its end noticed) even before the UI starts listening.
	const output = new PassThrough();
	if (tty) socket.pipe(output);
	else {
		const demuxer = new Demuxer();
		socket.on('data', (chunk: Buffer) => {
			for (const frame of demuxer.push(chunk)) output.write(frame.data);
		});
		socket.on('end', () => output.end());
	}

	const closed = socketClosed(socket);
	const ended = closed.then(async (): Promise<AttachEnd> => {
		try {
			const state = await engine.json<{State: {Running: boolean; ExitCode: number}}>(`${base}/json`, {timeout: 10_000});
			if (state.State.Running) {
				waitAbort.abort();
				return {reason: 'detached'};
			}
			waitAbort.abort();
			return {reason: 'exited', exitCode: state.State.ExitCode};
		} catch (error) {
			if (error instanceof EngineError && error.kind === 'notFound') {
				// Auto-removed on exit: only the wait request saw the code.
				const code = await Promise.race([waited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref())]);
				waitAbort.abort();
				return {reason: 'exited', exitCode: code};
			}
			waitAbort.abort();
			return {reason: 'exited', exitCode: null};
		}
	});

	return {
		input: socket,
		output,
		tty,
		async resize(columns: number, rows: number) {
			try {
				await engine.text(`${base}/resize`, {method: 'POST', query: {h: rows, w: columns}, timeout: 5000});
			} catch {
				// A container that just exited cannot be resized; nothing to tell anyone.
			}
		},
		ended,
		close() {
			socket.destroy();
			waitAbort.abort();
		},
	};
}

/** Settles when the hijacked socket is done; when the engine closes its side (exit or detach), ours is closed too, or it lingers half-open. */
export function socketClosed(socket: Duplex): Promise<void> {
	return new Promise<void>((resolve) => {
		socket.once('end', () => {
			socket.end();
			resolve();
		});
		socket.once('close', () => resolve());
		socket.once('error', () => resolve());
	});
}

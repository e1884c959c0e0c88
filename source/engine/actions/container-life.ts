/**
 * A container's life from the explorer: start, restart, its inspect
 * document as the daemon sends it, and a shell in it (exec). The shell is a
 * hijacked exec session shaped like an attach (attach.ts), so the UI hands
 * it the terminal the same way; `exited` carries the shell's exit code.
 */
import type {Duplex} from 'node:stream';
import type {Engine} from '../engine.js';
import {toEngineError} from '../errors.js';
import type {AttachSession} from './attach.js';
import {detachKeys, socketClosed} from './attach.js';

const path = (id: string) => `/containers/${encodeURIComponent(id)}`;

export async function startContainer(engine: Engine, id: string, options: {signal?: AbortSignal} = {}): Promise<void> {
	const response = await engine.stream(`${path(id)}/start`, {method: 'POST', signal: options.signal});
	response.resume();
}

/** Restarts (stop with SIGTERM, SIGKILL after `seconds`, then start), as docker restart. */
export async function restartContainer(engine: Engine, id: string, options: {seconds?: number; signal?: AbortSignal} = {}): Promise<void> {
	const seconds = options.seconds ?? 10;
	await engine.text(`${path(id)}/restart`, {method: 'POST', query: {t: seconds}, signal: options.signal, timeout: (seconds + 30) * 1000});
}

/** The daemon's inspect JSON bytes, untouched (docker prints them re-indented, key order kept). */
export async function inspectContainerRaw(engine: Engine, id: string, signal?: AbortSignal): Promise<string> {
	return engine.text(`${path(id)}/json`, {signal});
}

/** `cmd` run in the running container on a TTY, hijacked for the terminal. */
export async function execSession(engine: Engine, id: string, cmd: string[], size?: {columns: number; rows: number}): Promise<AttachSession> {
	const created = await engine.json<{Id: string}>(`${path(id)}/exec`, {
		method: 'POST',
		body: {AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Cmd: cmd, DetachKeys: detachKeys, ...(size ? {ConsoleSize: [size.rows, size.columns]} : {})},
	});
	const exec = engine.docker.getExec(created.Id);
	let socket: Duplex;
	try {
		socket = (await exec.start({hijack: true, stdin: true, Tty: true})) as unknown as Duplex;
	} catch (error) {
		throw toEngineError(error, engine.endpoint, `exec ${id}`);
	}
	const closed = socketClosed(socket);
	const ended = closed.then(async () => {
		try {
			const state = await engine.json<{Running: boolean; ExitCode: number | null}>(`/exec/${encodeURIComponent(created.Id)}/json`, {timeout: 10_000});
			return state.Running ? ({reason: 'detached'} as const) : ({reason: 'exited', exitCode: state.ExitCode} as const);
		} catch {
			return {reason: 'exited', exitCode: null} as const;
		}
	});
	return {
		input: socket,
		output: socket,
		tty: true,
		async resize(columns: number, rows: number) {
			try {
				await engine.text(`/exec/${encodeURIComponent(created.Id)}/resize`, {method: 'POST', query: {h: rows, w: columns}, timeout: 5000});
			} catch {
				// The shell may have exited already.
			}
		},
		ended,
		close() {
			socket.destroy();
		},
	};
}

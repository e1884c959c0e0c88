/**
 * The helper container through which a volume's files are read and written
 * with the engine's archive API (so it works on a remote engine too): created,
 * never started, with the volume mounted at /v. Its image needs nothing in it
 * (the engine copies files itself): when `imgscope/volume-helper:1` is not
 * there, it is imported from an empty tar, labelled imgscope.helper=volumes.
 *
 * Every helper is removed when its work ends, fails or is cancelled, and on
 * SIGINT/SIGTERM while one exists (then the signal is raised again).
 */
import {hostname} from 'node:os';
import type {Engine} from '../engine.js';
import {EngineError} from '../errors.js';
import {inspectVolume} from './volumes.js';

export const HELPER_IMAGE = 'imgscope/volume-helper:1';
export const HELPER_LABEL = 'imgscope.helper';
export const HELPER_VALUE = 'volumes';
/** Where the volume is mounted in the helper. */
export const MOUNT = '/v';

/** Two 512-byte zero blocks: a tar with no entries. */
const EMPTY_TAR = Buffer.alloc(1024);

export async function ensureHelperImage(engine: Engine, signal?: AbortSignal): Promise<void> {
	try {
		await engine.text(`/images/${encodeURIComponent(HELPER_IMAGE)}/json`, {signal});
		return;
	} catch (error) {
		if (!(error instanceof EngineError && error.kind === 'notFound')) throw error;
	}
	const text = await engine.text('/images/create', {
		method: 'POST',
		query: {fromSrc: '-', repo: 'imgscope/volume-helper', tag: '1', changes: `LABEL ${HELPER_LABEL}=${HELPER_VALUE}`},
		body: EMPTY_TAR,
		headers: {'Content-Type': 'application/x-tar'},
		signal,
	});
	// The import answers 200 with a JSON line; a failure is an {"error": ...} line in it.
	const failed = /"error(?:Detail)?"\s*:\s*(?:\{[^}]*"message"\s*:\s*)?"([^"]*)"/.exec(text);
	if (failed) throw new EngineError('daemon', `cannot make the helper image ${HELPER_IMAGE}: ${failed[1]}`);
}

interface Live {
	engine: Engine;
	id: string;
	/** Stops the work (a signal came). */
	controller: AbortController;
	/** Settles once the work's own cleanup (temporary files) is done. */
	settled?: Promise<unknown>;
}

const live = new Set<Live>();
let hooked = false;
/** Who made a helper: a later run on this machine removes the ones whose maker died (kill -9, a crash). */
const owner = `${hostname()}:${process.pid}`;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Removes a helper; retried for a few seconds (the engine may be back after a cut). */
async function removeHelper(engine: Engine, id: string): Promise<void> {
	let last: unknown;
	for (const wait of [0, 250, 500, 1000, 2000]) {
		if (wait) await sleep(wait);
		try {
			// v=false: the volume itself is never removed with its helper.
			await engine.text(`/containers/${encodeURIComponent(id)}`, {method: 'DELETE', query: {force: true, v: false}, timeout: 15_000});
			return;
		} catch (error) {
			if (error instanceof EngineError && error.kind === 'notFound') return;
			last = error;
			if (!(error instanceof EngineError && (error.kind === 'unreachable' || error.kind === 'timeout'))) break;
		}
	}
	throw last;
}

interface Operation {
	controller: AbortController;
	done?: Promise<unknown>;
}

/** Whole operations (an export with its temporary file, an import with the volume it made): a signal waits for their cleanup. */
const operations = new Set<Operation>();

/**
 * Runs an operation that must clean up after itself even on SIGINT/SIGTERM:
 * `run` gets a signal that fires on the caller's signal or on one of those,
 * and the process waits (a few seconds at most) for it to settle before
 * the signal takes effect.
 */
export async function guarded<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const op: Operation = {controller};
	operations.add(op);
	hook();
	try {
		const running = run(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
		op.done = running.catch(() => undefined);
		return await running;
	} finally {
		operations.delete(op);
		if (operations.size === 0 && live.size === 0) unhook();
	}
}

/** Stops every operation and removes every helper still alive (for an app that exits by itself, e.g. Ctrl+C in raw mode). */
export async function removeHelpers(): Promise<void> {
	const ops = [...operations];
	const all = [...live];
	const cancelled = new EngineError('aborted', 'cancelled');
	for (const o of ops) o.controller.abort(cancelled);
	for (const h of all) h.controller.abort(cancelled);
	// Let the work clean up after itself (temporary files, a volume made for an import), for a few seconds at most.
	await Promise.race([Promise.all([...ops.map(o => o.done), ...all.map(h => h.settled)]), sleep(5000)]);
	const left = [...live];
	live.clear();
	await Promise.all(left.map(h => removeHelper(h.engine, h.id).catch(() => undefined)));
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes helpers left by imgscope processes of this machine that are gone. */
async function sweep(engine: Engine, signal?: AbortSignal): Promise<void> {
	const list = await engine
		.json<{Id: string; Labels?: Record<string, string>}[]>('/containers/json', {query: {all: true, filters: JSON.stringify({label: [`${HELPER_LABEL}=${HELPER_VALUE}`]})}, signal})
		.catch(() => []);
	const host = hostname();
	for (const c of Array.isArray(list) ? list : []) {
		const [h, pid] = (c.Labels?.['imgscope.helper.owner'] ?? '').split(':');
		if (h === host && Number(pid) > 0 && !alive(Number(pid))) await removeHelper(engine, c.Id).catch(() => undefined);
	}
}

function onSignal(signal: NodeJS.Signals): void {
	void removeHelpers().finally(() => {
		unhook();
		// Nobody else listens: do what the signal would have done.
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

function hook(): void {
	if (hooked) return;
	hooked = true;
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

function unhook(): void {
	if (!hooked) return;
	hooked = false;
	process.removeListener('SIGINT', onSignal);
	process.removeListener('SIGTERM', onSignal);
}

export interface HelperOptions {
	readOnly: boolean;
	signal?: AbortSignal;
	/** Mount even if the volume does not exist (the engine then creates it): for an import into a volume just created. */
	mayCreate?: boolean;
}

/**
 * Runs `work` with a helper container that mounts the volume at /v, and
 * removes it afterwards whatever happens. A volume that does not exist is
 * refused first (mounting it would create it). `work` gets a signal that
 * also fires on SIGINT/SIGTERM: it must stop and clean up on it.
 */
export async function withHelper<T>(engine: Engine, volume: string, options: HelperOptions, work: (id: string, signal: AbortSignal) => Promise<T>): Promise<T> {
	if (!options.mayCreate) await inspectVolume(engine, volume, options.signal);
	await ensureHelperImage(engine, options.signal);
	await sweep(engine, options.signal);
	hook();
	const created = await engine.json<{Id: string}>('/containers/create', {
		method: 'POST',
		body: {
			Image: HELPER_IMAGE,
			// Never started; the engine wants a command anyway.
			Cmd: ['/imgscope-volume-helper'],
			Labels: {[HELPER_LABEL]: HELPER_VALUE, 'imgscope.volume': volume, 'imgscope.helper.owner': owner},
			NetworkDisabled: true,
			HostConfig: {NetworkMode: 'none', Mounts: [{Type: 'volume', Source: volume, Target: MOUNT, ReadOnly: options.readOnly, VolumeOptions: {NoCopy: true}}]},
		},
		signal: options.signal,
	});
	const controller = new AbortController();
	const entry: Live = {engine, id: created.Id, controller};
	live.add(entry);
	const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
	let result: T;
	try {
		const running = work(created.Id, signal);
		entry.settled = running.catch(() => undefined);
		result = await running;
	} catch (error) {
		const left = await finish(entry);
		if (left && error instanceof Error) error.message += `; ${left}`;
		throw error;
	}
	const left = await finish(entry);
	if (left) throw new EngineError('daemon', left);
	return result;
}

/** Removes the helper; says what is left behind when that fails. */
async function finish(entry: Live): Promise<string | undefined> {
	try {
		if (live.delete(entry)) await removeHelper(entry.engine, entry.id);
		return undefined;
	} catch (error) {
		return `the helper container ${entry.id.slice(0, 12)} could not be removed (${(error as Error).message}): remove it with docker rm -f ${entry.id.slice(0, 12)}`;
	} finally {
		if (live.size === 0 && operations.size === 0) unhook();
	}
}

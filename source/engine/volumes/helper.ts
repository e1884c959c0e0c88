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
}

const live = new Set<Live>();
let hooked = false;

async function removeHelper(engine: Engine, id: string): Promise<void> {
	try {
		// v=false: the volume itself is never removed with its helper.
		await engine.text(`/containers/${encodeURIComponent(id)}`, {method: 'DELETE', query: {force: true, v: false}, timeout: 15_000});
	} catch (error) {
		if (!(error instanceof EngineError && error.kind === 'notFound')) throw error;
	}
}

/** Removes every helper still alive (for an app that exits by itself, e.g. Ctrl+C in raw mode). */
export async function removeHelpers(): Promise<void> {
	const all = [...live];
	live.clear();
	await Promise.all(all.map(h => removeHelper(h.engine, h.id).catch(() => undefined)));
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
 * refused first (mounting it would create it).
 */
export async function withHelper<T>(engine: Engine, volume: string, options: HelperOptions, work: (id: string) => Promise<T>): Promise<T> {
	if (!options.mayCreate) await inspectVolume(engine, volume, options.signal);
	await ensureHelperImage(engine, options.signal);
	hook();
	const created = await engine.json<{Id: string}>('/containers/create', {
		method: 'POST',
		body: {
			Image: HELPER_IMAGE,
			// Never started; the engine wants a command anyway.
			Cmd: ['/imgscope-volume-helper'],
			Labels: {[HELPER_LABEL]: HELPER_VALUE, 'imgscope.volume': volume},
			NetworkDisabled: true,
			HostConfig: {NetworkMode: 'none', Mounts: [{Type: 'volume', Source: volume, Target: MOUNT, ReadOnly: options.readOnly, VolumeOptions: {NoCopy: true}}]},
		},
		signal: options.signal,
	});
	const entry: Live = {engine, id: created.Id};
	live.add(entry);
	let result: T;
	try {
		result = await work(created.Id);
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
		if (live.size === 0) unhook();
	}
}

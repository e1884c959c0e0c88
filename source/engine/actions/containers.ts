/**
 * Container actions: run (create + start, with cleanup when start fails),
 * commit, stop, remove. Inputs come from the pure form parsers
 * (source/actions/run-spec.ts, commit-spec.ts); errors are EngineErrors with
 * the engine's own message.
 */
import type {Engine} from '../engine.js';
import type {CommitSpec} from '../../actions/commit-spec.js';
import type {RunSpec} from '../../actions/run-spec.js';
import {type AttachSession, attachContainer} from './attach.js';

export interface RunResult {
	id: string;
	/** The container's name (the engine's pick when the form left it empty). */
	name: string;
	/** The engine's warnings from create (e.g. about memory limits). */
	warnings: string[];
	/** For an attached run: the terminal session, already connected before the start. */
	session?: AttachSession;
}

const path = (id: string) => `/containers/${encodeURIComponent(id)}`;

/**
 * Creates and starts a container. Attached runs connect before the start so
 * no early output is lost (as `docker run -it` does). If the start fails (no
 * such command, port in use), the created container is removed and the
 * start's error is thrown: nothing is left half-done.
 */
export async function runContainer(engine: Engine, spec: RunSpec, options: {signal?: AbortSignal} = {}): Promise<RunResult> {
	const created = await engine.json<{Id: string; Warnings?: string[] | null}>('/containers/create', {
		method: 'POST',
		query: spec.name ? {name: spec.name} : {},
		body: spec.body,
		signal: options.signal,
	});
	const id = created.Id;
	let session: AttachSession | undefined;
	try {
		if (spec.attach) session = await attachContainer(engine, id, {tty: spec.body.Tty});
		await engine.text(`${path(id)}/start`, {method: 'POST', signal: options.signal});
	} catch (error) {
		session?.close();
		await removeQuietly(engine, id);
		throw error;
	}
	let name = spec.name ?? '';
	if (!name) {
		try {
			name = (await engine.json<{Name: string}>(`${path(id)}/json`)).Name.replace(/^\//, '');
		} catch {
			// An auto-removed container may already be gone; the ID still names it.
		}
	}
	return {id, name, warnings: created.Warnings ?? [], session};
}

async function removeQuietly(engine: Engine, id: string): Promise<void> {
	try {
		await engine.text(path(id), {method: 'DELETE', query: {force: true, v: true}});
	} catch {
		// Gone already (auto-remove), or the engine refused: either way the start's error is the one to report.
	}
}

export interface CommitResult {
	/** The new image's ID (sha256:...). */
	id: string;
	/** repo:tag when one was given. */
	reference?: string;
}

export async function commitContainer(engine: Engine, container: string, spec: CommitSpec, options: {signal?: AbortSignal} = {}): Promise<CommitResult> {
	const query: Record<string, unknown> = {container, pause: spec.pause};
	if (spec.repo) query.repo = spec.repo;
	if (spec.tag) query.tag = spec.tag;
	if (spec.comment) query.comment = spec.comment;
	if (spec.author) query.author = spec.author;
	// The engine joins repeated `changes` with newlines before parsing, so one newline-joined value is the same.
	if (spec.changes.length) query.changes = spec.changes.join('\n');
	// A commit writes a whole layer; a big container takes a while.
	const result = await engine.json<{Id: string}>('/commit', {method: 'POST', query, body: {}, signal: options.signal, timeout: 10 * 60_000});
	return {id: result.Id, reference: spec.repo ? `${spec.repo}:${spec.tag ?? 'latest'}` : undefined};
}

export interface StopResult {
	/** The container was not running (the engine answered 304). */
	alreadyStopped: boolean;
}

/** Stops with SIGTERM, then SIGKILL after `seconds` (default 10, as docker stop). */
export async function stopContainer(engine: Engine, id: string, options: {seconds?: number; signal?: AbortSignal} = {}): Promise<StopResult> {
	const seconds = options.seconds ?? 10;
	const response = await engine.stream(`${path(id)}/stop`, {method: 'POST', query: {t: seconds}, signal: options.signal, timeout: (seconds + 30) * 1000});
	response.resume();
	return {alreadyStopped: (response as {statusCode?: number}).statusCode === 304};
}

/** Removes a container; a running one only with `force` (the engine's conflict message otherwise). */
export async function removeContainer(engine: Engine, id: string, options: {force?: boolean; volumes?: boolean; signal?: AbortSignal} = {}): Promise<void> {
	const query: Record<string, unknown> = {};
	if (options.force) query.force = true;
	if (options.volumes) query.v = true;
	await engine.text(path(id), {method: 'DELETE', query, signal: options.signal});
}

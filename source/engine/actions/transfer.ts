/**
 * Push and pull with per-layer progress. Both validate the reference first,
 * look up credentials for its registry, send them as X-Registry-Auth, and
 * fold the engine's JSON stream into a TransferProgress the view redraws.
 * An error line, a registry that refuses the connection or a login, and a
 * stream that goes quiet all end in an EngineError, never a hang.
 */
import type {Engine} from '../engine.js';
import {encodeRef} from '../reference.js';
import {EngineError} from '../errors.js';
import type {JsonMessage} from '../../actions/json-stream.js';
import {applyProgress, emptyProgress, type TransferProgress} from '../../actions/progress.js';
import {parseReference, type Reference} from '../../actions/reference.js';
import {type AuthConfig, type CredentialOptions, credentialsFor, encodeAuthHeader} from './credentials.js';
import {readJsonStream} from './json-progress.js';

export interface TransferOptions extends CredentialOptions {
	signal?: AbortSignal;
	/** Give up after this long without a byte from the engine; default 60 s. */
	idleMs?: number;
	/** Called after every message with the whole state so far (a new object each time). */
	onProgress?: (progress: TransferProgress, message: JsonMessage) => void;
	/** Credentials to use instead of config.json's. */
	auth?: AuthConfig;
}

export interface TransferResult {
	/** The normalised reference that was pushed or pulled ("127.0.0.1:5000/x/y:1"). */
	reference: string;
	/** The manifest digest (sha256:...). */
	digest?: string;
	progress: TransferProgress;
}

export interface PullResult extends TransferResult {
	/** The local image the reference now names. */
	imageId: string;
}

function parse(input: string, allowDigest: boolean): Reference {
	const parsed = parseReference(input, {allowDigest});
	if (!parsed.ok) throw new EngineError('daemon', parsed.problem);
	return parsed;
}

async function transfer(engine: Engine, verb: 'push' | 'pull', ref: Reference, path: string, query: Record<string, string>, options: TransferOptions): Promise<TransferProgress> {
	const auth = options.auth ?? (await credentialsFor(ref.registry, options));
	let progress = emptyProgress;
	await readJsonStream(
		engine,
		path,
		{method: 'POST', query, headers: {'X-Registry-Auth': encodeAuthHeader(auth)}},
		(message) => {
			progress = applyProgress(progress, message);
			options.onProgress?.(progress, message);
		},
		{
			signal: options.signal,
			idleMs: options.idleMs,
			what: `${verb} ${ref.reference}`,
			onError: (message) => options.onProgress?.(applyProgress(progress, message), message),
		},
	);
	return progress;
}

/** Pushes one tag (the default tag "latest" when none is given). */
export async function pushImage(engine: Engine, reference: string, options: TransferOptions = {}): Promise<TransferResult> {
	const ref = parse(reference, false);
	const progress = await transfer(engine, 'push', ref, `/images/${encodeRef(ref.repository)}/push`, {tag: ref.tag}, options);
	if (!progress.digest) throw new EngineError('daemon', `push ${ref.reference}: the engine finished without reporting a digest`);
	return {reference: ref.reference, digest: progress.digest, progress};
}

/** Pulls a reference (tag "latest" when none is given; a digest is allowed). */
/** `platform`: os/arch[/variant] of a multi-platform image (the API's `platform`, as `docker pull --platform`); none: the engine's. */
export async function pullImage(engine: Engine, reference: string, options: TransferOptions & {platform?: string} = {}): Promise<PullResult> {
	const ref = parse(reference, true);
	const tag = ref.digest ?? ref.tag;
	const progress = await transfer(engine, 'pull', ref, '/images/create', {fromImage: ref.repository, tag, ...(options.platform ? {platform: options.platform} : {})}, options);
	const {value} = await engine.inspectImage(ref.reference, options.signal);
	return {reference: ref.reference, digest: progress.digest, progress, imageId: value.Id};
}

/**
 * The docker contexts as the docker CLI knows them: every meta.json under
 * $DOCKER_CONFIG/contexts/meta (any depth, as docker walks it), the implicit
 * "default" context, which one is current, the TLS files stored with each;
 * and a bounded probe of whether a context's engine answers. The meaning of
 * the files is source/docker/context-store.ts; which context is current and
 * how a context becomes an Endpoint is endpoint.ts.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {contextRows, ContextStoreError, DEFAULT_CONTEXT, defaultContext, parseContextMeta, type ClientContext} from '../docker/context-store.js';
import {contextId, currentContextName, dockerConfigDir, resolveEndpoint, type Endpoint, type EndpointOptions} from './endpoint.js';

export {ContextStoreError, type ClientContext} from '../docker/context-store.js';

export interface ContextList {
	/** Sorted as `docker context ls` sorts them (natural order of the names). */
	contexts: ClientContext[];
	/** The name in use (--context, DOCKER_HOST, DOCKER_CONTEXT, config.json, or "default"). */
	current: string;
	/** DOCKER_HOST is set: docker warns that it overrides the context. */
	hostOverride: boolean;
}

/**
 * Reads the store. Throws ContextStoreError where docker fails the whole
 * list (a meta.json it cannot parse, a DOCKER_HOST it cannot parse).
 */
export function listContexts(options: EndpointOptions = {}): ContextList {
	const env = options.env ?? process.env;
	const configDir = dockerConfigDir(options);
	const metaRoot = path.join(configDir, 'contexts', 'meta');
	const stored = metaDirs(metaRoot).map(dir => {
		const file = path.join(metaRoot, dir, 'meta.json');
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			throw new ContextStoreError(`failed to read metadata: ${(error as Error).message}`);
		}
		const context = parseContextMeta(text, file);
		return {...context, tls: tlsFiles(configDir, context.name)};
	});
	const current = currentContextName(options);
	const host = options.host ?? (env.DOCKER_HOST || undefined);
	const missing = `context "${current}": context not found: open ${path.join(metaRoot, contextId(current), 'meta.json')}: no such file or directory`;
	return {contexts: contextRows(stored, defaultContext(host), current, missing), current, hostOverride: Boolean(env.DOCKER_HOST)};
}

/** listRecursivelyMetadataDirs: every directory (relative to root) that holds a meta.json file. */
function metaDirs(root: string, prefix = ''): string[] {
	let entries;
	try {
		entries = readdirSync(path.join(root, prefix), {withFileTypes: true});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return [];
		throw new ContextStoreError(`failed to read metadata: ${(error as Error).message}`);
	}
	const found: string[] = [];
	for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		if (!entry.isDirectory()) continue;
		const dir = path.join(prefix, entry.name);
		if (isFile(path.join(root, dir, 'meta.json'))) found.push(dir);
		found.push(...metaDirs(root, dir));
	}
	return found;
}

function isFile(file: string): boolean {
	try {
		return !statSync(file).isDirectory();
	} catch {
		return false;
	}
}

function tlsFiles(configDir: string, name: string): ClientContext['tls'] {
	const dir = path.join(configDir, 'contexts', 'tls', contextId(name), 'docker');
	return {ca: existsSync(path.join(dir, 'ca.pem')), cert: existsSync(path.join(dir, 'cert.pem')), key: existsSync(path.join(dir, 'key.pem'))};
}

/**
 * The Endpoint a context stands for (what the explorer switches to). The
 * default context is -H or DOCKER_HOST or the local socket, as for docker.
 */
export function contextEndpoint(name: string, options: EndpointOptions = {}): Endpoint {
	if (name === DEFAULT_CONTEXT) return resolveEndpoint(options.host ? {...options, context: undefined} : {...options, context: DEFAULT_CONTEXT});
	return resolveEndpoint({...options, host: undefined, context: name});
}

export type ProbeResult = {ok: true; version: string} | {ok: false; error: string};

/** How long a probe waits by default: a local engine answers in milliseconds, a dead tcp one may never refuse. */
export const PROBE_TIMEOUT_MS = 2000;

/**
 * Whether the context's engine answers GET /version within the time. Never
 * throws: every failure (no endpoint, no answer, TLS, ssh) is an error text.
 */
export async function probeContext(context: ClientContext, options: EndpointOptions & {timeoutMs?: number} = {}): Promise<ProbeResult> {
	if (context.error) return {ok: false, error: context.error};
	const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
	let timer: NodeJS.Timeout | undefined;
	let engine: {close(): void} | undefined;
	try {
		const endpoint = contextEndpoint(context.name, options);
		const {Engine} = await import('./engine.js');
		const live = new Engine(endpoint);
		engine = live;
		const controller = new AbortController();
		const expired = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				controller.abort();
				reject(new Error(`no answer within ${timeoutMs} ms`));
			}, timeoutMs);
		});
		const answer = await Promise.race([live.json<{Version?: string}>('/version', {signal: controller.signal, timeout: timeoutMs}), expired]);
		return {ok: true, version: typeof answer?.Version === 'string' ? answer.Version : ''};
	} catch (error) {
		// The first line: the advice that follows it is for a person at a prompt.
		return {ok: false, error: String((error as Error)?.message ?? error).split('\n')[0]};
	} finally {
		clearTimeout(timer);
		try {
			engine?.close();
		} catch {
			// closing a pool that never opened
		}
	}
}

/** Every context probed at once (each bounded by the timeout), in the list's order. */
export function probeContexts(contexts: ClientContext[], options: EndpointOptions & {timeoutMs?: number} = {}): Promise<ProbeResult[]> {
	return Promise.all(contexts.map(c => probeContext(c, options)));
}

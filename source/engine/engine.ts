/**
 * The engine adapter: the only code that talks to the daemon. Requests go
 * through node's http (transport.ts) over one keep-alive pool per Engine;
 * every request has a timeout and an abort signal; the daemon's raw bytes
 * are kept where docker's output is built from them (inspect). dockerode is
 * loaded only for what needs it (attach).
 */
import type Docker from 'dockerode';
import type http from 'node:http';
import type {Readable} from 'node:stream';
import type {Endpoint} from './endpoint.js';
import {openImageExport} from './archive/export-stream.js';
import {encodeRef} from './reference.js';
import {cutWhileReading, EngineError, toEngineError} from './errors.js';
import type {ImageExport} from './image-export.js';
import {loadDockerode} from './remote-modules.js';
import {createAgent, send} from './transport.js';
import type {ContainerSummary, EngineEvent, HistoryItem, ImageSummary, InspectResult} from './types.js';

export interface RequestOptions {
	method?: string;
	query?: Record<string, unknown>;
	body?: unknown;
	signal?: AbortSignal;
	/** Milliseconds; 0 for none (streams). */
	timeout?: number;
	headers?: Record<string, string>;
}

function isReadable(value: unknown): value is Readable {
	return Boolean(value && typeof (value as Readable).pipe === 'function');
}

const defaultTimeout = Number(process.env.IMGSCOPE_TIMEOUT_MS) || 30_000;

/** The caller's signal and the timeout, combined; which one fired is told apart afterwards. */
interface Deadline {
	signal?: AbortSignal;
	timedOut(): boolean;
}

function deadline(options: RequestOptions): Deadline {
	const timeout = options.timeout === 0 ? undefined : AbortSignal.timeout(options.timeout ?? defaultTimeout);
	const signals = [options.signal, timeout].filter(Boolean) as AbortSignal[];
	const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
	return {signal, timedOut: () => Boolean(timeout?.aborted) && !options.signal?.aborted};
}

const timeoutError = () => Object.assign(new Error('timeout'), {name: 'TimeoutError'});

/**
 * An ImageSource (image-source.ts) without saying so: that module names Engine
 * as a source's daemon, so `implements` here would make the two import each
 * other. image-source.ts checks that it is one.
 */
export class Engine {
	readonly kind = 'engine' as const;
	private dockerode?: Docker;
	private pool?: http.Agent;

	constructor(readonly endpoint: Endpoint) {}

	/** What the explorer's title line shows. */
	get label(): string {
		return this.endpoint.url;
	}

	/** The engine itself: every action is available. */
	get daemon(): Engine {
		return this;
	}

	/** dockerode, loaded on first use: most paths never need it, and it is the slowest module to load. */
	get docker(): Docker {
		if (!this.dockerode) {
			const DockerClass = loadDockerode();
			this.dockerode = new DockerClass(dockerodeOptions(this.endpoint, () => this.agent));
		}
		return this.dockerode;
	}

	/** The keep-alive pool, made on first use (and again after close()). */
	private get agent(): http.Agent {
		this.pool ??= createAgent(this.endpoint);
		return this.pool;
	}

	/**
	 * Closes every connection to the engine, idle or busy: requests still in
	 * flight fail. The Engine stays usable: the next request opens a new pool.
	 */
	close(): void {
		const pool = this.pool;
		this.pool = undefined;
		pool?.destroy();
	}

	/** Raw request: resolves with the response stream once the status is good. */
	async stream(path: string, options: RequestOptions = {}): Promise<Readable> {
		return this.open(path, options, deadline(options));
	}

	private async open(path: string, options: RequestOptions, limit: Deadline): Promise<Readable> {
		const method = options.method ?? 'GET';
		try {
			const body = options.body === undefined ? undefined : typeof options.body === 'string' || Buffer.isBuffer(options.body) || isReadable(options.body) ? (options.body as string) : JSON.stringify(options.body);
			const headers: Record<string, string> = body !== undefined && !isReadable(options.body) ? {'Content-Type': 'application/json'} : {};
			return await send(this.endpoint, {method, path, query: options.query, body, headers: {...headers, ...options.headers}, signal: limit.signal, agent: this.agent});
		} catch (error) {
			throw toEngineError(limit.timedOut() ? timeoutError() : error, this.endpoint, `${method} ${path}`);
		}
	}

	/** A whole response body as text. */
	async text(path: string, options: RequestOptions = {}): Promise<string> {
		const limit = deadline(options);
		const stream = await this.open(path, options, limit);
		const what = `${options.method ?? 'GET'} ${path}`;
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of stream) chunks.push(chunk as Buffer);
		} catch (error) {
			if (limit.timedOut()) throw toEngineError(timeoutError(), this.endpoint, what);
			if (options.signal?.aborted) throw toEngineError(error, this.endpoint, what);
			const code = (error as {code?: string})?.code;
			throw cutWhileReading(this.endpoint, what, code);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
		const text = await this.text(path, options);
		return this.parse<T>(text, `${options.method ?? 'GET'} ${path}`);
	}

	private parse<T>(text: string, what: string): T {
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new EngineError('protocol', `the engine at ${this.endpoint.url} answered ${what} with something that is not JSON`);
		}
	}

	/** An answer of the wrong shape (an object for a list) is as unusable as one that is not JSON. */
	private shape<T>(value: T, ok: (value: T) => boolean, what: string, expected: string): T {
		if (!ok(value)) throw new EngineError('protocol', `the engine at ${this.endpoint.url} answered ${what} with JSON that is not ${expected}`);
		return value;
	}

	async ping(signal?: AbortSignal): Promise<void> {
		await this.text('/_ping', {signal, timeout: 5000});
	}

	async version(): Promise<{Version: string; ApiVersion: string; Os: string; Arch: string; Components?: {Name: string}[]}> {
		return this.json('/version', {timeout: 5000});
	}

	async listImages(options: {all?: boolean; filters?: Record<string, string[]>; signal?: AbortSignal} = {}): Promise<ImageSummary[]> {
		const query: Record<string, unknown> = {};
		if (options.all) query.all = true;
		if (options.filters && Object.keys(options.filters).length) query.filters = JSON.stringify(options.filters);
		const list = await this.json<ImageSummary[]>('/images/json', {query, signal: options.signal});
		return this.shape(list, isListOfObjects, 'GET /images/json', 'a list of images');
	}

	async listContainers(options: {all?: boolean; signal?: AbortSignal} = {}): Promise<ContainerSummary[]> {
		const list = await this.json<ContainerSummary[]>('/containers/json', {query: options.all ? {all: true} : {}, signal: options.signal});
		return this.shape(list, isListOfObjects, 'GET /containers/json', 'a list of containers');
	}

	async inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult> {
		const path = `/images/${encodeRef(ref)}/json`;
		const raw = await this.text(path, {signal});
		const value = this.parse<InspectResult['value']>(raw, `GET ${path}`);
		this.shape(value, (v) => Boolean(v) && typeof v === 'object' && !Array.isArray(v) && typeof (v as {Id?: unknown}).Id === 'string', `GET ${path}`, 'an image');
		return {raw, value};
	}

	async history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]> {
		const path = `/images/${encodeRef(ref)}/history`;
		const items = await this.json<HistoryItem[]>(path, {signal});
		return this.shape(items, isListOfObjects, `GET ${path}`, 'a history');
	}

	/** `docker save` as a stream; the caller reads it with the archive reader. */
	async saveImage(ref: string, signal?: AbortSignal): Promise<Readable> {
		return this.stream(`/images/${encodeRef(ref)}/get`, {signal, timeout: 0});
	}

	/**
	 * The export for the archive reader; the engine vouches for its own config
	 * (its diff_ids are taken). Read straight off the socket where it can (a
	 * third of the CPU of node's http client on a big export). Hashed on the
	 * main thread: the engine sends slower than one core hashes, and a hashing
	 * thread measured no faster here, with 25-30 MB more peak RSS on a 200 MB
	 * image.
	 */
	async exportImage(ref: string, signal?: AbortSignal): Promise<ImageExport> {
		const raw = process.env.IMGSCOPE_RAW_EXPORT === '0' ? undefined : openImageExport(this.endpoint, ref, signal);
		const stream = await (raw ?? this.saveImage(ref, signal));
		return {source: stream, verifyDiffIds: false, hashing: 'inline', close: () => stream.destroy()};
	}

	/**
	 * Follows the engine's events until `close()`; JSON lines arrive one per
	 * event. Errors (the engine going away) are reported once, then it stops.
	 */
	events(types: string[], onEvent: (event: EngineEvent) => void, onEnd: (error?: EngineError) => void): {close(): void} {
		const controller = new AbortController();
		let ended = false;
		const end = (error?: EngineError) => {
			if (ended) return;
			ended = true;
			onEnd(error);
		};
		this.stream('/events', {query: {filters: JSON.stringify({type: types})}, signal: controller.signal, timeout: 0}).then(
			(stream) => {
				let buffered = '';
				stream.setEncoding('utf8');
				stream.on('data', (chunk: string) => {
					buffered += chunk;
					let newline: number;
					while ((newline = buffered.indexOf('\n')) >= 0) {
						const line = buffered.slice(0, newline).trim();
						buffered = buffered.slice(newline + 1);
						if (!line) continue;
						try {
							onEvent(JSON.parse(line) as EngineEvent);
						} catch {
							// A line that is not JSON is skipped: events are hints to reload, not data.
						}
					}
				});
				// The stream had started: an error now is the connection cut, not a failure to answer.
				stream.on('error', (error) => end(controller.signal.aborted ? undefined : cutWhileReading(this.endpoint, 'events', (error as NodeJS.ErrnoException).code)));
				stream.on('end', () => end(controller.signal.aborted ? undefined : new EngineError('unreachable', `the engine at ${this.endpoint.url} closed the event stream`)));
			},
			(error: EngineError) => end(controller.signal.aborted ? undefined : error),
		);
		return {
			close() {
				ended = true;
				controller.abort();
			},
		};
	}
}

function isListOfObjects(value: unknown): boolean {
	return Array.isArray(value) && value.every((item) => Boolean(item) && typeof item === 'object');
}

function dockerodeOptions(endpoint: Endpoint, agent: () => http.Agent): Docker.DockerOptions {
	switch (endpoint.kind) {
		case 'unix':
		case 'npipe':
			return {socketPath: endpoint.socketPath};
		case 'tcp':
			return endpoint.tls
				? {host: endpoint.host, port: endpoint.port, protocol: 'https', ca: endpoint.tls.ca, cert: endpoint.tls.cert, key: endpoint.tls.key}
				: {host: endpoint.host, port: endpoint.port, protocol: 'http'};
		case 'ssh':
			// Our ssh agent dials the engine; docker-modem's own ssh support builds an
			// invalid URL ("ssh:host:porthost") that node warns about (DEP0170).
			// With a socket path it never builds one; the agent ignores the path.
			return {socketPath: endpoint.url, protocol: 'http', agent: agent()} as Docker.DockerOptions;
	}
}

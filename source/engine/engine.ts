/**
 * The engine adapter: the only code that talks to the daemon. It wraps
 * dockerode's transport (docker-modem) so every request has a timeout and an
 * abort signal, and keeps the daemon's raw bytes where docker's output is
 * built from them (inspect).
 */
import type Docker from 'dockerode';
import {createRequire} from 'node:module';
import type {Readable} from 'node:stream';
import type {Endpoint} from './endpoint.js';
import {EngineError, toEngineError} from './errors.js';
import {send} from './transport.js';
import type {ContainerSummary, EngineEvent, HistoryItem, ImageSummary, InspectResult} from './types.js';

const require = createRequire(import.meta.url);

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

export class Engine {
	private dockerode?: Docker;

	constructor(readonly endpoint: Endpoint) {}

	/** dockerode, loaded on first use: most paths never need it, and it is the slowest module to load. */
	get docker(): Docker {
		if (!this.dockerode) {
			const DockerClass = require('dockerode') as typeof Docker;
			this.dockerode = new DockerClass(dockerodeOptions(this.endpoint));
		}
		return this.dockerode;
	}

	/** Raw request: resolves with the response stream once the status is good. */
	async stream(path: string, options: RequestOptions = {}): Promise<Readable> {
		const signals = [options.signal, options.timeout === 0 ? undefined : AbortSignal.timeout(options.timeout ?? defaultTimeout)].filter(Boolean) as AbortSignal[];
		const signal = signals.length ? AbortSignal.any(signals) : undefined;
		const method = options.method ?? 'GET';
		try {
			if (this.endpoint.kind === 'ssh') return await this.viaDockerode(path, method, options, signal);
			const body = options.body === undefined ? undefined : typeof options.body === 'string' || Buffer.isBuffer(options.body) || isReadable(options.body) ? (options.body as string) : JSON.stringify(options.body);
			const headers: Record<string, string> = body !== undefined && !isReadable(options.body) ? {'Content-Type': 'application/json'} : {};
			return await send(this.endpoint, {method, path, query: options.query, body, headers: {...headers, ...options.headers}, signal});
		} catch (error) {
			throw toEngineError(signal?.aborted && !options.signal?.aborted ? Object.assign(new Error('timeout'), {name: 'TimeoutError'}) : error, this.endpoint, `${method} ${path}`);
		}
	}

	private viaDockerode(path: string, method: string, options: RequestOptions, signal?: AbortSignal): Promise<Readable> {
		return new Promise<Readable>((resolve, reject) => {
			this.docker.modem.dial(
				{
					path: `${path}?`,
					method,
					options: options.query ?? (options.body as object) ?? {},
					abortSignal: signal,
					isStream: true,
					statusCodes: {200: true, 201: true, 204: true, 304: true, 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error'},
				} as never,
				(error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as Readable)),
			);
		});
	}

	/** A whole response body as text. */
	async text(path: string, options: RequestOptions = {}): Promise<string> {
		const stream = await this.stream(path, options);
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of stream) chunks.push(chunk as Buffer);
		} catch (error) {
			throw toEngineError(error, this.endpoint, path);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
		const text = await this.text(path, options);
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new EngineError('daemon', `the engine at ${this.endpoint.url} answered ${path} with something that is not JSON`);
		}
	}

	async ping(signal?: AbortSignal): Promise<void> {
		await this.text('/_ping', {signal, timeout: 5000});
	}

	async version(): Promise<{Version: string; ApiVersion: string; Os: string; Arch: string; Components?: {Name: string}[]}> {
		return this.json('/version', {timeout: 5000});
	}

	listImages(options: {all?: boolean; filters?: Record<string, string[]>; signal?: AbortSignal} = {}): Promise<ImageSummary[]> {
		const query: Record<string, unknown> = {};
		if (options.all) query.all = true;
		if (options.filters && Object.keys(options.filters).length) query.filters = JSON.stringify(options.filters);
		return this.json<ImageSummary[]>('/images/json', {query, signal: options.signal});
	}

	listContainers(options: {all?: boolean; signal?: AbortSignal} = {}): Promise<ContainerSummary[]> {
		return this.json<ContainerSummary[]>('/containers/json', {query: options.all ? {all: true} : {}, signal: options.signal});
	}

	async inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult> {
		const raw = await this.text(`/images/${encodeRef(ref)}/json`, {signal});
		return {raw, value: JSON.parse(raw)};
	}

	history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]> {
		return this.json<HistoryItem[]>(`/images/${encodeRef(ref)}/history`, {signal});
	}

	/** `docker save` as a stream; the caller reads it with the archive reader. */
	saveImage(ref: string, signal?: AbortSignal): Promise<Readable> {
		return this.stream(`/images/${encodeRef(ref)}/get`, {signal, timeout: 0});
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
				stream.on('error', (error) => end(controller.signal.aborted ? undefined : toEngineError(error, this.endpoint, 'events')));
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

/** Image references go into the path as docker's CLI sends them: slashes kept. */
export function encodeRef(ref: string): string {
	return ref.split('/').map(encodeURIComponent).join('/');
}

function dockerodeOptions(endpoint: Endpoint): Docker.DockerOptions {
	switch (endpoint.kind) {
		case 'unix':
		case 'npipe':
			return {socketPath: endpoint.socketPath};
		case 'tcp':
			return endpoint.tls
				? {host: endpoint.host, port: endpoint.port, protocol: 'https', ca: endpoint.tls.ca, cert: endpoint.tls.cert, key: endpoint.tls.key}
				: {host: endpoint.host, port: endpoint.port, protocol: 'http'};
		case 'ssh':
			return {host: endpoint.host, port: endpoint.port, username: endpoint.user, protocol: 'ssh'} as Docker.DockerOptions;
	}
}

/**
 * The registry's HTTP API v2 (the only I/O of registry work): /v2/ over
 * HTTPS (plain HTTP only for localhost, 127.0.0.0/8, ::1 or a registry given
 * with --insecure-registry), authentication (auth.ts), redirects (bounded,
 * loops named, credentials never sent to another host), HTTP 429 and the
 * rate-limit headers reported, registry errors and HTML answers described.
 * Manifests and configs are read bounded and checked against their digests;
 * layer blobs are handed back as streams for the caller to verify.
 */
import type {CredentialOptions} from '../actions/credentials.js';
import {nextLink} from '../../registry/challenge.js';
import {type Manifest, digestOf, isDigest, parseManifest, verifyDigest} from '../../registry/manifest.js';
import {manifestAccept} from '../../registry/media-types.js';
import {plainHttpAllowed} from '../../registry/remote-reference.js';
import {AuthSession} from './auth.js';
import {RegistryError} from './errors.js';
import {Agents, type HttpResponse, drain, readBody, send} from './http.js';
import {type TlsMaterial, tlsFor} from './tls.js';

export interface ClientOptions {
	/** Registries (host[:port]) where plain HTTP is allowed (--insecure-registry). */
	insecureRegistries?: string[];
	/** `docker manifest inspect --insecure`: plain HTTP allowed and TLS not verified. */
	insecure?: boolean;
	/** Whether plain HTTP may be tried at all (default true: on loopback and --insecure-registry hosts; docker manifest inspect: only with --insecure). */
	plainHttp?: boolean;
	credentials?: CredentialOptions;
	env?: NodeJS.ProcessEnv;
	/** Manifests and configs larger than this are refused; default 4 MiB (distribution's own manifest limit). */
	maxDocumentBytes?: number;
	/** Rate-limit headers and other things worth a line on stderr. */
	onNotice?: (text: string) => void;
	timeoutMs?: number;
}

export interface FetchedDocument {
	raw: Buffer;
	/** The Content-Type's media type. */
	contentType: string;
	digest: string;
}

const maxRedirects = 10;

export class RegistryClient {
	private readonly agents = new Agents();
	private base: Promise<URL> | undefined;
	private readonly auth: AuthSession;
	private readonly tlsCache = new Map<string, TlsMaterial>();
	readonly maxDocumentBytes: number;
	private noticed = false;

	constructor(
		/** host[:port] to connect to. */
		readonly host: string,
		/** The registry as credentials name it (docker.io for registry-1.docker.io). */
		readonly registry: string,
		private readonly options: ClientOptions = {},
	) {
		this.maxDocumentBytes = options.maxDocumentBytes ?? 4 << 20;
		this.auth = new AuthSession(registry, this.agents, (h) => this.tls(h), options.credentials);
	}

	private tls(host: string): TlsMaterial {
		let t = this.tlsCache.get(host);
		if (!t) {
			t = tlsFor(host, this.options.env);
			// docker: an insecure registry is HTTPS without verification, or plain HTTP.
			if (this.options.insecure || this.options.insecureRegistries?.includes(host)) t = {...t, skipVerify: true};
			this.tlsCache.set(host, t);
		}
		return t;
	}

	close(): void {
		this.agents.close();
	}

	/** https://HOST, or http://HOST where plain HTTP is allowed and HTTPS is not spoken. */
	private baseUrl(signal?: AbortSignal): Promise<URL> {
		this.base ??= (async () => {
			const https = new URL(`https://${this.host}/`);
			const plain = this.options.plainHttp === false ? false : this.options.insecure || plainHttpAllowed(this.host, this.options.insecureRegistries);
			if (!plain) return https;
			try {
				const res = await send(this.agents, new URL('/v2/', https), {tls: this.tls(this.host), signal, timeoutMs: 10_000});
				drain(res);
				return https;
			} catch (error) {
				// Only a server that answers TLS in plain HTTP is plain HTTP; any other TLS failure (a client certificate asked for, an unknown CA) is the answer.
				if (error instanceof RegistryError && error.detail === 'plain-http') return new URL(`http://${this.host}/`);
				throw error;
			}
		})();
		this.base.catch(() => {
			this.base = undefined;
		});
		return this.base;
	}

	/**
	 * GET a registry path with authentication and redirects. `scope` is the
	 * token scope ("repository:NAME:pull"); `what` names the request in
	 * messages. Statuses other than 2xx become RegistryErrors.
	 */
	async get(path: string, options: {scope: string; accept?: string; signal?: AbortSignal; what: string}): Promise<HttpResponse> {
		const base = await this.baseUrl(options.signal);
		let url = new URL(path, base);
		let retried = false;
		const seen = new Set<string>();
		for (let hop = 0; ; hop++) {
			const sameHost = url.host === base.host;
			const headers: Record<string, string> = {};
			if (options.accept) headers.Accept = options.accept;
			if (sameHost) {
				const authorization = await this.auth.header(options.scope);
				if (authorization) headers.Authorization = authorization;
			}
			const res = await send(this.agents, url, {headers, tls: url.protocol === 'https:' ? this.tls(url.host) : undefined, signal: options.signal, timeoutMs: this.options.timeoutMs});
			this.rateLimit(res);
			if (res.status === 401 && sameHost) {
				await readBody(res, 1 << 16, options.what).catch(() => undefined);
				if (!retried && (await this.auth.challenged(res, options.scope))) {
					retried = true;
					hop--;
					continue;
				}
				const stored = await this.auth.hasCredentials();
				throw new RegistryError('auth', stored ? `${this.registry}: the stored credentials for ${this.registry} were refused (unauthorized)` : `${this.registry}: authentication required (no credentials for ${this.registry}; docker login ${this.registry})`, 401);
			}
			if (res.status >= 300 && res.status < 400 && res.headers.location) {
				drain(res);
				const next = new URL(res.headers.location, url);
				if (seen.has(next.href)) throw new RegistryError('redirect', `${options.what}: redirect loop at ${next.host}${next.pathname}`);
				if (hop >= maxRedirects) throw new RegistryError('redirect', `${options.what}: more than ${maxRedirects} redirects`);
				if (next.protocol === 'http:' && url.protocol === 'https:' && !plainHttpAllowed(next.host, this.options.insecureRegistries)) {
					throw new RegistryError('redirect', `${options.what}: redirected from HTTPS to plain HTTP at ${next.host}, refused`);
				}
				seen.add(url.href);
				url = next;
				continue;
			}
			if (res.status >= 200 && res.status < 300) return res;
			throw await this.failure(res, options.what);
		}
	}

	private rateLimit(res: HttpResponse): void {
		const remaining = res.headers['ratelimit-remaining'];
		// A 429 says it in its error.
		if (typeof remaining === 'string' && !this.noticed && res.status !== 429) {
			const limit = res.headers['ratelimit-limit'];
			const n = Number.parseInt(remaining, 10);
			// Said once, and only when it is getting low (a tenth left).
			const total = typeof limit === 'string' ? Number.parseInt(limit, 10) : NaN;
			if (Number.isFinite(n) && (!Number.isFinite(total) || n <= total / 10)) {
				this.noticed = true;
				this.options.onNotice?.(`${this.registry}: rate limit: ${n} requests left${typeof limit === 'string' ? ` (limit ${limit.split(';')[0]})` : ''}`);
			}
		}
	}

	private async failure(res: HttpResponse, what: string): Promise<RegistryError> {
		const body = await readBody(res, 1 << 16, what).catch(() => Buffer.alloc(0));
		const type = String(res.headers['content-type'] ?? '');
		if (res.status === 429) {
			const after = res.headers['retry-after'];
			const remaining = res.headers['ratelimit-remaining'];
			return new RegistryError('rateLimited', `${what}: ${this.registry} answered 429 Too Many Requests${remaining !== undefined ? ` (ratelimit-remaining: ${remaining})` : ''}${after ? `; retry after ${after} s` : ''}`, 429);
		}
		if (/html/i.test(type) || /^\s*<(!doctype|html)/i.test(body.toString('utf8', 0, 200))) {
			return new RegistryError('protocol', `${what}: ${this.registry} answered an HTML page (HTTP ${res.status}), not the registry API: is it a registry?`, res.status);
		}
		if (res.status === 400 && /HTTP request to an HTTPS server/.test(body.toString('utf8', 0, 200))) {
			return new RegistryError('protocol', `${what}: ${this.registry} speaks HTTPS, not plain HTTP`, 400);
		}
		const errors = registryErrors(body);
		const detail = errors.length ? errors.map((e) => e.message || e.code).join('; ') : `HTTP ${res.status}`;
		const code = errors[0]?.code;
		if (res.status === 404 || code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN' || code === 'BLOB_UNKNOWN') return new RegistryError('notFound', `${what}: ${detail}`, res.status);
		if (res.status === 403 || code === 'DENIED' || code === 'UNAUTHORIZED') return new RegistryError('auth', `${what}: ${this.registry}: ${detail}`, res.status);
		return new RegistryError('server', `${what}: ${this.registry} answered ${detail}`, res.status);
	}

	/** A manifest or index by tag or digest: bounded, parsed, its digest checked. */
	async manifest(path: string, target: string, signal?: AbortSignal): Promise<FetchedDocument & {manifest: Manifest}> {
		const what = `manifest ${path}${isDigest(target) ? '@' : ':'}${target}`;
		const res = await this.get(`/v2/${path}/manifests/${target}`, {scope: `repository:${path}:pull`, accept: manifestAccept, signal, what});
		const raw = await readBody(res, this.maxDocumentBytes, what, signal);
		const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
		if (/html/i.test(contentType)) throw new RegistryError('protocol', `${what}: ${this.registry} answered an HTML page, not a manifest`);
		const announced = res.headers['docker-content-digest'];
		const expected = isDigest(target) ? target : typeof announced === 'string' && isDigest(announced) ? announced : undefined;
		const digest = digestOf(raw, expected);
		if (expected && digest !== expected) {
			throw new RegistryError('digest', `${what}: manifest digest mismatch: ${isDigest(target) ? 'asked for' : 'the registry says'} ${expected}, the bytes are ${digest}`);
		}
		let manifest: Manifest;
		try {
			manifest = parseManifest(raw, contentType);
		} catch (e) {
			throw new RegistryError('protocol', `${what}: ${(e as Error).message}`);
		}
		return {raw, contentType, digest, manifest};
	}

	/** A small blob (a config), bounded and verified. */
	async blobBytes(path: string, digest: string, what: string, signal?: AbortSignal): Promise<Buffer> {
		const res = await this.get(`/v2/${path}/blobs/${digest}`, {scope: `repository:${path}:pull`, signal, what});
		const raw = await readBody(res, this.maxDocumentBytes, what, signal);
		try {
			verifyDigest(raw, digest, what);
		} catch (e) {
			throw new RegistryError('digest', (e as Error).message);
		}
		return raw;
	}

	/** A blob as a stream; the caller verifies it against `digest`. */
	async blobStream(path: string, digest: string, what: string, signal?: AbortSignal): Promise<HttpResponse> {
		return this.get(`/v2/${path}/blobs/${digest}`, {scope: `repository:${path}:pull`, signal, what});
	}

	/** Every tag of a repository, page after page by the `Link` header. */
	async tags(path: string, options: {pageSize?: number; signal?: AbortSignal; maxPages?: number} = {}): Promise<string[]> {
		const out: string[] = [];
		let next: string | undefined = `/v2/${path}/tags/list${options.pageSize ? `?n=${options.pageSize}` : ''}`;
		const seen = new Set<string>();
		for (let page = 0; next; page++) {
			if (seen.has(next) || page >= (options.maxPages ?? 10_000)) throw new RegistryError('protocol', `tags of ${path}: the registry's pages do not end (${next})`);
			seen.add(next);
			const what = `tags of ${path}`;
			const res = await this.get(next, {scope: `repository:${path}:pull`, signal: options.signal, what, accept: 'application/json'});
			const body = await readBody(res, this.maxDocumentBytes, what, options.signal);
			let doc: {tags?: unknown};
			try {
				doc = JSON.parse(body.toString('utf8'));
			} catch {
				throw new RegistryError('protocol', `${what}: the registry answered something that is not JSON`);
			}
			if (Array.isArray(doc.tags)) for (const t of doc.tags) if (typeof t === 'string') out.push(t);
			const link = res.headers.link;
			next = nextLink(Array.isArray(link) ? link.join(', ') : link);
		}
		return out;
	}
}

function registryErrors(body: Buffer): {code?: string; message?: string}[] {
	try {
		const doc = JSON.parse(body.toString('utf8')) as {errors?: {code?: string; message?: string}[]};
		return Array.isArray(doc.errors) ? doc.errors : [];
	} catch {
		return [];
	}
}

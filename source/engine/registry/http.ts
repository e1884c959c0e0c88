/**
 * One HTTP(S) request to a registry, with node's http/https: keep-alive
 * agents per client, the host's TLS material, a timeout until the answer's
 * headers, cancellation, and bounded body reads. Redirects are the caller's
 * (they decide which headers follow).
 */
import http, {type IncomingHttpHeaders, type IncomingMessage} from 'node:http';
import https from 'node:https';
import {RegistryError} from './errors.js';
import type {TlsMaterial} from './tls.js';

export interface HttpResponse {
	status: number;
	headers: IncomingHttpHeaders;
	url: URL;
	body: IncomingMessage;
}

export interface RequestOptions {
	method?: 'GET' | 'HEAD' | 'POST';
	headers?: Record<string, string>;
	tls?: TlsMaterial;
	signal?: AbortSignal;
	/** Until the response headers; default 30 s. */
	timeoutMs?: number;
	/** Longest wait for the next bytes of a body; default 60 s. */
	idleMs?: number;
	/** A form body (POST, the OAuth2 token request). */
	form?: Record<string, string>;
}

export class Agents {
	readonly http = new http.Agent({keepAlive: true, maxSockets: 4});
	private readonly secure = new Map<string, https.Agent>();
	forHttps(host: string, tls: TlsMaterial | undefined): https.Agent {
		let agent = this.secure.get(host);
		if (!agent) {
			agent = new https.Agent({keepAlive: true, maxSockets: 4, ca: tls?.ca, cert: tls?.cert, key: tls?.key, rejectUnauthorized: !tls?.skipVerify});
			this.secure.set(host, agent);
		}
		return agent;
	}
	close(): void {
		this.http.destroy();
		for (const a of this.secure.values()) a.destroy();
	}
}

export function send(agents: Agents, url: URL, options: RequestOptions = {}): Promise<HttpResponse> {
	const secure = url.protocol === 'https:';
	const lib = secure ? https : http;
	return new Promise((resolve, reject) => {
		if (options.signal?.aborted) return reject(new RegistryError('aborted', 'cancelled'));
		const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
		const req = lib.request(url, {
			method: options.method ?? (body === undefined ? 'GET' : 'POST'),
			headers: {'User-Agent': 'imgscope', ...(body === undefined ? {} : {'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body))}), ...options.headers},
			agent: secure ? agents.forHttps(url.host, options.tls) : agents.http,
			signal: options.signal,
		});
		const timer = setTimeout(() => req.destroy(new RegistryError('unreachable', `${url.host} did not answer in ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s`)), options.timeoutMs ?? 30_000);
		req.on('response', (res) => {
			clearTimeout(timer);
			// A body that stalls (no byte for this long) fails rather than hanging the read for ever.
			const idle = options.idleMs ?? 60_000;
			res.setTimeout(idle, () => res.destroy(new RegistryError('unreachable', `${url.host} sent nothing for ${Math.round(idle / 1000)} s`)));
			resolve({status: res.statusCode ?? 0, headers: res.headers, url, body: res});
		});
		req.on('error', (error) => {
			clearTimeout(timer);
			reject(describeNetError(error, url));
		});
		req.end(body);
	});
}

function describeNetError(error: unknown, url: URL): RegistryError {
	if (error instanceof RegistryError) return error;
	const e = error as NodeJS.ErrnoException & {reason?: string};
	if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return new RegistryError('aborted', 'cancelled');
	const code = e.code ?? '';
	const first = (e.message ?? '').split('\n')[0];
	if (/alert (bad certificate|certificate required|unknown ca|handshake failure)/i.test(first)) {
		return new RegistryError('tls', `${url.host}: TLS: the registry did not accept a client certificate (none was sent, or not one it trusts); docker's pair goes in /etc/docker/certs.d/${url.host}/NAME.cert and NAME.key`);
	}
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new RegistryError('tls', `${url.host}: TLS: ${first}`);
	if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate/i.test(first)) {
		return new RegistryError('tls', `${url.host}: TLS: the registry's certificate is not trusted (${code || first}); a private CA goes in /etc/docker/certs.d/${url.host}/ca.crt`);
	}
	if (code === 'EPROTO' || /wrong version number|packet length too long/i.test(first)) {
		return new RegistryError('tls', `${url.host}: TLS: the server does not speak TLS (${first.replace(/^.*SSL routines:/, '').replace(/:\.\.\/deps.*$/, '')})`, undefined, 'plain-http');
	}
	if (/SSL|TLS/.test(code)) return new RegistryError('tls', `${url.host}: TLS: ${first}`);
	return new RegistryError('unreachable', `cannot reach the registry ${url.host}: ${e.message}`);
}

/** The body, at most `limit` bytes (more: tooBig, and the connection is dropped). */
export function readBody(res: HttpResponse, limit: number, what: string, signal?: AbortSignal): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const declared = Number(res.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) {
			res.body.destroy();
			return reject(new RegistryError('tooBig', `${what} is ${declared} bytes, over the ${limit} byte limit`));
		}
		const parts: Buffer[] = [];
		let size = 0;
		const onAbort = () => res.body.destroy(new RegistryError('aborted', 'cancelled'));
		signal?.addEventListener('abort', onAbort, {once: true});
		res.body.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				res.body.destroy(new RegistryError('tooBig', `${what} is over the ${limit} byte limit`));
				return;
			}
			parts.push(chunk);
		});
		res.body.on('end', () => {
			signal?.removeEventListener('abort', onAbort);
			resolve(Buffer.concat(parts));
		});
		res.body.on('error', (e) => {
			signal?.removeEventListener('abort', onAbort);
			reject(e instanceof RegistryError ? e : new RegistryError('unreachable', `${what}: the connection was cut: ${e.message}`));
		});
		// A body destroyed above ends in its 'error'; 'aborted' is the peer cutting it.
		res.body.on('aborted', () => {
			if (size <= limit) reject(new RegistryError('unreachable', `${what}: the connection was cut`));
		});
	});
}

/** Reads and drops a small body so the socket can be reused. */
export function drain(res: HttpResponse): void {
	res.body.resume();
}

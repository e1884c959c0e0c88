/**
 * HTTP to the engine with node's own http module. Start-up time matters
 * (a first frame in a few hundred milliseconds), and loading dockerode costs
 * more than the rest of a subcommand; so plain requests go through here, and
 * dockerode is loaded only for what needs it (ssh endpoints, build, attach).
 */
import http from 'node:http';
import https from 'node:https';
import type {Readable} from 'node:stream';
import type {Endpoint} from './endpoint.js';

export interface HttpRequest {
	method: string;
	path: string;
	query?: Record<string, unknown>;
	headers?: Record<string, string>;
	body?: string | Buffer | Readable;
	signal?: AbortSignal;
}

export interface HttpFailure {
	statusCode: number;
	json?: unknown;
	message: string;
}

export function queryString(query: Record<string, unknown> | undefined): string {
	if (!query) return '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null) continue;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

/** Resolves with the response once it starts; a status of 400 or more rejects with the body's message. */
export function send(endpoint: Endpoint, request: HttpRequest): Promise<http.IncomingMessage> {
	return new Promise((resolve, reject) => {
		const options: http.RequestOptions & https.RequestOptions = {
			method: request.method,
			path: request.path + queryString(request.query),
			headers: {Host: 'docker', ...request.headers},
			signal: request.signal,
			agent: false,
		};
		let client: typeof http | typeof https = http;
		if (endpoint.kind === 'unix' || endpoint.kind === 'npipe') {
			options.socketPath = endpoint.socketPath;
		} else if (endpoint.kind === 'tcp') {
			options.host = endpoint.host;
			options.port = endpoint.port;
			if (endpoint.tls) {
				client = https;
				options.ca = endpoint.tls.ca;
				options.cert = endpoint.tls.cert;
				options.key = endpoint.tls.key;
				options.rejectUnauthorized = endpoint.tls.verify;
			}
		} else {
			reject(new Error('ssh endpoints go through dockerode'));
			return;
		}
		const req = client.request(options, (res) => {
			const status = res.statusCode ?? 0;
			if (status < 400) {
				resolve(res);
				return;
			}
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {}
				const failure: HttpFailure = {statusCode: status, json: json ?? text, message: `HTTP ${status}`};
				reject(failure);
			});
		});
		req.on('error', reject);
		const body = request.body;
		if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
			req.end(body);
		} else {
			body.on('error', (error) => req.destroy(error));
			body.pipe(req);
		}
	});
}

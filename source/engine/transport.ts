/**
 * HTTP to the engine with node's own http module. Start-up time matters
 * (a first frame in a few hundred milliseconds), and loading dockerode costs
 * more than the rest of a subcommand; so plain requests go through here, and
 * dockerode is loaded only for what needs it (attach).
 *
 * Connections are kept alive in one agent per Engine (see createAgent):
 * `imgscope inspect` over thousands of references would otherwise pay a new
 * connection per request. Idle sockets are unref'd by node's agent, so they
 * never keep the process alive, and Engine.close() destroys them.
 */
import http from 'node:http';
import https from 'node:https';
import {isIP} from 'node:net';
import type {Duplex, Readable} from 'node:stream';
import type {Endpoint} from './endpoint.js';
import {loadSsh2} from './remote-modules.js';

export interface HttpRequest {
	method: string;
	path: string;
	query?: Record<string, unknown>;
	headers?: Record<string, string>;
	body?: string | Buffer | Readable;
	signal?: AbortSignal;
	/** The connection pool to use (Engine keeps one); none: a connection of its own. */
	agent?: http.Agent;
}

export interface HttpFailure {
	statusCode: number;
	json?: unknown;
	message: string;
	/** For a redirect: where it pointed. */
	location?: string;
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

/**
 * A keep-alive pool for the endpoint. ssh gets an agent that opens one ssh
 * session per connection and runs `docker system dial-stdio` in it (what the
 * docker CLI does), without keep-alive: an ssh channel is not a net.Socket.
 */
export function createAgent(endpoint: Endpoint): http.Agent {
	if (endpoint.kind === 'ssh') return new SshAgent(endpoint);
	const options: http.AgentOptions = {keepAlive: true, keepAliveMsecs: 10_000};
	if (endpoint.kind === 'tcp' && endpoint.tls) return new https.Agent(options);
	// A servername skips the agent's net.isIP() check of the Host header, whose
	// huge IPv6 regular expression V8 compiles on every start (4-5 ms of a
	// piped command's ~50). It means nothing without TLS.
	return new http.Agent({...options, servername: ''} as http.AgentOptions);
}

type SshEndpoint = Extract<Endpoint, {kind: 'ssh'}>;

class SshAgent extends http.Agent {
	constructor(private readonly endpoint: SshEndpoint) {
		super({keepAlive: false});
	}

	// The callback form: the ssh session is ready some time later.
	override createConnection(_options: http.ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void): Duplex | undefined {
		let done = false;
		const finish = (error: Error | null, socket?: Duplex) => {
			if (done) return;
			done = true;
			callback?.(error, socket as Duplex);
		};
		try {
			const {Client} = loadSsh2();
			const connection = new Client();
			connection.once('ready', () => {
				connection.exec('docker system dial-stdio', (error, channel) => {
					if (error) {
						connection.end();
						finish(error);
						return;
					}
					channel.once('close', () => connection.end());
					finish(null, channel as unknown as Duplex);
				});
			});
			connection.on('error', (error) => {
				connection.end();
				finish(error);
			});
			connection.connect({
				host: this.endpoint.host,
				port: this.endpoint.port,
				username: this.endpoint.user,
				agent: process.env.SSH_AUTH_SOCK,
			});
		} catch (error) {
			finish(error as Error);
		}
		return undefined;
	}
}

/** Only a request that can be sent again as is (no stream body, no side effect) is retried. */
function retryable(request: HttpRequest): boolean {
	return (request.method === 'GET' || request.method === 'HEAD') && (request.body === undefined || typeof request.body === 'string' || Buffer.isBuffer(request.body));
}

/**
 * Resolves with the response once it starts. A status of 400 or more rejects
 * with the body's message; a redirect (3xx but 304) rejects too: the engine
 * API never redirects a well-formed request, and following one could reach
 * another API path.
 */
export function send(endpoint: Endpoint, request: HttpRequest): Promise<http.IncomingMessage> {
	return attempt(endpoint, request, retryable(request));
}

function attempt(endpoint: Endpoint, request: HttpRequest, mayRetry: boolean): Promise<http.IncomingMessage> {
	return new Promise((resolve, reject) => {
		const options: http.RequestOptions & https.RequestOptions = {
			method: request.method,
			path: request.path + queryString(request.query),
			headers: {Host: 'docker', ...request.headers},
			signal: request.signal,
			agent: request.agent ?? false,
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
				// The certificate names the host, not our Host header ("docker"), which
				// node would otherwise check it against; an IP is checked but never sent as SNI.
				options.servername = isIP(endpoint.host) ? '' : endpoint.host;
			}
		} else if (!request.agent) {
			// ssh: the connection comes from the agent.
			options.agent = createAgent(endpoint);
		}
		let req: http.ClientRequest;
		// Once an answer came, an error is the answer's (cut in its body): never a reason to ask again.
		let answer: http.IncomingMessage | undefined;
		try {
			req = client.request(options, (res) => {
				answer = res;
				const status = res.statusCode ?? 0;
				if (status < 300 || status === 304) {
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
					if (status < 400) failure.location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
					reject(failure);
				});
			});
		} catch (error) {
			reject(error);
			return;
		}
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (answer) {
				// Whoever reads the body learns it was cut.
				if (!answer.destroyed) answer.destroy(error);
				return;
			}
			// A kept-alive connection the engine had closed meanwhile: once more on a fresh one.
			if (mayRetry && req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') && !request.signal?.aborted) {
				resolve(attempt(endpoint, request, false));
				return;
			}
			reject(error);
		});
		const body = request.body;
		if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
			req.end(body);
		} else {
			body.on('error', (error) => req.destroy(error));
			body.pipe(req);
		}
	});
}

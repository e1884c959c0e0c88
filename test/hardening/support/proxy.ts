/**
 * An HTTP-level fault proxy on a Unix socket in front of a real dockerd.
 * Unlike test/helpers/proxy.ts it can pick the requests it breaks (by path),
 * stall without answering, answer an HTTP error, cut a response in the
 * middle of its body, send bytes that are not HTTP at all, and rewrite JSON
 * answers (to play a hostile or compromised engine).
 */
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll} from 'vitest';

export type FaultMode =
	| 'none'
	/** Waits delayMs before forwarding the request. */
	| 'delay'
	/** Accepts the request and never answers. */
	| 'stall'
	/** Closes the connection at once. */
	| 'drop'
	/** 200 with a JSON content type and a body that is not JSON. */
	| 'garbage'
	/** Bytes that are not HTTP at all. */
	| 'noise'
	/** The real answer's headers (with its full Content-Length), half its body, then the connection is cut. */
	| 'half'
	/** HTTP 500 with errorMessage as the daemon's message. */
	| 'error'
	/** Forwards the request at once but holds the answer for delayMs (the daemon's view is of then, it arrives later). */
	| 'slow';

export class FaultProxy {
	mode: FaultMode = 'none';
	delayMs = 0;
	errorMessage = 'simulated daemon failure';
	/** In 'error' mode: how long to wait before answering. */
	errorAfterMs = 0;
	/** Which requests the fault applies to (by path, query included); the rest pass through. */
	only?: RegExp;
	/** How many more requests the fault applies to (then they pass through). */
	budget = Infinity;
	/** Answers whose headers go out at once and whose body never comes (an export the engine is still preparing). */
	holdBodyOf?: RegExp;
	/** Rewrites a JSON answer (of a request that passes through) before it goes to the client. */
	rewrite?: (path: string, body: unknown) => unknown;
	/** Every request seen: method and path. */
	readonly seen: string[] = [];
	private server?: http.Server;
	private sockets = new Set<net.Socket>();
	private upstreams = new Set<http.ClientRequest>();
	private dir?: string;

	constructor(readonly target = '/var/run/docker.sock') {}

	/** Its directory is made on first use: a proxy made for a describe block that is skipped leaves none behind. */
	get socketPath(): string {
		this.dir ??= mkdtempSync(path.join(tmpdir(), 'imgscope-fault-'));
		return path.join(this.dir, 'docker.sock');
	}

	get url(): string {
		return `unix://${this.socketPath}`;
	}

	async start(): Promise<void> {
		rmSync(this.socketPath, {force: true});
		const server = http.createServer((req, res) => this.handle(req, res));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
			socket.on('error', () => undefined);
		});
		server.on('clientError', (_error, socket) => socket.destroy());
		await new Promise<void>((resolve) => server.listen(this.socketPath, resolve));
		this.server = server;
	}

	/** The engine "dies": the socket goes away and every open connection (the events stream too) is cut. */
	async stop(): Promise<void> {
		for (const upstream of this.upstreams) upstream.destroy();
		this.upstreams.clear();
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
		rmSync(this.socketPath, {force: true});
	}

	/** Connections from clients that are still open. */
	openConnections(): number {
		return [...this.sockets].filter((socket) => !socket.destroyed).length;
	}

	/** Cuts open connections (the events stream) without closing the socket. */
	cutConnections(): void {
		for (const upstream of this.upstreams) upstream.destroy();
		for (const socket of this.sockets) socket.destroy();
	}

	/** Back to passing every request through untouched, whatever a test set. */
	passThrough(): void {
		this.mode = 'none';
		this.only = undefined;
		this.budget = Infinity;
		this.rewrite = undefined;
		this.errorAfterMs = 0;
		this.holdBodyOf = undefined;
	}

	async dispose(): Promise<void> {
		await this.stop();
		if (this.dir) rmSync(this.dir, {recursive: true, force: true});
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const url = req.url ?? '/';
		this.seen.push(`${req.method} ${url}`);
		const faulty = this.mode !== 'none' && (!this.only || this.only.test(url)) && this.budget > 0;
		if (faulty) this.budget--;
		const mode = faulty ? this.mode : 'none';
		switch (mode) {
			case 'drop':
				req.socket.destroy();
				return;
			case 'stall':
				req.resume();
				return;
			case 'garbage': {
				req.resume();
				const body = '{garbage! this is not JSON';
				res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
				res.end(body);
				return;
			}
			case 'noise':
				req.resume();
				req.socket.end(Buffer.concat([Buffer.from('\x00\xffNOT HTTP\r\n\r\n'), randomBytes(64)]));
				return;
			case 'error': {
				req.resume();
				const body = JSON.stringify({message: this.errorMessage});
				setTimeout(() => {
					if (res.destroyed) return;
					res.writeHead(500, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
					res.end(body);
				}, this.errorAfterMs);
				return;
			}
			case 'delay':
				setTimeout(() => this.forward(req, res, false), this.delayMs);
				return;
			case 'half':
				this.forward(req, res, true);
				return;
			case 'slow':
				this.forward(req, res, false, this.delayMs);
				return;
			default:
				this.forward(req, res, false);
		}
	}

	private forward(req: http.IncomingMessage, res: http.ServerResponse, half: boolean, holdMs = 0): void {
		if (req.socket.destroyed) return;
		const url = req.url ?? '/';
		const upstream = http.request({socketPath: this.target, method: req.method, path: url, headers: req.headers}, (answer) => {
			const rewrite = this.rewrite;
			const buffered = half || holdMs > 0 || (rewrite && /json/.test(String(answer.headers['content-type'])) && !url.startsWith('/events'));
			if (this.holdBodyOf?.test(url)) {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				res.flushHeaders();
				answer.pause();
				return;
			}
			if (!buffered) {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
				return;
			}
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => {
				let body = Buffer.concat(chunks);
				const headers = {...answer.headers};
				delete headers['transfer-encoding'];
				if (rewrite && !half) {
					try {
						body = Buffer.from(JSON.stringify(rewrite(url, JSON.parse(body.toString('utf8')))));
					} catch {}
				}
				headers['content-length'] = String(body.length);
				if (holdMs > 0) {
					setTimeout(() => {
						if (res.destroyed) return;
						res.writeHead(answer.statusCode ?? 502, headers);
						res.end(body);
					}, holdMs);
					return;
				}
				res.writeHead(answer.statusCode ?? 502, headers);
				if (half) {
					res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
					return;
				}
				res.end(body);
			});
		});
		this.upstreams.add(upstream);
		upstream.on('close', () => this.upstreams.delete(upstream));
		upstream.on('error', () => req.socket.destroy());
		res.on('close', () => upstream.destroy());
		req.pipe(upstream);
	}
}

/**
 * The FaultProxy of one describe block: started before its tests (unless
 * `start` is false: they start it), back to passing everything through after
 * each test, so that no fault leaks into the next, and disposed after all.
 */
export function suiteFaultProxy({start = true} = {}): FaultProxy {
	const proxy = new FaultProxy();
	if (start) beforeAll(() => proxy.start());
	afterEach(() => proxy.passThrough());
	afterAll(() => proxy.dispose());
	return proxy;
}

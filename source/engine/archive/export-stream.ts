/**
 * The engine's image export (`GET /images/{name}/get`, what `docker save`
 * writes) read straight off the socket. It is the biggest transfer imgscope
 * makes, and node's http client hands it over in ~20 KiB pieces (one per
 * HTTP chunk the engine writes), each through the parser, an IncomingMessage
 * push and an event: measured on a 228 MB export, 10,000 pieces and about
 * three times the wall time of reading the socket with 1 MiB reads, which is
 * what this does (net's `onread` with one reusable buffer; each read's bytes
 * are copied out once, de-chunked, and pushed to a Readable). The archive
 * reader takes the bytes without the Readable (`readDirect`, direct.ts): each
 * de-chunked piece straight from the read buffer, no copy at all.
 *
 * Only unix sockets and plain tcp: for TLS, ssh and named pipes
 * `openImageExport` answers undefined and the caller uses Engine.saveImage.
 */
import net from 'node:net';
import {Readable} from 'node:stream';
import type {Endpoint} from '../endpoint.js';
import {EngineError, toEngineError} from '../errors.js';
import {encodeRef} from '../reference.js';
import type {DirectReader, DirectSource} from './direct.js';

const READ_BUFFER = 1 << 20;
const MAX_HEAD = 64 << 10;
const MAX_ERROR_BODY = 64 << 10;

export function canOpenImageExport(endpoint: Endpoint): boolean {
	return endpoint.kind === 'unix' || (endpoint.kind === 'tcp' && !endpoint.tls);
}

/**
 * Resolves with the export's bytes once the engine answered 200 (it prepares
 * the whole export first, so that can take a while); rejects with an
 * EngineError otherwise. Undefined when the endpoint needs the general client.
 */
export function openImageExport(endpoint: Endpoint, ref: string, signal?: AbortSignal): Promise<Readable & DirectSource> | undefined {
	if (!canOpenImageExport(endpoint)) return undefined;
	const what = `GET /images/${encodeRef(ref)}/get`;
	return new Promise<Readable & DirectSource>((resolve, reject) => {
		// settled: the promise answered; finished: the body ended or failed (later events are ignored).
		let settled = false;
		let finished = false;
		// Set once the reader takes the bytes directly (readDirect): no Readable, no copy.
		let direct: DirectReader | undefined;
		const fail = (error: unknown) => {
			if (finished) return;
			finished = true;
			const described = error instanceof EngineError ? error : toEngineError(error, endpoint, what);
			if (!settled) {
				settled = true;
				reject(described);
			} else if (direct) {
				direct.fail(described);
				body.destroy();
			} else body.destroy(described);
			socket.destroy();
		};
		let bodyEnded = false;
		const endBody = () => {
			finished = true;
			bodyEnded = true;
			if (direct) direct.end();
			else body.push(null);
		};
		const parser = new ResponseParser();
		let paused = false;
		const resume = () => {
			if (paused) {
				paused = false;
				socket.resume();
			}
		};
		const body: Readable & DirectSource = Object.assign(
			new Readable({
				highWaterMark: 4 << 20,
				read: resume,
				destroy(error, callback) {
					socket.destroy();
					callback(error);
				},
			}),
			{
				readDirect(reader: DirectReader) {
					if (direct) throw new Error('internal: the export is read directly once');
					// What came before the reader did (copies, in the Readable's buffer) goes first.
					let early: Buffer | null;
					let go = true;
					while ((early = body.read() as Buffer | null) !== null) go = reader.write(early) && go;
					if (body.errored) reader.fail(body.errored);
					else if (bodyEnded) reader.end();
					else {
						direct = reader;
						if (go) resume();
						else paused = true;
					}
					return {resume};
				},
			},
		);
		// A failure before the reader came is kept (body.errored, which readDirect and a Readable's reader see), not thrown.
		body.on('error', () => undefined);
		const readBuffer = Buffer.allocUnsafe(READ_BUFFER);
		const onread = {
			buffer: readBuffer,
			callback: (nread: number, buffer: Uint8Array): boolean => {
				let go = true;
				try {
					const data = Buffer.from(buffer.buffer, buffer.byteOffset, nread);
					if (direct) {
						// Straight from the read buffer: the reader is done with each piece when write() returns.
						const reader = direct;
						parser.feed(data, piece => {
							if (!reader.write(piece)) go = false;
						});
					} else {
						// The body pieces of one read (one per HTTP chunk) go out as one copy.
						let out: Buffer | undefined;
						let used = 0;
						parser.feed(data, piece => {
							out ??= Buffer.allocUnsafeSlow(nread);
							used += piece.copy(out, used);
						});
						if (out && !body.push(out.subarray(0, used))) go = false;
					}
				} catch (error) {
					fail(error);
					return false;
				}
				if (!settled && parser.status !== undefined && parser.status !== 200 && parser.errorBodyDone) {
					fail(parser.failure());
					return false;
				}
				if (!settled && parser.status === 200) {
					settled = true;
					resolve(body);
				}
				if (parser.done) {
					endBody();
					socket.end();
					return false;
				}
				if (!go) paused = true;
				return !paused;
			},
		};
		const target = endpoint.kind === 'unix' ? {path: endpoint.socketPath} : {host: (endpoint as {host: string}).host, port: (endpoint as {port: number}).port};
		const socket = net.connect({...target, onread} as net.NetConnectOpts);
		socket.on('connect', () => {
			socket.write(`GET /images/${encodeRef(ref)}/get HTTP/1.1\r\nHost: docker\r\nUser-Agent: imgscope\r\nConnection: close\r\n\r\n`);
		});
		socket.on('error', error => fail(error));
		socket.on('end', () => {
			if (parser.done) return;
			if (parser.status !== undefined && parser.status !== 200) return fail(parser.failure());
			if (parser.untilClose && parser.status === 200) return endBody();
			fail(new EngineError('daemon', `${what}: the engine at ${endpoint.url} closed the connection in the middle of the export`));
		});
		socket.on('close', () => {
			if (!finished) fail(new EngineError('daemon', `${what}: the engine at ${endpoint.url} closed the connection in the middle of the export`));
		});
		if (signal) {
			const onAbort = () => fail(Object.assign(new Error('aborted'), {name: 'AbortError'}));
			if (signal.aborted) onAbort();
			else {
				signal.addEventListener('abort', onAbort, {once: true});
				socket.on('close', () => signal.removeEventListener('abort', onAbort));
			}
		}
	});
}

const enum State {
	Head,
	ChunkSize,
	ChunkData,
	ChunkEnd,
	Trailers,
	Length,
	UntilClose,
	ErrorBody,
	Done,
}

/** A client's view of one HTTP/1.1 response: status, then the body de-chunked. */
export class ResponseParser {
	status: number | undefined;
	done = false;
	untilClose = false;
	errorBodyDone = false;
	private state = State.Head;
	private head = '';
	private line = '';
	private remaining = 0;
	private errorBody: Buffer[] = [];
	private errorBytes = 0;

	feed(data: Buffer, onBody: (piece: Buffer) => void): void {
		let off = 0;
		while (off < data.length && this.state !== State.Done) {
			switch (this.state) {
				case State.Head: {
					const before = this.head.length;
					const take = Math.min(data.length - off, MAX_HEAD + 4 - before);
					this.head += data.toString('latin1', off, off + take);
					const at = this.head.indexOf('\r\n\r\n');
					if (at < 0) {
						if (this.head.length >= MAX_HEAD) throw new EngineError('daemon', 'the engine answered with an oversized HTTP head');
						off += take;
						break;
					}
					// latin1: one character per byte, so the offsets carry over.
					off += at + 4 - before;
					const head = this.head.slice(0, at);
					this.head = '';
					this.onHead(head);
					break;
				}
				case State.ChunkEnd:
					// The common case, without strings: CRLF right there.
					if (this.line === '' && off + 1 < data.length && data[off] === 0x0d && data[off + 1] === 0x0a) {
						off += 2;
						this.state = State.ChunkSize;
						break;
					}
				// falls through
				case State.ChunkSize:
				case State.Trailers: {
					if (this.state === State.ChunkSize && this.line === '') {
						// The common case, without strings: hex digits then CRLF, all in this read.
						let size = 0;
						let i = off;
						for (; i < data.length && i - off < 13; i++) {
							const c = data[i];
							const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
							if (digit < 0) break;
							size = size * 16 + digit;
						}
						if (i > off && i + 1 < data.length && data[i] === 0x0d && data[i + 1] === 0x0a) {
							off = i + 2;
							if (size === 0) this.state = State.Trailers;
							else {
								this.remaining = size;
								this.state = State.ChunkData;
							}
							break;
						}
					}
					const nl = data.indexOf(0x0a, off);
					const piece = data.toString('latin1', off, nl < 0 ? data.length : nl + 1);
					off = nl < 0 ? data.length : nl + 1;
					this.line += piece;
					if (this.line.length > 4096) throw new EngineError('daemon', 'the engine sent a malformed chunked body');
					if (nl < 0) break;
					const line = this.line.replace(/\r?\n$/, '');
					this.line = '';
					if (this.state === State.ChunkEnd) {
						if (line !== '') throw new EngineError('daemon', 'the engine sent a malformed chunked body');
						this.state = State.ChunkSize;
					} else if (this.state === State.Trailers) {
						if (line === '') this.finishBody();
					} else {
						const size = Number.parseInt(line.split(';')[0].trim(), 16);
						if (!Number.isSafeInteger(size) || size < 0 || !/^[0-9a-fA-F]+$/.test(line.split(';')[0].trim())) throw new EngineError('daemon', 'the engine sent a malformed chunked body');
						if (size === 0) this.state = State.Trailers;
						else {
							this.remaining = size;
							this.state = State.ChunkData;
						}
					}
					break;
				}
				case State.ChunkData:
				case State.Length: {
					const n = Math.min(this.remaining, data.length - off);
					this.body(data.subarray(off, off + n), onBody);
					off += n;
					this.remaining -= n;
					if (this.remaining === 0) {
						if (this.state === State.ChunkData) this.state = State.ChunkEnd;
						else this.finishBody();
					}
					break;
				}
				case State.UntilClose:
					this.body(data.subarray(off), onBody);
					off = data.length;
					break;
				case State.ErrorBody:
					break;
			}
		}
	}

	private body(piece: Buffer, onBody: (piece: Buffer) => void): void {
		if (piece.length === 0) return;
		if (this.status === 200) return onBody(piece);
		if (this.errorBytes < MAX_ERROR_BODY) this.errorBody.push(Buffer.from(piece.subarray(0, MAX_ERROR_BODY - this.errorBytes)));
		this.errorBytes += piece.length;
	}

	private finishBody(): void {
		this.state = State.Done;
		if (this.status === 200) this.done = true;
		else this.errorBodyDone = true;
	}

	private onHead(head: string): void {
		const lines = head.split('\r\n');
		const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
		if (!m) throw new EngineError('daemon', `the engine answered with something that is not HTTP: ${JSON.stringify(lines[0].slice(0, 60))}`);
		const status = Number(m[1]);
		if (status >= 100 && status < 200) return; // an interim answer: the real one follows
		this.status = status;
		const headers = new Map<string, string>();
		for (const line of lines.slice(1)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
		}
		const chunked = /\bchunked\b/i.test(headers.get('transfer-encoding') ?? '');
		const length = headers.get('content-length');
		if (chunked) this.state = State.ChunkSize;
		else if (length !== undefined && /^\d+$/.test(length)) {
			this.remaining = Number(length);
			this.state = State.Length;
			if (this.remaining === 0) this.finishBody();
		} else {
			this.state = State.UntilClose;
			this.untilClose = true;
		}
	}

	/** The engine's error, as Engine reports it (the daemon's JSON message). */
	failure(): EngineError {
		const text = Buffer.concat(this.errorBody).toString('utf8');
		let message = text.trim();
		try {
			const parsed = JSON.parse(text) as {message?: unknown};
			if (typeof parsed.message === 'string') message = parsed.message;
		} catch {
			// not JSON: the text itself
		}
		const status = this.status ?? 0;
		const kind = status === 404 ? 'notFound' : status === 409 ? 'conflict' : 'daemon';
		return new EngineError(kind, `Error response from daemon: ${message || `HTTP ${status}`}`, status, message);
	}
}

/**
 * The image export read straight off the socket (export-stream.ts): its HTTP
 * response parser (chunked, content-length, until close, interim answers,
 * errors), against a fake engine on a unix socket (any split of the bytes,
 * cuts, 404s, aborts, a slow reader), and against the real engine (the same
 * bytes as the http client gets).
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Endpoint} from '../../source/engine/endpoint.js';
import {EngineError} from '../../source/engine/errors.js';
import {ResponseParser, canOpenImageExport, openImageExport} from '../../source/engine/archive/export-stream.js';
import type {DirectSource} from '../../source/engine/archive/direct.js';
import {readImageArchive} from '../../source/engine/archive/index.js';
import {layer, ociItems, packTar} from './helpers.js';
import {engine, haveEngine} from '../helpers/engine.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function chunked(body: Buffer, sizes: number[]): Buffer {
	const parts: Buffer[] = [];
	let off = 0;
	for (let i = 0; off < body.length; i++) {
		const n = Math.min(sizes[i % sizes.length], body.length - off);
		parts.push(Buffer.from(`${n.toString(16)}\r\n`), body.subarray(off, off + n), Buffer.from('\r\n'));
		off += n;
	}
	parts.push(Buffer.from('0\r\n\r\n'));
	return Buffer.concat(parts);
}

function parse(response: Buffer, split: number): {parser: ResponseParser; body: Buffer} {
	const parser = new ResponseParser();
	const pieces: Buffer[] = [];
	for (let i = 0; i < response.length; i += split) parser.feed(response.subarray(i, i + split), p => pieces.push(Buffer.from(p)));
	return {parser, body: Buffer.concat(pieces)};
}

describe('the response parser', () => {
	const body = randomBytes(70_000);
	const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\n';

	it('chunked, split anywhere', () => {
		const response = Buffer.concat([Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n`), chunked(body, [1, 4096, 33_333, 17])]);
		for (const split of [1, 2, 3, 7, 512, 4096, 65_536, response.length]) {
			const r = parse(response, split);
			expect(sha(r.body), `split ${split}`).toBe(sha(body));
			expect(r.parser.done).toBe(true);
			expect(r.parser.status).toBe(200);
		}
	});

	it('chunk extensions and trailers; an interim 100 Continue first', () => {
		const response = Buffer.from(`HTTP/1.1 100 Continue\r\n\r\n${head}Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: y\r\n\r\n`);
		for (const split of [1, 5, response.length]) {
			const r = parse(response, split);
			expect(r.body.toString()).toBe('hello');
			expect(r.parser.done).toBe(true);
		}
	});

	it('content-length, and a body until the connection closes', () => {
		const withLength = parse(Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`), body]), 1000);
		expect(sha(withLength.body)).toBe(sha(body));
		expect(withLength.parser.done).toBe(true);
		const untilClose = parse(Buffer.concat([Buffer.from(`${head}\r\n`), body]), 1000);
		expect(sha(untilClose.body)).toBe(sha(body));
		expect(untilClose.parser.done).toBe(false);
		expect(untilClose.parser.untilClose).toBe(true);
	});

	it("an error answer: the daemon's message, and the kind from the status", () => {
		const json = '{"message":"reference does not exist"}';
		const r = parse(Buffer.from(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`), 7);
		expect(r.body.length).toBe(0);
		expect(r.parser.errorBodyDone).toBe(true);
		const e = r.parser.failure();
		expect(e).toBeInstanceOf(EngineError);
		expect(e).toMatchObject({kind: 'notFound', statusCode: 404, message: 'Error response from daemon: reference does not exist', daemonMessage: 'reference does not exist'});
		const plain = parse(Buffer.from('HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nboom\r\n0\r\n\r\n'), 3);
		expect(plain.parser.failure()).toMatchObject({kind: 'daemon', message: 'Error response from daemon: boom'});
	});

	it('refuses what is not HTTP, a malformed chunk size, an endless head', () => {
		expect(() => parse(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'), 100)).toThrow(/not HTTP/);
		expect(() => parse(Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n`), 100)).toThrow(/malformed chunked body/);
		expect(() => parse(Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n`), 100)).toThrow(/malformed chunked body/);
		expect(() => parse(Buffer.from(`HTTP/1.1 200 OK\r\n${'X-Pad: y\r\n'.repeat(10_000)}`), 4096)).toThrow(/oversized HTTP head/);
	});
});

/** A fake engine on a unix socket: each connection gets what `answer` writes. */
class FakeEngine {
	readonly socketPath: string;
	private server?: net.Server;
	requests: string[] = [];
	answer: (socket: net.Socket) => void = () => undefined;

	constructor() {
		this.socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'imgscope-fake-engine-')), 'docker.sock');
	}

	get endpoint(): Endpoint {
		return {kind: 'unix', socketPath: this.socketPath, url: `unix://${this.socketPath}`, source: 'a test'};
	}

	async start(): Promise<void> {
		this.server = net.createServer(socket => {
			let head = '';
			socket.on('data', chunk => {
				head += chunk.toString('latin1');
				if (head.includes('\r\n\r\n')) {
					this.requests.push(head);
					this.answer(socket);
				}
			});
			socket.on('error', () => undefined);
		});
		await new Promise<void>(resolve => this.server!.listen(this.socketPath, resolve));
	}

	async stop(): Promise<void> {
		await new Promise<void>(resolve => this.server?.close(() => resolve()));
		rmSync(path.dirname(this.socketPath), {recursive: true, force: true});
	}
}

async function drain(stream: Readable): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of stream) parts.push(chunk as Buffer);
	return Buffer.concat(parts);
}

/**
 * The body through readDirect: each piece copied at once (it is valid only during write), the
 * reader attached after `attachAfterMs`, and every `pauseEvery`th piece stopping the reading for a while.
 */
function drainDirect(stream: DirectSource, options: {attachAfterMs?: number; pauseEvery?: number} = {}): Promise<Buffer> {
	return new Promise<Buffer>((resolve, reject) => {
		const parts: Buffer[] = [];
		let n = 0;
		const attach = () => {
			const control = stream.readDirect({
				write(piece) {
					parts.push(Buffer.from(piece));
					if (!options.pauseEvery || ++n % options.pauseEvery) return true;
					setTimeout(() => control.resume(), 2);
					return false;
				},
				end: () => resolve(Buffer.concat(parts)),
				fail: reject,
			});
		};
		if (options.attachAfterMs === undefined) attach();
		else setTimeout(attach, options.attachAfterMs);
	});
}

/** Writes `data` in pieces of `size`, letting the event loop run between them. */
async function dribble(socket: net.Socket, data: Buffer, size: number): Promise<void> {
	for (let i = 0; i < data.length && !socket.destroyed; i += size) {
		socket.write(data.subarray(i, i + size));
		await new Promise(r => setImmediate(r));
	}
}

describe('against a fake engine', () => {
	const fake = new FakeEngine();
	const body = randomBytes(3_000_000);
	beforeAll(() => fake.start());
	afterAll(() => fake.stop());

	it('only unix sockets and plain tcp take this path', () => {
		expect(canOpenImageExport(fake.endpoint)).toBe(true);
		expect(canOpenImageExport({kind: 'tcp', host: '127.0.0.1', port: 2375, url: 'tcp://127.0.0.1:2375', source: 'x'})).toBe(true);
		expect(canOpenImageExport({kind: 'tcp', host: '127.0.0.1', port: 2376, tls: {verify: true}, url: 'tcp://127.0.0.1:2376', source: 'x'})).toBe(false);
		expect(openImageExport({kind: 'ssh', host: 'h', port: 22, user: 'u', url: 'ssh://u@h', source: 'x'}, 'a')).toBeUndefined();
	});

	it('sends the path as docker does and gets every byte, however the engine writes them', async () => {
		for (const size of [1000, 65_536, 1 << 20]) {
			fake.answer = socket => {
				socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n');
				void dribble(socket, chunked(body, [32_768, 100, 20_000]), size).then(() => socket.end());
			};
			const stream = await openImageExport(fake.endpoint, 'my/image:1')!;
			expect(sha(await drain(stream)), `writes of ${size}`).toBe(sha(body));
		}
		expect(fake.requests.at(-1)).toMatch(/^GET \/images\/my\/image%3A1\/get HTTP\/1\.1\r\nHost: docker\r\n/);
	});

	it('a 404 rejects with the daemon message', async () => {
		const json = '{"message":"reference does not exist"}';
		fake.answer = socket => socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`);
		await expect(openImageExport(fake.endpoint, 'nope:1')!).rejects.toMatchObject({kind: 'notFound', message: 'Error response from daemon: reference does not exist'});
	});

	it('a connection cut in the middle fails the stream, naming the engine', async () => {
		fake.answer = socket => {
			socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
			socket.write(chunked(body, [65_536]).subarray(0, 500_000), () => socket.destroy());
		};
		const stream = await openImageExport(fake.endpoint, 'img')!;
		await expect(drain(stream)).rejects.toThrow(/closed the connection in the middle of the export/);
	});

	it('nobody listening: the engine error the http client would give', async () => {
		const gone: Endpoint = {kind: 'unix', socketPath: path.join(tmpdir(), 'imgscope-no-such.sock'), url: 'unix:///nowhere', source: 'a test'};
		await expect(openImageExport(gone, 'img')!).rejects.toMatchObject({kind: 'unreachable'});
	});

	it('an abort before the answer rejects; after it, destroys the stream and the connection', async () => {
		fake.answer = () => undefined; // the engine is still preparing the export
		const early = new AbortController();
		const pending = openImageExport(fake.endpoint, 'img', early.signal)!;
		setTimeout(() => early.abort(), 20);
		await expect(pending).rejects.toMatchObject({kind: 'aborted'});
		let cut: net.Socket | undefined;
		fake.answer = socket => {
			cut = socket;
			socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
			socket.write(chunked(body, [65_536]).subarray(0, 200_000));
		};
		const late = new AbortController();
		const stream = await openImageExport(fake.endpoint, 'img', late.signal)!;
		const reading = drain(stream);
		setTimeout(() => late.abort(), 20);
		await expect(reading).rejects.toThrow();
		await new Promise(r => setTimeout(r, 50));
		expect(cut?.destroyed || cut?.readableEnded).toBe(true);
	});

	it('a reader that does not read stops the socket reading (memory stays bounded)', async () => {
		const big = randomBytes(40 << 20);
		let written = 0;
		fake.answer = socket => {
			socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
			const data = chunked(big, [1 << 20]);
			const pump = (): void => {
				while (written < data.length) {
					const ok = socket.write(data.subarray(written, written + 65_536));
					written += 65_536;
					if (!ok) return void socket.once('drain', pump);
				}
				socket.end();
			};
			pump();
		};
		const stream = await openImageExport(fake.endpoint, 'img')!;
		await new Promise(r => setTimeout(r, 300));
		// Without reading, the stream holds at most its high-water mark plus a read or two, and the sender is held up.
		expect(stream.readableLength).toBeLessThan(8 << 20);
		expect(written).toBeLessThan(20 << 20);
		expect(sha(await drain(stream))).toBe(sha(big));
	});
});

describe('read directly (no Readable, no copy)', () => {
	const fake = new FakeEngine();
	const body = randomBytes(3_000_000);
	beforeAll(() => fake.start());
	afterAll(() => fake.stop());
	const serve = (data: Buffer, size: number) => {
		fake.answer = socket => {
			socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n');
			void dribble(socket, chunked(data, [32_768, 100, 20_000]), size).then(() => socket.end());
		};
	};

	it('every byte, however the engine writes them, with the reader pausing the reading', async () => {
		for (const size of [1000, 65_536, 1 << 20]) {
			serve(body, size);
			const stream = await openImageExport(fake.endpoint, 'img')!;
			expect(sha(await drainDirect(stream, {pauseEvery: 7})), `writes of ${size}`).toBe(sha(body));
		}
	});

	it('bytes read before the reader came go first; a body over before it came ends it', async () => {
		serve(body, 65_536);
		expect(sha(await drainDirect(await openImageExport(fake.endpoint, 'img')!, {attachAfterMs: 100}))).toBe(sha(body));
		const small = randomBytes(5000);
		fake.answer = socket => socket.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), chunked(small, [1000])]));
		expect(sha(await drainDirect(await openImageExport(fake.endpoint, 'img')!, {attachAfterMs: 100}))).toBe(sha(small));
		fake.answer = socket => socket.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), small]));
		expect(sha(await drainDirect(await openImageExport(fake.endpoint, 'img')!))).toBe(sha(small));
	});

	it('a connection cut in the middle fails the reader, naming the engine', async () => {
		fake.answer = socket => {
			socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
			socket.write(chunked(body, [65_536]).subarray(0, 500_000), () => socket.destroy());
		};
		await expect(drainDirect(await openImageExport(fake.endpoint, 'img')!)).rejects.toThrow(/closed the connection in the middle of the export/);
		// Cut before the reader came: it is told when it comes.
		await expect(drainDirect(await openImageExport(fake.endpoint, 'img')!, {attachAfterMs: 200})).rejects.toThrow(/closed the connection in the middle of the export/);
	});

	it('the archive reader keeps nothing of a piece past its write: gzip, zstd and small first pieces read as from memory', async () => {
		const layers = [
			await layer([{name: 'a', data: randomBytes(300_000)}, {name: 'b', data: 'b'}], 'gzip'),
			await layer([{name: 'c', data: randomBytes(200_000)}], 'zstd'),
			await layer([{name: 'd', data: randomBytes(100_000)}]),
		];
		const tar = await packTar(await ociItems(layers, {indexLast: true}));
		const expected = await readImageArchive([tar].values() as never);
		for (const size of [100, 511, 4096, 65_536]) {
			fake.answer = socket => {
				socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
				void dribble(socket, chunked(tar, [size, 7, 300]), size).then(() => socket.end());
			};
			const got = await readImageArchive(await openImageExport(fake.endpoint, 'img')!);
			expect(got.layers.map(l => [l.diffId, l.entries]), `writes of ${size}`).toEqual(expected.layers.map(l => [l.diffId, l.entries]));
			expect(got.warnings).toEqual([]);
		}
	});
});

describe.skipIf(!haveEngine)('against the real engine', () => {
	it('the same bytes as the http client gets', async () => {
		const e = engine();
		const image = 'test-layers/base:1';
		const direct = await drain(await openImageExport(e.endpoint, image)!);
		const viaHttp = await drain(await e.saveImage(image));
		expect(direct.length).toBeGreaterThan(1_000_000);
		expect(sha(direct)).toBe(sha(viaHttp));
		expect(sha(await drainDirect(await openImageExport(e.endpoint, image)!, {pauseEvery: 50}))).toBe(sha(viaHttp));
		await expect(openImageExport(e.endpoint, 'hostile/no-such-image:1')!).rejects.toMatchObject({kind: 'notFound'});
	});
});

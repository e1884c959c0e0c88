/**
 * The transport against small fake engines on a Unix socket: what a person
 * reads when the answer is not HTTP, not JSON, a redirect, or cut short;
 * references that would reach another API path are never sent; connections
 * are kept alive and closed with the Engine.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {encodeRef, referenceProblem} from '../../source/engine/reference.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {EngineError} from '../../source/engine/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-transport-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

let serial = 0;
async function fakeEngine(handler: http.RequestListener): Promise<{url: string; server: http.Server; connections: () => number; requests: string[]; close(): Promise<void>}> {
	const socketPath = path.join(dir, `e${serial++}.sock`);
	const requests: string[] = [];
	const sockets = new Set<net.Socket>();
	let connections = 0;
	const server = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		handler(req, res);
	});
	server.on('connection', (socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(socketPath, resolve));
	return {
		url: `unix://${socketPath}`,
		server,
		connections: () => connections,
		requests,
		close: () => {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

async function rawEngine(onConnection: (socket: net.Socket) => void): Promise<{url: string; close(): Promise<void>}> {
	const socketPath = path.join(dir, `r${serial++}.sock`);
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('error', () => undefined);
		onConnection(socket);
	});
	await new Promise<void>((resolve) => server.listen(socketPath, resolve));
	return {
		url: `unix://${socketPath}`,
		close: () => {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

const engineAt = (url: string) => new Engine(parseHost(url, '-H', {}));

async function failure(promise: Promise<unknown>): Promise<EngineError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(EngineError);
	return error as EngineError;
}

describe('image references', () => {
	it('refuses what is not a reference and would change the path', () => {
		for (const ref of ['', ' ', '.', '..', '../../containers/json', 'a/../b', 'a/./b', '/abs', 'trailing/', 'a//b']) {
			expect(referenceProblem(ref), ref).toBeDefined();
			expect(() => encodeRef(ref)).toThrow(EngineError);
		}
		expect(() => encodeRef('')).toThrow(/invalid reference "": an image reference cannot be empty/);
	});
	it('keeps slashes and encodes the rest, as the docker CLI sends it', () => {
		expect(encodeRef('127.0.0.1:5000/fixture/app:1')).toBe('127.0.0.1%3A5000/fixture/app%3A1');
		expect(encodeRef('sha256:abc')).toBe('sha256%3Aabc');
		expect(encodeRef('x?y#z')).toBe('x%3Fy%23z');
		expect(referenceProblem('..a')).toBeUndefined();
	});
	it('sends nothing for a bad reference', async () => {
		const fake = await fakeEngine((_req, res) => res.end('{}'));
		const engine = engineAt(fake.url);
		try {
			const error = await failure(engine.inspectImage('../../containers/json'));
			expect(error.kind).toBe('invalid');
			await failure(engine.history(''));
			// The export goes straight over the socket: the same check.
			expect((await failure(engine.exportImage('a/../../containers/json'))).kind).toBe('invalid');
			expect(fake.requests).toEqual([]);
		} finally {
			engine.close();
			await fake.close();
		}
	});
});

describe('answers that are not what the API answers', () => {
	it('not JSON: names the endpoint and the request, no parser message', async () => {
		const fake = await fakeEngine((_req, res) => {
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.end('{garbage');
		});
		const engine = engineAt(fake.url);
		try {
			for (const call of [() => engine.listImages(), () => engine.inspectImage('fixture/app:1'), () => engine.history('fixture/app:1')]) {
				const error = await failure(call());
				expect(error.kind).toBe('protocol');
				expect(error.message).toContain(fake.url);
				expect(error.message).toMatch(/answered GET \/images\/\S+ with something that is not JSON/);
				expect(error.message).not.toMatch(/SyntaxError|position|Unexpected token/);
			}
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('JSON of the wrong shape (an object for a list) is refused too', async () => {
		const fake = await fakeEngine((_req, res) => res.end('{"message":"hello"}'));
		const engine = engineAt(fake.url);
		try {
			const error = await failure(engine.listContainers());
			expect(error.message).toContain('not a list of containers');
			expect((await failure(engine.inspectImage('x'))).message).toContain('not an image');
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('not HTTP: names the endpoint', async () => {
		const raw = await rawEngine((socket) => socket.end('\x00\xffNOT HTTP\r\n\r\n'));
		const engine = engineAt(raw.url);
		try {
			const error = await failure(engine.listImages());
			expect(error.kind).toBe('protocol');
			expect(error.message).toContain(raw.url);
			expect(error.message).toContain('not HTTP');
		} finally {
			engine.close();
			await raw.close();
		}
	});

	it('a redirect is an error, not followed', async () => {
		const fake = await fakeEngine((_req, res) => {
			res.writeHead(301, {Location: '/containers/json'});
			res.end('<a href="/containers/json">Moved Permanently</a>.');
		});
		const engine = engineAt(fake.url);
		try {
			const error = await failure(engine.listImages());
			expect(error.kind).toBe('protocol');
			expect(error.message).toMatch(/redirect \(HTTP 301 to "\/containers\/json"\)/);
			expect(fake.requests).toHaveLength(1);
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('304 Not Modified stays a success (a container already started)', async () => {
		const fake = await fakeEngine((_req, res) => {
			res.writeHead(304);
			res.end();
		});
		const engine = engineAt(fake.url);
		try {
			await expect(engine.text('/containers/x/start', {method: 'POST'})).resolves.toBe('');
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('an answer cut in half: "cut while reading", not "cannot connect"', async () => {
		const fake = await fakeEngine((req, res) => {
			res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '100'});
			res.write('[{"Id":"sha256:', () => req.socket.destroy());
		});
		const engine = engineAt(fake.url);
		try {
			const error = await failure(engine.listImages());
			expect(error.message).toContain(fake.url);
			expect(error.message).toMatch(/cut while reading the answer to GET \/images\/json/);
			expect(error.message).not.toMatch(/Cannot connect/);
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('a stream reset on a kept-alive connection is not asked for again (the retry is for a connection closed before answering)', async () => {
		// TCP: only a TCP socket can be reset (RST), which is what makes node fail the request itself.
		const requests: string[] = [];
		const sockets = new Set<net.Socket>();
		const server = http.createServer((req, res) => {
			requests.push(`${req.method} ${req.url}`);
			if (req.url === '/_ping') return void res.end('OK');
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.flushHeaders();
			setTimeout(() => (req.socket as net.Socket).resetAndDestroy(), 100);
		});
		server.on('connection', (socket) => sockets.add(socket));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const engine = engineAt(`tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
		try {
			await engine.ping();
			const ended = await new Promise<EngineError | undefined>((resolve) => engine.events(['image'], () => undefined, resolve));
			expect(ended?.message).toMatch(/cut while reading the answer to events/);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(requests.filter((r) => r.startsWith('GET /events'))).toHaveLength(1);
		} finally {
			engine.close();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('a connection closed before any answer says so', async () => {
		const raw = await rawEngine((socket) => socket.destroy());
		const engine = engineAt(raw.url);
		try {
			const error = await failure(engine.listImages());
			expect(error.kind).toBe('unreachable');
			expect(error.message).toContain(raw.url);
			expect(error.message).not.toMatch(/Cannot connect/);
		} finally {
			engine.close();
			await raw.close();
		}
	});
});

describe('connections', () => {
	it('are kept alive across requests, and close() closes them', async () => {
		const fake = await fakeEngine((_req, res) => {
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.end('[]');
		});
		const engine = engineAt(fake.url);
		try {
			for (let i = 0; i < 20; i++) await engine.listImages();
			await Promise.all(Array.from({length: 4}, () => engine.listImages()));
			expect(fake.connections()).toBeLessThanOrEqual(4);
			engine.close();
			// Still usable after close: a new pool.
			await engine.listImages();
			expect(fake.connections()).toBeLessThanOrEqual(5);
		} finally {
			engine.close();
			await fake.close();
		}
	});

	it('a kept-alive connection the engine closed meanwhile is retried once on a fresh one', async () => {
		let count = 0;
		const fake = await fakeEngine((req, res) => {
			count++;
			res.writeHead(200, {'Content-Type': 'application/json', Connection: 'keep-alive'});
			res.end('[]');
		});
		const engine = engineAt(fake.url);
		try {
			await engine.listImages();
			// Cut the idle connection under the pool: the next request may pick it up before the close is noticed.
			fake.server.closeIdleConnections();
			await expect(engine.listImages()).resolves.toEqual([]);
			expect(count).toBe(2);
		} finally {
			engine.close();
			await fake.close();
		}
	});
});

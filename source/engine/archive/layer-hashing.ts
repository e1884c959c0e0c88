/**
 * Hashing a layer: the diff_id (sha256 of the whole uncompressed tar) and a
 * sha256 per regular file. That is two passes of sha256 over every byte, about
 * 60% of the reader's CPU time, so on big reads it moves to a worker thread
 * (the second core), which runs while the main thread parses the next bytes.
 *
 * The worker gets the layer's raw bytes copied into 1 MiB batches (copying is
 * about a tenth of the cost of hashing them) with a list of which byte ranges
 * of each batch belong to which file; at the layer's end it sends the digests
 * back. At most a few MiB are in flight: past that the reader waits (Flow), so
 * memory stays bounded whatever the layer's size.
 *
 * Inline hashing (the same results on the main thread) is used for small
 * reads, where starting a thread costs more than it saves, and when a worker
 * cannot be started.
 */
import {createHash, type Hash} from 'node:crypto';
import {Worker} from 'node:worker_threads';
import {sha256Bytes} from './hasher.js';
import type {Flow} from './flow.js';

export interface LayerHashes {
	/** sha256 hex of the whole layer tar ('' when it was not asked for). */
	diff: string;
	files: FileDigests;
}

/**
 * The sha256 of each file's contents as raw bytes, in the order the files ended: file ids[i]'s
 * digest is bytes[32i, 32i + 32). Raw in two typed arrays, not a hex string per file in a Map: at
 * 300,000 files the worker's strings, their copy in the message and the Map were ~60 MB at the
 * end of the read (the entries get their hex strings from these, once).
 */
export interface FileDigests {
	count: number;
	ids: Int32Array;
	bytes: Uint8Array;
}

/** FileDigests as they are collected: arrays doubled as they fill. */
class DigestList {
	count = 0;
	private ids = new Int32Array(256);
	private bytes = new Uint8Array(256 * 32);

	add(id: number, digest: Uint8Array): void {
		if (this.count === this.ids.length) {
			const ids = new Int32Array(this.ids.length * 2);
			ids.set(this.ids);
			const bytes = new Uint8Array(this.bytes.length * 2);
			bytes.set(this.bytes);
			this.ids = ids;
			this.bytes = bytes;
		}
		this.ids[this.count] = id;
		this.bytes.set(digest, this.count * 32);
		this.count++;
	}

	done(): FileDigests {
		return {count: this.count, ids: this.ids.subarray(0, this.count), bytes: this.bytes.subarray(0, this.count * 32)};
	}
}

/** One layer's hashing. */
export interface LayerHashing {
	/** The layer's uncompressed tar bytes, in order. */
	data(chunk: Buffer): void;
	/** A piece of file `id`'s contents: always a subarray of the chunk last given to data(). */
	file(id: number, piece: Buffer, last: boolean): void;
	/** After the last data(): the digests. */
	end(): Promise<LayerHashes>;
}

export type HashingMode = 'inline' | 'worker';

export function inlineHashing(withDiff = true): LayerHashing {
	const diff = withDiff ? createHash('sha256') : undefined;
	const files = new DigestList();
	let current: Hash | undefined;
	let currentId = -1;
	return {
		data: chunk => void diff?.update(chunk),
		file(id, piece, last) {
			if (id !== currentId) {
				currentId = id;
				current = undefined;
				if (last) {
					// The whole file in one piece (most small files): no Hash object.
					files.add(id, sha256Bytes(piece));
					currentId = -1;
					return;
				}
				current = createHash('sha256');
			}
			current!.update(piece);
			if (last) {
				files.add(id, current!.digest());
				current = undefined;
				currentId = -1;
			}
		},
		end: async () => ({diff: diff ? diff.digest('hex') : '', files: files.done()}),
	};
}

// Plain JavaScript, evaluated in the worker (so it works the same from the
// sources under a test runner and from the bundle). Messages:
//   in:  {t: 'd', id, diff, buf, used, ops, nops}  bytes [0, used) of buf are the layer's next bytes;
//                                            ops: [fileId, offset, length, last] * nops
//        {t: 'e', id}                        the layer ended
//   out: {t: 'a', n, buf}                    a batch of n bytes is done; its memory comes back
//        {t: 'r', id, diff, n, ids, bytes}   the layer's digests: file ids[i]'s is bytes[32i, 32i + 32)
//                                            (both ArrayBuffers, transferred, of n entries or more)
const WORKER_SOURCE = `
const {parentPort} = require('node:worker_threads');
const crypto = require('node:crypto');
const oneShot = typeof crypto.hash === 'function'
	? (b) => crypto.hash('sha256', b, 'buffer')
	: (b) => crypto.createHash('sha256').update(b).digest();
const layers = new Map();
const add = (L, id, digest) => {
	if (L.n === L.ids.length) {
		const ids = new Int32Array(L.ids.length * 2);
		ids.set(L.ids);
		const bytes = new Uint8Array(L.bytes.length * 2);
		bytes.set(L.bytes);
		L.ids = ids;
		L.bytes = bytes;
	}
	L.ids[L.n] = id;
	L.bytes.set(digest, L.n * 32);
	L.n++;
};
parentPort.on('message', (m) => {
	let L = layers.get(m.id);
	if (L === undefined) {
		L = {diff: m.diff ? crypto.createHash('sha256') : undefined, cur: undefined, curId: -1, n: 0, ids: new Int32Array(256), bytes: new Uint8Array(256 * 32)};
		layers.set(m.id, L);
	}
	if (m.t === 'd') {
		const bytes = new Uint8Array(m.buf, 0, m.used);
		if (L.diff !== undefined) L.diff.update(bytes);
		const ops = new Int32Array(m.ops);
		for (let i = 0; i < m.nops * 4; i += 4) {
			const id = ops[i], off = ops[i + 1], len = ops[i + 2], last = ops[i + 3];
			const piece = bytes.subarray(off, off + len);
			if (id !== L.curId) {
				L.curId = id;
				L.cur = undefined;
				if (last) {
					add(L, id, oneShot(piece));
					L.curId = -1;
					continue;
				}
				L.cur = crypto.createHash('sha256');
			}
			L.cur.update(piece);
			if (last) {
				add(L, id, L.cur.digest());
				L.cur = undefined;
				L.curId = -1;
			}
		}
		// The batch's memory goes back to be filled again: no allocation in the steady state.
		parentPort.postMessage({t: 'a', n: m.used, buf: m.buf}, [m.buf]);
	} else if (m.t === 'e') {
		layers.delete(m.id);
		parentPort.postMessage({t: 'r', id: m.id, diff: L.diff === undefined ? '' : L.diff.digest('hex'), n: L.n, ids: L.ids.buffer, bytes: L.bytes.buffer}, [L.ids.buffer, L.bytes.buffer]);
	}
});
`;

const BATCH = 1 << 20;
/** Bytes sent and not yet hashed before the reader waits, and the level at which it goes on. */
const HIGH_WATER = 8 << 20;
const LOW_WATER = 2 << 20;
const SPARES = 16;

let running = 0;
/** Hashing threads started and not yet exited (tests check none outlives its read). */
export function runningHashWorkers(): number {
	return running;
}

type Pending = {resolve: (h: LayerHashes) => void; reject: (e: unknown) => void};

/** A worker thread hashing the layers of one read, one after another. */
export class HashWorker {
	private readonly worker: Worker;
	private nextId = 0;
	private inflight = 0;
	private drained: Array<() => void> = [];
	/** Batch buffers back from the worker, to fill again. */
	private spare: ArrayBuffer[] = [];
	private readonly pending = new Map<number, Pending>();
	private failure: unknown;
	private closed = false;
	/** Layers begun and not yet answered: the worker keeps the process alive only while there are some. */
	private open = 0;

	constructor(private readonly flow: Flow) {
		this.worker = new Worker(WORKER_SOURCE, {eval: true});
		running++;
		// Only while a layer is being hashed does the worker keep the process alive.
		this.worker.unref();
		this.worker.on('message', (m: {t: string; n?: number; buf?: ArrayBuffer; id?: number; diff?: string; ids?: ArrayBuffer; bytes?: ArrayBuffer}) => {
			if (m.t === 'a') {
				this.inflight -= m.n!;
				if (m.buf!.byteLength === BATCH && this.spare.length < SPARES) this.spare.push(m.buf!);
				if (this.inflight <= LOW_WATER) this.release();
				return;
			}
			const p = this.pending.get(m.id!);
			if (!p) return;
			this.pending.delete(m.id!);
			if (--this.open === 0) this.worker.unref();
			const count = m.n!;
			p.resolve({diff: m.diff!, files: {count, ids: new Int32Array(m.ids!, 0, count), bytes: new Uint8Array(m.bytes!, 0, count * 32)}});
		});
		const fail = (e: unknown) => {
			if (this.failure !== undefined) return;
			this.failure = e;
			this.release();
			for (const p of this.pending.values()) p.reject(e);
			this.pending.clear();
			if (!this.closed) this.flow.fail(e);
		};
		this.worker.on('error', e => fail(new Error(`the hashing thread failed: ${e.message}`)));
		this.worker.on('exit', code => {
			running--;
			if (!this.closed) fail(new Error(`the hashing thread stopped (exit code ${code})`));
		});
	}

	private release(): void {
		const waiting = this.drained;
		this.drained = [];
		for (const r of waiting) r();
	}

	private batchBuffer(): Uint8Array {
		const spare = this.spare.pop();
		return spare ? new Uint8Array(spare) : new Uint8Array(BATCH);
	}

	private post(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): void {
		if (this.failure !== undefined) throw this.failure;
		this.worker.postMessage(message, transfer);
	}

	layer(withDiff = true): LayerHashing {
		const id = this.nextId++;
		let done: Promise<LayerHashes> | undefined;
		let buf = this.batchBuffer();
		let used = 0;
		let ops: number[] = [];
		// Where the chunk last given to data() sits: its memory and its offset in the batch.
		let chunkBuffer: ArrayBufferLike | undefined;
		let chunkStart = 0;
		let chunkAt = 0;
		const flush = (next: number) => {
			if (used > 0) {
				const opsArray = Int32Array.from(ops);
				this.inflight += used;
				this.post({t: 'd', id, diff: withDiff, buf: buf.buffer, used, ops: opsArray.buffer, nops: ops.length / 4}, [buf.buffer as ArrayBuffer, opsArray.buffer]);
				if (this.inflight > HIGH_WATER) this.flow.waitFor(new Promise<void>(r => this.drained.push(r)));
			}
			buf = next < 0 ? new Uint8Array(0) : next <= BATCH ? this.batchBuffer() : new Uint8Array(next);
			used = 0;
			ops = [];
		};
		if (this.open++ === 0) this.worker.ref();
		return {
			data: chunk => {
				if (used + chunk.length > buf.length) flush(chunk.length);
				buf.set(chunk, used);
				chunkBuffer = chunk.buffer;
				chunkStart = chunk.byteOffset;
				chunkAt = used;
				used += chunk.length;
			},
			file: (fileId, piece, last) => {
				if (piece.buffer !== chunkBuffer) throw new Error('internal: a file piece outside the layer chunk');
				ops.push(fileId, chunkAt + (piece.byteOffset - chunkStart), piece.length, last ? 1 : 0);
			},
			end: () => {
				if (done) return done;
				done = new Promise<LayerHashes>((resolve, reject) => {
					if (this.failure !== undefined) return reject(this.failure);
					this.pending.set(id, {resolve, reject});
					flush(-1);
					this.post({t: 'e', id});
				});
				return done;
			},
		};
	}

	/** Stops the thread (idempotent); layers still pending are failed. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		const e = new Error('the read was stopped');
		for (const p of this.pending.values()) p.reject(e);
		this.pending.clear();
		this.release();
		void this.worker.terminate();
	}
}

/** Whether to hash off the main thread: forced by IMGSCOPE_HASH_WORKER=0/1, else for reads that are big or of unknown size. */
export function chooseHashing(requested: 'auto' | HashingMode | undefined, totalBytes: number | undefined): HashingMode {
	const env = process.env.IMGSCOPE_HASH_WORKER;
	if (env === '0') return 'inline';
	if (requested === 'inline' || requested === 'worker') return requested;
	if (env === '1') return 'worker';
	return totalBytes === undefined || totalBytes >= 32 << 20 ? 'worker' : 'inline';
}

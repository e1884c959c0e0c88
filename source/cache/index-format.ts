/**
 * The layer index's file format: what reading one layer learnt (its entries
 * and anomalies, never contents), compact and checked. Pure: bytes in, bytes
 * out.
 *
 *   "ISLX" | version u8 | flags u8 | body | sha256(everything before) 32 bytes
 *
 * The body holds the diff_id, the tar's size, the anomalies (JSON: few and
 * rare) and the entries in tar order. An entry's path shares a prefix with
 * the previous one most of the time (tar order is directory order), so only
 * the length of that prefix and the rest are stored; numbers are varints;
 * strings are UTF-8, or UTF-16 where one holds a lone surrogate, so any
 * JavaScript string comes back as it went in.
 * A 300,000-file layer takes about 40 bytes an entry with digests.
 *
 * The trailing hash makes a truncated or altered file fail to decode as a
 * whole: an entry is either exactly what was written or not used at all.
 */
import {createHash} from 'node:crypto';
import type {Anomaly, EntryType, FileEntry, LayerEntries} from '../layers/types.js';

const magic = Buffer.from('ISLX', 'latin1');
// 2: device and fifo types of their own, names decoded with invalid bytes as lone surrogates.
const version = 2;
const digestFlag = 1;
const hashBytes = 32;

const types: EntryType[] = ['file', 'dir', 'symlink', 'hardlink', 'other', 'chardev', 'blockdev', 'fifo'];
const hasLink = 0x10;
const hasDigest = 0x20;

/** What the index keeps of a layer: LayerEntries less where its blob sat in one archive. */
export interface IndexedLayer {
	diffId: string;
	tarBytes: number;
	/** Whether every regular file carries its content digest (a read without digests stores none). */
	digests: boolean;
	entries: FileEntry[];
	anomalies: Anomaly[];
	anomalyCount: number;
}

export class IndexFormatError extends Error {}

export function indexedLayer(layer: LayerEntries, digests: boolean): IndexedLayer {
	return {diffId: layer.diffId, tarBytes: layer.tarBytes, digests, entries: layer.entries, anomalies: layer.anomalies, anomalyCount: layer.anomalyCount};
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Writer {
	private buffer: Buffer;
	length = 0;

	/** `expected`: the size it will likely reach (a buffer doubled from small to 12 MB held 1.5 times that at once). */
	constructor(expected = 1 << 16) {
		this.buffer = Buffer.allocUnsafe(Math.max(1 << 16, expected));
	}

	private room(n: number): void {
		if (this.length + n <= this.buffer.length) return;
		let size = this.buffer.length * 2;
		while (size < this.length + n) size *= 2;
		const next = Buffer.allocUnsafe(size);
		this.buffer.copy(next, 0, 0, this.length);
		this.buffer = next;
	}

	byte(value: number): void {
		this.room(1);
		this.buffer[this.length++] = value;
	}

	/** Non-negative integers up to 2^53 (sizes past 4 GiB included). */
	varint(value: number): void {
		if (!Number.isSafeInteger(value) || value < 0) throw new IndexFormatError(`not a count: ${value}`);
		this.room(8);
		while (value >= 0x80) {
			this.buffer[this.length++] = (value % 0x80) | 0x80;
			value = Math.floor(value / 0x80);
		}
		this.buffer[this.length++] = value;
	}

	bytes(data: Buffer): void {
		this.room(data.length);
		data.copy(this.buffer, this.length);
		this.length += data.length;
	}

	/** 64 hex digits as their 32 bytes (the caller has checked them). */
	hex32(hex: string): void {
		this.room(32);
		this.buffer.write(hex, this.length, 32, 'hex');
		this.length += 32;
	}

	/**
	 * UTF-8, or UTF-16 for a string that holds a lone surrogate (UTF-8 cannot carry one, and a
	 * name's bytes may be kept that way): the length's low bit says which.
	 */
	string(text: string): void {
		const wide = loneSurrogate.test(text);
		const encoding = wide ? 'utf16le' : 'utf8';
		const n = Buffer.byteLength(text, encoding);
		this.varint(n * 2 + (wide ? 1 : 0));
		this.room(n);
		this.buffer.write(text, this.length, encoding);
		this.length += n;
	}

	done(): Buffer {
		return this.buffer.subarray(0, this.length);
	}
}

class Reader {
	offset = 0;

	constructor(private readonly data: Buffer, private readonly end: number) {}

	byte(): number {
		if (this.offset >= this.end) throw new IndexFormatError('truncated');
		return this.data[this.offset++]!;
	}

	varint(): number {
		let value = 0;
		let scale = 1;
		for (;;) {
			const b = this.byte();
			value += (b & 0x7f) * scale;
			if (b < 0x80) return value;
			scale *= 0x80;
			if (scale > 2 ** 56) throw new IndexFormatError('bad number');
		}
	}

	bytes(n: number): Buffer {
		if (this.offset + n > this.end) throw new IndexFormatError('truncated');
		const out = this.data.subarray(this.offset, this.offset + n);
		this.offset += n;
		return out;
	}

	string(): string {
		const head = this.varint();
		return this.bytes(Math.floor(head / 2)).toString(head % 2 ? 'utf16le' : 'utf8');
	}
}

/** The length of the common prefix, never ending inside a surrogate pair (the rest is stored as UTF-8). */
function sharedPrefix(a: string, b: string): number {
	const most = Math.min(a.length, b.length);
	let n = 0;
	while (n < most && a.charCodeAt(n) === b.charCodeAt(n)) n++;
	if (n > 0 && n < b.length) {
		const last = b.charCodeAt(n - 1);
		if (last >= 0xd800 && last <= 0xdbff) n--;
	}
	return n;
}

/** Bytes an entry takes, about (a path's new part, its numbers and digest): the writer's first size. */
const entryBytes = 48;

export function encodeIndex(layer: IndexedLayer): Buffer {
	const w = new Writer(1024 + layer.entries.length * entryBytes);
	w.bytes(magic);
	w.byte(version);
	w.byte(layer.digests ? digestFlag : 0);
	w.string(layer.diffId);
	w.varint(layer.tarBytes);
	w.varint(layer.anomalyCount);
	w.string(JSON.stringify(layer.anomalies));
	w.varint(layer.entries.length);
	let previous = '';
	for (const entry of layer.entries) {
		const type = types.indexOf(entry.type);
		if (type < 0) throw new IndexFormatError(`unknown entry type ${entry.type}`);
		const digest = entry.digest !== undefined && /^[0-9a-f]{64}$/.test(entry.digest) ? entry.digest : undefined;
		w.byte(type | (entry.linkTarget !== undefined ? hasLink : 0) | (digest ? hasDigest : 0));
		const shared = sharedPrefix(previous, entry.path);
		w.varint(shared);
		w.string(entry.path.slice(shared));
		w.varint(entry.size);
		w.varint(entry.mode);
		w.varint(entry.uid);
		w.varint(entry.gid);
		if (entry.linkTarget !== undefined) w.string(entry.linkTarget);
		if (digest) w.hex32(digest);
		previous = entry.path;
	}
	// The hash goes on in place: no second copy of the whole index (Buffer.concat) at 12 MB a layer of 300,000 files.
	w.bytes(createHash('sha256').update(w.done()).digest());
	return w.done();
}

/** The layer, or IndexFormatError when the bytes are not a whole, unaltered index of this version. */
export function decodeIndex(data: Buffer): IndexedLayer {
	if (data.length < magic.length + 2 + hashBytes) throw new IndexFormatError('truncated');
	const end = data.length - hashBytes;
	const expected = data.subarray(end);
	if (!createHash('sha256').update(data.subarray(0, end)).digest().equals(expected)) throw new IndexFormatError('checksum mismatch (truncated or altered)');
	if (!data.subarray(0, magic.length).equals(magic)) throw new IndexFormatError('not a layer index');
	const r = new Reader(data, end);
	r.offset = magic.length;
	if (r.byte() !== version) throw new IndexFormatError('another version');
	const digests = (r.byte() & digestFlag) !== 0;
	const diffId = r.string();
	const tarBytes = r.varint();
	const anomalyCount = r.varint();
	let anomalies: Anomaly[];
	try {
		anomalies = JSON.parse(r.string()) as Anomaly[];
	} catch {
		throw new IndexFormatError('bad anomalies');
	}
	const count = r.varint();
	const entries: FileEntry[] = new Array(count);
	let previous = '';
	for (let i = 0; i < count; i++) {
		const head = r.byte();
		const type = types[head & 0x0f];
		if (!type) throw new IndexFormatError('bad entry type');
		const shared = r.varint();
		if (shared > previous.length) throw new IndexFormatError('bad path prefix');
		const path = previous.slice(0, shared) + r.string();
		const entry: FileEntry = {path, type, size: r.varint(), mode: r.varint(), uid: r.varint(), gid: r.varint()};
		if (head & hasLink) entry.linkTarget = r.string();
		if (head & hasDigest) entry.digest = r.bytes(hashBytes).toString('hex');
		entries[i] = entry;
		previous = path;
	}
	if (r.offset !== end) throw new IndexFormatError('trailing bytes');
	return {diffId, tarBytes, digests, entries, anomalies, anomalyCount};
}

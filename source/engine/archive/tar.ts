/**
 * A push-based, synchronous tar reader. Why not tar-stream: a layer is a tar
 * inside a tar, with tens of thousands of small entries; a synchronous parser
 * fed with slices of the outer stream handles each entry with a few function
 * calls instead of a stream, an event and a callback per entry, and never
 * copies file data (consumers get subarrays of the input chunks).
 *
 * Reads ustar, GNU (long names `L`/`K`, base-256 numbers) and pax (`x`/`g`:
 * path, linkpath, size, uid, gid) the way Go's archive/tar does, which is
 * what wrote every docker layer, and GNU sparse files as GNU tar does (sparse.ts). Header sizes are never used to allocate:
 * data is streamed through; only pax and GNU long-name records are buffered,
 * and those are capped.
 */

import {decodeName} from '../../text/byte-names.js';
import {type SparseMap, SparseExpander, parseMapList} from './sparse.js';

export type TarType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'char' | 'block' | 'fifo' | 'unknown';

export interface TarHeader {
	name: string;
	linkname: string;
	type: TarType;
	/** The raw type flag, for reporting unknown ones. */
	flag: string;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	/** A GNU sparse file: the data handed on is expanded (holes as zeros), no longer pieces of the input. */
	sparse?: boolean;
}

export interface ByteSink {
	write(chunk: Buffer): void;
	end(): void;
}

export interface TarHandler {
	/** Returns where the entry's data goes, or undefined to skip it. */
	entry(header: TarHeader): ByteSink | undefined;
}

export class TarError extends Error {}

const BLOCK = 512;
const MAX_LONG_HEADER = 1 << 20;

const enum State {
	Header,
	Data,
	Long,
	Padding,
	Done,
}

export class TarParser {
	/** Bytes consumed so far. */
	bytes = 0;
	/** True once the end-of-archive block was read. */
	sawEnd = false;
	private state = State.Header;
	private block = Buffer.alloc(BLOCK);
	private blockFill = 0;
	private remaining = 0;
	private padding = 0;
	private sink: ByteSink | undefined;
	private long: Buffer[] = [];
	private longKind = '';
	private pax: Record<string, string> | undefined;
	private paxGlobal: Record<string, string> | undefined;
	private gnuName: string | undefined;
	private gnuLink: string | undefined;
	/** An old GNU sparse header ('S') whose map goes on in extension blocks. */
	private oldSparse: {header: TarHeader; dataSize: number; map: SparseMap} | undefined;

	constructor(private readonly handler: TarHandler) {}

	write(chunk: Buffer): void {
		let off = 0;
		const len = chunk.length;
		this.bytes += len;
		while (off < len) {
			switch (this.state) {
				case State.Done:
					return; // anything after the end marker (padding to a record size) is ignored, as Go does
				case State.Header: {
					let header: Buffer;
					if (this.blockFill === 0 && len - off >= BLOCK) {
						header = chunk.subarray(off, off + BLOCK);
						off += BLOCK;
					} else {
						const n = Math.min(BLOCK - this.blockFill, len - off);
						chunk.copy(this.block, this.blockFill, off, off + n);
						this.blockFill += n;
						off += n;
						if (this.blockFill < BLOCK) return;
						this.blockFill = 0;
						header = this.block;
					}
					this.onHeader(header);
					break;
				}
				case State.Data: {
					const n = Math.min(this.remaining, len - off);
					if (this.sink) this.sink.write(off === 0 && n === len ? chunk : chunk.subarray(off, off + n));
					this.remaining -= n;
					off += n;
					if (this.remaining === 0) this.endEntry();
					break;
				}
				case State.Long: {
					const n = Math.min(this.remaining, len - off);
					this.long.push(Buffer.from(chunk.subarray(off, off + n)));
					this.remaining -= n;
					off += n;
					if (this.remaining === 0) this.endLong();
					break;
				}
				case State.Padding: {
					const n = Math.min(this.padding, len - off);
					this.padding -= n;
					off += n;
					if (this.padding === 0) this.state = State.Header;
					break;
				}
			}
		}
	}

	/** Call at the end of input: a stream cut inside an entry or a header is an error. */
	end(): void {
		if (this.state === State.Done || (this.state === State.Header && this.blockFill === 0)) return;
		const where = this.state === State.Header ? 'a header' : 'an entry';
		throw new TarError(`truncated tar: the data ends inside ${where} (after ${this.bytes} bytes)`);
	}

	private onHeader(block: Buffer): void {
		if (this.oldSparse) {
			const o = this.oldSparse;
			readOldMap(block, 0, 21, o.map);
			if (block[504]) return;
			this.oldSparse = undefined;
			this.beginEntry(o.header, o.dataSize, o.map);
			return;
		}
		if (isZeroBlock(block)) {
			this.state = State.Done;
			this.sawEnd = true;
			return;
		}
		if (!checksumOk(block)) throw new TarError(`invalid tar header at byte ${this.bytes}: bad checksum`);
		const flag = String.fromCharCode(block[156] || 0x30);
		const size = readNumber(block, 124, 12);
		if (!(size >= 0) || !Number.isSafeInteger(size)) throw new TarError(`invalid tar header: size field`);
		if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
			if (size > MAX_LONG_HEADER) throw new TarError(`tar ${flag} header record of ${size} bytes is over the ${MAX_LONG_HEADER} byte limit`);
			this.longKind = flag;
			this.remaining = size;
			this.padding = pad(size);
			this.long = [];
			if (size === 0) this.endLong();
			else this.state = State.Long;
			return;
		}
		// "ustar\0" (POSIX): the name has a prefix field.
		const ustar = block[257] === 0x75 && block[258] === 0x73 && block[259] === 0x74 && block[260] === 0x61 && block[261] === 0x72 && block[262] === 0;
		let name = cString(block, 0, 100);
		if (ustar && block[345] !== 0) name = `${cString(block, 345, 155)}/${name}`;
		let linkname = cString(block, 157, 100);
		let uid = readNumber(block, 108, 8);
		let gid = readNumber(block, 116, 8);
		let dataSize = size;
		const pax = this.pax || this.paxGlobal ? {...this.paxGlobal, ...this.pax} : undefined;
		if (this.gnuName !== undefined) name = this.gnuName;
		if (this.gnuLink !== undefined) linkname = this.gnuLink;
		if (pax) {
			if (pax.path !== undefined) name = pax.path;
			if (pax.linkpath !== undefined) linkname = pax.linkpath;
			if (pax.size !== undefined) dataSize = paxNumber(pax.size, 'size');
			if (pax.uid !== undefined) uid = paxNumber(pax.uid, 'uid');
			if (pax.gid !== undefined) gid = paxNumber(pax.gid, 'gid');
		}
		this.pax = this.gnuName = this.gnuLink = undefined;
		let type = typeOf(flag);
		if (type === 'file' && flag === '\0' && name.endsWith('/')) type = 'dir';
		// Header-only types carry no data whatever their size field says (Go: isHeaderOnlyType).
		if (type === 'hardlink' || type === 'symlink' || type === 'dir' || type === 'char' || type === 'block' || type === 'fifo') dataSize = 0;
		const header: TarHeader = {name, linkname, type, flag, size: dataSize, mode: readNumber(block, 100, 8) & 0o7777, uid, gid};
		// Sparse files: the header says the real name and size; the data is expanded (sparse.ts).
		let map: SparseMap | 'in-data' | undefined;
		if (flag === 'S') {
			header.size = readNumber(block, 483, 12);
			map = [];
			readOldMap(block, 386, 4, map);
			if (block[482]) {
				this.oldSparse = {header: checkedSize(header), dataSize, map};
				return;
			}
		} else if (type === 'file' && pax && (pax['GNU.sparse.major'] !== undefined || pax['GNU.sparse.map'] !== undefined || pax[sparse00] !== undefined)) {
			if (pax['GNU.sparse.name'] !== undefined) header.name = pax['GNU.sparse.name'];
			if (pax['GNU.sparse.major'] !== undefined) {
				if (pax['GNU.sparse.major'] !== '1' || pax['GNU.sparse.minor'] !== '0') throw new TarError(`unsupported GNU sparse format ${pax['GNU.sparse.major']}.${pax['GNU.sparse.minor']}`);
				header.size = paxNumber(pax['GNU.sparse.realsize'] ?? '', 'GNU.sparse.realsize');
				map = 'in-data';
			} else {
				header.size = paxNumber(pax['GNU.sparse.size'] ?? '', 'GNU.sparse.size');
				map = parseMapList(pax['GNU.sparse.map'] ?? pax[sparse00]);
			}
		}
		this.beginEntry(checkedSize(header), dataSize, map);
	}

	/** map: undefined for a plain entry, 'in-data' for PAX 1.0 sparse (the map leads the data), else the map. */
	private beginEntry(header: TarHeader, dataSize: number, map: SparseMap | 'in-data' | undefined): void {
		if (map !== undefined) header.sparse = true;
		const sink = this.handler.entry(header);
		this.sink = sink && map !== undefined ? new SparseExpander(sink, map === 'in-data' ? undefined : map, header.size) : sink;
		this.remaining = dataSize;
		this.padding = pad(dataSize);
		if (dataSize === 0) this.endEntry();
		else this.state = State.Data;
	}

	private endEntry(): void {
		const sink = this.sink;
		this.sink = undefined;
		this.state = this.padding ? State.Padding : State.Header;
		sink?.end();
	}

	private endLong(): void {
		const data = Buffer.concat(this.long);
		this.long = [];
		this.state = this.padding ? State.Padding : State.Header;
		if (this.longKind === 'x') this.pax = parsePax(data);
		else if (this.longKind === 'g') this.paxGlobal = {...this.paxGlobal, ...parsePax(data)};
		else if (this.longKind === 'L') this.gnuName = cString(data, 0, data.length);
		else this.gnuLink = cString(data, 0, data.length);
	}
}

/** PAX 0.0 repeats GNU.sparse.offset and GNU.sparse.numbytes: parsePax keeps them in order under this key. */
const sparse00 = '\0sparse0.0';

function checkedSize(header: TarHeader): TarHeader {
	if (!(header.size >= 0) || !Number.isSafeInteger(header.size)) throw new TarError('invalid sparse file size');
	return header;
}

/** Up to `count` (offset, numbytes) pairs of 12-byte numbers from `start`; an empty offset ends the map. */
function readOldMap(block: Buffer, start: number, count: number, map: SparseMap): void {
	for (let i = 0; i < count; i++) {
		const at = start + i * 24;
		if (block[at] === 0) return;
		map.push([readNumber(block, at, 12), readNumber(block, at + 12, 12)]);
	}
}

function pad(size: number): number {
	const r = size % BLOCK;
	return r === 0 ? 0 : BLOCK - r;
}

function typeOf(flag: string): TarType {
	switch (flag) {
		case '0':
		case '\0':
		case '7':
		case 'S':
			return 'file';
		case '1':
			return 'hardlink';
		case '2':
			return 'symlink';
		case '3':
			return 'char';
		case '4':
			return 'block';
		case '5':
			return 'dir';
		case '6':
			return 'fifo';
		default:
			return 'unknown';
	}
}

/** A NUL-terminated name: bytes that are not UTF-8 kept as escaped bytes (byte-names.ts), never U+FFFD. */
function cString(buf: Buffer, start: number, length: number): string {
	const end = start + length;
	let i = start;
	while (i < end && buf[i] !== 0) i++;
	return decodeName(buf, start, i);
}

/** Octal (space or NUL padded) or GNU base-256 when the high bit of the first byte is set. */
function readNumber(buf: Buffer, start: number, length: number): number {
	if (buf[start] & 0x80) {
		if (buf[start] === 0xff) return Number.NaN; // negative: never valid here
		let n = buf[start] & 0x7f;
		for (let i = 1; i < length; i++) n = n * 256 + buf[start + i];
		return n;
	}
	let n = 0;
	let i = start;
	const end = start + length;
	while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
	for (; i < end; i++) {
		const c = buf[i];
		if (c === 0 || c === 0x20) break;
		if (c < 0x30 || c > 0x37) return Number.NaN;
		n = n * 8 + (c - 0x30);
	}
	return n;
}

function paxNumber(value: string, key: string): number {
	if (!/^\d{1,16}$/.test(value)) throw new TarError(`invalid pax ${key}: ${JSON.stringify(value.slice(0, 40))}`);
	return Number(value);
}

function parsePax(data: Buffer): Record<string, string> {
	const out: Record<string, string> = {};
	let off = 0;
	while (off < data.length) {
		const space = data.indexOf(0x20, off);
		if (space < 0) break;
		const len = Number(data.toString('latin1', off, space));
		if (!Number.isSafeInteger(len) || len <= space - off || off + len > data.length) throw new TarError('invalid pax header record');
		// Values are UTF-8 by the standard, raw bytes where GNU tar wrote hdrcharset=BINARY: decoded as names are.
		const eq = data.indexOf(0x3d, space + 1);
		if (eq > space + 1 && eq < off + len - 1) {
			const key = data.toString('latin1', space + 1, eq);
			const value = decodeName(data, eq + 1, off + len - 1);
			if (key === 'GNU.sparse.offset' || key === 'GNU.sparse.numbytes') out[sparse00] = out[sparse00] === undefined ? value : `${out[sparse00]},${value}`;
			else out[key] = value;
		}
		off += len;
	}
	return out;
}

export function isZeroBlock(block: Uint8Array): boolean {
	for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
	return true;
}

/** The header checksum (unsigned, or signed as some old tars wrote it). */
export function checksumOk(block: Uint8Array): boolean {
	if (block.length < BLOCK) return false;
	let stored = 0;
	let i = 148;
	while (i < 156 && (block[i] === 0x20 || block[i] === 0)) i++;
	for (; i < 156 && block[i] >= 0x30 && block[i] <= 0x37; i++) stored = stored * 8 + (block[i] - 0x30);
	// The checksum field counts as eight spaces. Four running sums keep the loop short.
	let a = 0;
	let b = 0;
	let c = 0;
	let d = 0;
	for (let j = 0; j < BLOCK; j += 4) {
		a += block[j];
		b += block[j + 1];
		c += block[j + 2];
		d += block[j + 3];
	}
	let field = 0;
	for (let j = 148; j < 156; j++) field += block[j];
	const unsigned = a + b + c + d - field + 8 * 0x20;
	if (stored === unsigned) return true;
	let signed = 8 * 0x20;
	for (let j = 0; j < BLOCK; j++) if (j < 148 || j >= 156) signed += block[j] > 127 ? block[j] - 256 : block[j];
	return stored === signed;
}

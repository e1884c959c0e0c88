/**
 * GNU sparse files, read as tar reads them: the stored data holds only the
 * map's segments; what the handler sees is the whole file (holes as zeros)
 * at its real size. Formats (GNU tar's manual, "Sparse Formats"):
 * - old GNU (type 'S'): the map in the header at 386, more in extension
 *   blocks (tar.ts reads those);
 * - PAX 0.0 (repeated GNU.sparse.offset/numbytes) and 0.1 (GNU.sparse.map):
 *   the map in the pax records, the real size in GNU.sparse.size;
 * - PAX 1.0 (GNU.sparse.major=1): the map as decimal lines at the start of
 *   the data, padded to a block; the real size in GNU.sparse.realsize.
 * The name is GNU.sparse.name where given (not `…/GNUSparseFile.0/holes`).
 */
import type {ByteSink} from './tar.js';

export class SparseError extends Error {}

/** [offset, length] pairs in file order. */
export type SparseMap = Array<[number, number]>;

const zeros = Buffer.alloc(1 << 16);
const MAX_MAP_TEXT = 1 << 20;

export function checkMap(map: SparseMap, realSize: number): void {
	let end = 0;
	for (const [o, n] of map) {
		if (!Number.isSafeInteger(o) || !Number.isSafeInteger(n) || o < end || n < 0 || o + n > realSize) throw new SparseError('invalid sparse map');
		end = o + n;
	}
}

/** The map of a PAX 0.1 `GNU.sparse.map` value (or 0.0's offsets and sizes joined the same way). */
export function parseMapList(value: string): SparseMap {
	const parts = value === '' ? [] : value.split(',');
	if (parts.length % 2 || parts.some(p => !/^\d{1,16}$/.test(p))) throw new SparseError('invalid sparse map');
	const map: SparseMap = [];
	for (let i = 0; i < parts.length; i += 2) map.push([Number(parts[i]), Number(parts[i + 1])]);
	return map;
}

/** Expands stored sparse data into the whole file for `out`; `map` undefined: PAX 1.0, read from the data. */
export class SparseExpander implements ByteSink {
	private text: number[] = [];
	private numbers: number[] = [];
	private wanted = -1;
	private consumed = 0;
	private skip = 0;
	private seg = 0;
	private segLeft = 0;
	private pos = 0;

	constructor(
		private readonly out: ByteSink,
		private map: SparseMap | undefined,
		private readonly realSize: number,
	) {
		if (map) this.start();
	}

	private start(): void {
		checkMap(this.map!, this.realSize);
		this.seg = 0;
		this.nextSegment();
	}

	private nextSegment(): void {
		const map = this.map!;
		while (this.seg < map.length && map[this.seg][1] === 0) this.seg++;
		if (this.seg >= map.length) return;
		this.zerosTo(map[this.seg][0]);
		this.segLeft = map[this.seg][1];
	}

	private zerosTo(end: number): void {
		while (this.pos < end) {
			const n = Math.min(zeros.length, end - this.pos);
			this.out.write(zeros.subarray(0, n));
			this.pos += n;
		}
	}

	write(chunk: Buffer): void {
		let off = 0;
		while (!this.map && off < chunk.length) off = this.readMapText(chunk, off);
		if (this.skip > 0 && off < chunk.length) {
			const n = Math.min(this.skip, chunk.length - off);
			this.skip -= n;
			off += n;
		}
		while (off < chunk.length) {
			if (this.segLeft === 0) throw new SparseError('sparse data longer than its map');
			const n = Math.min(this.segLeft, chunk.length - off);
			this.out.write(chunk.subarray(off, off + n));
			this.pos += n;
			off += n;
			this.segLeft -= n;
			if (this.segLeft === 0) {
				this.seg++;
				this.nextSegment();
			}
		}
	}

	/** PAX 1.0: "count\n" then "offset\nlength\n" per segment, then padding to 512. */
	private readMapText(chunk: Buffer, off: number): number {
		for (; off < chunk.length; off++) {
			const c = chunk[off];
			this.consumed++;
			if (this.consumed > MAX_MAP_TEXT) throw new SparseError('sparse map too long');
			if (c !== 0x0a) {
				if (c < 0x30 || c > 0x39 || this.text.length >= 16) throw new SparseError('invalid sparse map');
				this.text.push(c);
				continue;
			}
			if (this.text.length === 0) throw new SparseError('invalid sparse map');
			const n = Number(String.fromCharCode(...this.text));
			this.text = [];
			if (this.wanted < 0) this.wanted = n * 2;
			else this.numbers.push(n);
			if (this.numbers.length === this.wanted) {
				const map: SparseMap = [];
				for (let i = 0; i < this.numbers.length; i += 2) map.push([this.numbers[i], this.numbers[i + 1]]);
				this.map = map;
				const r = this.consumed % 512;
				this.skip = r === 0 ? 0 : 512 - r;
				this.start();
				return off + 1;
			}
		}
		return off;
	}

	end(): void {
		if (!this.map || this.skip > 0 || this.segLeft > 0 || this.seg < this.map.length) throw new SparseError('sparse data shorter than its map');
		this.zerosTo(this.realSize);
		this.out.end();
	}
}

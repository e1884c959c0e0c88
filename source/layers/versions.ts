/**
 * Every version the layers gave a path, as columns (struct of arrays): a
 * version is an index, each field a typed array by that index, a content
 * digest 32 raw bytes in one buffer. A 300,000-file image holds 300,000
 * versions; as objects (a FileEntry with its path and 64-character hex
 * digest, and a Version) they were ~400 bytes each, as columns they are ~70.
 * A FileEntry is made when a caller asks for one (a row drawn, the JSON of a
 * command), with the path the caller has from the node hierarchy.
 *
 * What does not fit a column keeps its exact value aside, so every entry
 * comes back as it went in: link targets (few: a Map by version), digests
 * that are not 64 lower-case hex digits (tests, and anything unusual), and
 * modes, uids and gids that are not small non-negative integers (a hostile
 * tar's base-256 or NaN).
 */
import type {EntryType, FileEntry} from './types.js';

/** Why a version stopped being visible (see model.ts). */
export type HiddenBy = 'overwritten' | 'removed' | 'opaque' | 'replaced';

/** The differences entryDifferences names (changes.ts). */
export type Difference = 'content' | 'mode' | 'owner' | 'type' | 'link';

const types: readonly EntryType[] = ['file', 'dir', 'symlink', 'hardlink', 'chardev', 'blockdev', 'fifo', 'other'];
const typeCodes = new Map<EntryType, number>(types.map((t, i) => [t, i]));
export const FILE = 0;
export const DIR = 1;
const SYMLINK = 2;
const HARDLINK = 3;

/** hiddenBy's codes: 0 while the version is visible. */
const hiddenBys: readonly (HiddenBy | undefined)[] = [undefined, 'overwritten', 'removed', 'opaque', 'replaced'];
export const hiddenByCode: Readonly<Record<HiddenBy, number>> = {overwritten: 1, removed: 2, opaque: 3, replaced: 4};

// flags
const DIGEST = 1;
const LINK = 2;

/** A lower-case hex digit's value, or -1. */
function nibble(c: number): number {
	return c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
}

/**
 * Writes a digest of 64 lower-case hex digits as its 32 bytes at `at`; false (nothing meant) for
 * any other string. In JavaScript: a regular expression and Buffer.write took ~0.7 µs a digest.
 */
function writeHex64(digest: string, into: Uint8Array, at: number): boolean {
	if (digest.length !== 64) return false;
	for (let i = 0; i < 32; i++) {
		const hi = nibble(digest.charCodeAt(2 * i));
		const lo = nibble(digest.charCodeAt(2 * i + 1));
		if (hi < 0 || lo < 0) return false;
		into[at + i] = (hi << 4) | lo;
	}
	return true;
}

/** A column of small non-negative integers; other values (rare) kept exactly beside it. */
class Numbers<A extends Uint16Array | Uint32Array> {
	private readonly others = new Map<number, number>();
	constructor(
		readonly values: A,
		/** The largest value kept in the column itself is one less: this one says "see others". */
		private readonly aside: number,
	) {}

	set(i: number, value: number): void {
		if (Number.isInteger(value) && value >= 0 && value < this.aside) this.values[i] = value;
		else {
			this.values[i] = this.aside;
			this.others.set(i, value);
		}
	}

	get(i: number): number {
		const value = this.values[i];
		return value === this.aside ? this.others.get(i)! : value;
	}
}

export class VersionTable {
	count = 0;
	/** The model's node each version belongs to. */
	readonly node: Int32Array;
	readonly layer: Int32Array;
	/** The node's next version (layer order), or -1. */
	readonly next: Int32Array;
	/** First layer at which the version is no longer visible, or -1: visible in the final filesystem. */
	readonly hiddenAt: Int32Array;
	/** hiddenByCode, 0 while visible. */
	readonly hiddenBy: Uint8Array;
	readonly type: Uint8Array;
	readonly size: Float64Array;
	private readonly flags: Uint8Array;
	private readonly mode: Numbers<Uint16Array>;
	private readonly uid: Numbers<Uint32Array>;
	private readonly gid: Numbers<Uint32Array>;
	/** 32 bytes a version (its sha256), read as hex when an entry is made. */
	private readonly digests: Buffer;
	/** The same bytes as 8 words a version, to compare two digests. */
	private readonly digestWords: Int32Array;
	private readonly links = new Map<number, string>();
	/** Digests that are not 64 lower-case hex digits, as they were. */
	private readonly oddDigests = new Map<number, string>();

	constructor(readonly capacity: number) {
		this.node = new Int32Array(capacity);
		this.layer = new Int32Array(capacity);
		this.next = new Int32Array(capacity);
		this.hiddenAt = new Int32Array(capacity);
		this.hiddenBy = new Uint8Array(capacity);
		this.type = new Uint8Array(capacity);
		this.size = new Float64Array(capacity);
		this.flags = new Uint8Array(capacity);
		this.mode = new Numbers(new Uint16Array(capacity), 0xffff);
		this.uid = new Numbers(new Uint32Array(capacity), 0xffffffff);
		this.gid = new Numbers(new Uint32Array(capacity), 0xffffffff);
		this.digests = Buffer.alloc(capacity * 32);
		this.digestWords = new Int32Array(this.digests.buffer, this.digests.byteOffset, capacity * 8);
	}

	/** A new version of `node` from `layer`, visible, with no next version yet. */
	add(entry: FileEntry, layer: number, node: number): number {
		const v = this.count++;
		this.node[v] = node;
		this.layer[v] = layer;
		this.next[v] = -1;
		this.hiddenAt[v] = -1;
		const type = typeCodes.get(entry.type);
		if (type === undefined) throw new TypeError(`unknown entry type ${String(entry.type)}`);
		this.type[v] = type;
		this.size[v] = entry.size;
		this.mode.set(v, entry.mode);
		this.uid.set(v, entry.uid);
		this.gid.set(v, entry.gid);
		let flags = 0;
		if (entry.linkTarget !== undefined) {
			flags |= LINK;
			this.links.set(v, entry.linkTarget);
		}
		const digest = entry.digest;
		if (digest !== undefined) {
			flags |= DIGEST;
			if (!writeHex64(digest, this.digests, v * 32)) {
				this.digests.fill(0, v * 32, v * 32 + 32);
				this.oddDigests.set(v, digest);
			}
		}
		this.flags[v] = flags;
		return v;
	}

	entryType(v: number): EntryType {
		return types[this.type[v]];
	}

	hiddenByOf(v: number): HiddenBy | undefined {
		return hiddenBys[this.hiddenBy[v]];
	}

	linkTarget(v: number): string | undefined {
		return this.flags[v] & LINK ? this.links.get(v) : undefined;
	}

	digest(v: number): string | undefined {
		if (!(this.flags[v] & DIGEST)) return undefined;
		return this.oddDigests.get(v) ?? this.digests.toString('hex', v * 32, v * 32 + 32);
	}

	/** The version as the FileEntry it was made from (a new object each time). */
	entry(v: number, path: string): FileEntry {
		return {path, type: types[this.type[v]], size: this.size[v], mode: this.mode.get(v), uid: this.uid.get(v), gid: this.gid.get(v), linkTarget: this.linkTarget(v), digest: this.digest(v)};
	}

	private sameDigest(a: number, b: number): boolean {
		const fa = this.flags[a] & DIGEST;
		if (fa !== (this.flags[b] & DIGEST)) return false;
		if (!fa) return true;
		const oa = this.oddDigests.get(a);
		const ob = this.oddDigests.get(b);
		if (oa !== undefined || ob !== undefined) return oa === ob;
		const w = this.digestWords;
		for (let i = a * 8, j = b * 8, end = i + 8; i < end; i++, j++) if (w[i] !== w[j]) return false;
		return true;
	}

	/** entryDifferences (changes.ts) of two versions, without making their entries. */
	differences(a: number, b: number): Difference[] {
		const what: Difference[] = [];
		const ta = this.type[a];
		const tb = this.type[b];
		if (ta !== tb) what.push('type');
		else if (ta === FILE || ta === HARDLINK) {
			if (!this.sameDigest(a, b) || this.size[a] !== this.size[b]) what.push('content');
		}
		if (this.mode.get(a) !== this.mode.get(b)) what.push('mode');
		if (this.uid.get(a) !== this.uid.get(b) || this.gid.get(a) !== this.gid.get(b)) what.push('owner');
		if (ta === tb && (ta === SYMLINK || ta === HARDLINK) && this.linkTarget(a) !== this.linkTarget(b)) what.push('link');
		return what;
	}
}

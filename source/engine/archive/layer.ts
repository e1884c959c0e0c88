/**
 * Reads one uncompressed layer tar into entry metadata: one FileEntry per tar
 * entry (never contents), a sha256 per regular file computed while its data
 * passes, and the diff_id (sha256 of the whole tar) on the way in.
 */
import {createHash} from 'node:crypto';
import type {Flow} from './flow.js';
import type {LayerHashes, LayerHashing} from './layer-hashing.js';
import type {Anomaly, AnomalyKind, EntryType, FileEntry, LayerEntries} from '../../layers/types.js';
import {normalisePath} from '../../layers/paths.js';
import {type ByteSink, type TarHeader, TarParser} from './tar.js';
import type {Compression} from './decompress.js';
import {ArchiveError, type Limits} from './errors.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Shared across the layers of one read, for the cap on total entries. */
export interface EntryBudget {
	total: number;
}

export class LayerScanner implements ByteSink {
	private readonly parser: TarParser;
	private readonly entries: FileEntry[] = [];
	private readonly anomalies: Anomaly[] = [];
	private anomalyCount = 0;
	private hardlinks = 0;
	private tarBytes = 0;

	constructor(
		readonly blobPath: string,
		private readonly compression: Compression,
		private readonly limits: Limits,
		private readonly budget: EntryBudget,
		private readonly onDone: (layer: LayerEntries) => void,
		private readonly hashing: LayerHashing,
		private readonly flow: Flow,
		private readonly digests = true,
	) {
		this.parser = new TarParser({entry: h => this.onEntry(h)});
	}

	write(chunk: Buffer): void {
		this.hashing.data(chunk);
		this.tarBytes += chunk.length;
		try {
			this.parser.write(chunk);
		} catch (e) {
			throw this.wrap(e);
		}
	}

	end(): void {
		try {
			this.parser.end();
		} catch (e) {
			throw this.wrap(e);
		}
		// The digests may come from the hashing thread; the reader waits for them before assembling.
		this.flow.waitFor(
			this.hashing.end().then(
				hashes => this.finish(hashes),
				e => this.flow.fail(this.wrap(e)),
			),
		);
	}

	private finish(hashes: LayerHashes): void {
		const {count, ids, bytes} = hashes.files;
		const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		for (let i = 0; i < count; i++) this.entries[ids[i]].digest = raw.toString('hex', i * 32, i * 32 + 32);
		if (this.hardlinks) this.resolveHardlinks();
		this.onDone({
			// Not hashed (ReadOptions.verifyDiffIds false): assembly fills in the config's.
			diffId: hashes.diff === '' ? '' : `sha256:${hashes.diff}`,
			blobPath: this.blobPath,
			compression: this.compression,
			tarBytes: this.tarBytes,
			entries: this.entries,
			anomalies: this.anomalies,
			anomalyCount: this.anomalyCount,
		});
	}

	private wrap(e: unknown): ArchiveError {
		if (e instanceof ArchiveError) return e;
		return new ArchiveError(`layer ${this.blobPath}: ${(e as Error).message}`, 'bad-layer', this.blobPath, e);
	}

	private anomaly(kind: AnomalyKind, raw: string, path: string): void {
		this.anomalyCount++;
		if (this.anomalies.length < this.limits.maxAnomaliesPerLayer) this.anomalies.push({kind, raw, path});
	}

	private onEntry(h: TarHeader): ByteSink | undefined {
		if (this.entries.length >= this.limits.maxEntriesPerLayer) {
			throw new ArchiveError(`layer ${this.blobPath} has more than ${this.limits.maxEntriesPerLayer} entries (limit maxEntriesPerLayer)`, 'too-many-entries', this.blobPath);
		}
		if (++this.budget.total > this.limits.maxTotalEntries) {
			throw new ArchiveError(`the image has more than ${this.limits.maxTotalEntries} entries in all (limit maxTotalEntries), reached in layer ${this.blobPath}`, 'too-many-entries', this.blobPath);
		}
		const n = normalisePath(h.name);
		if (n.absolute) this.anomaly('absolute-path', h.name, n.path);
		if (n.dotDot) this.anomaly('dot-dot', h.name, n.path);
		if (n.path === '') {
			// The root itself ("./") is normal; an empty or escaping name is not.
			if (h.type !== 'dir' || n.dotDot) this.anomaly('empty-path', h.name, '');
			this.budget.total--;
			return undefined;
		}
		let type: EntryType;
		switch (h.type) {
			case 'file':
			case 'dir':
			case 'symlink':
			case 'hardlink':
				type = h.type;
				break;
			case 'unknown':
				this.anomaly('unsupported-type', `${h.name} (type ${JSON.stringify(h.flag)})`, n.path);
				type = 'other';
				break;
			case 'char':
				type = 'chardev';
				break;
			case 'block':
				type = 'blockdev';
				break;
			case 'fifo':
				type = 'fifo';
		}
		// Every field from the start: one shape, and no property store added to 300,000 objects later.
		const entry: FileEntry = {path: n.path, type, size: type === 'file' ? h.size : 0, mode: h.mode, uid: h.uid, gid: h.gid, linkTarget: undefined, digest: undefined};
		if (type === 'symlink') entry.linkTarget = h.linkname;
		else if (type === 'hardlink') {
			const t = normalisePath(h.linkname);
			if (t.absolute || t.dotDot) this.anomaly(t.absolute ? 'absolute-path' : 'dot-dot', h.linkname, t.path);
			entry.linkTarget = t.path;
			this.hardlinks++;
		}
		this.entries.push(entry);
		if (type !== 'file') return undefined;
		if (h.size === 0) {
			if (this.digests) entry.digest = EMPTY_SHA256;
			return undefined;
		}
		// Without digests (ReadOptions.digests false) the data is skipped unseen.
		if (this.digests && h.sparse) return sparseSink(entry);
		return this.digests ? new FileSink(this.hashing, this.entries.length - 1, h.size) : undefined;
	}

	/** A hard link shares its target's content: the target came earlier in the same tar. */
	private resolveHardlinks(): void {
		const seen = new Map<string, FileEntry>();
		for (const e of this.entries) {
			if (e.type === 'hardlink') {
				const target = seen.get(e.linkTarget!);
				if (!target) this.anomaly('hardlink-target-missing', e.linkTarget!, e.path);
				else if (target.digest) e.digest = target.digest;
			}
			if (e.type === 'file' || e.type === 'hardlink') seen.set(e.path, e);
		}
	}
}

/** A sparse file's expanded contents are not pieces of the layer's bytes: hashed here, on this thread. */
function sparseSink(entry: FileEntry): ByteSink {
	const hash = createHash('sha256');
	return {write: chunk => void hash.update(chunk), end: () => void (entry.digest = hash.digest('hex'))};
}

/** Hands a file's data to the layer's hashing, with its id (its index in the entries). */
class FileSink implements ByteSink {
	private seen = 0;
	constructor(
		private readonly hashing: LayerHashing,
		private readonly id: number,
		private readonly size: number,
	) {}
	write(chunk: Buffer): void {
		this.seen += chunk.length;
		this.hashing.file(this.id, chunk, this.seen >= this.size);
	}
	end(): void {}
}

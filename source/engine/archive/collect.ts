/**
 * The outer archive, as it streams by. In a `docker save` tar the manifest
 * comes after the layers (and an OCI archive's index may too), so nothing is
 * assembled here: every layer blob is read as soon as it appears and its
 * result recorded by path; small JSON documents are kept by path; symlinked
 * (repeated) layers are recorded as aliases. read.ts assembles at the end.
 */
import type {LayerEntries} from '../../layers/types.js';
import {normalisePath} from '../../layers/paths.js';
import {type ByteSink, type TarHandler, type TarHeader, checksumOk} from './tar.js';
import {type Compression, decompressing, detectCompression} from './decompress.js';
import {type EntryBudget, LayerScanner} from './layer.js';
import {ArchiveError, type Limits} from './errors.js';
import {aliasTarget} from './layout.js';
import type {Flow} from './flow.js';
import {HashWorker, type HashingMode, type LayerHashing, inlineHashing} from './layer-hashing.js';
import type {ExportNames} from './export-names.js';

export type BlobHint = 'sniff' | 'json' | 'layer';

/** Builds what reads one layer's uncompressed tar (the scanner, or extractFile's finder). */
export type LayerReaderFactory = (path: string, compression: Compression, done: (layer: LayerEntries) => void) => ByteSink;

export interface CollectorEvents {
	/** A layer blob started (n counts from 1 in the order blobs appear). */
	layerStarted?(path: string, n: number): void;
	/** A JSON document finished (lets the reader learn the layer count early). */
	jsonDone?(path: string): void;
}

/** Decides which entries of the outer tar matter; also used directly for an OCI layout directory. */
export class Collector implements TarHandler {
	readonly layers = new Map<string, LayerEntries>();
	readonly json = new Map<string, Buffer>();
	readonly aliases = new Map<string, string>();
	readonly seen = new Set<string>();
	/** JSON-looking blobs dropped for size, to say so if one was needed. */
	readonly tooBig = new Set<string>();
	jsonBytes = 0;
	layersStarted = 0;
	/** Where the layers' sha256 work runs (see layer-hashing.ts); set before reading. */
	hashing: HashingMode = 'inline';
	/** Hash each layer tar for its diff_id (else assembly takes the config's). */
	verifyDiffIds = true;
	/** Hash each regular file's contents (FileEntry.digest). */
	digests = true;
	/** Which RootFS position a blob holds, by its name (set when the caller gave the diff_ids). */
	names: ExportNames | undefined;
	/** Layers known already, by diff_id: a blob named as one of them (and of its size) passes unread. */
	known: ReadonlyMap<string, LayerEntries> | undefined;
	/** Blobs that passed unread, and the diff_id each was taken for (assembly checks it against the manifest). */
	readonly skipped = new Map<string, string>();
	private worker: HashWorker | undefined;
	private readonly budget: EntryBudget = {total: 0};

	constructor(
		readonly flow: Flow,
		readonly limits: Limits,
		readonly events: CollectorEvents = {},
		/** Which layer blobs to read at all (extractFile reads one). */
		readonly wantsLayer: (path: string) => boolean = () => true,
		private readonly makeReader?: LayerReaderFactory,
	) {}

	entry(h: TarHeader): ByteSink | undefined {
		const path = normalisePath(h.name).path;
		if (h.type === 'symlink' || h.type === 'hardlink') {
			this.aliases.set(path, aliasTarget(path, h.linkname, h.type === 'hardlink'));
			this.seen.add(path);
			return undefined;
		}
		if (h.type !== 'file') return undefined;
		this.seen.add(path);
		const hint = hintFor(path) ?? (this.known && this.names?.wantsJson(path) ? 'json' : undefined);
		if ((hint === 'layer' || hint === 'sniff') && this.skipKnown(path, h.size)) return undefined;
		return hint ? this.blob(path, hint) : undefined;
	}

	/**
	 * A blob that is a known layer by its name and size: no sink at all, so the outer tar
	 * steps over its bytes (no inner tar parsed, nothing hashed).
	 */
	private skipKnown(path: string, size: number): boolean {
		if (!this.known || !this.names) return false;
		const position = this.names.position(path, p => this.json.get(p));
		const diffId = position === undefined ? undefined : this.names.diffIds[position];
		const layer = diffId === undefined ? undefined : this.known.get(diffId);
		if (!layer || layer.tarBytes !== size) return false;
		this.skipped.set(path, diffId!);
		this.events.layerStarted?.(path, ++this.layersStarted);
		return true;
	}

	private layerHashing(): LayerHashing {
		// Nothing to hash: no thread.
		if (!this.verifyDiffIds && !this.digests) return inlineHashing(false);
		if (this.hashing === 'worker' && !this.worker) {
			try {
				this.worker = new HashWorker(this.flow);
				this.flow.onClose(() => this.dispose());
			} catch {
				this.hashing = 'inline'; // no threads here: hash on the main thread
			}
		}
		return this.worker ? this.worker.layer(this.verifyDiffIds) : inlineHashing(this.verifyDiffIds);
	}

	/** Stops the hashing thread, if one was started. Call when the read is over, however it ended. */
	dispose(): void {
		this.worker?.close();
		this.worker = undefined;
	}

	blob(path: string, hint: BlobHint): ByteSink {
		return new BlobSink(this, path, hint);
	}

	startLayer(path: string, compression: Compression): ByteSink {
		this.events.layerStarted?.(path, ++this.layersStarted);
		const done = (layer: LayerEntries) => this.layers.set(path, layer);
		const scanner = this.makeReader ? this.makeReader(path, compression, done) : new LayerScanner(path, compression, this.limits, this.budget, done, this.layerHashing(), this.flow, this.digests);
		return decompressing(compression, scanner, this.flow, (e, stage) => {
			const err = e instanceof ArchiveError ? e : new ArchiveError(`layer ${path}: corrupt ${stage} data: ${(e as Error).message}`, 'bad-layer', path, e);
			this.flow.fail(err);
		});
	}
}

/** Which outer entries to look at: layer tars, top-level JSON, OCI blobs. Everything else is skipped unread. */
function hintFor(path: string): BlobHint | undefined {
	if (path === 'manifest.json' || path === 'index.json') return 'json';
	if (path.startsWith('blobs/')) return 'sniff';
	if (!path.includes('/')) return path.endsWith('.json') ? 'json' : undefined;
	if (path.endsWith('/layer.tar') && path.split('/').length === 2) return 'layer';
	return undefined;
}

const HEAD = 512;

class BlobSink implements ByteSink {
	private head: Buffer[] = [];
	private headLength = 0;
	private target: ByteSink | undefined;
	private mode: 'undecided' | 'json' | 'layer' | 'skip' = 'undecided';
	private parts: Buffer[] = [];
	private size = 0;

	constructor(
		private readonly c: Collector,
		private readonly path: string,
		private readonly hint: BlobHint,
	) {}

	write(chunk: Buffer): void {
		if (this.mode === 'layer') return this.target!.write(chunk);
		if (this.mode === 'json') return this.addJson(chunk);
		if (this.mode === 'skip') return;
		this.headLength += chunk.length;
		if (this.headLength >= HEAD) {
			this.head.push(chunk);
			this.decide();
		} else this.head.push(this.c.flow.volatile ? Buffer.from(chunk) : chunk); // kept past this write

	}

	end(): void {
		if (this.mode === 'undecided') this.decide();
		if (this.mode === 'layer') this.target!.end();
		else if (this.mode === 'json') {
			this.c.json.set(this.path, Buffer.concat(this.parts));
			this.parts = [];
			this.c.events.jsonDone?.(this.path);
		}
	}

	private decide(): void {
		const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
		this.head = [];
		this.mode = this.classify(head);
		if (this.mode === 'layer' && !this.c.wantsLayer(this.path)) this.mode = 'skip';
		if (this.mode === 'layer') {
			this.target = this.c.startLayer(this.path, detectCompression(head));
			this.target.write(head);
		} else if (this.mode === 'json') this.addJson(head);
	}

	private classify(head: Buffer): 'json' | 'layer' | 'skip' {
		if (this.hint === 'json') return 'json';
		if (this.hint === 'layer' || detectCompression(head) !== 'none') return 'layer';
		// An uncompressed tar starts with a valid header or an end block (an empty layer); JSON never does.
		if (head.length === 0 || head.subarray(0, HEAD).every(b => b === 0)) return 'layer';
		if (head.length >= HEAD && checksumOk(head)) return 'layer';
		const first = head.find(b => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
		return first === 0x7b || first === 0x5b ? 'json' : 'skip';
	}

	private addJson(chunk: Buffer): void {
		this.size += chunk.length;
		this.c.jsonBytes += chunk.length;
		if (this.size > this.c.limits.maxJsonBytes || this.c.jsonBytes > this.c.limits.maxTotalJsonBytes) {
			// Too big to be a document we need; if it was needed, assembly reports it missing.
			this.mode = 'skip';
			this.c.jsonBytes -= this.size;
			this.c.tooBig.add(this.path);
			this.parts = [];
			return;
		}
		this.parts.push(Buffer.from(chunk));
	}
}

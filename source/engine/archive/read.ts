/**
 * readImageArchive: a `docker save` stream or file (legacy or OCI layout
 * inside), or an OCI layout directory, to the config and the layers' entries,
 * in manifest order. One pass over the bytes; memory grows with the number of
 * files, not their size.
 */
import {createReadStream, readFileSync, statSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import type {LayerEntries} from '../../layers/types.js';
import {Collector} from './collect.js';
import {ArchiveError, type Limits, defaultLimits} from './errors.js';
import {Flow, abortError} from './flow.js';
import {type Layout, type LayoutOptions, resolveAlias, resolveLayout} from './layout.js';
import {type ByteSink, TarError, TarParser} from './tar.js';
import {type HashingMode, chooseHashing} from './layer-hashing.js';
import {ExportNames} from './export-names.js';
import {type DirectSource, isDirectSource} from './direct.js';

/** A path (tar file or OCI layout directory), a stream of a tar, or anything yielding its bytes. */
export type ArchiveSource = string | Readable | AsyncIterable<Uint8Array>;

export interface ReadProgress {
	bytesRead: number;
	/** When the caller knows it (a file's size; the image size for an engine stream). */
	totalBytes?: number;
	/** Layers started so far (1-based; archive order while streaming). */
	layer: number;
	/** Layers in the image, once known (from the manifest, or `expectedLayers`). */
	layers?: number;
	/**
	 * The RootFS position (1-based) of the layer being read, when it is known: from the manifest
	 * once read, or from a blob named by a digest in `expectedDiffIds`. Export order is not RootFS order.
	 */
	position?: number;
}

export interface ReadOptions extends LayoutOptions {
	signal?: AbortSignal;
	onProgress?: (p: ReadProgress) => void;
	totalBytes?: number;
	/** The layer count, if the caller knows it before the manifest arrives (RootFS.Layers from inspect). */
	expectedLayers?: number;
	/** RootFS.Layers from inspect: an uncompressed blob named by its digest is that layer. */
	expectedDiffIds?: readonly string[];
	limits?: Partial<Limits>;
	/**
	 * Where the sha256 work runs: 'worker' (a thread, the second core), 'inline'
	 * (the main thread), or 'auto' (the default): a thread for reads over 32 MiB
	 * or of unknown size. The results are the same.
	 */
	hashing?: 'auto' | HashingMode;
	/**
	 * Hash each layer tar and compare with the config's diff_ids (the default),
	 * or (false) take the config's: a fifth less work, for sources that vouch
	 * for their config, like the engine's own export.
	 */
	verifyDiffIds?: boolean;
	/**
	 * Hash every regular file's contents (FileEntry.digest; the default). Without
	 * digests a rewrite with the same size, mode and owner cannot be told from
	 * an identical one, so only callers that never compare contents (the waste
	 * figures do not) should turn this off.
	 */
	digests?: boolean;
	/**
	 * Layers the caller knows already (the layer index), by diff_id. With
	 * `expectedDiffIds`, a blob that its name says is one of them (export-names.ts)
	 * and that has its size is stepped over unread (no inner tar, no hashing) and
	 * the layer taken from here (blobPath and compression set to this archive's).
	 * If the manifest then places that blob where the config names another
	 * diff_id, the read fails with code 'known-layer-mismatch' (read again without).
	 * Streams only: a layout directory reads every layer.
	 */
	knownLayers?: ReadonlyMap<string, LayerEntries>;
}

export interface ImageArchive {
	format: 'docker' | 'oci';
	config: any;
	configRaw: Buffer;
	/** In manifest order; a layer listed twice appears twice (the same object). */
	layers: LayerEntries[];
	repoTags: string[];
	/** Things that are off but do not stop reading (diff_id mismatches). */
	warnings: string[];
}

export async function readImageArchive(source: ArchiveSource, options: ReadOptions = {}): Promise<ImageArchive> {
	const limits = {...defaultLimits, ...options.limits};
	if (typeof source === 'string') {
		const st = await stat(source);
		if (st.isDirectory()) return readLayoutDirectory(source, limits, options);
		return readStream(createReadStream(source, {highWaterMark: 1 << 20}), limits, {totalBytes: st.size, ...options});
	}
	return readStream(source, limits, options);
}

function progressOf(options: ReadOptions) {
	const state: ReadProgress = {bytesRead: 0, totalBytes: options.totalBytes, layer: 0, layers: options.expectedLayers};
	return {
		state,
		emit: () => options.onProgress?.({...state}),
	};
}

/** Feeds a byte source into a sink, honouring the Flow's waits, failures and the abort signal. */
export async function pump(input: ArchiveSource, sink: ByteSink, flow: Flow, onChunk: (n: number) => void): Promise<void> {
	const readable = input as Readable;
	const signal = flow.signal;
	const removeClose = flow.onClose(() => typeof readable.destroy === 'function' && readable.destroy());
	const onAbort = () => flow.fail(abortError(signal!));
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		flow.check();
		if (isDirectSource(input)) await pumpDirect(input, sink, flow, onChunk);
		else if (isNodeReadable(input)) await pumpReadable(input, sink, flow, onChunk);
		else {
			for await (const chunk of input as AsyncIterable<Uint8Array>) {
				flow.check();
				sink.write(asBuffer(chunk));
				onChunk(chunk.byteLength);
				await flow.settle();
			}
		}
		flow.check();
		sink.end();
		await flow.settle();
	} catch (e) {
		flow.fail(e);
		throw signal?.aborted ? abortError(signal) : flow.failure;
	} finally {
		removeClose();
		signal?.removeEventListener('abort', onAbort);
	}
}

const asBuffer = (chunk: Uint8Array): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

function isNodeReadable(input: ArchiveSource): input is Readable {
	const r = input as Readable;
	return typeof r === 'object' && typeof r.on === 'function' && typeof r.pause === 'function' && typeof r.resume === 'function' && !r.readableObjectMode;
}

/** A direct source (direct.ts): its pieces straight into the sink, reading paused while the Flow waits. */
function pumpDirect(input: DirectSource, sink: ByteSink, flow: Flow, onChunk: (n: number) => void): Promise<void> {
	flow.volatile = true;
	return new Promise<void>((resolve, reject) => {
		let settled = false;
		let waiting = false;
		let ended = false;
		const fail = (e: unknown) => {
			if (settled) return;
			settled = true;
			reject(e);
		};
		const finish = () => {
			if (settled) return;
			settled = true;
			resolve();
		};
		const control = input.readDirect({
			write(piece) {
				if (settled) return false;
				try {
					flow.check();
					sink.write(piece);
					onChunk(piece.length);
				} catch (e) {
					fail(e);
					return false;
				}
				if (flow.waiting && !waiting) {
					waiting = true;
					flow.settle().then(() => {
						waiting = false;
						if (ended) finish();
						else if (!settled) control.resume();
					}, fail);
				}
				return !waiting;
			},
			end() {
				ended = true;
				if (!waiting) finish();
			},
			fail,
		});
	});
}

/**
 * A node stream through 'data' events, pausing only while the Flow has
 * something to wait for. (Async iteration reads with read(), which joins
 * buffered chunks into a new buffer: a copy of every byte for nothing.)
 */
function pumpReadable(input: Readable, sink: ByteSink, flow: Flow, onChunk: (n: number) => void): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		let settled = false;
		let waiting = false;
		let ended = false;
		const cleanup = () => {
			input.removeListener('data', onData);
			input.removeListener('end', onEnd);
			input.removeListener('error', onError);
			input.removeListener('close', onClose);
		};
		const fail = (e: unknown) => {
			if (settled) return;
			settled = true;
			cleanup();
			input.pause();
			reject(e);
		};
		const finish = () => {
			if (settled) return;
			settled = true;
			cleanup();
			resolve();
		};
		const onData = (chunk: Uint8Array | string) => {
			if (settled) return;
			try {
				flow.check();
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : asBuffer(chunk);
				sink.write(buffer);
				onChunk(buffer.length);
			} catch (e) {
				return fail(e);
			}
			if (!flow.waiting) return;
			waiting = true;
			input.pause();
			flow.settle().then(() => {
				waiting = false;
				if (ended) finish();
				else if (!settled) input.resume();
			}, fail);
		};
		const onEnd = () => {
			ended = true;
			if (!waiting) finish();
		};
		const onError = (e: unknown) => fail(e);
		const onClose = () => {
			if (!ended) fail(flow.failure ?? new Error('the stream closed before its end'));
		};
		input.on('data', onData);
		input.on('end', onEnd);
		input.on('error', onError);
		input.on('close', onClose);
	});
}

async function readStream(input: ArchiveSource, limits: Limits, options: ReadOptions): Promise<ImageArchive> {
	const flow = new Flow(options.signal);
	const progress = progressOf(options);
	const collector: Collector = new Collector(flow, limits, {
		layerStarted: (blob, n) => {
			progress.state.layer = n;
			progress.state.position = positionOf(blob);
			progress.emit();
		},
		jsonDone: () => {
			// Learn the layer count as soon as the manifest is in (a nicety for the progress bar).
			if (progress.state.layers === undefined) {
				try {
					progress.state.layers = resolveLayout(jsonLookup(collector), p => collector.json.has(p), options).layerPaths.length;
				} catch {
					// not yet resolvable
				}
			}
		},
	});
	let layerPaths: string[] | undefined;
	const names = options.expectedDiffIds?.length ? new ExportNames(options.expectedDiffIds) : undefined;
	const positionOf = (blob: string): number | undefined => {
		if (!layerPaths) {
			try {
				layerPaths = resolveLayout(jsonLookup(collector), p => collector.json.has(p), options).layerPaths;
			} catch {
				// the manifest is not in yet (docker 20.10 writes it last)
			}
		}
		const i = layerPaths?.indexOf(blob) ?? -1;
		if (i >= 0) return i + 1;
		const j = names?.position(blob, p => collector.json.get(p));
		return j === undefined ? undefined : j + 1;
	};
	collector.hashing = chooseHashing(options.hashing, options.totalBytes);
	collector.verifyDiffIds = options.verifyDiffIds !== false;
	collector.digests = options.digests !== false;
	collector.names = names;
	collector.known = names && options.knownLayers?.size ? options.knownLayers : undefined;
	try {
		await streamArchive(input, collector, n => {
			progress.state.bytesRead += n;
			progress.emit();
		});
	} finally {
		collector.dispose();
	}
	return assemble(collector, options);
}

/** Runs a tar stream's entries through a collector. */
export async function streamArchive(input: ArchiveSource, collector: Collector, onChunk: (n: number) => void): Promise<void> {
	const outer = new TarParser(collector);
	const sink: ByteSink = {
		write(chunk) {
			try {
				outer.write(chunk);
			} catch (e) {
				throw e instanceof TarError ? new ArchiveError(`not a valid image archive: ${e.message}`, 'bad-archive', undefined, e) : e;
			}
		},
		end() {
			try {
				outer.end();
			} catch (e) {
				throw e instanceof TarError ? new ArchiveError(`the image archive is truncated: ${e.message}`, 'bad-archive', undefined, e) : e;
			}
		},
	};
	await pump(input, sink, collector.flow, onChunk);
}

export function jsonLookup(c: Collector) {
	const parsed = new Map<string, unknown>();
	return (p: string): unknown => {
		const key = resolveAlias(c.aliases, p);
		if (parsed.has(key)) return parsed.get(key);
		const raw = c.json.get(key);
		if (raw === undefined) return undefined;
		let value: unknown;
		try {
			value = JSON.parse(raw.toString('utf8'));
		} catch (e) {
			throw new ArchiveError(`${key} is not valid JSON: ${(e as Error).message}`, 'bad-json', key, e);
		}
		parsed.set(key, value);
		return value;
	};
}

export function layoutOf(c: Collector, options: LayoutOptions): Layout {
	return resolveLayout(jsonLookup(c), p => c.json.has(resolveAlias(c.aliases, p)), options);
}

export function assemble(c: Collector, options: ReadOptions, known?: Layout): ImageArchive {
	const json = jsonLookup(c);
	const layout = known ?? layoutOf(c, options);
	const configPath = resolveAlias(c.aliases, layout.configPath);
	const configRaw = c.json.get(configPath);
	if (!configRaw) {
		const why = c.tooBig.has(configPath) ? `is over the ${c.limits.maxJsonBytes} byte limit` : 'is not in the archive';
		throw new ArchiveError(`the image config ${layout.configPath} ${why}`, 'missing-blob', configPath);
	}
	const config: any = json(configPath);
	const diffIds: unknown = config?.rootfs?.diff_ids;
	const fromKnown = new Map<string, LayerEntries>();
	const layers = layout.layerPaths.map((p, i) => {
		const key = resolveAlias(c.aliases, p);
		const taken = c.skipped.get(key);
		// Passed unread as `taken`: it must be what the config says is there.
		if (taken !== undefined && (!Array.isArray(diffIds) || diffIds[i] !== taken)) {
			throw new ArchiveError(`layer ${i} (${p}) was taken for the known layer ${taken}, but the config says ${String(Array.isArray(diffIds) ? diffIds[i] : undefined)}`, 'known-layer-mismatch', p);
		}
		const layer = c.layers.get(key) ?? fromKnown.get(key);
		if (layer) return layer;
		const known = taken === undefined ? undefined : options.knownLayers?.get(taken);
		if (known) {
			// Its entries as known; where it sits is this archive's (a layer listed twice: one object, as read).
			const entries: LayerEntries = {...known, blobPath: key, compression: 'none'};
			fromKnown.set(key, entries);
			return entries;
		}
		throw new ArchiveError(`layer ${i} (${p}) listed in the manifest is not in the archive`, 'missing-blob', p);
	});
	const warnings: string[] = [];
	if (Array.isArray(diffIds)) {
		if (diffIds.length !== layers.length) warnings.push(`the config lists ${diffIds.length} diff_ids but the manifest ${layers.length} layers`);
		layers.forEach((l, i) => {
			// Not hashed while reading: the config's diff_id stands.
			if (l.diffId === '' && typeof diffIds[i] === 'string') l.diffId = diffIds[i];
			else if (diffIds[i] !== undefined && diffIds[i] !== l.diffId) warnings.push(`layer ${i}: content is ${l.diffId} but the config says ${String(diffIds[i])}`);
		});
	}
	if (layers.some(l => l.diffId === '')) warnings.push('the config does not give every layer its diff_id');
	return {format: layout.format, config, configRaw, layers, repoTags: layout.repoTags, warnings};
}

/** An OCI image layout directory (index.json, oci-layout, blobs/), or an unpacked `docker save`. */
async function readLayoutDirectory(dir: string, limits: Limits, options: ReadOptions): Promise<ImageArchive> {
	const flow = new Flow(options.signal);
	const progress = progressOf(options);
	const collector = new Collector(flow, limits, {
		layerStarted: (_p, n) => {
			progress.state.layer = n;
			progress.emit();
		},
	});
	collector.verifyDiffIds = options.verifyDiffIds !== false;
	collector.digests = options.digests !== false;
	let layout: Layout;
	try {
		layout = await collectDirectory(
			dir,
			collector,
			options,
			(layers, bytes) => {
				progress.state.layers = layers;
				progress.state.totalBytes ??= bytes;
				collector.hashing = chooseHashing(options.hashing, bytes);
			},
			n => {
				progress.state.bytesRead += n;
				progress.emit();
			},
		);
	} finally {
		collector.dispose();
	}
	return assemble(collector, options, layout);
}

/** Resolves a layout directory's manifest, then reads the wanted layer blobs in manifest order. */
export async function collectDirectory(
	dir: string,
	collector: Collector,
	options: LayoutOptions,
	onLayout: (layers: number, bytes: number) => void,
	onChunk: (n: number) => void,
	wanted: (index: number) => boolean = () => true,
): Promise<Layout> {
	const limits = collector.limits;
	const file = (p: string) => path.join(dir, p); // p is normalised: never absolute, no `..`
	const has = (p: string) => {
		try {
			return statSync(file(p)).isFile();
		} catch {
			return false;
		}
	};
	// Documents are small and read on demand, so synchronously.
	const load = (p: string) => {
		if (collector.json.has(p) || !has(p)) return;
		if (statSync(file(p)).size > limits.maxJsonBytes) collector.tooBig.add(p);
		else collector.json.set(p, readFileSync(file(p)));
	};
	const json = jsonLookup(collector);
	const layout = resolveLayout(
		p => (load(p), json(p)),
		p => has(p),
		options,
	);
	load(layout.configPath);
	const paths = [...new Set(layout.layerPaths.filter((_p, i) => wanted(i)))].filter(has);
	onLayout(layout.layerPaths.length, paths.reduce((n, p) => n + statSync(file(p)).size, 0));
	// A missing blob is reported by the caller, with the layer's index.
	for (const p of paths) {
		const sink = collector.blob(p, 'layer');
		await pump(createReadStream(file(p), {highWaterMark: 1 << 20}), sink, collector.flow, onChunk);
	}
	return layout;
}

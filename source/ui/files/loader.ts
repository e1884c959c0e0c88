/**
 * Reads an image's archive for the Files tab: the engine's export (what
 * `docker save` writes) streamed through the archive reader once, keeping
 * metadata only, with progress (bytes read, layer n of m) reported to the
 * reducer. The model is cached per image id (the last few), so going back
 * to an image, or to its Files tab, is instant.
 *
 * The reducer says what is wanted (a read when the tab shows an image not
 * read yet; `cancelled` when Esc stops it); `sync` makes it so after each
 * state change. A read nobody waits for any more (cancelled, the image
 * closed, the App gone) is aborted: the export's HTTP response is destroyed,
 * so nothing keeps running.
 */
import {useEffect, useRef} from 'react';
import {type LayerCache, openLayerCache} from '../../cache/layer-cache.js';
import type {ReadProgress} from '../../engine/archive/index.js';
import {readImageLayers} from '../../engine/cached-read.js';
import type {ImageSource} from '../../engine/image-source.js';
import type {ImageScreen, Msg} from '../model.js';
import {type FilesData, filesData, treeFor} from './data.js';
import {selectedLayer} from './reducer.js';

const progressEveryMs = 80;
/** After the frame for a new layer (Ink draws at most every ~16 ms), before a typist's next key. */
const prefetchAfterMs = 25;
const cachedImages = 2;

/**
 * A full collection where node runs with --expose-gc (bin/imgscope does), once an image's model
 * is built: its archive's entries are garbage then (~200 bytes a file against the model's ~110),
 * but a marking V8 began while they were live keeps them through its next collection, which at
 * 300,000 files came seconds later, with the tree and the first keys' work on top (peak RSS
 * with a warm layer index 262 MiB, with this 196). One collection of what is left (the model,
 * the lists) costs tens of ms, behind the progress screen.
 */
function collectArchive(): void {
	(globalThis as {gc?: () => void}).gc?.();
}

export class FilesLoader {
	private readonly models = new Map<string, FilesData>();
	/** The layer index (source/cache), for an engine's images; `--no-cache` / IMGSCOPE_NO_CACHE=1 turn it off. */
	private readonly cache: LayerCache | undefined;
	private current?: {imageId: string; token: number; abort: AbortController};
	private nextToken = 1;
	private stopped = false;

	constructor(
		private readonly engine: ImageSource,
		private readonly dispatch: (msg: Msg) => void,
	) {
		this.cache = engine.kind === 'engine' ? openLayerCache() : undefined;
	}

	/** Reads in flight (0 or 1): for tests that check nothing is left running. */
	get active(): number {
		return this.current ? 1 : 0;
	}

	/** Called after every change of the open image (undefined: no image screen). */
	sync(screen: ImageScreen | undefined): void {
		if (this.stopped) return;
		const files = screen?.files;
		const current = this.current;
		if (current) {
			const load = files?.load;
			const stillWanted = screen?.id === current.imageId && load?.status === 'reading' && load.token === current.token;
			if (!stillWanted) this.abortCurrent();
		}
		if (!screen || screen.tab !== 'files' || (files && files.load.status !== 'idle')) return;
		const cached = this.models.get(screen.id);
		if (cached) {
			this.dispatch({type: 'files', event: {type: 'ready', imageId: screen.id, data: cached}});
			return;
		}
		if (!this.current) this.start(screen);
	}

	stop(): void {
		this.stopped = true;
		this.abortCurrent();
		clearTimeout(this.prefetchTimer);
	}

	private prefetchTimer?: NodeJS.Timeout;

	/**
	 * Builds, once the frame is out, the layer's other tree (the whole
	 * filesystem when the changes show, and back): on a 40,000-file layer
	 * that is tens of milliseconds the \`a\` key then does not wait for.
	 */
	prefetch(screen: ImageScreen | undefined): void {
		clearTimeout(this.prefetchTimer);
		const files = screen?.files;
		if (this.stopped || !screen || screen.tab !== 'files' || files?.load.status !== 'ready') return;
		const {data} = files.load;
		const layer = selectedLayer(screen);
		const aggregate = !files.aggregate;
		this.prefetchTimer = setTimeout(() => treeFor(data, layer, aggregate), prefetchAfterMs);
	}

	private abortCurrent(): void {
		this.current?.abort.abort(new Error('reading cancelled'));
		this.current = undefined;
	}

	private start(screen: ImageScreen): void {
		const imageId = screen.id;
		const token = this.nextToken++;
		const abort = new AbortController();
		this.current = {imageId, token, abort};
		this.dispatch({type: 'files', event: {type: 'readStart', imageId, token}});
		void this.read(imageId, token, abort.signal, screen.detail, selectedLayer(screen));
	}

	/**
	 * The image's FilesData (undefined: aborted). A function of its own so that the archive read
	 * (its entries: ~200 bytes a file, the model keeps ~110) is garbage once it returns, before the
	 * tree is built: a variable of the caller's async frame would keep it alive until the end.
	 */
	private async readData(imageId: string, signal: AbortSignal, detail: ImageScreen['detail'], onProgress: (p: ReadProgress) => void): Promise<FilesData | undefined> {
		const inspect = detail?.inspect.value ?? (await this.engine.inspectImage(imageId, signal)).value;
		const totalBytes = typeof inspect.Size === 'number' && inspect.Size > 0 ? inspect.Size : undefined;
		const {archive} = await readImageLayers(this.engine, imageId, inspect, {signal, onProgress, cache: this.cache, totalBytes});
		return signal.aborted ? undefined : filesData(imageId, archive);
	}

	private async read(imageId: string, token: number, signal: AbortSignal, detail: ImageScreen['detail'], layer: number): Promise<void> {
		let last = 0;
		let lastLayer = 0;
		const progress = (p: ReadProgress) => {
			const now = Date.now();
			if (now - last < progressEveryMs && p.layer === lastLayer) return;
			last = now;
			lastLayer = p.layer;
			this.dispatch({type: 'files', event: {type: 'progress', imageId, token, progress: p}});
		};
		try {
			const data = await this.readData(imageId, signal, detail, progress);
			if (!data) return;
			collectArchive();
			// Build the selected layer's tree now, behind the progress screen, rather than on the first key
			// (the whole filesystem comes just after the first frame: see prefetch).
			treeFor(data, layer, false);
			this.models.delete(imageId);
			this.models.set(imageId, data);
			while (this.models.size > cachedImages) this.models.delete(this.models.keys().next().value!);
			this.dispatch({type: 'files', event: {type: 'ready', imageId, data}});
		} catch (error) {
			if (signal.aborted) return;
			this.dispatch({type: 'files', event: {type: 'readFailed', imageId, token, message: error instanceof Error ? error.message : String(error)}});
		} finally {
			if (this.current?.token === token) this.current = undefined;
		}
	}
}

/** The App's one line: keeps a loader for the App's lifetime and syncs it with the open image. */
export function useFilesLoader(engine: ImageSource, screen: ImageScreen | undefined, dispatch: (msg: Msg) => void): FilesLoader {
	const loader = useRef<FilesLoader | null>(null);
	loader.current ??= new FilesLoader(engine, dispatch);
	useEffect(() => {
		loader.current!.sync(screen);
	}, [screen?.id, screen?.tab, screen?.files?.load]);
	const layer = screen ? selectedLayer(screen) : -1;
	useEffect(() => {
		loader.current!.prefetch(screen);
	}, [screen?.id, screen?.tab, screen?.files?.load, screen?.files?.aggregate, layer]);
	useEffect(() => () => loader.current!.stop(), []);
	return loader.current;
}

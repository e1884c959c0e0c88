/**
 * The explorer's I/O: loads lists and image details from the engine,
 * follows its events, notices when it goes away and comes back. Components
 * never talk to the engine; they dispatch and read state.
 */
import type {Engine} from '../engine/engine.js';
import {EngineError} from '../engine/errors.js';
import {exactDetail, loadImageDetail} from '../engine/image-detail.js';
import {indentJson} from '../format/json-indent.js';
import type {Msg} from './state.js';

const eventDebounceMs = 150;
const retryMs = 2000;
const inspectConcurrency = 8;

export class Controller {
	private events?: {close(): void};
	private reloadTimer?: NodeJS.Timeout;
	private retryTimer?: NodeJS.Timeout;
	private stopped = false;
	private down = false;
	private layerCounts = new Map<string, number>();
	private detailAbort?: AbortController;

	constructor(
		readonly engine: Engine,
		private readonly dispatch: (msg: Msg) => void,
	) {}

	start(): void {
		void this.reload();
		this.follow();
	}

	stop(): void {
		this.stopped = true;
		this.events?.close();
		this.detailAbort?.abort();
		clearTimeout(this.reloadTimer);
		clearTimeout(this.retryTimer);
	}

	/** Engine events come in bursts (a build tags and untags): one reload per burst. */
	private scheduleReload(): void {
		clearTimeout(this.reloadTimer);
		this.reloadTimer = setTimeout(() => void this.reload(), eventDebounceMs);
	}

	async reload(): Promise<void> {
		if (this.stopped) return;
		try {
			const [images, containers] = await Promise.all([this.engine.listImages(), this.engine.listContainers({all: true})]);
			if (this.stopped) return;
			this.dispatch({type: 'lists', images, containers});
			if (this.down) {
				this.down = false;
				this.follow();
			}
			void this.countLayers(images.map((image) => image.Id));
		} catch (error) {
			this.failed(error);
		}
	}

	private follow(): void {
		this.events?.close();
		this.events = this.engine.events(
			['image', 'container'],
			() => this.scheduleReload(),
			(error) => {
				if (error && !this.stopped) this.failed(error);
			},
		);
	}

	private failed(error: unknown): void {
		if (this.stopped) return;
		const message = error instanceof EngineError ? error.message : String(error);
		if (error instanceof EngineError && error.kind !== 'unreachable' && error.kind !== 'timeout') {
			this.dispatch({type: 'engineDown', message});
			return;
		}
		this.down = true;
		this.events?.close();
		this.dispatch({type: 'engineDown', message});
		clearTimeout(this.retryTimer);
		this.retryTimer = setTimeout(() => void this.reload(), retryMs);
	}

	/** The LAYERS column needs one inspect per image id; ids, not tags, so 2,000 tags of one image cost one request. */
	private async countLayers(ids: string[]): Promise<void> {
		const todo = [...new Set(ids)].filter((id) => !this.layerCounts.has(id));
		let batch: Record<string, number> = {};
		let flush = setTimeout(() => undefined, 0);
		const send = () => {
			if (Object.keys(batch).length) this.dispatch({type: 'layerCounts', counts: batch});
			batch = {};
		};
		const worker = async () => {
			while (todo.length && !this.stopped) {
				const id = todo.shift()!;
				try {
					const {value} = await this.engine.inspectImage(id);
					const count = value.RootFS?.Layers?.length ?? 0;
					this.layerCounts.set(id, count);
					batch[id] = count;
					clearTimeout(flush);
					flush = setTimeout(send, 50);
				} catch {
					// Removed meanwhile, or the engine went away: the next reload retries.
				}
			}
		};
		await Promise.all(Array.from({length: inspectConcurrency}, worker));
		clearTimeout(flush);
		send();
	}

	async openImage(ref: string): Promise<void> {
		this.detailAbort?.abort();
		const abort = new AbortController();
		this.detailAbort = abort;
		try {
			const detail = await loadImageDetail(this.engine, ref, {signal: abort.signal, exact: false});
			if (abort.signal.aborted) return;
			const inspectLines = indentJson(detail.inspect.raw).split('\n');
			this.dispatch({type: 'detail', ref, detail, inspectLines});
			if (!detail.pairing.exact) {
				const exact = await exactDetail(this.engine, detail, abort.signal);
				if (!abort.signal.aborted) this.dispatch({type: 'detail', ref, detail: exact, inspectLines});
			}
		} catch (error) {
			if (abort.signal.aborted) return;
			this.dispatch({type: 'detailError', ref, message: error instanceof Error ? error.message : String(error)});
		}
	}
}

/**
 * The explorer's I/O: loads lists and image details from the engine,
 * follows its events, notices when it goes away and comes back. Components
 * never talk to the engine; they dispatch and read state.
 *
 * - Events come in storms (a build, a script tagging in a loop): the first
 *   event of a quiet spell reloads after eventDebounceMs, and event reloads
 *   start at most once every minGapMs, so the list keeps following a storm
 *   at one reload a second. Only the feeds whose event types arrived are
 *   read again (a container event never lists the images), and events that
 *   change no list (exec, attach, resize...) reload nothing.
 * - What costs the engine most is read only for the screen shown (App.tsx
 *   says what it reads: show()): a `whenShown` feed (the df, the volumes'
 *   sizes; lists/feeds.ts) at once when a screen that reads it is shown, then
 *   on its events while it stays shown, each load some seconds after the
 *   last one answered; the images' inspects (LAYERS) while a screen reads
 *   them, and again after a tag or untag only for the format column.
 * - At most two reloads at a time; more asks are coalesced into one that
 *   runs when one ends. Each carries a generation number, and a feed's
 *   answer older than what is already on screen for that feed is dropped: a
 *   late answer never overwrites a newer one.
 * - Any failure (the engine gone, a daemon error, an answer that is not what
 *   the API answers) shows the banner and retries; the banner goes when the
 *   engine answers again.
 * - stop() aborts everything in flight (lists, layer counts, the image being
 *   opened, the event stream) and closes the engine's connections, so
 *   nothing keeps the process alive after quit.
 */
import type {ImageSource} from '../engine/image-source.js';
import {EngineError} from '../engine/errors.js';
import {exactDetail, loadImageDetail} from '../engine/image-detail.js';
import {openLayerCache} from '../cache/layer-cache.js';
import {inspectLinesOf} from './inspect-lines.js';
import type {Msg} from './model.js';
import {can, type Source} from './lists/capability.js';
import {engineFeeds, type Feeds} from './lists/feeds.js';

type FeedName = keyof typeof engineFeeds;
type Read = import('./lists/feeds.js').Read;
const feedNames = Object.keys(engineFeeds) as FeedName[];
/** The costly feeds, loaded only while the screen shown reads them. */
const shownOnly = feedNames.filter((name) => engineFeeds[name].whenShown);

const eventDebounceMs = 150;
/** Event reloads start at most this often (a storm: one a second). */
const minGapMs = 1000;
/** Container actions that change no list row (a build attaches to every step; docker exec, docker top). */
const quietActions = /^(attach|detach|exec_create|exec_start|exec_detach|exec_die|resize|top|export|copy|archive-path|extract-to-dir)(:|$)/;
const retryMs = 2000;
const inspectConcurrency = 8;
const maxConcurrentReloads = 2;

export class Controller {
	private events?: {close(): void};
	/** The event stream ended (the engine went away): follow it again once the engine answers. */
	private eventsDown = false;
	private reloadTimer?: NodeJS.Timeout;
	/** Feeds events asked for since the last event reload, and when that one started. */
	private pending = new Set<FeedName>();
	private lastEventReload = 0;
	private retryTimer?: NodeJS.Timeout;
	private stopped = false;
	/** Reloads asked for, and the newest whose answer is on screen. */
	private generation = 0;
	private shown = new Map<FeedName, number>();
	private running = 0;
	/** A reload waiting for a free slot: the union of what was asked (undefined: every feed). */
	private queued?: {promise: Promise<void>; resolve: () => void; only?: Set<FeedName>};
	/** What the screen shown reads (show()); nothing until it says. */
	private reads = new Set<Read>();
	/** Each `whenShown` feed: a load running, one owed (soon: at once, the screen was just shown), when the last answered. */
	private lazy = new Map<FeedName, {loading: boolean; owed: boolean; soon: boolean; ended: number; timer?: NodeJS.Timeout}>();
	/** The image ids of the last images list, for the inspects a screen shown later reads. */
	private imageIds: string[] = [];
	private layerCounts = new Map<string, number>();
	/** Images tagged or untagged since their document was read (by a counter: a tag during the read keeps the mark). */
	private retagged = new Map<string, number>();
	private tagMarks = 0;
	private counting = new Set<string>();
	/** Every request in flight, so stop() can abort them. */
	private inflight = new Set<AbortController>();
	private detailAbort?: AbortController;

	/** What the source can do (an archive: no daemon), for which feeds to load. */
	private readonly source: Source;

	constructor(
		readonly engine: ImageSource,
		private readonly dispatch: (msg: Msg) => void,
	) {
		this.source = engine.kind === 'archive' ? {archive: engine.label} : engine.kind === 'registry' ? {remote: engine.label} : {};
	}

	start(): void {
		void this.reload();
		this.follow();
	}

	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		this.events?.close();
		this.detailAbort?.abort();
		for (const abort of this.inflight) abort.abort();
		this.inflight.clear();
		clearTimeout(this.reloadTimer);
		clearTimeout(this.retryTimer);
		for (const feed of this.lazy.values()) clearTimeout(feed.timer);
		// Idle kept-alive connections too.
		this.engine.close();
	}

	private send(msg: Msg): void {
		if (!this.stopped) this.dispatch(msg);
	}

	private track(): AbortController {
		const abort = new AbortController();
		this.inflight.add(abort);
		return abort;
	}

	/**
	 * What the screen shown reads (App.tsx, from the shown list's spec: `feeds` and `reads`). A costly
	 * feed it newly reads is loaded at once, one it no longer reads is not loaded again; inspects it
	 * newly reads are read for the last images list.
	 */
	show(reads: Iterable<Read>): void {
		if (this.stopped) return;
		const before = this.reads;
		this.reads = new Set(reads);
		for (const name of shownOnly) {
			const feed = this.lazy.get(name);
			if (feed && !this.reads.has(name)) {
				clearTimeout(feed.timer);
				Object.assign(feed, {timer: undefined, owed: false, soon: false});
			}
		}
		// In the order given (the list's own feeds first: the Disk list's df before the volumes' sizes of its V question).
		for (const name of this.reads) if (!before.has(name) && (shownOnly as Read[]).includes(name)) this.owe(name as FeedName, true);
		if ((this.reads.has('inspects') && !before.has('inspects')) || (this.reads.has('inspectTags') && !before.has('inspectTags'))) void this.countLayers(this.imageIds);
	}

	/** A `whenShown` feed is owed a load: at once (`soon`: its screen was just shown), else at least everyMs after the last answer. */
	private owe(name: FeedName, soon: boolean): void {
		if (this.stopped || !this.reads.has(name) || !can(this.source, engineFeeds[name].needs)) return;
		let feed = this.lazy.get(name);
		if (!feed) this.lazy.set(name, (feed = {loading: false, owed: false, soon: false, ended: 0}));
		feed.owed = true;
		if (soon && !feed.soon) {
			feed.soon = true;
			clearTimeout(feed.timer);
			feed.timer = undefined;
		}
		this.nextLazy(name);
	}

	private nextLazy(name: FeedName): void {
		const feed = this.lazy.get(name);
		if (!feed || this.stopped || !feed.owed || feed.loading || feed.timer || !this.reads.has(name)) return;
		const wait = feed.soon ? 0 : Math.max(eventDebounceMs, feed.ended + engineFeeds[name].whenShown!.everyMs - Date.now());
		feed.timer = setTimeout(() => {
			Object.assign(feed, {timer: undefined, owed: false, soon: false, loading: true});
			const generation = ++this.generation;
			const abort = this.track();
			// Not waited for by the lists: shown when it comes; a failure is the next load's to mend (the Disk feed keeps its last answer and says why).
			engineFeeds[name]
				.load(this.engine, abort.signal)
				.then(
					(value) => {
						if (this.fresh(name, generation)) this.send({type: 'data', data: {[name]: value}});
					},
					() => undefined,
				)
				.finally(() => {
					this.inflight.delete(abort);
					feed.loading = false;
					feed.ended = Date.now();
					this.nextLazy(name);
				});
		}, wait);
	}

	/** Engine events come in bursts (a build tags and untags): the feeds they touch, at most one reload a second. */
	private scheduleReload(feeds: FeedName[]): void {
		if (this.stopped || !feeds.length) return;
		for (const name of feeds.filter((name) => engineFeeds[name].whenShown)) this.owe(name, false);
		feeds = feeds.filter((name) => !engineFeeds[name].whenShown);
		if (!feeds.length) return;
		for (const name of feeds) this.pending.add(name);
		if (this.reloadTimer) return;
		const wait = Math.max(eventDebounceMs, this.lastEventReload + minGapMs - Date.now());
		this.reloadTimer = setTimeout(() => {
			this.reloadTimer = undefined;
			this.lastEventReload = Date.now();
			const only = this.pending;
			this.pending = new Set();
			void this.reload(only);
		}, wait);
	}

	/**
	 * Loads the lists; resolves once a load started after the call has ended.
	 * Up to two loads run at once (a slow answer does not hold back the next
	 * one); more asks wait, coalesced into one.
	 */
	reload(only?: Set<FeedName>): Promise<void> {
		if (this.stopped) return Promise.resolve();
		if (this.running < maxConcurrentReloads) return this.runLoad(only);
		if (!this.queued) {
			let resolve!: () => void;
			const promise = new Promise<void>((done) => (resolve = done));
			this.queued = {promise, resolve, only: only && new Set(only)};
		} else if (this.queued.only) {
			if (only) for (const name of only) this.queued.only.add(name);
			else this.queued.only = undefined;
		}
		return this.queued.promise;
	}

	private async runLoad(only?: Set<FeedName>): Promise<void> {
		this.running++;
		try {
			await this.loadLists(++this.generation, only);
		} finally {
			this.running--;
			const queued = this.queued;
			this.queued = undefined;
			if (queued && !this.stopped) void this.runLoad(queued.only).then(queued.resolve);
			else queued?.resolve();
		}
	}

	/** Shows a feed's answer unless a newer one is on screen; false when it was dropped. */
	private fresh(name: FeedName, generation: number): boolean {
		if (this.stopped || generation < (this.shown.get(name) ?? 0)) return false;
		this.shown.set(name, generation);
		return true;
	}

	private async loadLists(generation: number, only?: Set<FeedName>): Promise<void> {
		const abort = this.track();
		// Every feed the source can give (source/ui/lists/feeds.ts) that was asked for, at once; the costly ones on their own (owe()), for the screen shown.
		const names = feedNames.filter((name) => can(this.source, engineFeeds[name].needs) && (!only || only.has(name)) && !engineFeeds[name].whenShown);
		try {
			if (!only) for (const name of shownOnly) this.owe(name, false);
			const answers = await Promise.all(names.map((name) => engineFeeds[name].load(this.engine, abort.signal)));
			const shown = names.filter((name) => this.fresh(name, generation));
			if (this.stopped || (names.length && !shown.length)) return;
			clearTimeout(this.retryTimer);
			this.retryTimer = undefined;
			const data = Object.fromEntries(shown.map((name) => [name, answers[names.indexOf(name)]])) as Partial<Feeds>;
			this.send({type: 'data', data, answered: true});
			if (this.eventsDown) this.follow();
			if (data.images) {
				this.imageIds = data.images.map((image) => image.Id);
				void this.countLayers(this.imageIds);
			}
		} catch (error) {
			if (this.stopped || abort.signal.aborted || names.every((name) => generation < (this.shown.get(name) ?? 0))) return;
			this.failed(error);
		} finally {
			this.inflight.delete(abort);
		}
	}

	private follow(): void {
		if (this.stopped) return;
		this.events?.close();
		this.eventsDown = false;
		const subscription = this.engine.events(
			[...new Set(feedNames.filter((name) => can(this.source, engineFeeds[name].needs)).flatMap((name) => engineFeeds[name].events))],
			(event) => {
				// A tag or untag changes the image's inspect document (RepoTags), not its layers: read again while the format column is shown.
				if (event.Type === 'image' && (event.Action === 'tag' || event.Action === 'untag') && event.Actor?.ID) this.retag(event.Actor.ID);
				if (event.Type === 'container' && quietActions.test(event.Action)) return;
				this.scheduleReload(feedNames.filter((name) => can(this.source, engineFeeds[name].needs) && engineFeeds[name].events.includes(event.Type)));
			},
			(error) => {
				if (this.stopped || this.events !== subscription) return;
				this.eventsDown = true;
				if (error) this.failed(error);
			},
		);
		this.events = subscription;
	}

	/** The banner says what is wrong, and a retry is on its way. */
	private failed(error: unknown): void {
		if (this.stopped) return;
		if (error instanceof EngineError && error.kind === 'aborted') return;
		const message = error instanceof Error ? error.message : String(error);
		this.send({type: 'engineDown', message});
		if (this.retryTimer) return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			void this.reload();
		}, retryMs);
	}

	private retag(id: string): void {
		const mark = ++this.tagMarks;
		for (const key of idForms(id)) this.retagged.set(key, mark);
	}

	/**
	 * The LAYERS column needs one inspect per image id; ids, not tags, so 2,000 tags of one image cost one
	 * request. Only while the screen shown reads them (`inspects`); one tagged since it was read, again only
	 * for the format column (`inspectTags`).
	 */
	private async countLayers(ids: string[]): Promise<void> {
		if (this.stopped || !this.reads.has('inspects')) return;
		const tags = this.reads.has('inspectTags');
		const todo = [...new Set(ids)].filter((id) => (!this.layerCounts.has(id) || (tags && this.retagged.has(id))) && !this.counting.has(id));
		if (!todo.length) return;
		for (const id of todo) this.counting.add(id);
		const abort = this.track();
		let batch: Record<string, number> = {};
		// The documents go along: the format column (source/ui/format) evaluates its template on them.
		let docs: Record<string, string> = {};
		let flush: NodeJS.Timeout | undefined;
		const send = () => {
			if (Object.keys(batch).length) this.send({type: 'layerCounts', counts: batch, docs});
			batch = {};
			docs = {};
		};
		const worker = async () => {
			while (todo.length && !abort.signal.aborted) {
				const id = todo.shift()!;
				const mark = this.tagMarks;
				try {
					const {value, raw} = await this.engine.inspectImage(id, abort.signal);
					const count = value.RootFS?.Layers?.length ?? 0;
					this.layerCounts.set(id, count);
					for (const key of idForms(id)) if ((this.retagged.get(key) ?? Infinity) <= mark) this.retagged.delete(key);
					batch[id] = count;
					docs[id] = raw;
					clearTimeout(flush);
					flush = setTimeout(send, 50);
				} catch {
					// Removed meanwhile, or the engine went away: the next reload retries.
				} finally {
					this.counting.delete(id);
				}
			}
		};
		try {
			await Promise.all(Array.from({length: Math.min(inspectConcurrency, todo.length)}, worker));
		} finally {
			for (const id of todo) this.counting.delete(id);
			clearTimeout(flush);
			this.inflight.delete(abort);
			send();
		}
	}

	async openImage(ref: string): Promise<void> {
		if (this.stopped) return;
		this.detailAbort?.abort();
		const abort = new AbortController();
		this.detailAbort = abort;
		try {
			const detail = await loadImageDetail(this.engine, ref, {signal: abort.signal, exact: false});
			if (abort.signal.aborted) return;
			const inspectLines = inspectLinesOf(detail);
			this.send({type: 'detail', ref, detail, inspectLines});
			if (!detail.pairing.exact) {
				const exact = await exactDetail(this.engine, detail, abort.signal, this.engine.kind === 'engine' ? openLayerCache() : undefined);
				if (!abort.signal.aborted) this.send({type: 'detail', ref, detail: exact, inspectLines});
			}
		} catch (error) {
			if (abort.signal.aborted) return;
			this.send({type: 'detailError', ref, message: error instanceof Error ? error.message : String(error)});
		}
	}
}

/** An image id with and without its sha256: (events and lists may differ). */
function idForms(id: string): string[] {
	return [id, id.startsWith('sha256:') ? id.slice(7) : `sha256:${id}`];
}

/**
 * The handler's side of a task view (push, pull, build, logs): it replaces
 * the form with the view, sends progress at most ~10 times a second (the
 * engine sends hundreds of messages a second while uploading), and owns the
 * AbortController that Esc (through a `cancel` effect) or the App's
 * unmounting aborts.
 */
import type {EffectContext} from './types.js';
import type {Overlay} from '../model.js';
import type {TaskState} from '../overlays/task.js';

/** Running tasks by overlay id, per App (keyed by the App's lifetime signal). */
const running = new WeakMap<AbortSignal, Map<number, AbortController>>();

function tasksOf(context: EffectContext): Map<number, AbortController> {
	let map = running.get(context.signal);
	if (!map) {
		map = new Map();
		running.set(context.signal, map);
	}
	return map;
}

/** The `cancel` effect: stops the task the overlay shows (its handler sees its signal abort). */
export function cancelTask(context: EffectContext, overlayId: number): void {
	tasksOf(context).get(overlayId)?.abort();
}

export const updateIntervalMs = 100;

export class TaskRun {
	readonly signal: AbortSignal;
	private readonly abort = new AbortController();
	private pending?: (state: TaskState) => TaskState;
	private timer?: NodeJS.Timeout;
	private last = 0;

	constructor(
		private readonly context: EffectContext,
		readonly overlayId: number,
	) {
		this.signal = AbortSignal.any([context.signal, this.abort.signal]);
		tasksOf(context).set(overlayId, this.abort);
	}

	/** Whether Esc (or the App going away) stopped it. */
	get stopped(): boolean {
		return this.signal.aborted;
	}

	/** Shows the task in the overlay's place (a submitted form becomes its progress view). */
	open(state: TaskState): void {
		const id = this.overlayId;
		this.context.dispatch({type: 'updateOverlay', id, update: (): Overlay => ({kind: 'task', id, task: state})});
	}

	/** Queues a change; sent at once when none went out for updateIntervalMs, else batched. */
	update(change: (state: TaskState) => TaskState): void {
		const before = this.pending;
		this.pending = before ? (state) => change(before(state)) : change;
		const wait = this.last + updateIntervalMs - Date.now();
		if (wait <= 0) this.flush();
		else this.timer ??= setTimeout(() => this.flush(), wait);
	}

	flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const change = this.pending;
		this.pending = undefined;
		if (!change) return;
		this.last = Date.now();
		this.context.dispatch({type: 'updateOverlay', id: this.overlayId, update: (overlay) => (overlay.kind === 'task' ? {...overlay, task: change(overlay.task)} : overlay)});
	}

	/** The last word: pending progress, then the outcome; the task is forgotten. */
	finish(change: (state: TaskState) => TaskState): void {
		this.update(change);
		this.flush();
		this.end();
	}

	end(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		tasksOf(this.context).delete(this.overlayId);
	}
}

/**
 * A running task shown over the screen: a push or pull (one row per layer),
 * a build (its steps, cache hits marked), a container's log (followed). Its
 * state is a pure value the action's handler replaces as progress arrives
 * (dispatch updateOverlay); keys scroll it, Esc closes it. Esc on a running
 * push, pull or build asks first (`y` stops it, through the handler's
 * AbortSignal); a followed log just stops.
 *
 * Every string in here has been through visible() by the handler, or is
 * made visible here (layer ids, statuses, build output come from the engine).
 */
import type {BuildState} from '../../actions/build-log.js';
import type {LayerProgress, TransferProgress} from '../../actions/progress.js';
import {humanSize} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';

export type TaskBody = {type: 'transfer'; progress: TransferProgress} | {type: 'build'; build: BuildState} | {type: 'log'; lines: readonly string[]};

export type TaskStatus = 'running' | 'done' | 'failed';

export interface TaskState {
	/** push, pull, build, logs. */
	action: string;
	title: string;
	body: TaskBody;
	status: TaskStatus;
	/** What it came to (a digest, the new image), shown under the title once done. */
	result?: string;
	/** Why it failed (the engine's message, made visible). */
	error?: string;
	/** The first line shown; undefined follows the end. */
	top?: number;
	/** Esc was pressed on a running task that asks before stopping. */
	asking?: boolean;
	/** Whether Esc on the running task asks first (push, pull, build) or just stops it (logs). */
	askBeforeStop: boolean;
	subject: Record<string, string>;
}

export type Tone = 'dim' | 'accent' | 'error' | 'title';

export interface TaskLine {
	text: string;
	tone?: Tone;
	/** Marked in colour after the text ("cached"). */
	mark?: string;
}

export function task(action: string, title: string, body: TaskBody, subject: Record<string, string> = {}, askBeforeStop = true): TaskState {
	return {action, title, body, status: 'running', askBeforeStop, subject};
}

const barWidth = 30;

/** docker's progress bar: `[=====>      ]`. */
export function progressBar(current: number, total: number): string {
	const fraction = total > 0 ? Math.min(1, Math.max(0, current / total)) : 0;
	const filled = Math.floor(fraction * barWidth);
	if (filled >= barWidth) return `[${'='.repeat(barWidth)}]`;
	return `[${'='.repeat(filled)}>${' '.repeat(barWidth - filled - 1)}]`;
}

export function layerLine(layer: LayerProgress): TaskLine {
	const id = visible(layer.id);
	const status = visible(layer.status);
	let text = `${id}: ${status}`;
	if (layer.current !== undefined && layer.total) text += ` ${progressBar(layer.current, layer.total)} ${humanSize(layer.current)}/${humanSize(layer.total)}`;
	else if (layer.current !== undefined && !layer.done) text += ` ${humanSize(layer.current)}`;
	return {text, tone: layer.done ? 'accent' : undefined};
}

function transferLines(progress: TransferProgress): TaskLine[] {
	const [heading, ...rest] = progress.messages;
	const lines: TaskLine[] = [];
	if (heading !== undefined) lines.push({text: visible(heading), tone: 'dim'});
	for (const layer of progress.layers) lines.push(layerLine(layer));
	for (const message of rest) lines.push({text: visible(message), tone: 'dim'});
	return lines;
}

/** Build output: each step, "cached" where the cache served it, what the step printed indented under it. */
function buildLines(build: BuildState): TaskLine[] {
	const lines: TaskLine[] = build.preamble.map((text) => ({text: visible(text), tone: 'dim' as const}));
	for (const step of build.steps) {
		lines.push({text: `Step ${step.step}/${step.total} : ${visible(step.instruction)}`, tone: 'title', mark: step.cached ? 'cached' : undefined});
		// The builder's own notes (removing its intermediate containers) are dim; what the step printed is not.
		for (const output of step.output) lines.push({text: `  ${visible(output)}`, tone: /^Removing intermediate container [0-9a-f]+$/.test(output) ? 'dim' : undefined});
		if (step.imageId) lines.push({text: `  ---> ${visible(step.imageId)}`, tone: 'dim'});
	}
	for (const warning of build.warnings) lines.push({text: `warning: ${visible(warning)}`, tone: 'error'});
	if (build.error) lines.push({text: `Step ${build.error.step} failed: ${visible(build.error.message)}`, tone: 'error'});
	if (build.imageId) lines.push({text: `Built ${visible(build.imageId)}`, tone: 'accent'});
	for (const tag of build.tags) lines.push({text: `Tagged ${visible(tag)}`, tone: 'accent'});
	return lines;
}

export function taskLines(state: TaskState): TaskLine[] {
	switch (state.body.type) {
		case 'transfer':
			return transferLines(state.body.progress);
		case 'build':
			return buildLines(state.body.build);
		case 'log':
			return state.body.lines.map((text) => ({text}));
	}
}

/** The first line to show in `height` rows. */
export function taskTop(state: TaskState, length: number, height: number): number {
	const last = Math.max(0, length - height);
	return state.top === undefined ? last : Math.min(state.top, last);
}

export type TaskAction = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'cancel' | 'close';

export type TaskOutcome = {kind: 'edit'; state: TaskState} | {kind: 'close'; stop: boolean} | {kind: 'ignored'};

/**
 * One key on the task view. `action` is what the keymap table says the key
 * means here; `page` is about as many lines as the view shows; `askStop`
 * false (the config's `confirm.stopTask`) stops a running task at once.
 */
export function taskKey(state: TaskState, action: TaskAction | undefined, key: string, page: number, askStop = true): TaskOutcome {
	const running = state.status === 'running';
	if (state.asking) {
		// "Stop it? y stops, any other key keeps it running."
		if (key === 'y') return {kind: 'close', stop: true};
		return {kind: 'edit', state: {...state, asking: false}};
	}
	if (action === 'cancel' || action === 'close') {
		if (!running) return {kind: 'close', stop: false};
		if (action === 'close') return {kind: 'ignored'};
		if (state.askBeforeStop && askStop) return {kind: 'edit', state: {...state, asking: true}};
		return {kind: 'close', stop: true};
	}
	const length = taskLines(state).length;
	const size = Math.max(1, page);
	const last = Math.max(0, length - size);
	const top = taskTop(state, length, size);
	// Up holds the view where it goes (new lines arrive below it); down to the end follows the end again.
	const held = (to: number): TaskOutcome => ({kind: 'edit', state: {...state, top: Math.max(0, Math.min(last, to))}});
	const down = (to: number): TaskOutcome => (to >= last ? {kind: 'edit', state: {...state, top: undefined}} : held(to));
	switch (action) {
		case 'up':
			return held(top - 1);
		case 'down':
			return down(top + 1);
		case 'pageUp':
			return held(top - size);
		case 'pageDown':
			return down(top + size);
		case 'top':
			return held(0);
		case 'bottom':
			return down(last);
		default:
			return {kind: 'ignored'};
	}
}

/**
 * The legacy builder's output ("Step 2/5 : RUN ...", " ---> Using cache",
 * " ---> Running in ID", "Successfully built ID") turned into structured
 * events, and the events folded into a per-step state for the progress view.
 * The engine splits `stream` text anywhere, so lines are reassembled first.
 * Pure.
 */
import {type JsonMessage, messageError} from './json-stream.js';

export type BuildEvent =
	| {type: 'step'; step: number; total: number; instruction: string}
	| {type: 'cached'; step: number}
	| {type: 'running'; step: number; containerId: string}
	/** A line the step printed (a RUN's output), or the engine's own notes between steps. */
	| {type: 'output'; step: number; text: string}
	/** The image a step produced (" ---> ID"). */
	| {type: 'stepImage'; step: number; imageId: string}
	| {type: 'warning'; step: number; text: string}
	/** The final image: the full ID from the aux message, or the short one from "Successfully built". */
	| {type: 'built'; imageId: string}
	| {type: 'tagged'; reference: string}
	| {type: 'error'; step: number; message: string};

export class BuildLogParser {
	private step = 0;
	private partial = '';

	/** One engine message -> the events it completes. */
	push(message: JsonMessage): BuildEvent[] {
		const error = messageError(message);
		if (error) return [...this.flush(), {type: 'error', step: this.step, message: error}];
		const aux = message.aux as {ID?: string} | undefined;
		if (aux?.ID) return [{type: 'built', imageId: aux.ID}];
		if (message.stream === undefined) return [];
		const text = this.partial + message.stream;
		const lines = text.split('\n');
		this.partial = lines.pop() ?? '';
		return lines.flatMap((line) => this.line(line.replace(/\r$/, '')));
	}

	/** The last line, when the stream ends without a newline. */
	flush(): BuildEvent[] {
		const rest = this.partial;
		this.partial = '';
		return rest ? this.line(rest) : [];
	}

	private line(line: string): BuildEvent[] {
		const step = /^Step (\d+)\/(\d+) : ([\s\S]*)$/.exec(line);
		if (step) {
			this.step = Number(step[1]);
			return [{type: 'step', step: this.step, total: Number(step[2]), instruction: step[3]}];
		}
		const arrow = /^ ---> (.*)$/.exec(line);
		if (arrow) {
			const rest = arrow[1].trim();
			if (rest === 'Using cache') return [{type: 'cached', step: this.step}];
			const running = /^Running in ([0-9a-f]+)$/.exec(rest);
			if (running) return [{type: 'running', step: this.step, containerId: running[1]}];
			if (/^[0-9a-f]{12,64}$/.test(rest)) return [{type: 'stepImage', step: this.step, imageId: rest}];
			if (rest.startsWith('[Warning]')) return [{type: 'warning', step: this.step, text: rest.replace(/^\[Warning\]\s*/, '')}];
			return [{type: 'output', step: this.step, text: rest}];
		}
		const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
		if (built) return [{type: 'built', imageId: built[1]}];
		const tagged = /^Successfully tagged (.+)$/.exec(line);
		if (tagged) return [{type: 'tagged', reference: tagged[1]}];
		if (line.startsWith('[Warning]')) return [{type: 'warning', step: this.step, text: line.replace(/^\[Warning\]\s*/, '')}];
		return [{type: 'output', step: this.step, text: line}];
	}
}

export interface BuildStep {
	step: number;
	total: number;
	instruction: string;
	/** Served from the build cache. */
	cached: boolean;
	/** The intermediate container a RUN-like step ran in. */
	containerId?: string;
	/** The image the step produced (short ID). */
	imageId?: string;
	output: readonly string[];
}

export interface BuildState {
	steps: readonly BuildStep[];
	/** Lines before the first step. */
	preamble: readonly string[];
	/** The new image (sha256:... once the engine's aux message arrives). */
	imageId?: string;
	tags: readonly string[];
	warnings: readonly string[];
	error?: {step: number; message: string};
}

export const emptyBuild: BuildState = {steps: [], preamble: [], tags: [], warnings: []};

function updateStep(state: BuildState, step: number, change: (current: BuildStep) => BuildStep): BuildState {
	const index = state.steps.findIndex((s) => s.step === step);
	if (index < 0) return state;
	return {...state, steps: state.steps.map((s, i) => (i === index ? change(s) : s))};
}

export function applyBuildEvent(state: BuildState, event: BuildEvent): BuildState {
	switch (event.type) {
		case 'step':
			return {...state, steps: [...state.steps, {step: event.step, total: event.total, instruction: event.instruction, cached: false, output: []}]};
		case 'cached':
			return updateStep(state, event.step, (s) => ({...s, cached: true}));
		case 'running':
			return updateStep(state, event.step, (s) => ({...s, containerId: event.containerId}));
		case 'stepImage':
			return updateStep(state, event.step, (s) => ({...s, imageId: event.imageId}));
		case 'output':
			if (event.step === 0) return {...state, preamble: [...state.preamble, event.text]};
			return updateStep(state, event.step, (s) => ({...s, output: [...s.output, event.text]}));
		case 'warning':
			return {...state, warnings: [...state.warnings, event.text]};
		case 'built':
			// The aux message's full ID beats the short one printed after it.
			return {...state, imageId: state.imageId?.startsWith('sha256:') ? state.imageId : event.imageId};
		case 'tagged':
			return {...state, tags: [...state.tags, event.reference]};
		case 'error':
			return {...state, error: {step: event.step, message: event.message}};
	}
}

/**
 * Builds an image with the engine's (legacy) builder from a context
 * directory: the context is streamed as a tar honouring .dockerignore, the
 * output becomes structured events (steps, cache hits, the new image), and a
 * failure (a Dockerfile error, a failing RUN) is a BuildError naming the
 * step. Intermediate containers are removed even on failure (forcerm), so a
 * failed build leaves no containers behind.
 */
import type {Engine} from '../engine.js';
import {EngineError} from '../errors.js';
import {applyBuildEvent, type BuildEvent, BuildLogParser, type BuildState, emptyBuild} from '../../actions/build-log.js';
import type {BuildSpec} from '../../actions/build-spec.js';
import {ContextError, packContext} from './build-context.js';
import {tagImage} from './images.js';
import {readJsonStream} from './json-progress.js';

export interface BuildOptions {
	signal?: AbortSignal;
	/** Called for every event with the state after it (a new object each time). */
	onEvent?: (event: BuildEvent, state: BuildState) => void;
	/** Give up after this long without output; off by default (a RUN may be silent for long). */
	idleMs?: number;
}

export interface BuildResult {
	/** The new image (sha256:...). */
	imageId: string;
	tags: string[];
	state: BuildState;
}

/** A failed build: the engine's message, the step it failed at (0 before the first), and the state so far. */
export class BuildError extends EngineError {
	constructor(
		message: string,
		readonly step: number,
		readonly state: BuildState,
		statusCode?: number,
	) {
		super('daemon', message, statusCode, message);
	}
}

export async function buildImage(engine: Engine, spec: BuildSpec, options: BuildOptions = {}): Promise<BuildResult> {
	let context;
	try {
		context = packContext(spec.context, spec.dockerfile);
	} catch (error) {
		if (error instanceof ContextError) throw new BuildError(error.message, 0, emptyBuild);
		throw error;
	}
	const parser = new BuildLogParser();
	let state = emptyBuild;
	const apply = (events: BuildEvent[]) => {
		for (const event of events) {
			state = applyBuildEvent(state, event);
			options.onEvent?.(event, state);
		}
	};
	// The engine takes repeated `t` parameters, which the engine adapter's query
	// encoding cannot express; the first tag goes with the build, the rest are
	// added once it succeeds.
	const [firstTag, ...otherTags] = spec.tags;
	const query: Record<string, unknown> = {dockerfile: context.dockerfile, rm: 1, forcerm: 1};
	if (firstTag) query.t = firstTag;
	if (Object.keys(spec.buildArgs).length) query.buildargs = JSON.stringify(spec.buildArgs);
	if (spec.noCache) query.nocache = 1;
	if (spec.network) query.networkmode = spec.network;
	try {
		await readJsonStream(
			engine,
			'/build',
			{method: 'POST', query, body: context.stream, headers: {'Content-Type': 'application/x-tar'}},
			(message) => apply(parser.push(message)),
			{signal: options.signal, idleMs: options.idleMs ?? 24 * 3600_000, what: 'build', onError: (message) => apply(parser.push(message))},
		);
	} catch (error) {
		context.stream.destroy();
		if (!(error instanceof EngineError) || error.kind === 'aborted') throw error;
		apply(parser.flush());
		const step = state.error?.step ?? state.steps.at(-1)?.step ?? 0;
		throw new BuildError(error.message, step, state.error ? state : {...state, error: {step, message: error.message}}, error.statusCode);
	}
	apply(parser.flush());
	if (!state.imageId) throw new BuildError('build: the engine finished without naming the new image', state.steps.at(-1)?.step ?? 0, state);
	const {value} = await engine.inspectImage(state.imageId, options.signal);
	for (const tag of otherTags) {
		await tagImage(engine, value.Id, tag, options.signal);
		apply([{type: 'tagged', reference: tag}]);
	}
	return {imageId: value.Id, tags: spec.tags, state};
}

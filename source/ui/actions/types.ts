import type {Engine} from '../../engine/engine.js';
import type {ImageSource} from '../../engine/image-source.js';
import type {Msg, State} from '../model.js';
import type {Suspend} from './terminal.js';

/** What an action's handler (and the App's other effects, effects.ts) may use: the engine, the dispatch, the App's hooks. */
export interface EffectContext {
	/** For the actions; reading an archive, every call fails with "not available when reading an archive". */
	engine: Engine;
	/** Where the images come from: the engine, or an archive. */
	source?: ImageSource;
	dispatch(msg: Msg): void;
	/** The state as it is now (handlers that stream progress read it to update in place). */
	getState(): State;
	/** Aborted when the App unmounts: long requests (push, pull, build, logs) stop with it. */
	signal: AbortSignal;
	/** Hands the real terminal to something else (an attached container) and takes it back after. */
	suspend?: Suspend;
	/** Turns the terminal's mouse reports on or off (none in tests without a terminal). */
	setMouse?(on: boolean): void;
	/** Switches to another engine, by docker context name (the Engines list). */
	useEngine?(name: string): void;
	/** A registry source: read everything for this platform. */
	switchPlatform?(platform: string): void;
	/** A registry source: the platform chooser for a tag. */
	platformMenu?(target: {ref?: string; tag?: string}): void;
	/** A registry source: the pull form for a tag, its platform the one shown. */
	pullRemote?(target: {ref?: string; tag?: string}): void;
	/** A registry source's engine for pulls (undefined: the engine shown is the one). */
	pullEngine?(): Engine | undefined;
	/** After a pull from a registry source: show the engine it went to, the image selected. */
	showLocal?(engine: Engine, select: {ref?: string; id?: string}): void;
	/** A registry source: open this tag's image. */
	openTag?(tag: string): void;
	/** Shows another source (R: a remote repository), opening `open` on it when given. */
	useSource?(source: ImageSource, open?: {ref: string; id: string}): void;
}

export interface ActionRequest {
	/** The form's values by field name (toggles as 'true' / 'false'), or {choice} from a confirmation. */
	values: Record<string, string>;
	/** What the action applies to: the image ref and id, the container id. */
	subject: Record<string, string>;
	/** The overlay that asked: handlers close it, fail it or update it by this id. */
	overlayId: number;
}

/**
 * Validates, calls the engine and reports through `context.dispatch`. A
 * thrown error is shown in the overlay; nothing has been changed by then
 * unless the handler says otherwise.
 */
export type ActionHandler = (request: ActionRequest, context: EffectContext) => Promise<void>;

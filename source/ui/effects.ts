/**
 * Carries out the effects the reducer queues: the only place where the UI
 * turns a submitted form or a confirmed question into engine calls. Each
 * action's handler lives in source/ui/actions and reports back by
 * dispatching (close the overlay, show a notice, select the new image).
 */
import type {Engine} from '../engine/engine.js';
import type {ImageSource} from '../engine/image-source.js';
import {visible} from '../text/sanitize.js';
import {actionHandlers} from './actions/index.js';
import {cancelTask} from './actions/task-runner.js';
import type {Suspend} from './actions/terminal.js';
import {runFormatEffect} from './format/effects.js';
import type {Effect} from './overlays/index.js';
import type {Msg, State} from './state.js';

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

export async function runEffect(effect: Effect, context: EffectContext): Promise<void> {
	switch (effect.kind) {
		case 'submit': {
			const handler = actionHandlers[effect.action];
			if (!handler) {
				context.dispatch({type: 'overlayFailed', id: effect.overlayId, message: `no handler for the action "${effect.action}"`});
				return;
			}
			try {
				await handler({values: effect.values, subject: effect.subject, overlayId: effect.overlayId}, context);
			} catch (error) {
				if (context.signal.aborted) return;
				// Engine messages quote what was sent (names, commands): drawn safely.
				context.dispatch({type: 'overlayFailed', id: effect.overlayId, message: visible(error instanceof Error ? error.message : String(error))});
			}
			return;
		}
		case 'cancel':
			cancelTask(context, effect.overlayId);
			return;
		case 'useEngine':
			context.useEngine?.(effect.name);
			return;
		case 'staleCheck':
			return (await import('./actions/stale.js')).staleCheck(effect.ref, context);
		case 'openTag':
			context.openTag?.(effect.tag);
			return;
		case 'platform':
			context.switchPlatform?.(effect.platform);
			return;
		case 'platformMenu':
			context.platformMenu?.({ref: effect.ref, tag: effect.tag});
			return;
		case 'pullRemote':
			context.pullRemote?.({ref: effect.ref, tag: effect.tag});
			return;
		case 'mouse':
			context.setMouse?.(effect.on);
			return;
		case 'formatHistory':
		case 'pick':
			// Inspect documents come from wherever the images do (an archive too).
			return runFormatEffect(effect, context.source ? {...context, engine: context.source} : context);
	}
}

/**
 * Carries out the effects the reducer queues: the only place where the UI
 * turns a submitted form or a confirmed question into engine calls. Each
 * action's handler lives in source/ui/actions and reports back by
 * dispatching (close the overlay, show a notice, select the new image).
 */
import type {Engine} from '../engine/engine.js';
import {visible} from '../text/sanitize.js';
import {actionHandlers} from './actions/index.js';
import {cancelTask} from './actions/task-runner.js';
import {runFormatEffect} from './format/effects.js';
import type {Effect} from './model.js';
import type {EffectContext} from './actions/types.js';


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

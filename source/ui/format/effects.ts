/**
 * The format box's effects, carried out by the App (source/ui/effects.ts):
 * saving a template to the history file, and reading an image for
 * pick-then-pipe when the state does not hold its document.
 */
import type {ImageSource} from '../../engine/image-source.js';
import {visible} from '../../text/sanitize.js';
import type {Msg} from '../model.js';
import {evaluateFormat} from './evaluate.js';
import {saveTemplate} from './history-file.js';
import type {FormatEffect} from './types.js';

export interface FormatEffectContext {
	engine: Pick<ImageSource, 'inspectImage'>;
	dispatch(msg: Msg): void;
	signal: AbortSignal;
}

export async function runFormatEffect(effect: FormatEffect, context: FormatEffectContext): Promise<void> {
	switch (effect.kind) {
		case 'formatHistory': {
			// Synchronous: in pick mode the process ends right after.
			const saved = saveTemplate(effect.template);
			if ('error' in saved) context.dispatch({type: 'notice', text: visible(saved.error), level: 'error'});
			return;
		}
		case 'pick': {
			let raw: string;
			try {
				// The same request and the same inspector as `imgscope inspect`.
				raw = (await context.engine.inspectImage(effect.ref, context.signal)).raw;
			} catch (error) {
				if (!context.signal.aborted) context.dispatch({type: 'format', msg: {kind: 'pickFailed', message: visible((error as Error).message ?? String(error))}});
				return;
			}
			if (context.signal.aborted) return;
			const evaluation = evaluateFormat(effect.template, raw);
			if (evaluation.ok) context.dispatch({type: 'format', msg: {kind: 'picked', output: evaluation.output}});
			else context.dispatch({type: 'format', msg: {kind: 'pickFailed', message: visible(evaluation.message.split('\n')[0])}});
			return;
		}
	}
}

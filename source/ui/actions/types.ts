import type {EffectContext} from '../effects.js';

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

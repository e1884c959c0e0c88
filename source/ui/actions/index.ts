/** Every action the forms and confirmations can submit, by the name the overlay carries. */
import {extract} from './extract.js';
import {tag} from './tag.js';
import type {ActionHandler} from './types.js';

export const actionHandlers: Record<string, ActionHandler> = {
	tag,
	extract,
};

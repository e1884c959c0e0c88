/**
 * The format box's template history: newest last, no duplicates (a template
 * used again moves to the end), capped. Kept across runs in a file of JSON
 * strings, one a line (history-file.ts reads and writes it); a line that is
 * not one is skipped, so a damaged file costs only its damaged lines. Pure.
 */
import {printable} from '../text-field.js';

/** Templates kept. */
export const historyLimit = 200;
/** Longer templates are not kept (a paste gone wrong). */
export const templateLimit = 4096;

export function addToHistory(history: readonly string[], template: string): string[] {
	if (template.trim() === '' || template.length > templateLimit) return [...history];
	const kept = history.filter((entry) => entry !== template);
	kept.push(template);
	return kept.slice(-historyLimit);
}

/** Entries of `later` win: they move to the end, in their order. */
export function mergeHistory(earlier: readonly string[], later: readonly string[]): string[] {
	let merged = [...earlier];
	for (const entry of later) merged = addToHistory(merged, entry);
	return merged.slice(-historyLimit);
}

export function parseHistory(text: string): string[] {
	let history: string[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		let entry: unknown;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		// The box's line never holds control characters (text-field.ts printable): neither does a recalled one.
		if (typeof entry === 'string') history = addToHistory(history, printable(entry));
	}
	return history;
}

export function serialiseHistory(history: readonly string[]): string {
	return history.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/**
 * Up and Down in the box: `index` counts back from the newest entry (0 is
 * the newest); undefined is the line being typed (`draft`).
 */
export interface Recall {
	index: number;
	draft: string;
}

/** Up (older, +1) or Down (newer, -1): the recall position and the text to show, or no text when there is nothing to move to. */
export function recallStep(history: readonly string[], recall: Recall | undefined, current: string, delta: 1 | -1): {recall?: Recall; text?: string} {
	const index = (recall ? recall.index : -1) + delta;
	if (index < -1 || index >= history.length) return {recall};
	// Back past the newest entry: the line that was being typed.
	if (index === -1) return {recall: undefined, text: recall!.draft};
	return {recall: {index, draft: recall ? recall.draft : current}, text: history[history.length - 1 - index]};
}

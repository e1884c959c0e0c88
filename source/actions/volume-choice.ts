/**
 * The run form's Volumes field and the volumes that exist: Tab completes the
 * volume name being typed (the source part of `name:/path`, before any `:`),
 * and the form says which named sources do not exist yet, so the engine will
 * create them (as `docker run -v name:/path` does, without a word).
 */
import {parseVolume} from './run-fields.js';
import {listEntries} from './shell-words.js';

export interface VolumeCompletion {
	value: string;
	cursor: number;
	/** Every existing name that fits what was typed (sorted). */
	candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

/**
 * Tab at `cursor` in `value`: the name being typed completed from `names`
 * (to their common prefix; one name gets its `:` too). undefined when the
 * cursor is not in a volume name (after a `:`, in a host path) or nothing
 * new fits: Tab then moves to the next field, as everywhere in a form.
 */
export function completeVolumeName(value: string, cursor: number, names: readonly string[]): VolumeCompletion | undefined {
	let start = cursor;
	while (start > 0 && !/[\s,]/.test(value[start - 1])) start--;
	const typed = value.slice(start, cursor);
	// Nothing typed yet: Tab moves to the next field, as in every form.
	if (typed === '' || typed.includes(':') || typed.startsWith('/') || typed.startsWith('.')) return undefined;
	const candidates = [...new Set(names)].filter((name) => name.startsWith(typed)).sort();
	if (!candidates.length) return undefined;
	const rest = value.slice(cursor);
	const insert = candidates.length === 1 ? (rest.startsWith(':') ? candidates[0] : `${candidates[0]}:`) : commonPrefix(candidates);
	if (insert.length <= typed.length) return candidates.length > 1 ? {value, cursor, candidates} : undefined;
	return {value: value.slice(0, start) + insert + rest, cursor: start + insert.length, candidates};
}

/** The named volume sources in the field that do not exist: the engine creates them on run. */
export function volumesToCreate(value: string, existing: readonly string[]): string[] {
	const words = listEntries(value);
	if (!words.ok) return [];
	const have = new Set(existing);
	const create: string[] = [];
	for (const word of words.words) {
		const parsed = parseVolume(word);
		if (!parsed.ok || !parsed.value.bind) continue;
		const source = parsed.value.bind.split(':')[0];
		if (!source.startsWith('/') && !have.has(source) && !create.includes(source)) create.push(source);
	}
	return create;
}

/** What the form says under the field ('' when every named volume exists). */
export function volumeNote(value: string, existing: readonly string[]): string {
	const create = volumesToCreate(value, existing);
	if (!create.length) return '';
	return `${create.length === 1 ? 'a new volume' : 'new volumes'} ${create.join(', ')} will be created (no volume has ${create.length === 1 ? 'that name' : 'those names'})`;
}

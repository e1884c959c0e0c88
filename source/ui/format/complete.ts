/**
 * Tab in the format box: completes the field name at the cursor from the
 * inspect document (`.Con` -> `.Config`, `.Config.E` -> `.Config.Env`).
 * With several candidates it completes their common prefix and lists them.
 * Pure.
 */
import type {TextField} from '../text-field.js';

export interface Completion {
	field: TextField;
	/** The candidates when there is more than one (full field names, for the box to list). */
	candidates: string[];
}

const identifier = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

let parsed: {raw: string; value: unknown} | undefined;

function documentOf(raw: string): unknown {
	if (parsed?.raw === raw) return parsed.value;
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		value = undefined;
	}
	parsed = {raw, value};
	return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function commonPrefix(words: string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words.slice(1)) {
		let i = 0;
		while (i < prefix.length && i < word.length && prefix[i] === word[i]) i++;
		prefix = prefix.slice(0, i);
	}
	return prefix;
}

/**
 * The field chain that ends at the cursor: `.Config.E` in `{{.Config.E}}`,
 * `$.Os` for the root variable. Undefined when the cursor is not on one.
 */
export function chainAt(field: TextField): {start: number; path: string[]; partial: string} | undefined {
	const before = field.value.slice(0, field.cursor);
	const match = /(\$?)((?:\.[\p{L}\p{Nd}_]*)+)$/u.exec(before);
	if (!match) return undefined;
	// `$x.Foo` (a variable other than $) and `"a.b"` (inside a string) are not fields of the document.
	const lead = before.slice(0, match.index);
	if (/[\p{L}\p{Nd}_$]$/u.test(lead) && !match[1]) return undefined;
	if (match[1] && /[\p{L}\p{Nd}_]$/u.test(lead)) return undefined;
	if ((lead.match(/"/g)?.length ?? 0) % 2 === 1) return undefined;
	const parts = match[2].slice(1).split('.');
	return {start: match.index + match[1].length, path: parts.slice(0, -1), partial: parts[parts.length - 1]};
}

/** The names a partial field can become, at `path` in the document. */
export function fieldCandidates(raw: string, path: string[], partial: string): string[] {
	let node = documentOf(raw);
	for (const part of path) {
		if (!isObject(node) || !Object.hasOwn(node, part)) return [];
		node = node[part];
	}
	if (!isObject(node)) return [];
	const names = Object.keys(node).filter((name) => identifier.test(name));
	const exact = names.filter((name) => name.startsWith(partial));
	if (exact.length) return exact;
	const lower = partial.toLowerCase();
	return names.filter((name) => name.toLowerCase().startsWith(lower));
}

/** Tab: the field with the name at the cursor completed, or undefined when nothing fits. */
export function completeField(field: TextField, raw: string): Completion | undefined {
	const chain = chainAt(field);
	if (!chain) return undefined;
	const candidates = fieldCandidates(raw, chain.path, chain.partial);
	if (candidates.length === 0) return undefined;
	const replacement = candidates.length === 1 ? candidates[0] : commonPrefix(candidates);
	// A case-insensitive match with no common prefix keeps what was typed.
	const text = replacement.length >= chain.partial.length || candidates.length === 1 ? replacement : chain.partial;
	const from = field.cursor - chain.partial.length;
	const value = field.value.slice(0, from) + text + field.value.slice(field.cursor);
	const prefix = chain.path.length ? `.${chain.path.join('.')}` : '';
	return {
		field: {value, cursor: from + text.length},
		candidates: candidates.length > 1 ? candidates.map((name) => `${prefix}.${name}`) : [],
	};
}

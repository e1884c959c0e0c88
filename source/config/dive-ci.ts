/**
 * dive's CI rules file (`.dive-ci`, or `--ci-config FILE`), read as dive
 * reads it (wagoodman/dive, cmd/dive/cli/internal/options/ci.go and
 * command/ci/rules.go): a YAML document whose `rules:` map may hold
 * `lowestEfficiency`, `highestWastedBytes` and `highestUserWastedPercent`;
 * every other key (dive's `plugins:`, `plugin1/rule1: error`) is ignored; a
 * missing key keeps the default. Values are dive's: a rule is off when it is
 * empty, `disabled`, `off` or `false`; ratios are plain decimals between 0
 * and 1; sizes go by go-humanize's ParseBytes (`20MB` and `20Mb` are
 * 20,000,000 bytes, `20MiB` 20,971,520, a bare number is bytes).
 *
 * Why a narrow reader and not a YAML package: dive's files are a map of three
 * scalars, and `check` loads nothing it does not need (start-up is module
 * loading). This reads block maps by indentation, comments, `---`, and
 * plain, single- and double-quoted scalars; anything past that subset in the
 * `rules:` map (a flow map, an anchor, a block scalar, a tab) is refused with
 * its line, never guessed at. Pure: the caller reads the file.
 */

export type DiveRuleKey = 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent';

export const diveRuleKeys: readonly DiveRuleKey[] = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'];

/** The rules a file sets, each as the text and line it was written on. */
export type DiveRules = Partial<Record<DiveRuleKey, {value: string; line: number}>>;

export class DiveCiError extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
	}
}

interface Entry {
	indent: number;
	key: string;
	/** The text after `key:` (comment removed), '' when a nested block follows. */
	rest: string;
	line: number;
}

/** Splits the document into `key: rest` lines; list items and other lines outside `rules:` are skipped by the caller. */
function entries(text: string): (Entry | {indent: number; other: string; line: number})[] {
	const out: (Entry | {indent: number; other: string; line: number})[] = [];
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	let documents = 0;
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i];
		const line = i + 1;
		if (/^\s*(#.*)?$/.test(raw)) continue;
		if (/^(---|\.\.\.)(\s|$)/.test(raw)) {
			// A --- after content (or after another ---) starts a second document.
			if (raw.startsWith('---') && (++documents > 1 || out.length > 0)) throw new DiveCiError('more than one YAML document (a second ---)', line);
			continue;
		}
		const indent = /^ */.exec(raw)![0].length;
		if (raw[indent] === '\t') throw new DiveCiError('a tab in the indentation (YAML indents with spaces)', line);
		const body = raw.slice(indent);
		const m = body === '-' || body.startsWith('- ') ? null : /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#'"{}[\]&*!|>%@`][^#]*?)\s*:(?:\s+(.*))?$/.exec(body);
		if (!m) {
			out.push({indent, other: body, line});
			continue;
		}
		out.push({indent, key: unquoteKey(m[1]), rest: stripComment(m[2] ?? ''), line});
	}
	return out;
}

function unquoteKey(key: string): string {
	if (key.startsWith('"') || key.startsWith("'")) return scalar(key, 0);
	return key;
}

/** A value's text without a trailing ` # comment` (a `#` inside quotes stays). */
function stripComment(rest: string): string {
	let quote: string | undefined;
	for (let i = 0; i < rest.length; i++) {
		const c = rest[i];
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") {
			if (i === 0 || /\s/.test(rest[i - 1])) quote = c;
		} else if (c === '#' && (i === 0 || /\s/.test(rest[i - 1]))) {
			return rest.slice(0, i).trimEnd();
		}
	}
	return rest.trimEnd();
}

const escapes: Record<string, string> = {'0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\'};

/** A scalar's value as yaml.v3 gives it to a string field: plain text as written, quotes undone. */
function scalar(text: string, line: number): string {
	if (text.startsWith("'")) {
		if (!/^'(?:[^']|'')*'$/.test(text)) throw new DiveCiError(`an unterminated single-quoted value: ${text}`, line);
		return text.slice(1, -1).replace(/''/g, "'");
	}
	if (text.startsWith('"')) {
		if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new DiveCiError(`an unterminated double-quoted value: ${text}`, line);
		return text.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
			if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
			if (!(e in escapes)) throw new DiveCiError(`an unknown escape \\${e} in a double-quoted value`, line);
			return escapes[e];
		});
	}
	if (/^[[{&*!|>%@`]/.test(text)) throw new DiveCiError(`a value imgscope reads only as a plain or quoted scalar: ${text}`, line);
	// null, ~ and an empty value leave a string field empty in yaml.v3: for dive that disables the rule.
	if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return '';
	return text;
}

/** The `rules:` of a `.dive-ci` document. */
export function parseDiveCi(text: string): DiveRules {
	const rules: DiveRules = {};
	const all = entries(text);
	let top: number | undefined;
	let inRules = false;
	let rulesIndent: number | undefined;
	let seenRules = false;
	for (const entry of all) {
		if (top === undefined) top = entry.indent;
		if (entry.indent <= top) {
			if (!('key' in entry)) {
				if (entry.indent < top || !entry.other.startsWith('-')) throw new DiveCiError(`not a YAML map: ${entry.other}`, entry.line);
				continue;
			}
			inRules = entry.key === 'rules';
			rulesIndent = undefined;
			if (inRules) {
				if (seenRules) throw new DiveCiError('"rules" is given twice', entry.line);
				seenRules = true;
				if (entry.rest !== '' && entry.rest !== '~' && entry.rest !== 'null') throw new DiveCiError(`"rules" must be a map of rules on the lines under it, not ${JSON.stringify(entry.rest)}`, entry.line);
			}
			continue;
		}
		if (!inRules) continue;
		rulesIndent ??= entry.indent;
		if (entry.indent > rulesIndent) continue;
		if (entry.indent < rulesIndent) throw new DiveCiError('the indentation under "rules" does not line up', entry.line);
		if (!('key' in entry)) throw new DiveCiError(`"rules" must be a map (key: value), not ${JSON.stringify(entry.other)}`, entry.line);
		if (!(diveRuleKeys as readonly string[]).includes(entry.key)) continue;
		const key = entry.key as DiveRuleKey;
		if (rules[key]) throw new DiveCiError(`"${key}" is given twice`, entry.line);
		rules[key] = {value: scalar(entry.rest, entry.line), line: entry.line};
	}
	return rules;
}

/** dive's isRuleDisabled. */
export function diveDisabled(value: string): boolean {
	const v = value.trim().toLowerCase();
	return v === '' || v === 'disabled' || v === 'off' || v === 'false';
}

/** Go's strconv.ParseFloat on the forms a YAML number takes (no hex floats, no underscores). */
function goFloat(value: string): number | undefined {
	const v = value.trim() === value ? value : undefined;
	if (v === undefined) return undefined;
	if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
	if (/^[+-]?(inf|infinity)$/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
	return undefined;
}

/** A ratio rule's value as dive takes it: a decimal from 0 to 1, or undefined when disabled. */
export function diveRatio(key: DiveRuleKey, value: string): number | undefined {
	if (diveDisabled(value)) return undefined;
	const ratio = goFloat(value);
	if (ratio === undefined || Number.isNaN(ratio)) throw new DiveCiError(`invalid ${key} value ${JSON.stringify(value)}: expected a ratio between 0 and 1 (0.9), or "disabled"`);
	if (ratio < 0 || ratio > 1) throw new DiveCiError(`${key} is outside the allowed range (0-1): ${JSON.stringify(value)}`);
	return ratio;
}

const humanizeUnits: Record<string, number> = {
	'': 1, b: 1,
	k: 1e3, kb: 1e3, ki: 2 ** 10, kib: 2 ** 10,
	m: 1e6, mb: 1e6, mi: 2 ** 20, mib: 2 ** 20,
	g: 1e9, gb: 1e9, gi: 2 ** 30, gib: 2 ** 30,
	t: 1e12, tb: 1e12, ti: 2 ** 40, tib: 2 ** 40,
	p: 1e15, pb: 1e15, pi: 2 ** 50, pib: 2 ** 50,
	e: 1e18, eb: 1e18, ei: 2 ** 60, eib: 2 ** 60,
};

/** go-humanize's ParseBytes (what dive uses for highestWastedBytes), or undefined when disabled. */
export function diveBytes(value: string): number | undefined {
	if (diveDisabled(value)) return undefined;
	const m = /^([\d.,]*)(.*)$/.exec(value)!;
	const number = m[1].replace(/,/g, '');
	const unit = humanizeUnits[m[2].trim().toLowerCase()];
	const amount = goFloat(number);
	if (amount === undefined || unit === undefined) {
		throw new DiveCiError(`invalid highestWastedBytes value ${JSON.stringify(value)}: expected a size such as 20MB, 512KiB or a number of bytes, or "disabled"`);
	}
	const bytes = Math.floor(amount * unit);
	if (!Number.isSafeInteger(bytes)) throw new DiveCiError(`highestWastedBytes is too large: ${JSON.stringify(value)}`);
	return bytes;
}

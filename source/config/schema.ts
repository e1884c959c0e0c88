/**
 * The config file's schema and the effective config: each value with where
 * it came from (the default, the file, the environment, a flag). Pure: the
 * file's text, the environment and the flags are given (config/load.ts reads
 * them), and so are the defaults that live elsewhere (the keymap's bindings,
 * the theme's colours).
 *
 *   {
 *     "keys": {"quit": ["q", "ctrl+q"], "sort": "v"},
 *     "theme": {"title": "#ff8700", "header": "color(33)", "dim": "gray"},
 *     "sort": "size",
 *     "mouse": false,
 *     "confirm": {"removeImage": true, "removeContainer": false, "stopTask": true},
 *     "ascii": "auto",
 *     "cache": {"limit": "2GiB"}
 *   }
 *
 * Every key is optional; an unknown one is an error (a typo must not be
 * silently ignored).
 */
import {applyKeyOverrides, type BindingRow, type KeyOverride} from './bindings.js';
import {cacheLimitOf} from './cache-limit.js';
import {ColorError, colorText, parseColor, type ColorLevel} from './colors.js';
import {parseJson, JsonError, type JsonNode, type Position} from './json.js';
import {alternateScreen, colorLevel, noColor, utf8Locale, type Env} from './terminal.js';

export const sortKeys = ['created', 'size', 'name'] as const;
export type SortKey = (typeof sortKeys)[number];

/** The questions the explorer asks before doing something, each on or off. */
export const confirmKinds = ['removeImage', 'removeContainer', 'stopTask'] as const;
export type ConfirmKind = (typeof confirmKinds)[number];

export type Source = {kind: 'default'} | {kind: 'file'; path: string; at: Position} | {kind: 'environment'; because: string} | {kind: 'flag'; flag: string};

export interface Sourced<T> {
	value: T;
	from: Source;
}

export interface EffectiveConfig<B extends BindingRow = BindingRow> {
	/** The file read (or looked for). */
	path: string;
	found: boolean;
	/** The bindings table with the file's keys applied. */
	bindings: B[];
	/** Per action: its keys in any context (for display) and where they came from. */
	keys: Record<string, Sourced<string[]>>;
	/** Per theme slot: the Ink colour (undefined: none). */
	theme: Record<string, Sourced<string | undefined>>;
	sort: Sourced<SortKey>;
	mouse: Sourced<boolean>;
	confirm: Record<ConfirmKind, Sourced<boolean>>;
	ascii: Sourced<boolean>;
	/** The layer index's bound in bytes (config/cache-limit.ts). */
	cacheLimit: Sourced<number>;
	colorLevel: Sourced<ColorLevel>;
	alternateScreen: Sourced<boolean>;
}

/** A config problem: the message names the file, line and column, and the key. */
export class ConfigError extends Error {}

export interface ConfigInput<B extends BindingRow> {
	path: string;
	/** The file's text; undefined when there is no file. */
	text?: string;
	env: Env;
	flags: {ascii?: boolean};
	bindings: readonly B[];
	/** The contexts where printable keys are typed, each worded for a message (the keymap's `typingContexts`). */
	typing?: Record<string, string>;
	theme: Record<string, string | undefined>;
}

const fromDefault: Source = {kind: 'default'};

export function resolveConfig<B extends BindingRow>(input: ConfigInput<B>): EffectiveConfig<B> {
	const {path} = input;
	const where = (at: Position, key: string) => `${path}:${at.line}:${at.column}: ${key}`;
	const fail = (at: Position, key: string, message: string): never => {
		throw new ConfigError(`${where(at, key)}: ${message}`);
	};
	let root: JsonNode | undefined;
	if (input.text !== undefined) {
		try {
			root = parseJson(input.text);
		} catch (error) {
			if (error instanceof JsonError) throw new ConfigError(`${path}:${error.at.line}:${error.at.column}: invalid JSON: ${error.message}`);
			throw error;
		}
		if (root.kind !== 'object') fail(root.at, '(top)', 'the config must be a JSON object: {"keys": {...}, "theme": {...}, ...}');
	}
	const file = (at: Position): Source => ({kind: 'file', path, at});
	const section = (name: string) => (root?.kind === 'object' ? root.entries.find((entry) => entry.key === name) : undefined);
	const known = ['keys', 'theme', 'sort', 'mouse', 'confirm', 'ascii', 'cache'];
	if (root?.kind === 'object') {
		for (const entry of root.entries) if (!known.includes(entry.key)) fail(entry.keyAt, entry.key, `unknown setting (known: ${known.join(', ')})`);
	}
	const objectOf = (name: string) => {
		const entry = section(name);
		if (!entry) return [];
		if (entry.value.kind !== 'object') fail(entry.value.at, name, 'must be an object');
		return (entry.value as Extract<JsonNode, {kind: 'object'}>).entries;
	};
	const booleanOf = (node: JsonNode, key: string): boolean => (node.kind === 'boolean' ? node.value : fail(node.at, key, 'must be true or false'));

	// keys: action -> a key or a list of keys.
	const overrides: KeyOverride<{at: Position; key: string}>[] = objectOf('keys').map((entry) => {
		const key = `keys.${entry.key}`;
		const value = entry.value;
		const keys = value.kind === 'string' ? [value.value] : value.kind === 'array' ? value.items.map((item) => (item.kind === 'string' ? item.value : fail(item.at, key, 'each key must be a string'))) : fail(value.at, key, 'must be a key ("q") or a list of keys (["q", "ctrl+q"])');
		return {action: entry.key, keys, at: {at: entry.keyAt, key}};
	});
	const applied = applyKeyOverrides(input.bindings, overrides, {typing: input.typing});
	if (applied.problems.length) {
		throw new ConfigError(applied.problems.map((problem) => `${problem.at ? where(problem.at.at, problem.at.key) : `${path}: keys.${problem.action}`}: ${problem.message}`).join('\n'));
	}
	const keys: Record<string, Sourced<string[]>> = {};
	for (const row of applied.table) {
		const seen = keys[row.action];
		if (seen) {
			for (const key of row.keys) if (!seen.value.includes(key)) seen.value.push(key);
			continue;
		}
		const override = overrides.find((o) => o.action === row.action);
		keys[row.action] = {value: [...row.keys], from: override?.at ? file(override.at.at) : fromDefault};
	}

	// theme: slot -> colour.
	const noColour = noColor(input.env);
	const level = colorLevel(input.env);
	const theme: Record<string, Sourced<string | undefined>> = {};
	for (const [slot, colour] of Object.entries(input.theme)) theme[slot] = {value: colour, from: fromDefault};
	for (const entry of objectOf('theme')) {
		const key = `theme.${entry.key}`;
		if (!(entry.key in input.theme)) fail(entry.keyAt, key, `unknown theme colour (known: ${Object.keys(input.theme).join(', ')})`);
		if (entry.value.kind !== 'string') fail(entry.value.at, key, 'must be a string: a name, color(N) or #rrggbb');
		try {
			theme[entry.key] = {value: parseColor((entry.value as {value: string}).value), from: file(entry.value.at)};
		} catch (error) {
			if (error instanceof ColorError) fail(entry.value.at, key, error.message);
			throw error;
		}
	}
	// No colour at all: NO_COLOR, or a terminal (or FORCE_COLOR=0) with none.
	const colourless = noColour.value ? noColour.because! : level.value === 0 ? level.because ?? 'no colour' : undefined;
	if (colourless) for (const slot of Object.keys(theme)) theme[slot] = {value: undefined, from: {kind: 'environment', because: colourless}};

	let sort: Sourced<SortKey> = {value: 'created', from: fromDefault};
	const sortEntry = section('sort');
	if (sortEntry) {
		const node = sortEntry.value;
		if (node.kind !== 'string' || !(sortKeys as readonly string[]).includes(node.value)) fail(node.at, 'sort', `must be one of ${sortKeys.map((k) => JSON.stringify(k)).join(', ')}`);
		sort = {value: (node as {value: SortKey}).value, from: file(node.at)};
	}

	let mouse: Sourced<boolean> = {value: true, from: fromDefault};
	const mouseEntry = section('mouse');
	if (mouseEntry) mouse = {value: booleanOf(mouseEntry.value, 'mouse'), from: file(mouseEntry.value.at)};

	const confirm = Object.fromEntries(confirmKinds.map((kind) => [kind, {value: true, from: fromDefault}])) as Record<ConfirmKind, Sourced<boolean>>;
	for (const entry of objectOf('confirm')) {
		const key = `confirm.${entry.key}`;
		if (!(confirmKinds as readonly string[]).includes(entry.key)) fail(entry.keyAt, key, `unknown confirmation (known: ${confirmKinds.join(', ')})`);
		confirm[entry.key as ConfirmKind] = {value: booleanOf(entry.value, key), from: file(entry.value.at)};
	}

	// ascii: the flag, else the file's true/false, else the locale ("auto", the default).
	const locale = utf8Locale(input.env);
	let ascii: Sourced<boolean> = {value: !locale.value, from: {kind: 'environment', because: locale.because!}};
	const asciiEntry = section('ascii');
	if (asciiEntry) {
		const node = asciiEntry.value;
		if (node.kind === 'boolean') ascii = {value: node.value, from: file(node.at)};
		else if (node.kind !== 'string' || node.value !== 'auto') fail(node.at, 'ascii', 'must be true, false or "auto" (from the locale)');
	}
	if (input.flags.ascii) ascii = {value: true, from: {kind: 'flag', flag: '--ascii'}};

	const limit = cacheLimitOf(root, fail);
	const cacheLimit: Sourced<number> = {value: limit.bytes, from: limit.at ? file(limit.at) : fromDefault};

	const alt = alternateScreen(input.env);
	return {
		path,
		found: input.text !== undefined,
		bindings: applied.table,
		keys,
		theme,
		sort,
		mouse,
		confirm,
		ascii,
		cacheLimit,
		colorLevel: {value: level.value, from: level.because ? {kind: 'environment', because: level.because} : fromDefault},
		alternateScreen: {value: alt.value, from: alt.because ? {kind: 'environment', because: alt.because} : fromDefault},
	};
}

/** How `imgscope config` words a source. */
export function sourceText(from: Source): string {
	switch (from.kind) {
		case 'default':
			return 'default';
		case 'file':
			return `${from.path}:${from.at.line}`;
		case 'environment':
			return `environment (${from.because})`;
		case 'flag':
			return `flag ${from.flag}`;
	}
}

/** The effective config as rows: setting, value (as the file would write it), source. */
export function configRows(config: EffectiveConfig, displayKey: (key: string) => string = (key) => key): [string, string, string][] {
	const rows: [string, string, string][] = [];
	rows.push(['sort', config.sort.value, sourceText(config.sort.from)]);
	rows.push(['mouse', String(config.mouse.value), sourceText(config.mouse.from)]);
	rows.push(['ascii', String(config.ascii.value), sourceText(config.ascii.from)]);
	rows.push(['colors', ({0: 'none', 1: '16', 2: '256', 3: 'truecolor'} as const)[config.colorLevel.value], sourceText(config.colorLevel.from)]);
	rows.push(['alternateScreen', String(config.alternateScreen.value), sourceText(config.alternateScreen.from)]);
	rows.push(['cache.limit', binarySize(config.cacheLimit.value), sourceText(config.cacheLimit.from)]);
	for (const kind of confirmKinds) rows.push([`confirm.${kind}`, String(config.confirm[kind].value), sourceText(config.confirm[kind].from)]);
	for (const [slot, colour] of Object.entries(config.theme)) rows.push([`theme.${slot}`, colorText(colour.value), sourceText(colour.from)]);
	for (const [action, keys] of Object.entries(config.keys)) rows.push([`keys.${action}`, keys.value.map(displayKey).join(' '), sourceText(keys.from)]);
	return rows;
}

/** A byte count as the file could write it: "2GiB", "512MiB", else the bytes. */
function binarySize(bytes: number): string {
	for (const [unit, size] of [['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
		if (bytes % size === 0) return `${bytes / size}${unit}`;
	}
	return String(bytes);
}

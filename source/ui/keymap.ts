/**
 * One table of key bindings drives key dispatch, the footer and the `?`
 * help overlay, so the three cannot disagree.
 */
import type {Action, Context} from './key-names.js';
import {specs} from './lists/registry.js';
import type {Capability} from './lists/names.js';
import type {AnySpec, ListAction} from './lists/spec.js';

export interface Binding {
	action: Action;
	/** Key names as `keyName()` produces them. */
	keys: string[];
	/** Short label for the footer; bindings without one stay out of it. */
	label?: string;
	/** Which labels the footer keeps when they do not all fit: lower first (default 3; `? help` always shows). */
	footer?: number;
	/** One line for the help overlay. */
	description: string;
	contexts: Context[] | 'all';
	/** What the source must be able to do (source/ui/lists/capability.ts): the footer leaves it out, the key says why. */
	needs?: Capability;
	/** The label names the first key of each of these actions, in order, then its last word (`↑↓ move`: up and down); by default the label's first word is this binding's key. */
	labelKeys?: Action[];
	/** Why the config file cannot rebind it: its keys are read by something other than this table. */
	fixed?: string;
}

/**
 * The contexts where a printable key is typed (or picks a choice) before the
 * table is asked: the config may not bind one there (config/bindings.ts).
 */
export const typingContexts: Partial<Record<Context, string>> = {
	filter: 'the filter box',
	filesSearch: "the Files tab's search box",
	format: 'the format box',
	form: "a form's text fields",
	confirm: 'a confirmation (its choices are letters)',
	menu: "a menu (its items' keys)",
};

const listIds: Context[] = specs.map((spec) => spec.id);
const lists: Context[] = [...listIds, 'container', 'layers', 'history', 'inspect', 'files', 'filesWaste', 'filesLoading'];

/** A spec's action as a binding of its list (and of the screens it is also valid in). */
function specBinding(spec: AnySpec, action: ListAction): Binding {
	return {action: action.action, keys: action.keys, label: action.label === undefined ? undefined : `${keyLabel(action.keys[0])} ${action.label}`, footer: action.footer, description: action.description, contexts: [spec.id, ...(action.alsoIn ?? [])], needs: action.needs};
}

/** What every list has, made from its spec: Enter, the sort, the filter, the keys of the other lists. */
function listBindings(spec: AnySpec): Binding[] {
	const own: Binding[] = [];
	if (spec.open) own.push(specBinding(spec, spec.open));
	const sorts = spec.sorts.map((sort: {label: string}) => sort.label.replace(/ [↑↓]$/, ''));
	if (sorts.length > 1) own.push({action: 'sort', keys: ['s'], label: 's sort', footer: 6, description: `Cycle the sort: ${sorts.join(', ')}`, contexts: [spec.id]});
	own.push({action: 'filter', keys: ['/'], label: '/ filter', description: `Filter by ${spec.filterHint} as you type`, contexts: [spec.id]});
	own.push({action: 'menu', keys: ['x'], label: 'x menu', footer: 6, description: 'Menu of everything that can be done to the selected row', contexts: [spec.id]});
	if (sorts.length > 1) own.push({action: 'sortMenu', keys: ['o'], description: 'Choose the sort from a menu', contexts: [spec.id]});
	for (const other of specs) if (other !== spec) own.push({action: other.show.action, keys: [other.show.key], label: `${other.show.key} ${other.show.label}`, footer: other.show.footer ?? 5, description: `Show ${other.title.toLowerCase()}`, contexts: [spec.id], needs: other.needs});
	return own;
}

const lineEditor = "the line editor's keys (Ctrl+U, Ctrl+W, Ctrl+K, Ctrl+A, Ctrl+E) each do their own edit";
const menuList = "a menu's list reads its own keys (↑↓ j k, Enter, a digit)";

export const defaultBindings: readonly Binding[] = [
	{action: 'up', keys: ['up', 'k'], description: 'Move up', contexts: lists},
	{action: 'down', keys: ['down', 'j'], label: '↑↓ move', labelKeys: ['up', 'down'], footer: 8, description: 'Move down', contexts: lists},
	{action: 'pageUp', keys: ['pageup'], description: 'Page up', contexts: lists},
	{action: 'pageDown', keys: ['pagedown'], description: 'Page down', contexts: lists},
	{action: 'top', keys: ['g', 'home'], description: 'Go to the top', contexts: lists},
	{action: 'bottom', keys: ['G', 'end'], description: 'Go to the bottom', contexts: lists},
	...specs.flatMap(listBindings),
	{action: 'nextTab', keys: ['tab', 'right', 'l'], label: 'tab next', description: 'Next tab', contexts: ['layers', 'history', 'inspect']},
	{action: 'prevTab', keys: ['shift+tab', 'left', 'h'], description: 'Previous tab', contexts: ['layers', 'history', 'inspect']},
	{action: 'back', keys: ['escape', 'backspace'], label: 'esc back', description: 'Back to the image list', contexts: ['layers', 'history']},
	{action: 'back', keys: ['escape', 'backspace'], label: 'esc back', description: 'Back to the container list', contexts: ['container']},
	// On Inspect, Esc first removes a kept format filter (source/ui/format); Backspace always goes back.
	{action: 'formatFilterClear', keys: ['escape'], label: 'esc back', description: 'Back to the image list (a kept format filter is removed first)', contexts: ['inspect']},
	{action: 'back', keys: ['backspace'], description: 'Back to the image list', contexts: ['inspect']},
	{action: 'filterAccept', keys: ['enter'], label: 'enter keep', description: 'Keep the filter and return to the list', contexts: ['filter']},
	{action: 'filterClear', keys: ['escape'], label: 'esc clear', footer: 7, description: 'Clear the filter', contexts: ['filter', ...listIds]},
	{action: 'help', keys: ['?'], label: '? help', description: 'Show or hide this help', contexts: [...lists, 'help']},
	{action: 'back', keys: ['escape', 'q'], description: 'Close the help', contexts: ['help']},
	{action: 'quit', keys: ['q'], label: 'q quit', description: 'Quit', contexts: lists},
	{action: 'mouse', keys: ['m'], description: "Turn the mouse off (the terminal's own text selection works) and on", contexts: [...listIds, 'container']},
	{action: 'pick', keys: ['enter'], description: "Pick mode (stdout is a pipe): write this image's inspect output (the kept format's) and exit", contexts: ['layers', 'history', 'inspect']},
	// Each list's own actions (source/ui/lists/<list>.ts): forms and questions; nothing happens until they are answered.
	...specs.flatMap((spec) => spec.actions.map((action: ListAction) => specBinding(spec, action))),
	{action: 'formatAccept', keys: ['enter'], label: 'enter keep', description: 'Keep the template as the Inspect filter for every image (empty: remove it); pick mode: write the result to stdout', contexts: ['format']},
	{action: 'formatClose', keys: ['escape'], label: 'esc close', description: 'Close the box (the kept filter stays as it was)', contexts: ['format']},
	{action: 'formatOlder', keys: ['up'], label: '↑↓ history', labelKeys: ['formatOlder', 'formatNewer'], description: 'Recall an earlier template (kept across runs)', contexts: ['format']},
	{action: 'formatNewer', keys: ['down'], description: 'Recall a later template', contexts: ['format']},
	{action: 'formatComplete', keys: ['tab'], label: 'tab complete', description: 'Complete the field name at the cursor from the inspect document', contexts: ['format']},
	{action: 'formatScrollUp', keys: ['pageup'], description: 'Scroll the result up', contexts: ['format']},
	{action: 'formatScrollDown', keys: ['pagedown'], label: 'pgdn scroll', description: 'Scroll the result down', contexts: ['format']},
	{action: 'formatClearInput', keys: ['ctrl+u'], label: 'ctrl+u clear', description: 'Clear the template', contexts: ['format']},
	{action: 'lineEdit', keys: ['ctrl+w', 'ctrl+k', 'ctrl+a', 'ctrl+e'], description: 'Edit the line: delete a word, to the end; go to the start, the end', contexts: ['format'], fixed: lineEditor},
	// A running push, pull, build or a log (overlays/task.ts).
	{action: 'up', keys: ['up', 'k'], description: 'Scroll up', contexts: ['task']},
	{action: 'down', keys: ['down', 'j'], label: '↑↓ scroll', labelKeys: ['up', 'down'], description: 'Scroll down (at the end the view follows new lines)', contexts: ['task']},
	{action: 'pageUp', keys: ['pageup'], description: 'Page up', contexts: ['task']},
	{action: 'pageDown', keys: ['pagedown'], description: 'Page down', contexts: ['task']},
	{action: 'top', keys: ['g', 'home'], description: 'Go to the first line', contexts: ['task']},
	{action: 'bottom', keys: ['G', 'end'], description: 'Go to the end and follow it', contexts: ['task']},
	{action: 'cancel', keys: ['escape'], label: 'esc close', description: 'Close; a running push, pull or build asks first (y stops it; not with confirm.stopTask false); a log stops following', contexts: ['task']},
	{action: 'close', keys: ['enter', 'q'], description: 'Close once it has finished', contexts: ['task']},
	// The help is longer than a screen: it scrolls.
	{action: 'up', keys: ['up', 'k'], description: 'Scroll up', contexts: ['help']},
	{action: 'down', keys: ['down', 'j'], label: '↑↓ scroll', labelKeys: ['up', 'down'], description: 'Scroll down', contexts: ['help']},
	{action: 'pageUp', keys: ['pageup'], description: 'Page up', contexts: ['help']},
	{action: 'pageDown', keys: ['pagedown'], description: 'Page down', contexts: ['help']},
	{action: 'top', keys: ['g', 'home'], description: 'Go to the top', contexts: ['help']},
	{action: 'bottom', keys: ['G', 'end'], description: 'Go to the end', contexts: ['help']},
	{action: 'nextField', keys: ['tab', 'down'], label: 'tab next field', description: 'Next field', contexts: ['form']},
	{action: 'prevField', keys: ['shift+tab', 'up'], description: 'Previous field', contexts: ['form']},
	{action: 'toggle', keys: [' '], label: 'space toggle', description: 'Switch a yes/no field', contexts: ['form']},
	{action: 'submit', keys: ['enter'], label: 'enter submit', description: 'Check the fields and do it', contexts: ['form']},
	{action: 'lineEdit', keys: ['ctrl+u', 'ctrl+w', 'ctrl+k', 'ctrl+a', 'ctrl+e'], description: 'Edit the line: clear to start, word, to end; start, end', contexts: ['form', 'filter', 'filesSearch'], fixed: lineEditor},
	{action: 'cancel', keys: ['escape'], label: 'esc cancel', description: 'Cancel: nothing is changed', contexts: ['form', 'confirm', 'menu']},
	{action: 'menuMove', keys: ['up', 'down', 'j', 'k'], label: '↑↓ choose', description: 'Move through the menu', contexts: ['menu'], fixed: menuList},
	{action: 'menuPick', keys: ['enter'], label: 'enter pick', description: "Do it (a digit or the item's own key picks at once; any other key closes the menu)", contexts: ['menu'], fixed: menuList},
	// The Files tab (source/ui/files): a tree of the selected layer's changes.
	{action: 'toggleDir', keys: ['enter', ' '], label: 'enter open', description: 'Open or close the directory', contexts: ['files']},
	{action: 'expandDir', keys: ['right', 'l'], description: 'Open the directory (on an open one: go into it)', contexts: ['files']},
	{action: 'collapseDir', keys: ['left', 'h'], description: 'Close the directory (elsewhere: go to the parent)', contexts: ['files']},
	{action: 'expandAll', keys: ['e'], description: 'Open every directory', contexts: ['files']},
	{action: 'collapseAll', keys: ['c'], description: 'Close every directory', contexts: ['files']},
	{action: 'aggregate', keys: ['a'], label: 'a all', description: "Switch between the layer's changes and the whole filesystem at that layer", contexts: ['files']},
	{action: 'filesSort', keys: ['s'], label: 's sort', description: 'Sort by name or by size', contexts: ['files']},
	{action: 'changeFilter', keys: ['f'], label: 'f filter', description: 'Show all, added, modified or removed paths', contexts: ['files']},
	{action: 'search', keys: ['/'], label: '/ search', description: 'Search paths as you type: jumps to the first match', contexts: ['files']},
	{action: 'searchNext', keys: ['n'], description: 'Next match', contexts: ['files']},
	{action: 'searchPrev', keys: ['N'], description: 'Previous match', contexts: ['files']},
	{action: 'prevLayer', keys: ['['], description: 'Previous layer', contexts: ['files']},
	{action: 'nextLayer', keys: [']'], label: '[ ] layer', labelKeys: ['prevLayer', 'nextLayer'], description: 'Next layer', contexts: ['files']},
	{action: 'waste', keys: ['w'], label: 'w waste', description: 'Wasted space: the figures and the biggest wasted paths', contexts: ['files']},
	{action: 'extract', keys: ['x'], label: 'x extract', description: 'Extract the selected file from its layer into the current directory', contexts: ['files']},
	{action: 'retryRead', keys: ['r'], description: 'Read the image again (after a cancel or an error)', contexts: ['files']},
	{action: 'nextTab', keys: ['tab'], label: 'tab next', description: 'Next tab', contexts: ['files', 'filesLoading']},
	{action: 'prevTab', keys: ['shift+tab'], description: 'Previous tab', contexts: ['files', 'filesLoading']},
	{action: 'back', keys: ['escape', 'backspace'], label: 'esc back', description: 'Back to the image list', contexts: ['files']},
	{action: 'cancelRead', keys: ['escape'], label: 'esc cancel', description: 'Stop reading the image', contexts: ['filesLoading']},
	{action: 'searchAccept', keys: ['enter'], label: 'enter keep', description: 'Stay on the match (n / N: next, previous)', contexts: ['filesSearch']},
	{action: 'searchCancel', keys: ['escape'], label: 'esc cancel', description: 'Go back to where the search started', contexts: ['filesSearch']},
	{action: 'wasteShow', keys: ['enter'], label: 'enter show', description: 'Show the path in the layer that stored it', contexts: ['filesWaste']},
	{action: 'waste', keys: ['w', 'escape'], label: 'esc tree', description: 'Back to the tree', contexts: ['filesWaste']},
	{action: 'forceQuit', keys: ['ctrl+c'], description: 'Quit, from anywhere', contexts: 'all', fixed: 'Ctrl+C quits from anywhere, whatever the file says (bind "quit" for another key)'},
];

/**
 * The table with the user's keys in place of ours (action -> keys, from a
 * config file): every binding of an overridden action takes the new keys,
 * and a footer label that names a rebound action's key names its first new
 * one. Pure; a key bound twice in one context goes to the binding listed
 * first, as always.
 */
export function withOverrides(table: readonly Binding[], overrides: Partial<Record<Action, string[]>>): Binding[] {
	const rebound = (action: Action) => (overrides[action]?.length ? overrides[action] : undefined);
	// The first key of `action` where `binding` is (for a label naming two actions' keys).
	const firstKey = (action: Action, binding: Binding) =>
		rebound(action)?.[0] ?? (action === binding.action ? binding.keys[0] : table.find((other) => other.action === action && (other.contexts === 'all' || binding.contexts === 'all' || other.contexts.some((context) => binding.contexts.includes(context))))?.keys[0]);
	return table.map((binding) => {
		const keys = rebound(binding.action);
		const named = binding.labelKeys ?? [binding.action];
		const space = binding.label?.indexOf(' ') ?? -1;
		if (!binding.label || space <= 0 || !named.some(rebound)) return keys ? {...binding, keys: keys.slice()} : binding;
		const words = binding.labelKeys ? binding.label.slice(binding.label.lastIndexOf(' ') + 1) : binding.label.slice(space + 1);
		const shown = named.map((action) => keyLabel(firstKey(action, binding) ?? '?')).join('/');
		return {...binding, keys: keys ? keys.slice() : binding.keys, label: `${shown} ${words}`};
	});
}

/** The table in use: the defaults, or with the overrides given at start (useKeyOverrides). */
export let bindings: readonly Binding[] = defaultBindings;

/** Binds the user's keys for the rest of the run (call before the App starts). */
export function useKeyOverrides(overrides: Partial<Record<Action, string[]>>): void {
	bindings = withOverrides(defaultBindings, overrides);
}

function applies(binding: Binding, context: Context): boolean {
	return binding.contexts === 'all' || binding.contexts.includes(context);
}

/** The actions the source cannot do (reading an archive: those that need a daemon); the footer leaves them out. */
export function unavailable(can: (need: Capability) => boolean): ReadonlySet<Action> {
	return new Set(bindings.filter((binding) => binding.needs && !can(binding.needs)).map((binding) => binding.action));
}

/** What a binding needs of the source, for the key's refusal. */
export function needsOf(context: Context, action: Action): Capability | undefined {
	return bindings.find((binding) => binding.action === action && applies(binding, context))?.needs;
}

export function actionFor(context: Context, key: string): Action | undefined {
	return bindings.find((binding) => applies(binding, context) && binding.keys.includes(key))?.action;
}

/** The keys bound now (the user's, when overridden) to `action` in `context`. */
export function keysOf(context: Context, action: Action): string[] {
	return bindings.find((binding) => binding.action === action && applies(binding, context))?.keys ?? [];
}

/** The key a hint names for `action` in `context` (`m`, `esc`), as the footer writes it. */
export function keyHint(context: Context, action: Action): string {
	const key = keysOf(context, action)[0];
	return key === undefined ? '?' : keyLabel(key);
}

export function footerFor(context: Context): string[] {
	return bindings.filter((binding) => binding.label && applies(binding, context)).map((binding) => binding.label!);
}

/**
 * The footer's labels for a terminal `width` wide: all of them when they fit;
 * otherwise the most important (lowest `footer`, then table order) that fit,
 * in table order, with `? help` always last. Labels are one cell per
 * character (the arrows included).
 */
export function footerFitted(context: Context, width: number, hidden?: ReadonlySet<Action>): string[] {
	return footerItems(context, width, hidden).map((item) => item.label);
}

/** The footer's labels as footerFitted lays them out, each with the key it stands for (a click on it presses that key). */
export function footerItems(context: Context, width: number, hidden?: ReadonlySet<Action>): {label: string; key: string}[] {
	const items = bindings.map((binding, index) => ({binding, index})).filter(({binding}) => binding.label && applies(binding, context) && !hidden?.has(binding.action));
	const help = items.find(({binding}) => binding.action === 'help');
	const rest = items.filter((item) => item !== help);
	const size = (label: string) => [...label].length;
	let used = help ? size(help.binding.label!) : 0;
	const chosen = new Set<number>();
	for (const item of rest.slice().sort((a, b) => (a.binding.footer ?? 3) - (b.binding.footer ?? 3) || a.index - b.index)) {
		const cost = size(item.binding.label!) + (used > 0 ? 2 : 0);
		if (used + cost > width) continue;
		used += cost;
		chosen.add(item.index);
	}
	const shown = rest.filter((item) => chosen.has(item.index));
	return (help ? [...shown, help] : shown).map(({binding}) => ({label: binding.label!, key: binding.keys[0]}));
}

export function helpSections(): {context: Context; rows: {keys: string; description: string}[]}[] {
	const order: Context[] = [...listIds, 'container', 'layers', 'history', 'inspect', 'files', 'filesLoading', 'filesSearch', 'filesWaste', 'filter', 'format', 'form', 'confirm', 'menu', 'task'];
	return order.map((context) => ({
		context,
		rows: bindings
			.filter((binding) => binding.contexts !== 'all' && binding.contexts.includes(context))
			.map((binding) => ({keys: binding.keys.map(displayKey).join(' '), description: binding.description})),
	}));
}

/** How many lines the `?` help has (a title per section with rows, its rows, the Ctrl+C line). */
export function helpLineCount(): number {
	return helpSections().reduce((count, section) => count + (section.rows.length ? section.rows.length + 1 : 0), 1);
}

/** A key as the footer writes it: `t`, `enter`, `pgdn`. */
export function keyLabel(key: string): string {
	return key.length === 1 ? key : displayKey(key).toLowerCase();
}

export function displayKey(key: string): string {
	const names: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', backspace: 'Backspace', tab: 'Tab', 'shift+tab': 'Shift+Tab', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', 'ctrl+c': 'Ctrl+C', ' ': 'Space', 'ctrl+u': 'Ctrl+U', 'ctrl+w': 'Ctrl+W', 'ctrl+k': 'Ctrl+K', 'ctrl+a': 'Ctrl+A', 'ctrl+e': 'Ctrl+E'};
	// Any other Ctrl+letter (the config may bind one): as the named ones are written.
	return names[key] ?? (/^ctrl\+[a-z]$/.test(key) ? `Ctrl+${key.slice(5).toUpperCase()}` : key);
}

/** The subset of Ink's Key we read. */
export interface InkKey {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	meta?: boolean;
}

/** Ink's (input, key) as one name: `up`, `enter`, `ctrl+c`, `G`, `/`. */
export function keyName(input: string, key: InkKey): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	// Backspace arrives as DEL (key.delete) on most terminals.
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
	return input;
}

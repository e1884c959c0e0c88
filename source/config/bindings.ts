/**
 * Key bindings from the config file, checked against a bindings table the
 * caller gives (today's is ui/keymap.ts `bindings`; the function reads only
 * `action`, `keys` and `contexts`, so a rewritten keymap with those fields
 * is checked the same way). Pure.
 *
 * An override gives an action its keys in every context the table binds
 * that action in. It is an error when the action is unknown, a key is not a
 * key name imgscope can read, the list is empty, or, after every override is
 * applied, one key would do two different actions in one context (`all`
 * overlaps every context). Clashes are reported only where an override made
 * them: the table's own choices stand.
 */

export interface BindingRow {
	action: string;
	keys: readonly string[];
	contexts: readonly string[] | 'all';
	/** Why the action's keys cannot be changed (undefined: they can). */
	fixed?: string;
}

export interface KeyOverride<P = unknown> {
	action: string;
	/** As the user wrote them. */
	keys: string[];
	/** Where in the file (for messages); passed back in errors. */
	at?: P;
}

export interface KeyProblem<P = unknown> {
	action: string;
	message: string;
	at?: P;
}

/** The names a key has (as keymap.ts `keyName` makes them), and what else the file may call it. */
const named = ['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'shift+tab', 'backspace'];
const aliases: Record<string, string> = {
	esc: 'escape',
	return: 'enter',
	space: ' ',
	pgup: 'pageup',
	pgdn: 'pagedown',
	'page up': 'pageup',
	'page down': 'pagedown',
	backtab: 'shift+tab',
	'↑': 'up',
	'↓': 'down',
	'←': 'left',
	'→': 'right',
};

/** The key's name as the keymap has it, or undefined when imgscope cannot read such a key. */
export function normalizeKey(text: string): string | undefined {
	if ([...text].length === 1) {
		const code = text.codePointAt(0)!;
		// One printable character, case kept: `G` is not `g`.
		if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return undefined;
		return aliases[text] ?? text;
	}
	const lower = text.trim().toLowerCase();
	if (named.includes(lower)) return lower;
	if (lower in aliases) return aliases[lower];
	// Ctrl with a letter: what a terminal sends as one control byte (Ctrl+Z suspends, Ctrl+M is Enter, Ctrl+I Tab, Ctrl+[ Esc).
	const ctrl = /^(?:ctrl|control|c)[+-]([a-z])$/.exec(lower);
	if (ctrl && !['i', 'm', 'z'].includes(ctrl[1])) return `ctrl+${ctrl[1]}`;
	return undefined;
}

function overlaps(a: BindingRow['contexts'], b: BindingRow['contexts']): string[] {
	if (a === 'all' && b === 'all') return ['every context'];
	if (a === 'all') return [...(b as readonly string[])];
	if (b === 'all') return [...a];
	return a.filter((context) => b.includes(context));
}

/**
 * The table with the overrides applied (rows copied, never changed in
 * place), or the problems; `shownKey` words a key for a message.
 */
export function applyKeyOverrides<T extends BindingRow, P>(
	table: readonly T[],
	overrides: KeyOverride<P>[],
	options: {shownKey?: (key: string) => string; typing?: Record<string, string>} = {},
): {table: T[]; problems: KeyProblem<P>[]} {
	const shownKey = options.shownKey ?? ((key: string) => JSON.stringify(key));
	const typing = options.typing ?? {};
	const problems: KeyProblem<P>[] = [];
	const known = new Set(table.map((row) => row.action));
	const wanted = new Map<string, {keys: string[]; at?: P}>();
	for (const override of overrides) {
		if (!known.has(override.action)) {
			const near = [...known].filter((action) => action.toLowerCase() === override.action.toLowerCase() || action.startsWith(override.action.slice(0, 4)));
			problems.push({action: override.action, at: override.at, message: `unknown action ${JSON.stringify(override.action)}${near.length ? ` (did you mean ${near.slice(0, 3).map((name) => JSON.stringify(name)).join(', ')}?)` : ''}; 'imgscope config' lists them`});
			continue;
		}
		const fixed = table.find((row) => row.action === override.action && row.fixed)?.fixed;
		if (fixed) {
			problems.push({action: override.action, at: override.at, message: `cannot be rebound: ${fixed}`});
			continue;
		}
		if (override.keys.length === 0) {
			problems.push({action: override.action, at: override.at, message: 'needs at least one key'});
			continue;
		}
		const keys: string[] = [];
		for (const key of override.keys) {
			const name = normalizeKey(key);
			if (name === undefined) problems.push({action: override.action, at: override.at, message: `${JSON.stringify(key)} is not a key imgscope can read (one character, a name such as enter, escape, tab, up, pagedown, home, or ctrl+LETTER)`});
			else if (keys.includes(name)) problems.push({action: override.action, at: override.at, message: `${shownKey(name)} is given twice`});
			else keys.push(name);
		}
		// A printable key where text is typed (or a choice is a letter): it would never reach the action.
		for (const key of keys) {
			if ([...key].length !== 1) continue;
			const typed = new Set<string>();
			for (const row of table) {
				if (row.action !== override.action || row.contexts === 'all' || row.keys.includes(key)) continue;
				for (const context of row.contexts) if (context in typing) typed.add(typing[context]);
			}
			if (typed.size) problems.push({action: override.action, at: override.at, message: `${shownKey(key)} would be typed in ${[...typed].join(', ')} instead: there, use a named key (enter, escape, tab, up…) or ctrl+LETTER`});
		}
		wanted.set(override.action, {keys, at: override.at});
	}
	if (problems.length) return {table: [...table], problems};
	const result = table.map((row) => (wanted.has(row.action) ? {...row, keys: wanted.get(row.action)!.keys} : row));
	// One key, two actions, one context: the first in the table would win and the other never run.
	// A list's rows are generated per list, so one clash is found once per list: it is reported once, naming them all.
	const clashes = new Map<string, {action: string; at?: P; key: string; other: string; where: string[]}>();
	for (let i = 0; i < result.length; i++) {
		for (let j = i + 1; j < result.length; j++) {
			const a = result[i];
			const b = result[j];
			if (a.action === b.action || (!wanted.has(a.action) && !wanted.has(b.action))) continue;
			const shared = a.keys.filter((key) => b.keys.includes(key));
			if (!shared.length) continue;
			const where = overlaps(a.contexts, b.contexts);
			if (!where.length) continue;
			const mine = wanted.has(a.action) ? a : b;
			const other = mine === a ? b : a;
			const id = JSON.stringify([mine.action, shared[0], other.action]);
			const clash = clashes.get(id) ?? {action: mine.action, at: wanted.get(mine.action)!.at, key: shared[0], other: other.action, where: []};
			for (const context of where) if (!clash.where.includes(context)) clash.where.push(context);
			clashes.set(id, clash);
		}
	}
	for (const clash of clashes.values()) problems.push({action: clash.action, at: clash.at, message: `${shownKey(clash.key)} is also bound to ${JSON.stringify(clash.other)} in ${clash.where.join(', ')}`});
	return problems.length ? {table: [...table], problems} : {table: result, problems};
}

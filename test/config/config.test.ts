/**
 * The config core (source/config): the JSON reader's positions, the schema
 * (each kind of invalid value names the file, line, column and key), the
 * provenance of every value (default, file:line, environment, flag), the
 * key validator against today's keymap table (ui/keymap.ts), and the
 * colours against chalk itself (what Ink draws with).
 */
import {readFileSync} from 'node:fs';
import {Chalk} from 'chalk';
import {describe, expect, it} from 'vitest';
import {applyKeyOverrides, normalizeKey} from '../../source/config/bindings.js';
import {parseColor, sgr, type ColorLevel} from '../../source/config/colors.js';
import {explorerSettings} from '../../source/config/explorer.js';
import {JsonError, parseJson} from '../../source/config/json.js';
import {configPath} from '../../source/config/load.js';
import {configRows, resolveConfig, sourceText} from '../../source/config/schema.js';
import {colorLevel, utf8Locale} from '../../source/config/terminal.js';
import {bindings, typingContexts} from '../../source/ui/keymap.js';

const typing = typingContexts as Record<string, string>;
import {themeDefaults} from '../../source/ui/theme.js';

const path = '/home/u/.config/imgscope/config.json';
const utf8 = {LANG: 'C.UTF-8', TERM: 'xterm'};
const resolve = (text: string | undefined, env: Record<string, string> = utf8, flags = {}) => resolveConfig({path, text, env, flags, bindings, typing, theme: themeDefaults});
const error = (text: string, env?: Record<string, string>) => {
	try {
		resolve(text, env);
	} catch (caught) {
		return (caught as Error).message;
	}
	throw new Error(`no error for ${text}`);
};

describe('the JSON reader', () => {
	it('gives line and column for bad JSON, and refuses what JSON.parse would let through silently', () => {
		const at = (text: string) => {
			try {
				parseJson(text);
			} catch (caught) {
				const e = caught as JsonError;
				return `${e.at.line}:${e.at.column} ${e.message}`;
			}
			return 'ok';
		};
		expect(at('{\n  "sort": "size",\n}\n')).toBe('3:1 a comma before } (trailing commas are not JSON)');
		expect(at('{\n  "sort" "size"\n}')).toBe('2:10 expected \':\' after the key "sort", found "\\""');
		expect(at('{"a": 1, "a": 2}')).toBe('1:10 the key "a" is given twice');
		expect(at('{\n  // note\n}')).toBe('2:3 comments are not JSON');
		expect(at('{"a": "x\n"}')).toBe('1:7 a string that is not closed');
		expect(at('{"a": tru}')).toBe('1:7 expected a value, found "t"');
		expect(at('{"a": 1} x')).toBe('1:10 more after the end of the JSON value: "x"');
		expect(at('')).toBe('1:1 expected a value, found the end of the file');
		expect(at('\uFEFF{"a": [1, -2.5e3, true, null, "\\u00e9\\n"]}')).toBe('ok');
		const node = parseJson('{"a": [1, -2.5e3, "\\u00e9"]}');
		expect(node.kind === 'object' && node.entries[0].value.kind === 'array' && node.entries[0].value.items.map((item) => ('value' in item ? item.value : null))).toEqual([1, -2500, 'é']);
	});
});

describe('the effective config', () => {
	it('no file: every value is a default, the locale decides ascii', () => {
		const config = resolve(undefined);
		expect(config.found).toBe(false);
		expect(config.sort).toEqual({value: 'created', from: {kind: 'default'}});
		expect(config.mouse.value).toBe(true);
		expect(config.confirm.removeImage.value).toBe(true);
		expect(config.ascii).toEqual({value: false, from: {kind: 'environment', because: 'LANG=C.UTF-8'}});
		expect(config.theme.title).toEqual({value: 'cyan', from: {kind: 'default'}});
		expect(config.keys.quit).toEqual({value: ['q'], from: {kind: 'default'}});
		// An action bound in several contexts shows every key it has.
		expect(config.keys.back.value).toEqual(['escape', 'backspace', 'q']);
		expect(config.bindings).toEqual(bindings);
	});

	it('a full file: each value with its line; flags and the environment where they decide', () => {
		const text = `{
  "keys": {"sort": "v", "quit": ["q", "Ctrl+Q"], "filter": "|"},
  "theme": {"title": "#FF8700", "header": "color(33)", "dim": "brightBlack", "error": "none", "key": "#0f0"},
  "sort": "size",
  "mouse": false,
  "confirm": {"removeContainer": false},
  "ascii": "auto"
}
`;
		const config = resolve(text, {LANG: 'C', COLORTERM: '24bit'}, {ascii: true});
		expect(config.sort).toEqual({value: 'size', from: {kind: 'file', path, at: {line: 4, column: 11}}});
		expect(sourceText(config.sort.from)).toBe(`${path}:4`);
		expect(config.mouse.value).toBe(false);
		expect(config.confirm.removeContainer.value).toBe(false);
		expect(config.confirm.removeImage.value).toBe(true);
		expect(config.keys.quit.value).toEqual(['q', 'ctrl+q']);
		expect(config.keys.filter.value).toEqual(["|"]);
		expect(config.theme.title.value).toBe('#ff8700');
		expect(config.theme.header.value).toBe('ansi256(33)');
		expect(config.theme.dim.value).toBe('blackBright');
		expect(config.theme.error.value).toBeUndefined();
		expect(config.theme.key.value).toBe('#00ff00');
		expect(config.ascii).toEqual({value: true, from: {kind: 'flag', flag: '--ascii'}});
		expect(config.colorLevel).toEqual({value: 3, from: {kind: 'environment', because: 'COLORTERM=24bit'}});
		// The rebound table: sort's binding has its new key, nothing else moved.
		expect(config.bindings.find((row) => row.action === 'sort')!.keys).toEqual(['v']);
		expect(config.bindings.filter((row) => row.action !== 'sort' && row.action !== 'quit' && row.action !== 'filter')).toEqual(bindings.filter((row) => row.action !== 'sort' && row.action !== 'quit' && row.action !== 'filter'));
		const rows = configRows(config);
		expect(rows).toContainEqual(['theme.title', '#ff8700', `${path}:3`]);
		expect(rows).toContainEqual(['theme.header', 'color(33)', `${path}:3`]);
		expect(rows).toContainEqual(['theme.dim', 'brightBlack', `${path}:3`]);
		expect(rows).toContainEqual(['ascii', 'true', 'flag --ascii']);
		expect(rows).toContainEqual(['colors', 'truecolor', 'environment (COLORTERM=24bit)']);
		const settings = explorerSettings(config);
		expect(settings.rebound.sort()).toEqual(['filter', 'quit', 'sort']);
		// What the keymap's useKeyOverrides is given: the rebound actions only, in the keymap's key names.
		expect(settings.keys).toEqual({sort: ['v'], quit: ['q', 'ctrl+q'], filter: ['|']});
		expect(settings.screen).toEqual({alternate: true, ascii: true});
		expect(settings.confirm).toEqual({removeImage: true, removeContainer: false, stopTask: true});
	});

	it('the environment: a C locale means ASCII unless the file says otherwise; NO_COLOR and TERM=dumb drop the colours; TERM=dumb has no alternate screen', () => {
		expect(resolve(undefined, {LC_ALL: 'POSIX', LANG: 'en_US.UTF-8'}).ascii).toEqual({value: true, from: {kind: 'environment', because: 'LC_ALL=POSIX'}});
		expect(resolve(undefined, {}).ascii.value).toBe(true);
		expect(resolve('{"ascii": false}', {LANG: 'C'}).ascii.value).toBe(false);
		expect(resolve('{"ascii": true}').ascii.value).toBe(true);
		const noColour = resolve('{"theme": {"title": "red"}}', {...utf8, NO_COLOR: '1'});
		expect(noColour.theme.title).toEqual({value: undefined, from: {kind: 'environment', because: 'NO_COLOR is set'}});
		expect(noColour.colorLevel.value).toBe(1);
		const dumb = resolve(undefined, {LANG: 'C.UTF-8', TERM: 'dumb'});
		expect(dumb.alternateScreen).toEqual({value: false, from: {kind: 'environment', because: 'TERM=dumb'}});
		expect(dumb.theme.accent.value).toBeUndefined();
		expect(dumb.colorLevel.value).toBe(0);
	});

	it('each kind of invalid file: the file, line, column and key, and what is wrong', () => {
		expect(error('{\n  "sort": "size",\n}')).toBe(`${path}:3:1: invalid JSON: a comma before } (trailing commas are not JSON)`);
		expect(error('[1]')).toBe(`${path}:1:1: (top): the config must be a JSON object: {"keys": {...}, "theme": {...}, ...}`);
		expect(error('{"colour": {}}')).toBe(`${path}:1:2: colour: unknown setting (known: keys, theme, sort, mouse, confirm, ascii, cache)`);
		expect(error('{"keys": {"srot": "o"}}')).toMatch(new RegExp(`^${path}:1:11: keys.srot: unknown action "srot"`));
		expect(error('{"keys": {"Sort": "o"}}')).toContain('(did you mean "sort"');
		expect(error('{"keys": {"sort": "F1"}}')).toBe(`${path}:1:11: keys.sort: "F1" is not a key imgscope can read (one character, a name such as enter, escape, tab, up, pagedown, home, or ctrl+LETTER)`);
		expect(error('{"keys": {"sort": "ctrl+z"}}')).toContain('"ctrl+z" is not a key imgscope can read');
		expect(error('{"keys": {"sort": []}}')).toBe(`${path}:1:11: keys.sort: needs at least one key`);
		expect(error('{"keys": {"sort": ["o", "o"]}}')).toBe(`${path}:1:11: keys.sort: "o" is given twice`);
		expect(error('{"keys": {"sort": 5}}')).toBe(`${path}:1:19: keys.sort: must be a key ("q") or a list of keys (["q", "ctrl+q"])`);
		expect(error('{"keys": {"sort": "q"}}')).toBe(`${path}:1:11: keys.sort: "q" is also bound to "quit" in images, containers, volumes, disk, engines, tags`);
		// Keys read by something other than the table: refused, with the reason.
		expect(error('{"keys": {"menuMove": "w"}}')).toBe(`${path}:1:11: keys.menuMove: cannot be rebound: a menu's list reads its own keys (↑↓ j k, Enter, a digit)`);
		expect(error('{"keys": {"forceQuit": "ctrl+q"}}')).toBe(`${path}:1:11: keys.forceQuit: cannot be rebound: Ctrl+C quits from anywhere, whatever the file says (bind "quit" for another key)`);
		// A printable key where text is typed or a letter is a choice: it would never reach the action.
		expect(error('{"keys": {"submit": "s"}}')).toBe(`${path}:1:11: keys.submit: "s" would be typed in a form's text fields instead: there, use a named key (enter, escape, tab, up…) or ctrl+LETTER`);
		expect(error('{"keys": {"filterClear": "c"}}')).toContain('keys.filterClear: "c" would be typed in the filter box instead');
		expect(error('{"keys": {"cancel": "n"}}')).toContain(`"n" would be typed in a form's text fields, a confirmation (its choices are letters), a menu (its items' keys) instead`);
		expect(resolve('{"keys": {"submit": "ctrl+s", "cancel": ["escape", "ctrl+g"]}}').keys.submit.value).toEqual(['ctrl+s']);
		expect(error('{"keys": {"sort": "ctrl+c"}}')).toBe(`${path}:1:11: keys.sort: "ctrl+c" is also bound to "forceQuit" in images, containers, volumes, disk, engines, tags`);
		expect(error('{"theme": {"titel": "red"}}')).toMatch(new RegExp(`^${path}:1:12: theme.titel: unknown theme colour \\(known: title, header,`));
		expect(error('{"theme": {"title": "orange"}}')).toBe(`${path}:1:21: theme.title: "orange" is not a colour: use a name (red, brightBlue, gray), color(0-255), #rrggbb, or none`);
		expect(error('{"theme": {"title": "color(300)"}}')).toBe(`${path}:1:21: theme.title: color(300) is out of range: the palette has colours 0 to 255`);
		expect(error('{"theme": {"title": 3}}')).toBe(`${path}:1:21: theme.title: must be a string: a name, color(N) or #rrggbb`);
		expect(error('{"sort": "age"}')).toBe(`${path}:1:10: sort: must be one of "created", "size", "name"`);
		expect(error('{"mouse": "off"}')).toBe(`${path}:1:11: mouse: must be true or false`);
		expect(error('{"confirm": {"removeAll": false}}')).toBe(`${path}:1:14: confirm.removeAll: unknown confirmation (known: removeImage, removeContainer, stopTask)`);
		expect(error('{"confirm": []}')).toBe(`${path}:1:13: confirm: must be an object`);
		expect(error('{"ascii": "yes"}')).toBe(`${path}:1:11: ascii: must be true, false or "auto" (from the locale)`);
	});

	it('two rebinds that swap keys are fine; every problem is listed', () => {
		const swapped = resolve('{"keys": {"sort": "/", "filter": "s"}}');
		expect(swapped.keys.sort.value).toEqual(['/']);
		expect(swapped.keys.filter.value).toEqual(['s']);
		expect(error('{"keys": {"nope": "x", "sort": "F1"}}').split('\n')).toHaveLength(2);
	});

	it("the README's example file is valid and means what the README says", () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const section = readme.slice(readme.indexOf('## Configuration'));
		const example = /```json\n([\s\S]*?)```/.exec(section)![1];
		const config = resolve(example);
		expect(config.keys.sort.value).toEqual(['v']);
		expect(config.keys.removeImage.value).toEqual(['D']);
		expect(config.mouse.value).toBe(false);
		expect(config.confirm.removeContainer.value).toBe(false);
	});

	it('the path: XDG_CONFIG_HOME when absolute, else ~/.config', () => {
		expect(configPath({XDG_CONFIG_HOME: '/x/conf', HOME: '/home/u'})).toBe('/x/conf/imgscope/config.json');
		expect(configPath({XDG_CONFIG_HOME: 'relative', HOME: '/home/u'})).toBe('/home/u/.config/imgscope/config.json');
		expect(configPath({HOME: '/home/u'})).toBe('/home/u/.config/imgscope/config.json');
	});
});

describe('the key validator against the keymap table', () => {
	it("today's table (source/ui/keymap.ts) has no clash and passes unchanged", () => {
		const result = applyKeyOverrides(bindings, []);
		expect(result.problems).toEqual([]);
		expect(result.table).toEqual(bindings);
		// Each of its keys is a name the validator reads as itself.
		for (const row of bindings) for (const key of row.keys) expect(normalizeKey(key), key).toBe(key);
	});

	it('rebinding every action to its own keys changes nothing; moving one onto another in a shared context is a clash', () => {
		const all = [...new Set(bindings.map((row) => row.action))].map((action) => ({action, keys: bindings.find((row) => row.action === action)!.keys.slice()}));
		// Actions whose rows have different keys per context get their first row's keys everywhere: clashes, if any, are real ones.
		const uniform = all.filter(({action}) => new Set(bindings.filter((row) => row.action === action).map((row) => row.keys.join(' '))).size === 1);
		// The fixed ones (their keys are read elsewhere: the menu's list, the line editor, Ctrl+C) are refused even so.
		const fixed = new Set(bindings.filter((row) => row.fixed).map((row) => row.action));
		expect([...fixed].sort()).toEqual(['forceQuit', 'lineEdit', 'menuMove', 'menuPick']);
		expect(applyKeyOverrides(bindings, uniform.filter(({action}) => !fixed.has(action)), {typing}).problems).toEqual([]);
		expect(applyKeyOverrides(bindings, uniform.filter(({action}) => fixed.has(action))).problems.map((p) => p.action).sort()).toEqual(['forceQuit', 'menuMove', 'menuPick']);
		const clash = applyKeyOverrides(bindings, [{action: 'waste', keys: ['x']}]);
		expect(clash.problems.map((p) => p.message)).toEqual(['"x" is also bound to "extract" in files']);
		expect(clash.table).toEqual(bindings);
		// A key of another context is free: `w` shows the waste in Files and `e` opens every directory there; in Containers they can stop a container and show its logs.
		expect(applyKeyOverrides(bindings, [{action: 'stop', keys: ['w']}, {action: 'logs', keys: ['e']}]).problems).toEqual([]);
		// A clash in every list is one problem that names them all.
		expect(applyKeyOverrides(bindings, [{action: 'menu', keys: ['q']}]).problems.map((p) => p.message)).toEqual(['"q" is also bound to "quit" in images, containers, volumes, disk, engines, tags']);
	});

	it('works on any table with action, keys and contexts (the keymap being rewritten)', () => {
		const table = [
			{action: 'a', keys: ['x'], contexts: ['one']},
			{action: 'b', keys: ['y'], contexts: ['one', 'two']},
			{action: 'c', keys: ['z'], contexts: 'all' as const},
		];
		expect(applyKeyOverrides(table, [{action: 'a', keys: ['y']}]).problems[0].message).toBe('"y" is also bound to "b" in one');
		expect(applyKeyOverrides(table, [{action: 'a', keys: ['z']}]).problems[0].message).toBe('"z" is also bound to "c" in one');
		expect(applyKeyOverrides(table, [{action: 'a', keys: ['Space', 'PgDn', 'Esc', '→']}]).table[0].keys).toEqual([' ', 'pagedown', 'escape', 'right']);
	});
});

describe('colours', () => {
	it('the syntax', () => {
		expect(parseColor('red')).toBe('red');
		expect(parseColor('grey')).toBe('grey');
		expect(parseColor('brightCyan')).toBe('cyanBright');
		expect(parseColor('cyanBright')).toBe('cyanBright');
		expect(parseColor('color(208)')).toBe('ansi256(208)');
		expect(parseColor('#ABCDEF')).toBe('#abcdef');
		expect(parseColor('#abc')).toBe('#aabbcc');
		expect(parseColor('none')).toBeUndefined();
		for (const bad of ['orange', 'color(256)', '#abcd', 'rgb(1,2,3)', '']) expect(() => parseColor(bad), bad).toThrow();
	});

	it("the first frame's escapes are chalk's at every level (so it matches Ink's frame)", () => {
		const samples = ['red', 'gray', 'cyanBright', 'ansi256(0)', 'ansi256(9)', 'ansi256(208)', 'ansi256(244)', '#ff8700', '#000000', '#ffffff', '#808080', '#123456', '#00ff00'];
		for (const level of [1, 2, 3] as ColorLevel[]) {
			const chalk = new Chalk({level});
			for (const ink of samples) {
				const styled = ink.startsWith('#') ? chalk.hex(ink)('x') : ink.startsWith('ansi256') ? chalk.ansi256(Number(/\((\d+)\)/.exec(ink)![1]))('x') : (chalk as unknown as Record<string, (s: string) => string>)[ink]('x');
				expect(`${sgr(ink, level)}x\x1b[39m`, `${ink} at level ${level}`).toBe(styled);
			}
		}
		expect(sgr('#ff8700', 0)).toBe('');
	});

	it('the level and the locale from the environment', () => {
		expect(colorLevel({COLORTERM: 'truecolor'}).value).toBe(3);
		expect(colorLevel({COLORTERM: '24bit', TERM: 'xterm'}).value).toBe(3);
		expect(colorLevel({TERM: 'xterm-256color'}).value).toBe(2);
		expect(colorLevel({TERM: 'xterm'}).value).toBe(1);
		expect(colorLevel({TERM: 'dumb', COLORTERM: 'truecolor'}).value).toBe(0);
		expect(colorLevel({FORCE_COLOR: '0', COLORTERM: 'truecolor'}).value).toBe(0);
		expect(colorLevel({FORCE_COLOR: '2'}).value).toBe(2);
		expect(utf8Locale({LANG: 'en_US.utf8'}).value).toBe(true);
		expect(utf8Locale({LC_CTYPE: 'C', LANG: 'en_US.UTF-8'}).value).toBe(false);
		expect(utf8Locale({LC_ALL: '', LANG: 'de_DE.UTF-8'}).value).toBe(true);
	});
});

describe('cache.limit', () => {
	it('reads bytes or a size as docker --memory does, shows it and where it came from', () => {
		expect(resolve(undefined).cacheLimit).toEqual({value: 2 * 1024 ** 3, from: {kind: 'default'}});
		expect(resolve('{"cache": {"limit": "5GiB"}}').cacheLimit.value).toBe(5 * 1024 ** 3);
		expect(resolve('{"cache": {"limit": "512m"}}').cacheLimit.value).toBe(512 * 1024 ** 2);
		expect(resolve('{"cache": {"limit": 1073741824}}').cacheLimit.value).toBe(1024 ** 3);
		const rows = configRows(resolve('{\n  "cache": {"limit": "3g"}\n}'));
		expect(rows.find(([setting]) => setting === 'cache.limit')).toEqual(['cache.limit', '3GiB', `${path}:2`]);
		expect(configRows(resolve(undefined)).find(([setting]) => setting === 'cache.limit')).toEqual(['cache.limit', '2GiB', 'default']);
	});

	it('refuses what is not a size of at least 1MiB, naming the line, column and key', () => {
		expect(error('{"cache": {"limit": "lots"}}')).toBe(`${path}:1:21: cache.limit: must be a size of at least 1MiB: bytes (1073741824) or a string as docker's --memory reads it ("512m", "2g", "2GiB")`);
		expect(error('{"cache": {"limit": 100}}')).toMatch(/:1:21: cache\.limit: must be a size of at least 1MiB/);
		expect(error('{"cache": {"limit": -5}}')).toMatch(/cache\.limit: must be a size/);
		expect(error('{"cache": {"limit": 1500000000.5}}')).toMatch(/cache\.limit: must be a size/);
		expect(error('{"cache": {"size": "1g"}}')).toBe(`${path}:1:12: cache.size: unknown cache setting (known: limit)`);
		expect(error('{"cache": "1g"}')).toBe(`${path}:1:11: cache: must be an object: {"limit": "2GiB"}`);
	});
});

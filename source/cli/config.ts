/**
 * `imgscope config [--path] [--json]`: the effective config, each value with
 * where it came from (default, the file and line, the environment, a flag),
 * and the file's path. A bad file is reported as the explorer reports it at
 * start (exit 2), so this doubles as a check of the file.
 */
import {writeAll} from '../docker/host.js';
import {bindings, typingContexts} from '../ui/keymap.js';
import {themeDefaults} from '../ui/theme.js';
import {explorerSettings, type ExplorerSettings} from '../config/explorer.js';
import {configPath, loadConfig} from '../config/load.js';
import {ConfigError, configRows, type EffectiveConfig} from '../config/schema.js';
import {CommandError, type Command} from './command.js';
import {renderTable} from './text-table.js';

/** A key as the config file writes it. */
const fileKey = (key: string) => (key === ' ' ? 'space' : key);

/** The effective config for the explorer: the keymap and theme defaults, the file, the environment, the flags; a bad file is exit 2. */
export function effectiveConfig(flags: {ascii?: boolean} = {}): EffectiveConfig<(typeof bindings)[number]> {
	try {
		return loadConfig({bindings, typing: typingContexts as Record<string, string>, theme: themeDefaults, flags});
	} catch (error) {
		if (error instanceof ConfigError) throw new CommandError(`imgscope: ${error.message}`, 2);
		throw error;
	}
}

const config: Command = {
	name: 'config',
	summary: 'Show the effective config and where each value came from',
	usage: 'imgscope config [--path] [--json]',
	flags: [
		{name: 'path', type: 'bool', help: "Print the config file's path (whether or not it exists)"},
		{name: 'json', type: 'bool', help: 'Print a JSON document: path, found, and each setting with its value and source'},
	],
	maxArgs: 0,
	async run(context, parsed) {
		if (parsed.flags.path) {
			await writeAll(context.stdout, `${configPath()}\n`);
			return 0;
		}
		const effective = effectiveConfig({ascii: parsed.flags.ascii === true});
		const rows = configRows(effective, fileKey);
		if (parsed.flags.json) {
			const settings = rows.map(([setting, value, from]) => ({setting, value, from}));
			await writeAll(context.stdout, `${JSON.stringify({path: effective.path, found: effective.found, settings}, null, 2)}\n`);
			return 0;
		}
		const head = `config file: ${effective.path}${effective.found ? '' : ' (none: the defaults apply)'}\n`;
		await writeAll(context.stdout, head + renderTable(['SETTING', 'VALUE', 'FROM'], rows));
		return 0;
	},
};

export default config;

/**
 * The explorer's settings, before anything is drawn (a bad file: exit 2, the
 * terminal untouched). Chalk, which Ink draws with, reads its colour level
 * from FORCE_COLOR when it loads: set here to the level config/terminal.ts
 * found, so Ink and the first frame agree, COLORTERM=24bit counts as
 * truecolor, and a TUI drawn on /dev/tty while stdout is piped has colours
 * (unless NO_COLOR is in the environment).
 */
export function startExplorerSettings(flags: {ascii?: boolean}): ExplorerSettings<(typeof bindings)[number]> {
	const settings = explorerSettings(effectiveConfig(flags));
	// An empty NO_COLOR means nothing (no-color.org). A set one and FORCE_COLOR make node warn on stderr: then chalk finds its own level.
	if (process.env.NO_COLOR === '') delete process.env.NO_COLOR;
	if (!('NO_COLOR' in process.env)) process.env.FORCE_COLOR = String(settings.colorLevel);
	// FORCE_COLOR is only chalk's floor: TERM=xterm still gives 16 colours. COLORTERM=truecolor is what it reads for 24-bit.
	if (settings.colorLevel === 3) process.env.COLORTERM = 'truecolor';
	return settings;
}

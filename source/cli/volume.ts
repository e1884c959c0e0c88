/**
 * `imgscope volume COMMAND`: docker's volume commands (ls, inspect, create,
 * rm, prune) with docker's bytes, plus export and import for scripts. Each
 * subcommand is its own module, loaded when named.
 */
import {UsageError} from './args.js';
import type {Command} from './command.js';

const subcommands: {name: string; aliases?: string[]; summary: string; load(): Promise<Command>}[] = [
	{name: 'ls', aliases: ['list'], summary: 'List volumes', load: async () => (await import('./volume-ls.js')).default},
	{name: 'inspect', summary: 'Display detailed information on one or more volumes', load: async () => (await import('./volume-inspect.js')).default},
	{name: 'create', summary: 'Create a volume', load: async () => (await import('./volume-create.js')).default},
	{name: 'rm', aliases: ['remove'], summary: 'Remove one or more volumes', load: async () => (await import('./volume-rm.js')).default},
	{name: 'prune', summary: 'Remove unused local volumes', load: async () => (await import('./volume-prune.js')).default},
	{name: 'export', summary: 'Write a volume\'s files to a .tar or .tar.gz', load: async () => (await import('./volume-export.js')).default},
	{name: 'import', summary: 'Fill a new or empty volume from a tar', load: async () => (await import('./volume-import.js')).default},
];

function usage(): string {
	const width = Math.max(...subcommands.map(s => s.name.length));
	return ['Usage:  imgscope volume COMMAND', '', 'Manage volumes', '', 'Commands:', ...subcommands.map(s => `  ${s.name.padEnd(width)}   ${s.summary}`), '', "Run 'imgscope volume COMMAND --help' for more on a command."].join('\n');
}

const volume: Command = {
	name: 'volume',
	summary: 'Manage volumes (docker volume), export and import them',
	usage: 'imgscope volume COMMAND',
	flags: [],
	async subcommand(argv) {
		const [name, ...rest] = argv;
		if (name === undefined || name === '--help' || name === '-h' || name === 'help') return {command: help, rest: []};
		const entry = subcommands.find(s => s.name === name || s.aliases?.includes(name));
		if (!entry) throw new UsageError(`unknown command "${name}" for "imgscope volume"`, 'volume');
		return {command: await entry.load(), rest};
	},
	async run() {
		return 0;
	},
};

const help: Command = {
	name: 'volume',
	summary: volume.summary,
	usage: volume.usage,
	flags: [],
	async run(context) {
		context.stdout.write(`${usage()}\n`);
		return 0;
	},
};

export default volume;

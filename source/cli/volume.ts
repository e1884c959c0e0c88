/**
 * `imgscope volume COMMAND`: docker's volume commands (ls, inspect, create,
 * rm, prune) with docker's bytes, plus export and import for scripts.
 */
import type {Command} from './command.js';
import {CommandError} from './command.js';
import create from './volume-create.js';
import exportVolume from './volume-export.js';
import importVolume from './volume-import.js';
import inspect from './volume-inspect.js';
import ls from './volume-ls.js';
import prune from './volume-prune.js';
import rm from './volume-rm.js';

const group: Command = {
	name: 'volume',
	summary: 'Manage volumes (docker volume), export and import them',
	usage: 'imgscope volume COMMAND',
	flags: [],
	async run() {
		throw new CommandError("imgscope: 'imgscope volume' requires a subcommand: ls, inspect, create, rm, prune, export, import", 1);
	},
	subcommands: [
		{...ls, name: 'ls', aliases: ['list']},
		{...inspect, name: 'inspect'},
		{...create, name: 'create'},
		{...rm, name: 'rm', aliases: ['remove']},
		{...prune, name: 'prune'},
		{...exportVolume, name: 'export'},
		{...importVolume, name: 'import'},
	],
};

export default group;

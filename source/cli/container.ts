/** `imgscope container ls|list|ps|inspect`: docker's `container` commands that imgscope has. */
import type {Command} from './command.js';
import {CommandError} from './command.js';
import inspect from './container-inspect.js';
import ps from './ps.js';
import {containerPrune} from './prune.js';

const group: Command = {
	name: 'container',
	summary: 'Containers: ls (list, ps), inspect, prune',
	usage: 'imgscope container COMMAND',
	flags: [],
	async run() {
		throw new CommandError("imgscope: 'imgscope container' requires a subcommand: ls, inspect, prune", 1);
	},
	subcommands: [{...ps, name: 'ls', aliases: ['list', 'ps'], usage: 'imgscope container ls [OPTIONS]'}, inspect, containerPrune],
};

export default group;

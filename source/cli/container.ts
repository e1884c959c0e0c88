/** `imgscope container ls|list|ps|inspect`: docker's `container` commands that imgscope has. */
import type {Command} from './command.js';
import {CommandError} from './command.js';
import inspect from './container-inspect.js';
import ps from './ps.js';

const group: Command = {
	name: 'container',
	summary: 'Containers: ls (list, ps), inspect',
	usage: 'imgscope container COMMAND',
	flags: [],
	async run() {
		throw new CommandError("imgscope: 'imgscope container' requires a subcommand: ls, inspect", 1);
	},
	subcommands: [{...ps, name: 'ls', aliases: ['list', 'ps'], usage: 'imgscope container ls [OPTIONS]'}, inspect],
};

export default group;

/**
 * `imgscope completion bash|zsh|fish`: the script, made from the command
 * table (completion-scripts.ts), which the context hands in: this command is
 * on the list the table is built from (registry.ts), so it does not import
 * command-table.ts.
 */
import {UsageError} from './args.js';
import type {Command} from './command.js';
import {bashScript, fishScript, zshScript} from './completion-scripts.js';

const scripts = {bash: bashScript, zsh: zshScript, fish: fishScript};

const completion: Command = {
	name: 'completion',
	summary: 'Print a shell completion script (bash, zsh or fish)',
	usage: 'imgscope completion bash|zsh|fish',
	flags: [],
	minArgs: 1,
	maxArgs: 1,
	async run(context, parsed) {
		const shell = parsed.positionals[0] as keyof typeof scripts;
		if (!Object.hasOwn(scripts, shell)) throw new UsageError(`unknown shell "${shell}": bash, zsh or fish`, 'completion');
		context.stdout.write(scripts[shell](await context.commandTable()));
		return 0;
	},
};

export default completion;

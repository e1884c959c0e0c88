/**
 * The command groups of disk use (`container prune` is in container.ts):
 * `imgscope system df`, `imgscope image prune`, `imgscope builder prune|du`.
 */
import builderDu from './builder-du.js';
import type {Command} from './command.js';
import {CommandError} from './command.js';
import df from './df.js';
import {builderPrune, imagePrune} from './prune.js';

function group(name: string, summary: string, subcommands: Command[]): Command {
	const names = subcommands.map((c) => c.name).join(', ');
	return {
		name,
		summary,
		usage: `imgscope ${name} COMMAND`,
		flags: [],
		async run() {
			throw new CommandError(`imgscope: 'imgscope ${name}' requires a subcommand: ${names}`, 1);
		},
		subcommands,
	};
}

export const systemGroup = group('system', 'System: df', [{...df, usage: df.usage.replace('imgscope df', 'imgscope system df')}]);
export const imageGroup = group('image', 'Images: prune', [imagePrune]);
export const builderGroup = group('builder', 'Build cache: prune, du', [builderPrune, builderDu]);

/**
 * `imgscope volume rm [-f] VOLUME...`: `docker volume rm`, as docker does it
 * (each name printed once removed; errors joined; -f is the engine's force,
 * which still refuses a volume in use).
 */
import {writeAll} from '../docker/host.js';
import {fetchErrorText} from '../docker/inspector.js';
import {volumePath} from '../engine/volumes/volumes.js';
import {type Command, CommandError} from './command.js';

const volumeRm: Command = {
	name: 'volume rm',
	aliases: ['volume remove'],
	summary: 'Remove one or more volumes (docker volume rm)',
	usage: 'imgscope volume rm [OPTIONS] VOLUME [VOLUME...]',
	flags: [{name: 'force', short: 'f', type: 'bool', help: 'Force the removal of one or more volumes'}],
	async run(context, parsed) {
		if (parsed.positionals.length === 0) throw new CommandError("imgscope: 'imgscope volume rm' requires at least 1 argument\n\nUsage:  imgscope volume rm [OPTIONS] VOLUME [VOLUME...]", 1);
		const engine = await context.engine();
		const errors: string[] = [];
		for (const name of parsed.positionals) {
			try {
				await engine.text(volumePath(name), {method: 'DELETE', query: parsed.flags.force ? {force: true} : {}});
				await writeAll(context.stdout, `${name}\n`);
			} catch (error) {
				errors.push(fetchErrorText(error));
			}
		}
		if (errors.length) throw new CommandError(errors.join('\n'), 1);
		return 0;
	},
};

export default volumeRm;

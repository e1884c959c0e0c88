/**
 * `imgscope df [-v] [--format T]` (also `imgscope system df`): `docker system
 * df`, byte for byte, from one GET /system/df (source/docker/disk-usage.ts
 * has the formatting).
 */
import {renderDiskUsage} from '../docker/disk-usage.js';
import {localLocation} from '../docker/host.js';
import {readDiskUsage} from '../engine/disk-usage.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';

const df: Command = {
	name: 'df',
	summary: 'Show disk usage: images, containers, volumes, build cache (docker system df)',
	usage: 'imgscope df [OPTIONS]',
	flags: [
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'verbose', short: 'v', type: 'bool', help: 'Show detailed information on space usage'},
	],
	async run(context, parsed) {
		// docker: exit status 1 for arguments, as for its other argument counts.
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope df' accepts no arguments\n\nUsage:  imgscope df [OPTIONS]", 1);
		const engine = await context.engine();
		const {value} = await fetched(readDiskUsage(engine));
		const result = renderDiskUsage(value, {
			format: (parsed.flags.format as string | undefined) ?? '',
			verbose: Boolean(parsed.flags.verbose),
			now: Date.now(),
			location: localLocation(),
		});
		return writeRendered(context, result);
	},
};

export default df;

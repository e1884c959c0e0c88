/**
 * `imgscope volume ls [-q] [--format T] [-f K=V]`: `docker volume ls`, byte
 * for byte. Filters go to the engine as docker sends them (dangling, driver,
 * label, name); rows and formats come from source/docker/volume-context.ts.
 */
import {configVolumesFormat} from '../docker/host.js';
import {renderVolumeList} from '../docker/volume-context.js';
import {listVolumes} from '../engine/volumes/volumes.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';
import {parseFilters} from './ls.js';

const volumeLs: Command = {
	name: 'volume ls',
	aliases: ['volume list'],
	summary: 'List volumes (docker volume ls)',
	usage: 'imgscope volume ls [OPTIONS]',
	flags: [
		{name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Provide filter values (e.g. "dangling=true")'},
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only display volume names'},
	],
	async run(context, parsed) {
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope volume ls' accepts no arguments\n\nUsage:  imgscope volume ls [OPTIONS]", 1);
		const filters = parseFilters((parsed.flags.filter as string[] | undefined) ?? []);
		const quiet = Boolean(parsed.flags.quiet);
		let format = (parsed.flags.format as string | undefined) ?? '';
		if (format === '' && !quiet) format = configVolumesFormat();
		const engine = await context.engine();
		const {volumes} = await fetched(listVolumes(engine, {filters}));
		return writeRendered(context, renderVolumeList(volumes as unknown as Record<string, unknown>[], {format, quiet}));
	},
};

export default volumeLs;

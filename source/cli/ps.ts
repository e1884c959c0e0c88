import {createdSince} from '../format/units.js';
import type {Command} from './command.js';
import {renderTable} from './text-table.js';

/** The containers list, as the Containers screen shows it. */
const ps: Command = {
	name: 'ps',
	summary: 'List containers (all of them, like `docker ps -a`)',
	usage: 'imgscope ps [OPTIONS]',
	flags: [
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only display container IDs'},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate output"},
	],
	maxArgs: 0,
	async run(context, parsed) {
		const engine = await context.engine();
		const containers = (await engine.listContainers({all: true})).sort((a, b) => b.Created - a.Created);
		const full = Boolean(parsed.flags['no-trunc']);
		if (parsed.flags.quiet) {
			context.stdout.write(containers.map((c) => `${full ? c.Id : c.Id.slice(0, 12)}\n`).join(''));
			return 0;
		}
		const now = Date.now();
		const rows = containers.map((c) => [full ? c.Id : c.Id.slice(0, 12), (c.Names[0] ?? '').replace(/^\//, ''), c.Image, JSON.stringify(c.Command), c.Status, createdSince(c.Created, now)]);
		context.stdout.write(renderTable(['CONTAINER ID', 'NAME', 'IMAGE', 'COMMAND', 'STATUS', 'CREATED'], rows));
		return 0;
	},
};

export default ps;

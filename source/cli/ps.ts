/**
 * `imgscope ps [OPTIONS]` (and `container ls|list|ps`): `docker ps`, byte for
 * byte. Filters, -a, -n/-l and sizes go to the engine as docker sends them;
 * the template pre-pass, the rows and formats are source/docker/container-context.ts.
 */
import {prePass, renderContainerList, type ContainerSummaryJSON} from '../docker/container-context.js';
import {configFormat, localLocation} from '../docker/host.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';
import {parseFilters} from './ls.js';

/** cobra's IntVar: Go's strconv.ParseInt with base 0 rules kept simple (decimal, sign). */
function parseLast(value: string | undefined): number {
	if (value === undefined) return -1;
	// A flag value error: docker exits 125 (as for a bad --filter).
	if (!/^[+-]?\d+$/.test(value)) throw new CommandError(`invalid argument "${value}" for "-n, --last" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`, 125);
	return Number(value);
}

const ps: Command = {
	name: 'ps',
	aliases: ['containers'],
	summary: 'List containers (docker ps)',
	usage: 'imgscope ps [OPTIONS]',
	flags: [
		{name: 'all', short: 'a', type: 'bool', help: 'Show all containers (default shows just running)'},
		{name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output based on conditions provided'},
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'last', short: 'n', type: 'string', valueName: 'int', help: 'Show n last created containers (includes all states) (default -1)'},
		{name: 'latest', short: 'l', type: 'bool', help: 'Show the latest created container (includes all states)'},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate output"},
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only display container IDs'},
		{name: 'size', short: 's', type: 'bool', help: 'Display total file sizes'},
	],
	async run(context, parsed) {
		// docker's cli.NoArgs: exit status 1, not a usage error.
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope ps' accepts no arguments\n\nUsage:  imgscope ps [OPTIONS]", 1);
		const quiet = Boolean(parsed.flags.quiet);
		let format = (parsed.flags.format as string | undefined) ?? '';
		if (format === '') format = configFormat('psFormat');
		else if (quiet) context.stderr.write('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
		let limit = parseLast(parsed.flags.last as string | undefined);
		if (parsed.flags.latest && limit === -1) limit = 1;
		const filters = parseFilters((parsed.flags.filter as string[] | undefined) ?? []);
		let size = parsed.flags.size === true;
		const pass = prePass(format, Date.now());
		if (!pass.ok) throw new CommandError(pass.error, 1);
		// .Size in the template asks for sizes, unless -q, -s or --size=false was given.
		if (!quiet && parsed.flags.size === undefined && pass.usesSize) size = true;
		const query: Record<string, unknown> = {};
		if (parsed.flags.all) query.all = 1;
		if (limit > 0) query.limit = limit;
		if (size) query.size = 1;
		if (Object.keys(filters).length > 0) query.filters = JSON.stringify(filters);
		const engine = await context.engine();
		const containers = await fetched(engine.json<ContainerSummaryJSON[]>('/containers/json', {query}));
		if (!Array.isArray(containers)) throw new CommandError(`the engine at ${engine.endpoint.url} answered GET /containers/json with JSON that is not a list of containers`, 1);
		const result = renderContainerList(containers, {format, quiet, size, noTrunc: Boolean(parsed.flags['no-trunc']), now: Date.now(), location: localLocation()});
		return writeRendered(context, result);
	},
};

export default ps;

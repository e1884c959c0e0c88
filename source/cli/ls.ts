/**
 * `imgscope ls [OPTIONS] [REPOSITORY[:TAG]]`: `docker image ls`, byte for
 * byte. Filters go to the engine as docker sends them; the rows, formats and
 * table come from source/docker/image-context.ts.
 */
import {configFormat, localLocation} from '../docker/host.js';
import {renderImageList, type ImageSummaryJSON} from '../docker/image-context.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';

/** docker's filters.ParseFlag: `name=value`, name lower-cased, both trimmed; values are a set. */
export function parseFilters(args: string[], flag = '-f, --filter'): Record<string, string[]> {
	const filters: Record<string, string[]> = {};
	for (const arg of args) {
		if (arg === '') continue;
		const eq = arg.indexOf('=');
		if (eq < 0) {
			// A flag value error: docker exits 125.
			throw new CommandError(`invalid argument "${arg}" for "${flag}" flag: bad format of filter (expected name=value)`, 125);
		}
		const name = arg.slice(0, eq).trim().toLowerCase();
		const value = arg.slice(eq + 1).trim();
		const values = (filters[name] ??= []);
		if (!values.includes(value)) values.push(value);
	}
	return filters;
}

const ls: Command = {
	name: 'ls',
	aliases: ['images', 'list'],
	summary: 'List images (docker image ls)',
	usage: 'imgscope ls [OPTIONS] [REPOSITORY[:TAG]]',
	flags: [
		{name: 'all', short: 'a', type: 'bool', help: 'Show all images (default hides intermediate images)'},
		{name: 'digests', type: 'bool', help: 'Show digests'},
		{name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output based on conditions provided'},
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate output"},
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs'},
	],
	async run(context, parsed) {
		if (parsed.positionals.length > 1) {
			throw new CommandError("imgscope: 'imgscope ls' requires at most 1 argument\n\nUsage:  imgscope ls [OPTIONS] [REPOSITORY[:TAG]]", 1);
		}
		const filters = parseFilters((parsed.flags.filter as string[] | undefined) ?? []);
		const match = parsed.positionals[0];
		if (match) (filters.reference ??= []).includes(match) || filters.reference.push(match);
		const quiet = Boolean(parsed.flags.quiet);
		let format = (parsed.flags.format as string | undefined) ?? '';
		if (format === '' && !quiet) format = configFormat('imagesFormat');
		const engine = await context.engine();
		const images = (await fetched(engine.listImages({all: Boolean(parsed.flags.all), filters}))) as unknown as ImageSummaryJSON[];
		const result = renderImageList(images, {
			format,
			quiet,
			digests: Boolean(parsed.flags.digests),
			noTrunc: Boolean(parsed.flags['no-trunc']),
			now: Date.now(),
			location: localLocation(),
		});
		return writeRendered(context, result);
	},
};

export default ls;

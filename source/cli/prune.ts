/**
 * `imgscope image prune`, `container prune` and `builder prune`: docker's
 * commands of those names, byte for byte: the same question on stdout (the
 * answer read from stdin; anything but y is no, and no exits 0 with nothing
 * removed), the same filters sent, the same report. -f skips the question.
 */
import {configPruneFilters, readLine, writeAll} from '../docker/host.js';
import {
	BUILDER_PRUNE_ALL_WARNING,
	BUILDER_PRUNE_WARNING,
	buildCachePruneOutput,
	CONTAINER_PRUNE_WARNING,
	containerPruneOutput,
	IMAGE_PRUNE_ALL_WARNING,
	IMAGE_PRUNE_DANGLING_WARNING,
	imagePruneFilters,
	imagePruneOutput,
	isYes,
	mergePruneFilters,
	question,
} from '../docker/prune.js';
import {pruneBuildCache, pruneContainers, pruneImages} from '../engine/disk-usage.js';
import {ramInBytes} from '../format/units.js';
import type {FlagSpec, Parsed} from './args.js';
import {type Command, type CommandContext, CommandError, fetched} from './command.js';
import {parseFilters} from './ls.js';

const force: FlagSpec = {name: 'force', short: 'f', type: 'bool', help: 'Do not prompt for confirmation'};
const filterFlag = (example: string): FlagSpec => ({name: 'filter', type: 'list', valueName: 'filter', help: `Provide filter values (e.g. "${example}")`});

function noArguments(parsed: Parsed, name: string): void {
	if (parsed.positionals.length > 0) throw new CommandError(`imgscope: 'imgscope ${name}' accepts no arguments\n\nUsage:  imgscope ${name} [OPTIONS]`, 1);
}

/** Asks on stdout, reads the answer from stdin (prompt.Confirm). */
async function confirmed(context: CommandContext, warning: string): Promise<boolean> {
	await writeAll(context.stdout, question(warning));
	return isYes(await readLine());
}

export const imagePrune: Command = {
	name: 'prune',
	summary: 'Remove unused images (docker image prune)',
	usage: 'imgscope image prune [OPTIONS]',
	flags: [{name: 'all', short: 'a', type: 'bool', help: 'Remove all unused images, not just dangling ones'}, filterFlag('until=<timestamp>'), force],
	async run(context, parsed) {
		noArguments(parsed, 'image prune');
		const all = Boolean(parsed.flags.all);
		const filters = imagePruneFilters(parseFilters(parsed.flags.filter as string[], '--filter'), all, configPruneFilters());
		if (!parsed.flags.force && !(await confirmed(context, all ? IMAGE_PRUNE_ALL_WARNING : IMAGE_PRUNE_DANGLING_WARNING))) return 0;
		const report = await fetched(pruneImages(await context.engine(), filters));
		await writeAll(context.stdout, imagePruneOutput(report));
		return 0;
	},
};

export const containerPrune: Command = {
	name: 'prune',
	summary: 'Remove all stopped containers (docker container prune)',
	usage: 'imgscope container prune [OPTIONS]',
	flags: [filterFlag('until=<timestamp>'), force],
	async run(context, parsed) {
		noArguments(parsed, 'container prune');
		const filters = mergePruneFilters(parseFilters(parsed.flags.filter as string[], '--filter'), configPruneFilters());
		if (!parsed.flags.force && !(await confirmed(context, CONTAINER_PRUNE_WARNING))) return 0;
		const report = await fetched(pruneContainers(await context.engine(), filters));
		await writeAll(context.stdout, containerPruneOutput(report));
		return 0;
	},
};

export const builderPrune: Command = {
	name: 'prune',
	summary: 'Remove build cache (docker builder prune)',
	usage: 'imgscope builder prune [OPTIONS]',
	flags: [
		{name: 'all', short: 'a', type: 'bool', help: 'Remove all unused build cache, not just dangling ones'},
		filterFlag('until=24h'),
		force,
		{name: 'keep-storage', type: 'string', valueName: 'bytes', help: 'Amount of disk space to keep for cache'},
	],
	async run(context, parsed) {
		noArguments(parsed, 'builder prune');
		const all = Boolean(parsed.flags.all);
		let keepStorage = 0;
		const keep = parsed.flags['keep-storage'] as string | undefined;
		if (keep !== undefined) {
			try {
				keepStorage = ramInBytes(keep);
			} catch (error) {
				// A flag value error: docker exits 125.
				throw new CommandError(`invalid argument "${keep}" for "--keep-storage" flag: ${(error as Error).message}`, 125);
			}
		}
		const filters = mergePruneFilters(parseFilters(parsed.flags.filter as string[], '--filter'), configPruneFilters());
		if (!parsed.flags.force && !(await confirmed(context, all ? BUILDER_PRUNE_ALL_WARNING : BUILDER_PRUNE_WARNING))) return 0;
		const report = await fetched(pruneBuildCache(await context.engine(), {all, keepStorage, filters}));
		await writeAll(context.stdout, buildCachePruneOutput(report));
		return 0;
	},
};

/**
 * `imgscope builder du [--format T]`: the build cache's records (docker 28
 * has no such command without buildx; `docker system df -v` shows the same
 * records in its last section). Rows are docker's buildCacheContext, so
 * --format takes its columns. An engine that answers no build cache (the
 * legacy builder keeps none) is told so in a sentence.
 */
import {BUILD_CACHE_HEADER, buildCacheRow, sortBuildCache} from '../docker/df-rows.js';
import {builderSizeOf, diskUsageTotals} from '../docker/disk-usage.js';
import {headerValue, writeFormatted} from '../docker/formatter.js';
import {localLocation, writeAll} from '../docker/host.js';
import {readDiskUsage} from '../engine/disk-usage.js';
import {humanSize} from '../format/units.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';

export const BUILDER_DU_TABLE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.Shared}}\t{{.InUse}}\t{{.LastUsedSince}}\t{{.Description}}';

const builderDu: Command = {
	name: 'du',
	summary: 'List the build cache records (id, type, size, shared, in use, last used, description)',
	usage: 'imgscope builder du [OPTIONS]',
	flags: [
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate output"},
	],
	async run(context, parsed) {
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope builder du' accepts no arguments\n\nUsage:  imgscope builder du [OPTIONS]", 1);
		const {value} = await fetched(readDiskUsage(await context.engine()));
		const records = Array.isArray(value.BuildCache) ? value.BuildCache : undefined;
		const format = (parsed.flags.format as string | undefined) ?? '';
		if (format === '' && (records === undefined || records.length === 0)) {
			await writeAll(
				context.stdout,
				records === undefined
					? 'No build cache: the engine reports none (its builder keeps no cache records; the legacy builder caches steps as intermediate images instead).\n'
					: 'The build cache is empty.\n',
			);
			return 0;
		}
		const time = {now: Date.now(), location: localLocation()};
		const rows = sortBuildCache(records ?? []).map((r) => buildCacheRow(r as unknown as Record<string, unknown>, !parsed.flags['no-trunc'], time));
		const result = writeFormatted(format === '' ? BUILDER_DU_TABLE : format, rows, headerValue(BUILD_CACHE_HEADER));
		if (format !== '' || result.error !== undefined) return writeRendered(context, result);
		const totals = diskUsageTotals(value).find((t) => t.kind === 'Build Cache')!;
		return writeRendered(context, {stdout: `${result.stdout}\nTotal: ${humanSize(builderSizeOf(records as never))}, reclaimable: ${humanSize(totals.reclaimable)}\n`});
	},
};

export default builderDu;

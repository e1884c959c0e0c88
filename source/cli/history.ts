/**
 * `imgscope history [OPTIONS] IMAGE`: `docker history`, byte for byte
 * (source/docker/history-context.ts has the formatting).
 */
import {renderHistory, type HistoryItemJSON} from '../docker/history-context.js';
import {localLocation} from '../docker/host.js';
import {type Command, CommandError, fetched, writeRendered} from './command.js';
import {isRemote, remoteFlags, remoteImageDetail} from './remote.js';

const history: Command = {
	name: 'history',
	summary: 'Show the history of an image (docker history)',
	usage: 'imgscope history [OPTIONS] IMAGE',
	flags: [
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'human', short: 'H', type: 'bool', default: true, help: 'Print sizes and dates in human readable format (default true)'},
		{name: 'no-trunc', type: 'bool', help: "Don't truncate output"},
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs'},
		...remoteFlags,
	],
	async run(context, parsed) {
		// docker: exactly one argument, else exit status 1.
		if (parsed.positionals.length !== 1) {
			throw new CommandError("imgscope: 'imgscope history' requires 1 argument\n\nUsage:  imgscope history [OPTIONS] IMAGE", 1);
		}
		const ref = parsed.positionals[0];
		// Remote: the history the engine would give after a pull (the blobs are read for docker's sizes).
		const items = (isRemote(parsed.flags, ref) ? (await remoteImageDetail(context, ref, parsed.flags, true)).detail.history : await fetched((await context.engine()).history(ref))) as unknown as HistoryItemJSON[];
		const result = renderHistory(items, {
			format: (parsed.flags.format as string | undefined) ?? '',
			quiet: Boolean(parsed.flags.quiet),
			human: parsed.flags.human !== false,
			noTrunc: Boolean(parsed.flags['no-trunc']),
			now: Date.now(),
			location: localLocation(),
		});
		return writeRendered(context, result);
	},
};

export default history;

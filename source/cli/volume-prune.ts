/**
 * `imgscope volume prune [-a] [-f] [--filter K=V]`: `docker volume prune`,
 * as the docker 28 client does it: before API 1.42 the engine prunes named
 * volumes too, so the question says "all" and -a is refused; from 1.42 -a
 * sends the `all` filter. The question is asked on stdout and answered on
 * stdin ("y" goes ahead; anything else, or no answer, cancels with status 0).
 */
import {humanSize} from '../format/units.js';
import {writeAll} from '../docker/host.js';
import {apiAtLeast} from '../engine/volumes/volumes.js';
import {type Command, CommandError, fetched} from './command.js';
import {parseFilters} from './ls.js';

const unusedWarning = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const allWarning = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/** One line from stdin (bufio.Scanner's first token), or undefined at its end. */
export function readLine(input: NodeJS.ReadableStream = process.stdin): Promise<string | undefined> {
	return new Promise(resolve => {
		let buffered = '';
		const done = (line: string | undefined) => {
			input.removeListener('data', onData);
			input.removeListener('end', onEnd);
			input.removeListener('error', onEnd);
			(input as NodeJS.ReadStream).pause?.();
			resolve(line);
		};
		const onData = (chunk: Buffer | string) => {
			buffered += chunk.toString();
			const nl = buffered.indexOf('\n');
			if (nl >= 0) done(buffered.slice(0, nl).replace(/\r$/, ''));
		};
		const onEnd = () => done(buffered === '' ? undefined : buffered);
		input.on('data', onData);
		input.on('end', onEnd);
		input.on('error', onEnd);
	});
}

/** docker's prompt.Confirm. */
export async function confirm(context: {stdout: NodeJS.WritableStream}, message: string, input?: NodeJS.ReadableStream): Promise<boolean> {
	await writeAll(context.stdout, `${message} [y/N] `);
	const answer = await readLine(input);
	return answer !== undefined && answer.trim().toLowerCase() === 'y';
}

const volumePrune: Command = {
	name: 'volume prune',
	summary: 'Remove unused local volumes (docker volume prune)',
	usage: 'imgscope volume prune [OPTIONS]',
	flags: [
		{name: 'all', short: 'a', type: 'bool', help: 'Remove all unused volumes, not just anonymous ones'},
		{name: 'filter', type: 'list', valueName: 'filter', help: 'Provide filter values (e.g. "label=<label>")'},
		{name: 'force', short: 'f', type: 'bool', help: 'Do not prompt for confirmation'},
	],
	async run(context, parsed) {
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope volume prune' accepts no arguments\n\nUsage:  imgscope volume prune [OPTIONS]", 1);
		const filters = parseFilters((parsed.flags.filter as string[] | undefined) ?? []);
		const engine = await context.engine();
		const api = (await fetched(engine.version())).ApiVersion;
		let warning = unusedWarning;
		if (apiAtLeast(api, '1.42')) {
			if (parsed.flags.all) {
				if (filters.all) throw new CommandError('conflicting options: cannot specify both --all and --filter all=1', 1);
				filters.all = ['true'];
				warning = allWarning;
			}
		} else {
			if (parsed.flags.all) throw new CommandError(`"--all" requires API version 1.42, but the Docker daemon API version is ${api}`, 1);
			warning = allWarning;
		}
		if (!parsed.flags.force && !(await confirm(context, warning))) return 0;
		const report = await fetched(
			engine.json<{VolumesDeleted?: string[] | null; SpaceReclaimed?: number}>('/volumes/prune', {
				method: 'POST',
				query: Object.keys(filters).length ? {filters: JSON.stringify(filters)} : {},
				timeout: 10 * 60_000,
			}),
		);
		let out = '';
		let reclaimed = 0;
		const deleted = report.VolumesDeleted ?? [];
		if (deleted.length) {
			out = `Deleted Volumes:\n${deleted.map(name => `${name}\n`).join('')}\n`;
			reclaimed = report.SpaceReclaimed ?? 0;
		}
		await writeAll(context.stdout, `${out}Total reclaimed space: ${humanSize(reclaimed)}\n`);
		return 0;
	},
};

export default volumePrune;

/**
 * `imgscope container inspect [-f FORMAT] [-s] CONTAINER...`: `docker
 * container inspect`, byte for byte, through the same two-pass inspector as
 * image inspect (source/docker/inspector.ts) with the container.InspectResponse
 * description (source/docker/container-inspect-type.ts) for the typed pass.
 */
import {typedContainerInspect} from '../docker/container-inspect-type.js';
import {writeAll} from '../docker/host.js';
import {fetchErrorText, prepareFormat, renderInspect, type InspectItem} from '../docker/inspector.js';
import type {Command} from './command.js';
import {CommandError} from './command.js';

// Enough requests in flight to hide the daemon's latency without flooding it.
const PARALLEL = 16;

const inspect: Command = {
	name: 'inspect',
	summary: 'Display detailed information on one or more containers (docker container inspect)',
	usage: 'imgscope container inspect [OPTIONS] CONTAINER [CONTAINER...]',
	flags: [
		{name: 'format', short: 'f', type: 'string', valueName: 'string', help: "Format output using a custom template ('json' or a Go template)"},
		{name: 'size', short: 's', type: 'bool', help: 'Display total file sizes'},
	],
	async run(context, parsed) {
		const names = parsed.positionals;
		// docker reports a missing argument with exit status 1 (not a usage error).
		if (names.length === 0) {
			throw new CommandError("imgscope: 'imgscope container inspect' requires at least 1 argument\n\nUsage:  imgscope container inspect [OPTIONS] CONTAINER [CONTAINER...]", 1);
		}
		const prepared = prepareFormat((parsed.flags.format as string | undefined) ?? '');
		// A template that does not parse fails before any request (exit 64).
		if (prepared.kind === 'error') {
			context.stderr.write(`${prepared.message}\n`);
			return 64;
		}
		const engine = await context.engine();
		const query = parsed.flags.size ? {size: 1} : undefined;
		const items: InspectItem[] = new Array(names.length);
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < names.length) {
				const i = next++;
				try {
					items[i] = {raw: await engine.text(`/containers/${encodeURIComponent(names[i])}/json`, {query})};
				} catch (error) {
					items[i] = {error: fetchErrorText(error)};
				}
			}
		};
		await Promise.all(Array.from({length: Math.min(PARALLEL, names.length)}, worker));
		const out = renderInspect(prepared, items, typedContainerInspect);
		await writeAll(context.stdout, out.stdout);
		if (out.errors.length > 0) context.stderr.write(`${out.errors.join('\n')}\n`);
		return out.exitCode;
	},
};

export default inspect;

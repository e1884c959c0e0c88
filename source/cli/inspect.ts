/**
 * `imgscope inspect [-f FORMAT] IMAGE...`: `docker image inspect`, byte for
 * byte. The images are fetched in parallel (a few at a time) and rendered in
 * argument order by docker's inspector rules (source/docker/inspector.ts).
 */
import {fetchErrorText, prepareFormat, renderInspect, type InspectItem} from '../docker/inspector.js';
import {writeAll} from '../docker/host.js';
import {encodeRef} from '../engine/reference.js';
import type {Command} from './command.js';
import {CommandError} from './command.js';
import {isRemote, remoteFlags, remoteImageDetail} from './remote.js';

// Enough requests in flight to hide the daemon's latency without flooding it.
const PARALLEL = 16;

const inspect: Command = {
	name: 'inspect',
	summary: 'Display detailed information on one or more images (docker image inspect)',
	usage: 'imgscope inspect [OPTIONS] IMAGE [IMAGE...]',
	flags: [{name: 'format', short: 'f', type: 'string', valueName: 'string', help: "Format output using a custom template ('json' or a Go template)"}, ...remoteFlags],
	async run(context, parsed) {
		const refs = parsed.positionals;
		// docker reports a missing argument with exit status 1 (not a usage error).
		if (refs.length === 0) throw new CommandError("imgscope: 'imgscope inspect' requires at least 1 argument\n\nUsage:  imgscope inspect [OPTIONS] IMAGE [IMAGE...]", 1);
		const prepared = prepareFormat((parsed.flags.format as string | undefined) ?? '');
		// A template that does not parse fails before any request (exit 64).
		if (prepared.kind === 'error') {
			context.stderr.write(`${prepared.message}\n`);
			return 64;
		}
		// Remote references get the document the engine would show after a pull (from the config; the blobs are read for Size).
		const remote = refs.map((ref) => isRemote(parsed.flags, ref));
		const engine = remote.every(Boolean) ? undefined : await context.engine();
		const items: InspectItem[] = new Array(refs.length);
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < refs.length) {
				const i = next++;
				try {
					if (remote[i]) {
						items[i] = {raw: (await remoteImageDetail(context, refs[i], parsed.flags, true)).detail.inspect.raw};
						continue;
					}
					// The raw bytes are all docker's output needs (no JSON.parse of each answer).
					items[i] = {raw: await engine!.text(`/images/${encodeRef(refs[i])}/json`)};
				} catch (error) {
					if (error instanceof CommandError) {
						items[i] = {error: error.message.replace(/^imgscope: /, 'Error: ')};
						continue;
					}
					items[i] = {error: fetchErrorText(error)};
				}
			}
		};
		await Promise.all(Array.from({length: Math.min(PARALLEL, refs.length)}, worker));
		const out = renderInspect(prepared, items);
		await writeAll(context.stdout, out.stdout);
		if (out.errors.length > 0) context.stderr.write(`${out.errors.join('\n')}\n`);
		return out.exitCode;
	},
};

export default inspect;

/**
 * What `image inspect` and `container inspect` share: a missing argument and
 * a template that does not parse fail as docker fails them; the objects are
 * fetched in parallel (a few at a time) and rendered in argument order by
 * docker's inspector rules (source/docker/inspector.ts).
 */
import {writeAll} from '../docker/host.js';
import {fetchErrorText, prepareFormat, renderInspect, type InspectItem, type TypedDecoder} from '../docker/inspector.js';
import type {RequestOptions} from '../engine/engine.js';
import type {CommandContext} from './command.js';
import {CommandError} from './command.js';

// Enough requests in flight to hide the daemon's latency without flooding it.
const PARALLEL = 16;

export interface InspectRequest {
	names: string[];
	format: string;
	/** The command's name and usage line, for docker's "requires at least 1 argument". */
	command: string;
	usage: string;
	/** The engine path of one argument's JSON. */
	path(name: string): string;
	query?: RequestOptions['query'];
	typed: TypedDecoder;
	/** Arguments read elsewhere than the engine (a registry's reference): their raw JSON. */
	elsewhere?: {has(name: string): boolean; raw(name: string): Promise<string>};
}

export async function inspectEach(context: CommandContext, request: InspectRequest): Promise<number> {
	const {names} = request;
	// docker reports a missing argument with exit status 1 (not a usage error).
	if (names.length === 0) throw new CommandError(`imgscope: 'imgscope ${request.command}' requires at least 1 argument\n\nUsage:  ${request.usage}`, 1);
	const prepared = prepareFormat(request.format);
	// A template that does not parse fails before any request (exit 64).
	if (prepared.kind === 'error') {
		context.stderr.write(`${prepared.message}\n`);
		return 64;
	}
	const {elsewhere} = request;
	// No engine is asked for when no argument needs one.
	const engine = names.every((name) => elsewhere?.has(name)) ? undefined : await context.engine();
	const items: InspectItem[] = new Array(names.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < names.length) {
			const i = next++;
			try {
				// The raw bytes are all docker's output needs (no JSON.parse of each answer).
				items[i] = {raw: elsewhere?.has(names[i]) ? await elsewhere.raw(names[i]) : await engine!.text(request.path(names[i]), {query: request.query})};
			} catch (error) {
				// Our own messages read as docker's errors do ("Error: ...").
				items[i] = {error: error instanceof CommandError ? error.message.replace(/^imgscope: /, 'Error: ') : fetchErrorText(error)};
			}
		}
	};
	await Promise.all(Array.from({length: Math.min(PARALLEL, names.length)}, worker));
	const out = renderInspect(prepared, items, request.typed);
	await writeAll(context.stdout, out.stdout);
	if (out.errors.length > 0) context.stderr.write(`${out.errors.join('\n')}\n`);
	return out.exitCode;
}

import {writeAll} from '../docker/host.js';
import {fetchErrorText} from '../docker/inspector.js';
import type {Engine} from '../engine/engine.js';
import type {FlagSpec, Parsed} from './args.js';
import type {CommandTable} from './command-table-types.js';

/** What a subcommand gets: where to write, and the engine and the command table on demand. */
export interface CommandContext {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Connects lazily: commands that read an archive never touch the engine. */
	engine(): Promise<Engine>;
	/**
	 * Every command, loaded (command-table.ts), for `completion`'s scripts. Handed
	 * in rather than imported: the table is made from the command list, which
	 * loads `completion` itself.
	 */
	commandTable(): Promise<CommandTable>;
	archive?: string;
	/** `--no-cache`: read every layer from the engine's export, and write nothing to the layer index. */
	noCache?: boolean;
	/** -H and --context as given (before or after the command name). */
	endpointOptions?: {host?: string; context?: string};
}

export interface Command {
	name: string;
	aliases?: string[];
	summary: string;
	usage: string;
	flags: FlagSpec[];
	minArgs?: number;
	maxArgs?: number;
	run(context: CommandContext, parsed: Parsed): Promise<number>;
	/** A command group (`container`, `context`): the first argument names one of these; completion and the manual show them. */
	subcommands?: Command[];
}

/** A message for the person, with the exit status it deserves; printed without a stack. */
export class CommandError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1,
	) {
		super(message);
	}
}

/** The engine's answer, or docker's words for why there is none (exit status 1, as docker's). */
export async function fetched<T>(answer: Promise<T>): Promise<T> {
	try {
		return await answer;
	} catch (error) {
		throw new CommandError(fetchErrorText(error), 1);
	}
}

/** Writes what a docker formatter rendered, or fails with its error (a template that fails: exit status 1). */
export async function writeRendered(context: CommandContext, result: {stdout: string; error?: string}): Promise<number> {
	// What a streaming template wrote before it failed is written too, as docker's would be.
	await writeAll(context.stdout, result.stdout);
	if (result.error !== undefined) throw new CommandError(result.error, 1);
	return 0;
}

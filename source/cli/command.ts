import type {Engine} from '../engine/engine.js';
import type {FlagSpec, Parsed} from './args.js';

/** What a subcommand gets: where to write, and the engine on demand. */
export interface CommandContext {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Connects lazily: commands that read an archive never touch the engine. */
	engine(): Promise<Engine>;
	archive?: string;
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

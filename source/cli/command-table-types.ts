/**
 * The command table's shape: what `--help`, the manual page (manual.ts) and
 * the completion scripts (completion-scripts.ts) are made from. Apart from
 * command-table.ts, which builds the table from the command list
 * (registry.ts), so that what the list loads (the `completion` command,
 * CommandContext in command.ts) can name the table without importing the
 * list it is made from.
 */
import type {FlagSpec} from './args.js';

export interface TableCommand {
	name: string;
	aliases: string[];
	/** What `imgscope --help` lists it as (the registry's line). */
	summary: string;
	/** What `imgscope COMMAND --help` says under its usage (the command's own). */
	description: string;
	usage: string;
	flags: FlagSpec[];
	/** What the positional arguments name, read from the usage's placeholders (IMAGE, CONTAINER, VOLUME, FILE). */
	operands: OperandKind[];
	/** Literal words the usage offers (`bash|zsh|fish`). */
	choices: string[];
	subcommands: TableCommand[];
}

export type OperandKind = 'image' | 'container' | 'volume' | 'file';

export interface CommandTable {
	globalFlags: FlagSpec[];
	commands: TableCommand[];
}

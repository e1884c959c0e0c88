/**
 * The command table as data (its shape: command-table-types.ts): every
 * listed command loaded, with its flags and usage. `--help`, the manual page
 * (manual.ts) and the completion scripts (completion.ts) are all made from
 * it, so a command added to registry.ts shows in each with no other edit.
 *
 * Nothing on the list imports this module, since it imports the list:
 * `completion` gets the table from its CommandContext (main.ts's makeContext
 * calls commandTable()), and the build (scripts/build.mjs) calls it itself.
 */
import type {Command} from './command.js';
import type {CommandTable, OperandKind, TableCommand} from './command-table-types.js';
import {globalFlags} from './global.js';
import {commands} from './registry.js';

export async function commandTable(): Promise<CommandTable> {
	const loaded = await Promise.all(commands.map(async (entry) => ({entry, command: await entry.load()})));
	return {
		globalFlags,
		commands: loaded.map(({entry, command}) => describe(command, entry.aliases ?? command.aliases ?? [], entry.summary)),
	};
}

function describe(command: Command, aliases: string[], summary: string): TableCommand {
	return {
		name: command.name,
		aliases,
		summary,
		description: command.summary,
		usage: command.usage,
		flags: command.flags,
		operands: operandKinds(command.usage),
		choices: command.usage.split(/\s+/).slice(2).filter((word) => /^[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)+$/.test(word)).flatMap((word) => word.split('|')),
		subcommands: (command.subcommands ?? []).map((sub) => describe(sub, sub.aliases ?? [], sub.summary)),
	};
}

/** IMAGE, IMAGE_A, [IMAGE...], REPOSITORY[:TAG], REF: images; CONTAINER; VOLUME; FILE, PATH, DIR: files. */
export function operandKinds(usage: string): OperandKind[] {
	const kinds = new Set<OperandKind>();
	for (const word of usage.split(/\s+/).slice(2)) {
		if (/OPTIONS/.test(word)) continue;
		if (/IMAGE|REPOSITORY|REF\b/.test(word)) kinds.add('image');
		else if (/CONTAINER/.test(word)) kinds.add('container');
		else if (/VOLUME/.test(word)) kinds.add('volume');
		else if (/FILE|PATH|DIR/.test(word)) kinds.add('file');
	}
	return [...kinds];
}

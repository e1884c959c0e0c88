/**
 * `imgscope context ls [--format T] [-q]`: `docker context ls`, byte for byte
 * (the store is read by source/engine/contexts.ts, the rows are formatted by
 * source/docker/context-context.ts). No engine is contacted, as with docker.
 */
import {HOST_OVERRIDE_WARNING, renderContextList} from '../docker/context-context.js';
import {ContextStoreError, listContexts} from '../engine/contexts.js';
import {EndpointError} from '../engine/endpoint.js';
import {type Command, CommandError, writeRendered} from './command.js';

const ls: Command = {
	name: 'ls',
	aliases: ['list'],
	summary: 'List contexts (docker context ls)',
	usage: 'imgscope context ls [OPTIONS]',
	flags: [
		{name: 'format', type: 'string', valueName: 'string', help: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)"},
		{name: 'quiet', short: 'q', type: 'bool', help: 'Only show context names'},
	],
	async run(context, parsed) {
		// docker's cli.NoArgs: exit status 1, not a usage error.
		if (parsed.positionals.length > 0) throw new CommandError("imgscope: 'imgscope context ls' accepts no arguments\n\nUsage:  imgscope context ls [OPTIONS]", 1);
		let list;
		try {
			list = listContexts(context.endpointOptions);
		} catch (error) {
			if (error instanceof ContextStoreError || error instanceof EndpointError) throw new CommandError(error.message, 1);
			throw error;
		}
		const code = await writeRendered(context, renderContextList(list.contexts, {format: (parsed.flags.format as string | undefined) ?? '', quiet: Boolean(parsed.flags.quiet)}));
		if (list.hostOverride) context.stderr.write(HOST_OVERRIDE_WARNING);
		return code;
	},
};

const group: Command = {
	name: 'context',
	summary: 'Manage contexts (ls)',
	usage: 'imgscope context COMMAND',
	flags: [],
	async run() {
		throw new CommandError("imgscope: 'imgscope context' requires a subcommand: ls", 1);
	},
	subcommands: [ls],
};

export default group;

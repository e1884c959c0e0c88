/**
 * `imgscope container inspect [-f FORMAT] [-s] CONTAINER...`: `docker
 * container inspect`, byte for byte: the image inspector's two passes with
 * container.InspectResponse (source/docker/container-inspect-type.ts) for the typed one.
 */
import {typedContainerInspect} from '../docker/container-inspect-type.js';
import type {Command} from './command.js';
import {inspectEach} from './inspect-each.js';

const usage = 'imgscope container inspect [OPTIONS] CONTAINER [CONTAINER...]';

const inspect: Command = {
	name: 'inspect',
	summary: 'Display detailed information on one or more containers (docker container inspect)',
	usage,
	flags: [
		{name: 'format', short: 'f', type: 'string', valueName: 'string', help: "Format output using a custom template ('json' or a Go template)"},
		{name: 'size', short: 's', type: 'bool', help: 'Display total file sizes'},
	],
	run: (context, parsed) =>
		inspectEach(context, {
			names: parsed.positionals,
			format: (parsed.flags.format as string | undefined) ?? '',
			command: 'container inspect',
			usage,
			path: name => `/containers/${encodeURIComponent(name)}/json`,
			query: parsed.flags.size ? {size: 1} : undefined,
			typed: typedContainerInspect,
		}),
};

export default inspect;

/**
 * `imgscope inspect [-f FORMAT] IMAGE...`: `docker image inspect`, byte for
 * byte (source/cli/inspect-each.ts fetches the images, the inspector renders them).
 */
import {typedInspect} from '../docker/inspect-type.js';
import {encodeRef} from '../engine/reference.js';
import type {Command} from './command.js';
import {inspectEach} from './inspect-each.js';
import {isRemote, remoteFlags, remoteImageDetail} from './remote.js';

const usage = 'imgscope inspect [OPTIONS] IMAGE [IMAGE...]';

const inspect: Command = {
	name: 'inspect',
	summary: 'Display detailed information on one or more images (docker image inspect)',
	usage,
	flags: [{name: 'format', short: 'f', type: 'string', valueName: 'string', help: "Format output using a custom template ('json' or a Go template)"}, ...remoteFlags],
	run: (context, parsed) =>
		inspectEach(context, {
			names: parsed.positionals,
			format: (parsed.flags.format as string | undefined) ?? '',
			command: 'inspect',
			usage,
			path: ref => `/images/${encodeRef(ref)}/json`,
			typed: typedInspect,
			// Remote references get the document the engine would show after a pull (from the config; the blobs are read for Size).
			elsewhere: {has: (ref) => isRemote(parsed.flags, ref), raw: async (ref) => (await remoteImageDetail(context, ref, parsed.flags, true)).detail.inspect.raw},
		}),
};

export default inspect;

/**
 * `imgscope tags REPO`: the repository's tags, one a line, as the registry
 * lists them, every page followed by its `Link` header. No engine.
 */
import {writeAll} from '../docker/host.js';
import type {Command} from './command.js';
import {UsageError} from './args.js';
import {clientOptions, describeRemote, remoteFlags} from './remote.js';

const tags: Command = {
	name: 'tags',
	summary: 'List the tags of a repository in its registry (no engine)',
	usage: 'imgscope tags [OPTIONS] REPOSITORY',
	flags: [
		remoteFlags.find((flag) => flag.name === 'insecure-registry')!,
		{name: 'page-size', type: 'string', valueName: 'N', help: 'Ask the registry for N tags a page (default: the registry decides)'},
		{name: 'json', type: 'bool', help: 'Print a JSON document: {"name": ..., "tags": [...]}'},
	],
	minArgs: 1,
	maxArgs: 1,
	async run(context, parsed) {
		const pageText = parsed.flags['page-size'] as string | undefined;
		const pageSize = pageText === undefined ? undefined : Number(pageText);
		if (pageSize !== undefined && (!Number.isSafeInteger(pageSize) || pageSize < 1)) throw new UsageError(`invalid argument "${pageText}" for "--page-size" flag: a positive whole number is needed`, 'tags');
		const {parseRepository} = await import('../registry/remote-reference.js');
		const {clientFor} = await import('../engine/registry/remote-image.js');
		let client: {close(): void} | undefined;
		try {
			const reference = parseRepository(parsed.positionals[0]);
			const registry = clientFor(reference, clientOptions(parsed.flags, context.stderr));
			client = registry;
			const list = await registry.tags(reference.ref.path, {pageSize});
			const out = parsed.flags.json ? `${JSON.stringify({name: reference.ref.repository, tags: list}, null, 2)}\n` : list.map((t) => `${t}\n`).join('');
			await writeAll(context.stdout, out);
			return 0;
		} catch (error) {
			throw describeRemote(error);
		} finally {
			client?.close();
		}
	},
};

export default tags;

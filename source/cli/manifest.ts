/**
 * `imgscope manifest inspect [--verbose] [--insecure] REF`: `docker manifest
 * inspect` byte for byte (registry/docker-manifest.ts renders), straight
 * from the registry. Like docker: a lone manifest is printed as the registry
 * sent it; an index is rebuilt from its child manifests, each fetched with its
 * config; plain HTTP only with --insecure (docker then also skips TLS
 * verification); a manifest it cannot find, by whatever cause docker would
 * carry on past (404, unauthorized), is "no such manifest: REF".
 */
import {RegistryError} from '../engine/registry/errors.js';
import {type FetchedManifest, inspectList, inspectManifest, inspectVerbose, platformFromConfig} from '../registry/docker-manifest.js';
import {ReferenceError, parseRemote} from '../registry/remote-reference.js';
import {visible} from '../text/sanitize.js';
import {UsageError} from './args.js';
import {type Command, CommandError} from './command.js';
import {writeAll} from '../docker/host.js';

const manifest: Command = {
	name: 'manifest',
	summary: 'Inspect a manifest or manifest list in a registry (docker manifest inspect)',
	usage: 'imgscope manifest inspect [OPTIONS] MANIFEST',
	flags: [
		{name: 'insecure', type: 'bool', help: 'Allow communication with an insecure registry'},
		{name: 'verbose', short: 'v', type: 'bool', help: 'Output additional info including layers and platform'},
	],
	async run(context, parsed) {
		const [sub, ...args] = parsed.positionals;
		if (sub !== 'inspect') throw new UsageError(sub === undefined ? '"imgscope manifest" requires a subcommand: inspect' : `unknown manifest subcommand "${sub}" (imgscope has: inspect)`, 'manifest');
		// docker: `inspect [MANIFEST_LIST] MANIFEST`; the two-argument form reads docker's local manifest store, which imgscope has not.
		if (args.length !== 1) throw new UsageError(args.length === 0 ? '"imgscope manifest inspect" requires 1 argument' : '"imgscope manifest inspect" accepts 1 argument (the local manifest store of `docker manifest create` is not read)', 'manifest');
		let reference;
		try {
			reference = parseRemote(args[0]);
		} catch (e) {
			if (e instanceof ReferenceError) throw new CommandError(referenceErrorText(args[0]), 1);
			throw e;
		}
		const {clientFor} = await import('../engine/registry/remote-image.js');
		const insecure = Boolean(parsed.flags.insecure);
		// Plain HTTP only with --insecure, as docker's registry client has it.
		const client = clientFor(reference, {insecure, insecureRegistries: [], plainHttp: insecure});
		const path = reference.ref.path;
		try {
			const top = await fetchOr404(() => client.manifest(path, reference.target), reference.fullName);
			const withConfig = async (raw: Buffer, mediaType: string, digest: string, ref: string, configDigest: string): Promise<FetchedManifest> => {
				const config = await client.blobBytes(path, configDigest, `the config of ${ref}`);
				let doc: unknown;
				try {
					doc = JSON.parse(config.toString('utf8'));
				} catch {
					throw new RegistryError('protocol', `the config of ${ref} is not JSON`);
				}
				return {ref, mediaType, digest, size: raw.length, raw, platform: platformFromConfig(doc)};
			};
			let out: string;
			if (top.manifest.kind === 'manifest') {
				const one = await withConfig(top.raw, top.manifest.mediaType, top.digest, reference.fullName, top.manifest.config.digest);
				out = parsed.flags.verbose ? inspectVerbose(one) : inspectManifest(one);
			} else {
				const base = reference.fullName.replace(/@.*$/, '');
				const children: FetchedManifest[] = [];
				for (const entry of top.manifest.manifests) {
					const child = await fetchOr404(() => client.manifest(path, entry.digest), reference.fullName);
					if (child.manifest.kind !== 'manifest') throw new CommandError(`unsupported manifest type: ${visible(child.manifest.mediaType)}`, 1);
					const fetched = await withConfig(child.raw, child.manifest.mediaType, child.digest, `${base}@${entry.digest}`, child.manifest.config.digest);
					// The index entry's platform replaces the config's.
					fetched.platform = entry.platform ?? {};
					children.push(fetched);
				}
				out = parsed.flags.verbose ? inspectVerbose(children) : inspectList(children);
			}
			await writeAll(context.stdout, out);
			return 0;
		} catch (error) {
			if (error instanceof RegistryError) throw new CommandError(visible(error.message), 1);
			throw error;
		} finally {
			client.close();
		}
	},
};

/** docker goes on past a 404 (and an unauthorized answer) to its next endpoint, then says only this. */
async function fetchOr404<T>(fetch: () => Promise<T>, fullName: string): Promise<T> {
	try {
		return await fetch();
	} catch (error) {
		// An HTTPS attempt at a plain-HTTP registry is docker's "protocol error" that it skips past too.
		const plainServer = error instanceof RegistryError && error.detail === 'plain-http';
		if (error instanceof RegistryError && (plainServer || error.kind === 'notFound' || (error.kind === 'auth' && error.statusCode === 401))) throw new CommandError(`no such manifest: ${fullName}`, 1);
		throw error;
	}
}

/**
 * distribution/reference's words for a reference that does not parse: an
 * upper-case repository name is named (ParseNormalizedNamed checks the name
 * after the domain, before the tag), anything else is "invalid reference format".
 */
function referenceErrorText(text: string): string {
	const slash = text.indexOf('/');
	const first = slash < 0 ? '' : text.slice(0, slash);
	const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
	let remote = hasDomain ? text.slice(slash + 1) : text;
	const colon = remote.indexOf(':');
	if (colon >= 0) remote = remote.slice(0, colon);
	remote = remote.replace(/@.*$/, '');
	if (remote !== remote.toLowerCase()) return `invalid reference format: repository name (${remote}) must be lowercase`;
	return 'invalid reference format';
}

export default manifest;

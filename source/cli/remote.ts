/**
 * What the subcommands share for a remote image: the flags (--remote,
 * --platform, --insecure-registry), when a reference is remote (--remote, or
 * a reference naming a registry host), the client's options, and registry
 * failures as one-line CommandErrors (exit 1). Secrets never reach a message:
 * the adapter's messages name registries, not credentials.
 */
import type {ClientOptions} from '../engine/registry/client.js';
import {RegistryError} from '../engine/registry/errors.js';
import {ReferenceError, namesRegistry} from '../registry/remote-reference.js';
import {visible} from '../text/sanitize.js';
import type {FlagSpec} from './args.js';
import {type CommandContext, CommandError} from './command.js';

export const remoteFlags: FlagSpec[] = [
	{name: 'remote', type: 'bool', help: 'Read the image from its registry (no engine, no pull); a reference naming a registry host (HOST[:PORT]/...) is remote anyway'},
	{name: 'platform', type: 'string', valueName: 'os/arch[/variant]', help: 'The platform to read from a multi-platform image (default: this machine\'s)'},
	{name: 'insecure-registry', type: 'list', valueName: 'HOST[:PORT]', help: 'Treat this registry as docker treats an insecure one: HTTPS without certificate checks, or plain HTTP (loopback registries may always use plain HTTP)'},
];

export function isRemote(flags: Record<string, unknown>, ref: string | undefined): boolean {
	if (ref === undefined) return false;
	// `localhost/NAME` is how podman names its local images: a registry only when asked (--remote).
	return Boolean(flags.remote) || (namesRegistry(ref) && !ref.startsWith('localhost/'));
}

export function clientOptions(flags: Record<string, unknown>, stderr: NodeJS.WritableStream): ClientOptions {
	return {
		insecureRegistries: (flags['insecure-registry'] as string[] | undefined) ?? [],
		onNotice: (text) => stderr.write(`imgscope: ${visible(text)}\n`),
	};
}

/** A registry or reference failure as the CLI prints it; anything else unchanged. */
export function describeRemote(error: unknown): unknown {
	if (error instanceof RegistryError) return new CommandError(error.kind === 'aborted' ? '' : `imgscope: ${visible(error.message)}`, error.kind === 'aborted' ? 130 : 1);
	if (error instanceof ReferenceError) return new CommandError(`imgscope: ${visible(error.message)}`, 1);
	return error;
}

/**
 * A remote image's detail (inspect, history, pairing) for `layers` and
 * `history`; with `readBlobs` the layer blobs are streamed (verified, file
 * contents not hashed) for docker's uncompressed sizes, else the sizes are
 * the manifest's compressed ones.
 */
export async function remoteImageDetail(context: CommandContext, ref: string, flags: Record<string, unknown>, readBlobs: boolean) {
	const {clientFor, resolveRemote, readRemoteLayers} = await import('../engine/registry/remote-image.js');
	const {remoteDetail} = await import('../engine/registry/remote-detail.js');
	const {parseRemote} = await import('../registry/remote-reference.js');
	const {progressLine} = await import('./image-progress.js');
	const progress = progressLine(context.stderr, ref);
	const controller = new AbortController();
	const onInterrupt = () => controller.abort();
	if (progress.active) process.once('SIGINT', onInterrupt);
	let client: {close(): void} | undefined;
	try {
		const reference = parseRemote(ref);
		const registry = clientFor(reference, clientOptions(flags, context.stderr));
		client = registry;
		progress.note('asking the registry…');
		const image = await resolveRemote(reference, {platform: flags.platform as string | undefined, signal: controller.signal, client: registry});
		const read = readBlobs ? await readRemoteLayers(image, {signal: controller.signal, onProgress: progress.update, digests: false}) : undefined;
		progress.done();
		return {image, detail: remoteDetail(image, read)};
	} catch (error) {
		progress.done();
		if (controller.signal.aborted) throw new CommandError('', 130);
		throw describeRemote(error);
	} finally {
		client?.close();
		process.removeListener('SIGINT', onInterrupt);
	}
}

/**
 * A reference to an image in a registry: docker's grammar (actions/reference.ts
 * parses it, normalising Docker Hub names), plus what the registry client
 * needs: the host to talk to, the repository path, the tag or digest to ask
 * for, and whether plain HTTP is allowed. Pure.
 */
import {type Reference, defaultRegistry, parseReference} from '../actions/reference.js';

export interface RemoteReference {
	/** As parsed (repository, tag, digest, registry, path). */
	ref: Reference;
	/** host[:port] to connect to (registry-1.docker.io for Docker Hub). */
	host: string;
	/** What goes after /manifests/: the digest when given, else the tag. */
	target: string;
	/** The full name as docker's reference String() prints it: host/path[:tag][@digest]. */
	fullName: string;
}

export class ReferenceError extends Error {}

export function parseRemote(text: string): RemoteReference {
	const parsed = parseReference(text, {allowDigest: true});
	if (!parsed.ok) throw new ReferenceError(parsed.problem);
	return fromReference(parsed);
}

export function fromReference(ref: Reference): RemoteReference {
	const host = ref.registry === defaultRegistry ? 'registry-1.docker.io' : ref.registry;
	const tagPart = ref.tagged || !ref.digest ? `:${ref.tag}` : '';
	return {ref, host, target: ref.digest ?? ref.tag, fullName: `${ref.registry}/${ref.path}${tagPart}${ref.digest ? `@${ref.digest}` : ''}`};
}

/**
 * Whether a reference typed on the command line names a registry host (so
 * it is remote without --remote): its first component has a "." or ":" or is
 * localhost, as docker's grammar decides a domain.
 */
export function namesRegistry(text: string): boolean {
	const slash = text.indexOf('/');
	if (slash < 0) return false;
	const first = text.slice(0, slash);
	// A host as docker's reference grammar has one (a name with a dot or a port, [IPv6], localhost); `..` is none.
	if (!/^([a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?|\[[0-9a-fA-F:.]+\])(:[0-9]+)?$/.test(first)) return false;
	return /[.:]/.test(first) || first === 'localhost';
}

/** A repository for `tags REPO`: a reference without tag or digest. */
export function parseRepository(text: string): RemoteReference {
	const remote = parseRemote(text);
	if (remote.ref.tagged || remote.ref.digest) throw new ReferenceError(`invalid reference: "${text}" names a tag or digest; a repository is wanted here`);
	return remote;
}

/**
 * Plain HTTP is allowed only where docker allows it without configuration
 * (localhost, 127.0.0.0/8, ::1) or for a registry given with --insecure-registry.
 */
export function plainHttpAllowed(host: string, insecure: readonly string[] = []): boolean {
	if (insecure.includes(host)) return true;
	const name = hostName(host);
	if (insecure.includes(name)) return true;
	return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The host without its port ("[::1]:5000" -> "::1"). */
export function hostName(host: string): string {
	const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
	if (v6) return v6[1];
	return host.replace(/:\d+$/, '');
}

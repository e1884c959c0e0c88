/**
 * Docker's image reference grammar (github.com/distribution/reference,
 * regexp.go and normalize.go), so a form can refuse a bad reference before
 * anything is sent, with the reason docker would give. Pure.
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [domain "/"] path-component ["/" path-component]*
 *   domain    := host [":" port]   host: DNS labels (any case) or [IPv6]
 *   path-component := [a-z0-9]+ (separator [a-z0-9]+)*   separator: . _ __ -+
 *   tag       := [\w][\w.-]{0,127}
 */

export const defaultRegistry = 'docker.io';
/** The key docker's config.json uses for Docker Hub credentials (registry.IndexServer). */
export const dockerHubAuthKey = 'https://index.docker.io/v1/';
export const nameTotalLengthMax = 255;

export interface Reference {
	ok: true;
	/** The repository as docker shows it ("fixture/app", "ubuntu", "127.0.0.1:5000/x/y"). */
	repository: string;
	/** The tag; "latest" when none was typed (and there is no digest). */
	tag: string;
	/** Whether a tag was typed (false when "latest" was filled in). */
	tagged: boolean;
	digest?: string;
	/** "docker.io" or the host[:port] the reference names. */
	registry: string;
	/** The path inside the registry: "library/ubuntu" for Docker Hub's official images. */
	path: string;
	/** The fully qualified name: "docker.io/library/ubuntu". */
	fullName: string;
	/** repository:tag (or repository@digest), the familiar form to send and show. */
	reference: string;
}

export interface ReferenceProblem {
	ok: false;
	/** Starts with "invalid reference" and says why. */
	problem: string;
}

export type ReferenceResult = Reference | ReferenceProblem;

export interface ReferenceOptions {
	/** A digest (`@sha256:...`) is accepted; off for tag targets and build tags, where docker refuses it. */
	allowDigest?: boolean;
}

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const pathRe = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const domainRe = new RegExp(`^${domain}$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const hex64Re = /^[a-f0-9]{64}$/;

function problem(why: string): ReferenceProblem {
	return {ok: false, problem: `invalid reference: ${why}`};
}

/**
 * Parses and normalises like ParseNormalizedNamed + TagNameOnly: "ubuntu" is
 * docker.io/library/ubuntu:latest, and a first component is a registry only
 * when it has a "." or ":", is "localhost", or has an upper-case letter.
 */
export function parseReference(input: string, options: ReferenceOptions = {}): ReferenceResult {
	const text = input.trim();
	if (!text) return problem('empty (type a name such as repo/name:tag)');
	if (/\s/.test(text)) return problem(`"${text}" contains whitespace`);
	if (hex64Re.test(text)) return problem(`"${text}" is a 64-character hexadecimal string, which docker reserves for image IDs`);

	let rest = text;
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		if (!options.allowDigest) return problem(`"${text}" has a digest (@${digest}); a tag is wanted here, as in name:tag`);
		if (!digestRe.test(digest)) return problem(`digest "${digest}" is not algorithm:hex (such as sha256: and at least 32 hex digits)`);
	}
	// The tag follows the last ":" after the last "/": a ":" before it is a registry port.
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!tag) return problem(`"${text}" has an empty tag after ":"`);
		if (!tagRe.test(tag)) {
			return problem(`tag "${tag}" may hold only letters, digits, "_", "." and "-", must not start with "." or "-", and is at most 128 characters`);
		}
	}
	if (!rest) return problem(`"${text}" has no repository name`);

	const {registry, path, explicitRegistry} = splitDomain(rest);
	if (explicitRegistry && !domainRe.test(registry)) return problem(`registry "${registry}" is not a host name or host:port`);
	if (!path) return problem(`"${text}" has no repository name after the registry`);
	if (path !== path.toLowerCase()) return problem(`repository name "${path}" must be lowercase`);
	const badComponent = path.split('/').find((component) => !pathRe.test(`${component}`));
	if (badComponent !== undefined) {
		return problem(
			badComponent === ''
				? `"${rest}" has an empty path component (a doubled or trailing "/")`
				: `path component "${badComponent}" must be lowercase letters and digits, joined by ".", "_", "__" or dashes, not starting or ending with one`,
		);
	}
	if (rest.length > nameTotalLengthMax) return problem(`repository name is ${rest.length} characters; at most ${nameTotalLengthMax} are allowed`);

	const fullPath = registry === defaultRegistry && !path.includes('/') ? `library/${path}` : path;
	const fullName = `${registry}/${fullPath}`;
	const repository = familiarName(registry, fullPath);
	const effectiveTag = tag ?? (digest ? '' : 'latest');
	return {
		ok: true,
		repository,
		tag: effectiveTag,
		tagged: tag !== undefined,
		digest,
		registry,
		path: fullPath,
		fullName,
		reference: digest ? `${repository}${tag ? `:${tag}` : ''}@${digest}` : `${repository}:${effectiveTag}`,
	};
}

/** splitDockerDomain from normalize.go. */
function splitDomain(name: string): {registry: string; path: string; explicitRegistry: boolean} {
	const slash = name.indexOf('/');
	const first = slash >= 0 ? name.slice(0, slash) : '';
	if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
		return {registry: defaultRegistry, path: name, explicitRegistry: false};
	}
	// index.docker.io is an old spelling of Docker Hub.
	const registry = first === 'index.docker.io' ? defaultRegistry : first;
	return {registry, path: name.slice(slash + 1), explicitRegistry: registry !== defaultRegistry};
}

/** FamiliarName: Docker Hub names lose "docker.io/" and "library/". */
export function familiarName(registry: string, path: string): string {
	if (registry !== defaultRegistry) return `${registry}/${path}`;
	return path.startsWith('library/') && path.split('/').length === 2 ? path.slice('library/'.length) : path;
}

/**
 * The key credentials are stored under in config.json and asked of a
 * credential helper: Docker Hub's is the v1 index URL, any other registry's is
 * its host[:port].
 */
export function authKeyFor(registry: string): string {
	return registry === defaultRegistry ? dockerHubAuthKey : registry;
}

/**
 * Reduces a config.json key to a host, as the CLI's ConvertToHostname does
 * ("https://host:5000/v1/" -> "host:5000"), so entries saved with a scheme or
 * path still match.
 */
export function hostOfAuthKey(key: string): string {
	const stripped = key.replace(/^https?:\/\//, '');
	const host = stripped.split('/')[0];
	return host === 'index.docker.io' || host === 'registry-1.docker.io' ? defaultRegistry : host;
}

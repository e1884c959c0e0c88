// The part of github.com/distribution/reference that `docker image ls` uses to
// split RepoTags and RepoDigests into rows: ParseNormalizedNamed, then the
// familiar name (docker.io/library/alpine -> alpine) with the tag or digest.
// A reference that does not parse is skipped by docker, so it is here too.

const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(`^((?:${domain}/)?${component}(?:/${component})*)(?::(${tag}))?(?:@(${digest}))?$`);
const identifier = /^[a-f0-9]{64}$/;

export interface ParsedReference {
	/** The familiar repository name (`fixture/app`, `alpine`, `localhost:5000/x`). */
	familiar: string;
	tag?: string;
	digest?: string;
}

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

// splitDockerDomain: the first component is a registry only if it looks like one.
function splitDomain(name: string): [string, string] {
	const i = name.indexOf('/');
	const first = i === -1 ? '' : name.slice(0, i);
	if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
		return [DEFAULT_DOMAIN, name];
	}
	let d = first;
	let remainder = name.slice(i + 1);
	if (d === LEGACY_DOMAIN) d = DEFAULT_DOMAIN;
	if (d === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
	return [d, remainder];
}

/** reference.ParseNormalizedNamed + FamiliarName; null where docker's parse fails. */
export function parseNormalizedNamed(s: string): ParsedReference | null {
	if (identifier.test(s)) return null;
	const at = s.indexOf('@');
	const namePart = at === -1 ? s : s.slice(0, at);
	// The tag separator is the last ':' after the last '/'.
	const colon = namePart.lastIndexOf(':');
	const nameOnly = colon > namePart.lastIndexOf('/') ? namePart.slice(0, colon) : namePart;
	let [dom, remainder] = splitDomain(nameOnly);
	if (dom === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
	if (remainder.toLowerCase() !== remainder) return null;
	const full = `${dom}/${remainder}${s.slice(nameOnly.length)}`;
	const m = reference.exec(full);
	if (!m || m[1].length > 255) return null;
	return {familiar: familiarName(dom, remainder), tag: m[2], digest: m[3]};
}

function familiarName(dom: string, remainder: string): string {
	if (dom !== DEFAULT_DOMAIN) return `${dom}/${remainder}`;
	if (remainder.startsWith(OFFICIAL_PREFIX) && !remainder.slice(OFFICIAL_PREFIX.length).includes('/')) {
		return remainder.slice(OFFICIAL_PREFIX.length);
	}
	return remainder;
}

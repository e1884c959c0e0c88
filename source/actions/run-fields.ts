/**
 * The run form's list fields, parsed with docker's rules (go-connections
 * nat.ParsePortSpec, the daemon's Linux volume spec parser, the CLI's
 * ValidateEnv). Each returns the entries or a problem that starts with
 * "invalid" and quotes the entry. Pure.
 */
import {isIP} from 'node:net';

export type FieldResult<T> = {ok: true; value: T} | {ok: false; problem: string};

export interface PortMapping {
	/** "80/tcp" */
	port: string;
	hostIp: string;
	/** "" for a random host port; "8000-8010" for a range to pick from. */
	hostPort: string;
}

const protocols = new Set(['tcp', 'udp', 'sctp']);

function portRange(text: string, min: number): {start: number; end: number} | undefined {
	const match = /^(\d+)(?:-(\d+))?$/.exec(text);
	if (!match) return undefined;
	const start = Number(match[1]);
	const end = match[2] === undefined ? start : Number(match[2]);
	if (start < min || end > 65535 || end < start) return undefined;
	return {start, end};
}

/** `[ip:][hostPort:]containerPort[/proto]`; ports may be ranges (`8000-8001:80-81`). */
export function parsePort(raw: string): FieldResult<PortMapping[]> {
	const entry = raw.trim();
	const bad = (why: string): FieldResult<PortMapping[]> => ({ok: false, problem: `invalid port "${entry}": ${why}`});
	const parts = entry.split(':');
	const last = parts.pop() ?? '';
	const hostPortText = parts.length ? (parts.pop() ?? '') : '';
	let ip = parts.join(':');
	const slash = last.indexOf('/');
	const containerText = slash >= 0 ? last.slice(0, slash) : last;
	const proto = slash >= 0 ? last.slice(slash + 1).toLowerCase() : 'tcp';
	if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
	if (ip && !isIP(ip)) return bad(`"${ip}" is not an IP address (IPv6 goes in brackets: [::1]:8080:80)`);
	if (!containerText) return bad('no container port (write [ip:]host:container[/proto], e.g. 8080:80)');
	const container = portRange(containerText, 1);
	if (!container) return bad(`container port "${containerText}" is not a port 1-65535 or a range such as 80-81`);
	const host = hostPortText ? portRange(hostPortText, 0) : undefined;
	if (hostPortText && !host) return bad(`host port "${hostPortText}" is not a port 0-65535 or a range such as 8000-8001`);
	const containerCount = container.end - container.start;
	// A host range with one container port is a range to allocate from; otherwise the sizes must agree.
	if (host && host.end - host.start !== containerCount && containerCount !== 0) {
		return bad(`the host range ${hostPortText} and the container range ${containerText} differ in size`);
	}
	if (!protocols.has(proto)) return bad(`protocol "${proto}" is not tcp, udp or sctp`);
	const mappings: PortMapping[] = [];
	for (let i = 0; i <= containerCount; i++) {
		let hostPort = host ? String(host.start + i) : '';
		if (host && containerCount === 0 && host.start !== host.end) hostPort = `${host.start}-${host.end}`;
		mappings.push({port: `${container.start + i}/${proto}`, hostIp: ip, hostPort});
	}
	return {ok: true, value: mappings};
}

export interface VolumeSpec {
	/** A bind ("/host:/path:ro") or named volume ("name:/path") for HostConfig.Binds. */
	bind?: string;
	/** An anonymous volume's container path, for Config.Volumes. */
	anonymous?: string;
}

const volumeNameRe = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const modes = new Set(['ro', 'rw']);

/** `name:/path`, `/host:/path[:ro|rw]`, or `/path` alone (an anonymous volume). */
export function parseVolume(raw: string): FieldResult<VolumeSpec> {
	const entry = raw.trim();
	const bad = (why: string): FieldResult<VolumeSpec> => ({ok: false, problem: `invalid volume "${entry}": ${why}`});
	const parts = entry.split(':');
	if (parts.some((part) => part === '')) return bad('an empty part (write name:/path or /host/dir:/path[:ro])');
	if (parts.length > 3) return bad('too many ":" (write name:/path or /host/dir:/path[:ro])');
	if (parts.length === 2 && modes.has(parts[1])) return bad(`"${parts[1]}" needs a source first (name:/path:${parts[1]})`);
	const destination = parts.length === 1 ? parts[0] : parts[1];
	if (!destination.startsWith('/')) return bad(`the container path "${destination}" must be absolute`);
	if (destination.replace(/\/+$/, '') === '') return bad('the container path cannot be "/"');
	if (parts.length === 1) return {ok: true, value: {anonymous: destination}};
	const source = parts[0];
	if (!source.startsWith('/') && !volumeNameRe.test(source)) {
		return bad(`"${source}" is neither an absolute host path nor a volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+); host directories need an absolute path`);
	}
	if (parts.length === 3 && !modes.has(parts[2])) return bad(`mode "${parts[2]}" is not ro or rw`);
	return {ok: true, value: {bind: entry}};
}

/**
 * KEY=VALUE is taken as typed (VALUE may be empty or hold "="). KEY alone
 * means, as with `docker run -e KEY`, the value KEY has in imgscope's own
 * environment (`hostEnv`). Unlike docker, which then silently drops an unset
 * KEY, an unset one is an error here: in a form, a variable that vanishes
 * without a word is a surprise; `KEY=` sets an empty value.
 */
export function parseEnv(raw: string, hostEnv: Readonly<Record<string, string | undefined>> = {}): FieldResult<string> {
	const eq = raw.indexOf('=');
	const key = eq >= 0 ? raw.slice(0, eq) : raw.trim();
	if (!key) return {ok: false, problem: `invalid environment entry "${raw}": no variable name before "="`};
	if (/\s/.test(key)) return {ok: false, problem: `invalid environment entry "${raw}": the name "${key}" contains whitespace`};
	if (eq >= 0) return {ok: true, value: raw};
	const value = hostEnv[key];
	if (value === undefined) {
		return {ok: false, problem: `invalid environment entry "${key}": no "=" and ${key} is not set in imgscope's environment (write ${key}= for an empty value)`};
	}
	return {ok: true, value: `${key}=${value}`};
}

const containerNameRe = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** docker's container name rule (at least two characters). Empty means "let the engine pick". */
export function parseContainerName(raw: string): FieldResult<string | undefined> {
	const name = raw.trim();
	if (!name) return {ok: true, value: undefined};
	if (!containerNameRe.test(name)) {
		return {ok: false, problem: `invalid name "${name}": use at least two characters from [a-zA-Z0-9_.-], starting with a letter or digit`};
	}
	return {ok: true, value: name.replace(/^\//, '')};
}

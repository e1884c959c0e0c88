// The docker CLI's context store, the pure half (docker/cli cli/context/store,
// cli/command/defaultcontextstore.go, cli/command/context/list.go): what one
// meta.json means, the implicit "default" context, the stub docker lists for
// a current context that does not exist, and the natural sort of the names.
// The files are read by source/engine/contexts.ts.

import {naturalCompare} from './natural-order.js';

/** One context as `docker context ls` knows it (formatter.ClientContext, plus what the explorer needs). */
export interface ClientContext {
	name: string;
	description: string;
	/** The docker endpoint's Host, as stored ('' when there is none). */
	dockerEndpoint: string;
	current: boolean;
	/** Why the context cannot be used ('' when it can), untruncated. */
	error: string;
	skipTLSVerify: boolean;
	/** TLS files stored with the context (contexts/tls/<id>/docker/). */
	tls: {ca: boolean; cert: boolean; key: boolean};
}

/** A failure docker reports for the whole list (exit status 1). */
export class ContextStoreError extends Error {}

export const DEFAULT_CONTEXT = 'default';
export const DEFAULT_DESCRIPTION = 'Current DOCKER_HOST based configuration';
export const DEFAULT_SOCKET_HOST = 'unix:///var/run/docker.sock';

const noTls = {ca: false, cert: false, key: false};

/** Go's name for a JSON value's kind in "cannot unmarshal X into ...". */
function jsonKind(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'object' : typeof value;
}

/** encoding/json's words for text that is not JSON (the two cases that matter: cut short, or a stray character). */
function goJsonSyntaxError(text: string): string {
	try {
		JSON.parse(text);
		return '';
	} catch (error) {
		const message = (error as Error).message;
		if (/end of JSON input|Unterminated|Unexpected end/i.test(message) || text.trim() === '') return 'unexpected end of JSON input';
		const at = /position (\d+)/.exec(message);
		const ch = at ? text[Number(at[1])] : undefined;
		return ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of value`;
	}
}

/**
 * metadataStore.getByID plus GetDockerContext and EndpointFromContext: the
 * context one meta.json describes. A file docker cannot parse fails the whole
 * list (ContextStoreError, with docker's text); a context without a usable
 * docker endpoint is listed with its error.
 */
export function parseContextMeta(text: string, file: string): ClientContext {
	const fail = (why: string) => new ContextStoreError(`failed to read metadata: parsing ${file}: ${why}`);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw fail(goJsonSyntaxError(text));
	}
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw fail(`json: cannot unmarshal ${jsonKind(json)} into Go value of type store.untypedContextMetadata`);
	}
	const doc = json as {Name?: unknown; Metadata?: unknown; Endpoints?: unknown};
	const name = typeof doc.Name === 'string' ? doc.Name : '';
	let description = '';
	if (doc.Metadata !== undefined && doc.Metadata !== null) {
		if (typeof doc.Metadata !== 'object' || Array.isArray(doc.Metadata)) {
			throw fail(`json: cannot unmarshal ${jsonKind(doc.Metadata)} into Go value of type map[string]interface {}`);
		}
		const d = (doc.Metadata as {Description?: unknown}).Description;
		if (typeof d === 'string') description = d;
		else if (d !== undefined && d !== null) throw fail(`json: cannot unmarshal ${jsonKind(d)} into Go struct field DockerContext.Description of type string`);
	}
	const base: ClientContext = {name, description, dockerEndpoint: '', current: false, error: '', skipTLSVerify: false, tls: noTls};
	const endpoints = doc.Endpoints;
	if (endpoints === undefined || endpoints === null || typeof endpoints !== 'object' || !('docker' in endpoints)) {
		return {...base, error: 'cannot find docker endpoint in context'};
	}
	const docker = (endpoints as {docker: unknown}).docker;
	// A null endpoint is stored as nil, which is not an EndpointMeta.
	if (docker === null) return {...base, error: 'endpoint "docker" is not of type EndpointMeta'};
	if (typeof docker !== 'object' || Array.isArray(docker)) {
		throw fail(`json: cannot unmarshal ${jsonKind(docker)} into Go value of type docker.EndpointMeta`);
	}
	const {Host: host, SkipTLSVerify: skip} = docker as {Host?: unknown; SkipTLSVerify?: unknown};
	if (host !== undefined && host !== null && typeof host !== 'string') {
		throw fail(`json: cannot unmarshal ${jsonKind(host)} into Go struct field EndpointMetaBase.Host of type string`);
	}
	if (skip !== undefined && skip !== null && typeof skip !== 'boolean') {
		throw fail(`json: cannot unmarshal ${jsonKind(skip)} into Go struct field EndpointMetaBase.SkipTLSVerify of type bool`);
	}
	return {...base, dockerEndpoint: typeof host === 'string' ? host : '', skipTLSVerify: skip === true};
}

/**
 * opts.ParseHost as docker applies it to -H / DOCKER_HOST for the default
 * context: a bare host:port is tcp, tcp gets port 2375 when it has none, an
 * empty unix path is the default socket; ssh and fd are kept as given.
 */
export function normalizeDaemonHost(value: string): string {
	const host = value.trim();
	if (host === '') return DEFAULT_SOCKET_HOST;
	const sep = host.indexOf('://');
	const proto = sep < 0 ? 'tcp' : host.slice(0, sep);
	const rest = sep < 0 ? host : host.slice(sep + 3);
	const bad = (what = host) => new ContextStoreError(`invalid bind address format: ${what}`);
	switch (proto) {
		case 'tcp': {
			const match = /^(\[[^\]]*\]|[^:/[\]]*)(?::(\d*))?(\/.*)?$/.exec(rest);
			if (!match) throw bad(rest);
			const [, name, port, tail] = match;
			// url.Parse cannot split "[::1]" without a port; docker fails it.
			if (name.startsWith('[') && port === undefined) throw bad(rest);
			const hostname = name === '' ? 'localhost' : name;
			return `tcp://${hostname}:${port || '2375'}${tail ?? ''}`;
		}
		case 'unix':
			if (rest.includes('://')) throw new ContextStoreError(`invalid proto, expected unix: ${rest}`);
			return `unix://${rest === '' ? '/var/run/docker.sock' : rest}`;
		case 'npipe':
			return `npipe://${rest === '' ? '//./pipe/docker_engine' : rest}`;
		case 'ssh':
		case 'fd':
			return host;
		default:
			throw bad();
	}
}

/** The implicit "default" context: -H, else DOCKER_HOST, else the local socket. */
export function defaultContext(host: string | undefined): ClientContext {
	return {
		name: DEFAULT_CONTEXT,
		description: DEFAULT_DESCRIPTION,
		dockerEndpoint: normalizeDaemonHost(host ?? ''),
		current: false,
		error: '',
		skipTLSVerify: false,
		tls: noTls,
	};
}



/**
 * runList's rows: the stored contexts and the default one, the current one
 * marked; a current name that is not among them is listed as a stub carrying
 * `missingError` (the store's "context not found" message); sorted naturally.
 */
export function contextRows(stored: ClientContext[], defaultOne: ClientContext, currentName: string, missingError: string): ClientContext[] {
	const rows = [...stored, defaultOne].map(c => ({...c, current: c.name === currentName}));
	if (!rows.some(c => c.current)) {
		rows.push({name: currentName, description: '', dockerEndpoint: '', current: true, error: missingError, skipTLSVerify: false, tls: noTls});
	}
	return rows.sort((x, y) => naturalCompare(x.name, y.name));
}

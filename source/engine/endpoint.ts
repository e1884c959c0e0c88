/**
 * Finds the engine the way the docker CLI does (cli/command/cli.go,
 * resolveContextName and getServerHost): -H beats --context, --context beats
 * DOCKER_HOST, DOCKER_HOST beats DOCKER_CONTEXT, which beats the config's
 * currentContext; the "default" context is DOCKER_HOST or the local socket.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {homedir, userInfo} from 'node:os';
import path from 'node:path';
import {rootCertificates} from 'node:tls';

export type Endpoint =
	| {kind: 'unix'; socketPath: string; url: string; source: string}
	| {kind: 'npipe'; socketPath: string; url: string; source: string}
	| {
			kind: 'tcp';
			host: string;
			port: number;
			tls?: {ca?: Buffer | string[]; cert?: Buffer; key?: Buffer; verify: boolean};
			url: string;
			source: string;
	  }
	| {kind: 'ssh'; host: string; port: number; user: string; url: string; source: string};

export interface EndpointOptions {
	host?: string;
	context?: string;
	env?: NodeJS.ProcessEnv;
	home?: string;
}

export class EndpointError extends Error {}

export const defaultSocket = '/var/run/docker.sock';

/** $DOCKER_CONFIG, or ~/.docker: where config.json and the context store live. */
export function dockerConfigDir(options: EndpointOptions = {}): string {
	const env = options.env ?? process.env;
	return env.DOCKER_CONFIG || path.join(options.home ?? homedir(), '.docker');
}

/** The context's directory name in the store (contexts/meta/<id>, contexts/tls/<id>). */
export function contextId(name: string): string {
	return createHash('sha256').update(name).digest('hex');
}

/**
 * The name of the context in use, as docker's resolveContextName picks it:
 * --context, then "default" for -H or DOCKER_HOST, then DOCKER_CONTEXT, then
 * the config's currentContext, then "default".
 */
export function currentContextName(options: EndpointOptions = {}): string {
	const env = options.env ?? process.env;
	if (options.context) return options.context;
	if (options.host || env.DOCKER_HOST) return 'default';
	return env.DOCKER_CONTEXT || currentContext(dockerConfigDir(options)) || 'default';
}

export function resolveEndpoint(options: EndpointOptions = {}): Endpoint {
	const env = options.env ?? process.env;
	const configDir = dockerConfigDir(options);
	if (options.host && options.context) {
		throw new EndpointError('conflicting options: either specify --host or --context, not both');
	}
	if (options.host) return parseHost(options.host, '-H', env);
	const contextName = currentContextName(options);
	if (contextName && contextName !== 'default') return contextEndpoint(configDir, env, contextName, options.context ? '--context' : env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : 'the current context');
	if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', env);
	return {kind: 'unix', socketPath: defaultSocket, url: `unix://${defaultSocket}`, source: 'the default socket'};
}

function currentContext(configDir: string): string | undefined {
	const file = path.join(configDir, 'config.json');
	if (!existsSync(file)) return undefined;
	try {
		const config = JSON.parse(readFileSync(file, 'utf8')) as {currentContext?: string};
		return config.currentContext || undefined;
	} catch (error) {
		throw new EndpointError(`cannot read ${file}: ${(error as Error).message}`);
	}
}

/** Context metadata lives under contexts/meta/<sha256 of the name>/meta.json. */
function contextEndpoint(configDir: string, env: NodeJS.ProcessEnv, name: string, source: string): Endpoint {
	const id = contextId(name);
	const metaFile = path.join(configDir, 'contexts', 'meta', id, 'meta.json');
	if (!existsSync(metaFile)) {
		throw new EndpointError(`context "${name}" does not exist (looked for ${metaFile})`);
	}
	let meta: {Endpoints?: {docker?: {Host?: string; SkipTLSVerify?: boolean}}};
	try {
		meta = JSON.parse(readFileSync(metaFile, 'utf8'));
	} catch (error) {
		throw new EndpointError(`context "${name}": cannot read ${metaFile}: ${(error as Error).message}`);
	}
	const docker = meta.Endpoints?.docker;
	if (!docker?.Host) throw new EndpointError(`context "${name}" has no docker endpoint`);
	const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
	const endpoint = parseHost(docker.Host, `context "${name}" (${source})`, {});
	if (endpoint.kind === 'tcp' && existsSync(tlsDir)) {
		endpoint.tls = {...readTls(tlsDir, env), verify: !docker.SkipTLSVerify};
	}
	return endpoint;
}

function readTls(dir: string, env: NodeJS.ProcessEnv): {ca?: Buffer | string[]; cert?: Buffer; key?: Buffer} {
	const read = (file: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file)) : undefined);
	return {ca: read('ca.pem') ?? defaultTrust(env), cert: read('cert.pem'), key: read('key.pem')};
}

/**
 * What node would trust with no CA given. bin/imgscope starts node without
 * NODE_EXTRA_CA_CERTS (node parses that file at start-up, TLS or not) and
 * passes it on as IMGSCOPE_EXTRA_CA_CERTS: node's own roots plus that file.
 * An unreadable file is skipped, as node skips it (with a warning).
 */
function defaultTrust(env: NodeJS.ProcessEnv): string[] | undefined {
	const file = env.IMGSCOPE_EXTRA_CA_CERTS;
	if (!file) return undefined;
	try {
		return [...rootCertificates, readFileSync(file, 'utf8')];
	} catch {
		return undefined;
	}
}

export function parseHost(host: string, source: string, env: NodeJS.ProcessEnv): Endpoint {
	const trimmed = host.trim();
	const match = /^([a-z]+):\/\/(.*)$/.exec(trimmed);
	if (!match) {
		throw new EndpointError(`invalid host "${host}" from ${source}: expected unix:///path, tcp://host:port or ssh://[user@]host[:port]`);
	}
	const [, scheme, rest] = match;
	switch (scheme) {
		case 'unix':
			if (!rest) throw new EndpointError(`invalid host "${host}" from ${source}: no socket path`);
			return {kind: 'unix', socketPath: rest, url: trimmed, source};
		case 'npipe':
			return {kind: 'npipe', socketPath: rest, url: trimmed, source};
		case 'tcp':
		case 'http':
		case 'https': {
			const url = safeUrl(`http://${rest}`, host, source);
			const tlsVerify = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
			const certPath = env.DOCKER_CERT_PATH;
			const useTls = scheme === 'https' || tlsVerify || Boolean(certPath);
			const port = url.port ? Number(url.port) : useTls ? 2376 : 2375;
			const endpoint: Endpoint = {kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, url: trimmed, source};
			if (useTls) {
				const dir = certPath || path.join(homedir(), '.docker');
				endpoint.tls = {...readTls(dir, env), verify: tlsVerify};
			}
			return endpoint;
		}
		case 'ssh': {
			const url = safeUrl(`ssh://${rest}`, host, source);
			if (!url.hostname) throw new EndpointError(`invalid host "${host}" from ${source}: no host name`);
			// Like ssh itself (and so the docker CLI): no user in the URL means the current user.
			const user = url.username ? safeDecode(url.username) : currentUser(env);
			return {kind: 'ssh', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 22, user, url: trimmed, source};
		}
		default:
			throw new EndpointError(`invalid host "${host}" from ${source}: unsupported scheme "${scheme}" (use unix, tcp or ssh)`);
	}
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function currentUser(env: NodeJS.ProcessEnv): string {
	try {
		return userInfo().username;
	} catch {
		// No passwd entry for this uid (a container with an arbitrary uid).
		return env.USER || env.LOGNAME || process.env.USER || process.env.LOGNAME || 'root';
	}
}

function safeUrl(text: string, host: string, source: string): URL {
	try {
		return new URL(text);
	} catch {
		throw new EndpointError(`invalid host "${host}" from ${source}`);
	}
}

/** What to tell a person whose engine does not answer. */
export function unreachableAdvice(endpoint: Endpoint, cause: string): string {
	const lines = [`Cannot connect to the Docker engine at ${endpoint.url} (from ${endpoint.source}): ${cause}`];
	if (endpoint.kind === 'unix') {
		if (/EACCES/.test(cause)) {
			lines.push(`  - permission denied on ${endpoint.socketPath}: add yourself to the "docker" group or run with sudo`);
		} else {
			lines.push('  - is the daemon running? start it (e.g. `sudo systemctl start docker`, or `dockerd &`)');
			lines.push('  - or point imgscope elsewhere: -H unix:///path/to/docker.sock, DOCKER_HOST, or --context NAME');
			lines.push('  - podman: `podman system service --time=0 unix:///tmp/podman.sock &` then DOCKER_HOST=unix:///tmp/podman.sock');
		}
	} else {
		lines.push('  - check that the host is reachable and the daemon listens there; or set DOCKER_HOST / -H / --context');
	}
	return lines.join('\n');
}

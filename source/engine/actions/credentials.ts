/**
 * Registry credentials the way the docker CLI finds them in config.json
 * ($DOCKER_CONFIG or ~/.docker): a `credHelpers` entry for the registry
 * wins, then `credsStore`, then the plain `auths` entry (base64
 * "user:password", or an identity token). A helper is run as
 * `docker-credential-NAME get` with the server URL on stdin. The engine gets
 * them in the X-Registry-Auth header, encoded as the CLI encodes it.
 */
import {execFile} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {authKeyFor, hostOfAuthKey} from '../../actions/reference.js';
import {EngineError} from '../errors.js';

/** registry.AuthConfig: JSON field names as the engine reads them. */
export interface AuthConfig {
	username?: string;
	password?: string;
	auth?: string;
	serveraddress?: string;
	identitytoken?: string;
	registrytoken?: string;
}

export interface CredentialOptions {
	env?: NodeJS.ProcessEnv;
	home?: string;
	/** Milliseconds a credential helper may take; default 15 s. */
	helperTimeoutMs?: number;
}

interface ConfigFile {
	auths?: Record<string, {auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string}>;
	credsStore?: string;
	credHelpers?: Record<string, string>;
}

export function configDir(options: CredentialOptions = {}): string {
	const env = options.env ?? process.env;
	return env.DOCKER_CONFIG || path.join(options.home ?? homedir(), '.docker');
}

function readConfig(options: CredentialOptions): {file: string; config: ConfigFile} {
	const file = path.join(configDir(options), 'config.json');
	if (!existsSync(file)) return {file, config: {}};
	try {
		return {file, config: JSON.parse(readFileSync(file, 'utf8')) as ConfigFile};
	} catch (error) {
		throw new EngineError('daemon', `cannot read credentials from ${file}: ${(error as Error).message}`);
	}
}

/** A map entry whose key names this registry, however it was written ("https://host/v1/", "host"). */
function entryFor<T>(map: Record<string, T> | undefined, registry: string): T | undefined {
	if (!map) return undefined;
	const key = authKeyFor(registry);
	if (map[key] !== undefined) return map[key];
	const found = Object.keys(map).find((candidate) => hostOfAuthKey(candidate) === registry);
	return found === undefined ? undefined : map[found];
}

/**
 * The credentials for a registry ("docker.io", "127.0.0.1:5000"); an empty
 * config (with only serveraddress) when there are none, as the CLI sends.
 */
export async function credentialsFor(registry: string, options: CredentialOptions = {}): Promise<AuthConfig> {
	const {file, config} = readConfig(options);
	const serveraddress = authKeyFor(registry);
	const helper = entryFor(config.credHelpers, registry) ?? config.credsStore;
	if (helper) {
		const fromHelper = await runHelper(helper, serveraddress, options);
		if (fromHelper) return fromHelper;
		return {serveraddress};
	}
	const entry = entryFor(config.auths, registry);
	if (!entry) return {serveraddress};
	const result: AuthConfig = {serveraddress};
	if (entry.auth) {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) throw new EngineError('daemon', `invalid auth for ${registry} in ${file}: the base64 value is not user:password`);
		result.username = decoded.slice(0, colon);
		result.password = decoded.slice(colon + 1);
	} else {
		if (entry.username) result.username = entry.username;
		if (entry.password) result.password = entry.password;
	}
	if (entry.identitytoken) result.identitytoken = entry.identitytoken;
	if (entry.registrytoken) result.registrytoken = entry.registrytoken;
	return result;
}

/** `docker-credential-NAME get`; undefined when the helper has nothing for this server. */
function runHelper(name: string, serverUrl: string, options: CredentialOptions): Promise<AuthConfig | undefined> {
	const program = `docker-credential-${name}`;
	return new Promise((resolve, reject) => {
		const child = execFile(program, ['get'], {env: options.env ?? process.env, timeout: options.helperTimeoutMs ?? 15_000, encoding: 'utf8'}, (error, stdout, stderr) => {
			const output = `${stdout}${stderr}`.trim();
			if (error) {
				// The helpers' protocol: this text on stdout means "nothing stored", not a failure.
				if (/credentials not found/i.test(output)) return resolve(undefined);
				const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not installed (named in ${path.join(configDir(options), 'config.json')})` : error.killed ? `${program} did not answer in time` : output || error.message;
				return reject(new EngineError('daemon', `credential helper ${program}: ${why}`));
			}
			try {
				const parsed = JSON.parse(stdout) as {Username?: string; Secret?: string; ServerURL?: string};
				// The helpers' convention: user "<token>" means the secret is an identity token.
				if (parsed.Username === '<token>') resolve({serveraddress: serverUrl, identitytoken: parsed.Secret});
				else resolve({serveraddress: serverUrl, username: parsed.Username, password: parsed.Secret});
			} catch {
				reject(new EngineError('daemon', `credential helper ${program} answered something that is not JSON`));
			}
		});
		child.stdin?.end(serverUrl);
	});
}

/**
 * Go's base64.URLEncoding of the JSON, as registry.EncodeAuthConfig does:
 * URL alphabet *with* "=" padding (the engine's decoder wants the padding and
 * silently drops credentials it cannot decode). Empty fields stay out.
 */
export function encodeAuthHeader(auth: AuthConfig): string {
	const clean = Object.fromEntries(Object.entries(auth).filter(([, value]) => value !== undefined && value !== ''));
	return Buffer.from(JSON.stringify(clean)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

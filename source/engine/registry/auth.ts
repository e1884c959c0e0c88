/**
 * Answers a registry's `WWW-Authenticate` challenge as docker does: Basic
 * with the stored credentials, or the bearer token flow (a token per
 * repository scope from the realm, reused until it expires, fetched again
 * on a 401). Credentials come from config.json (engine/actions/credentials.ts:
 * auths, credsStore, credHelpers). Secrets stay in headers: no message here
 * ever includes one.
 */
import {type AuthConfig, type CredentialOptions, configDir, credentialsFor} from '../actions/credentials.js';
import {type Challenge, parseChallenges} from '../../registry/challenge.js';
import {RegistryError} from './errors.js';
import {type Agents, type HttpResponse, readBody, send} from './http.js';
import type {TlsMaterial} from './tls.js';

interface Token {
	value: string;
	/** ms since the epoch; a few seconds early. */
	expires: number;
}

export class AuthSession {
	private challenge: Challenge | undefined;
	private readonly tokens = new Map<string, Token>();
	private credentials: Promise<AuthConfig> | undefined;

	constructor(
		/** The registry as config.json keys it ("docker.io", "127.0.0.1:5443"). */
		readonly registry: string,
		private readonly agents: Agents,
		private readonly tlsOf: (host: string) => TlsMaterial,
		private readonly credentialOptions: CredentialOptions = {},
		private readonly now: () => number = Date.now,
	) {}

	private creds(): Promise<AuthConfig> {
		this.credentials ??= credentialsFor(this.registry, this.credentialOptions).catch((e) => {
			throw new RegistryError('auth', (e as Error).message);
		});
		return this.credentials;
	}

	/** Whether the stored config has a user name or token for this registry. */
	async hasCredentials(): Promise<boolean> {
		const c = await this.creds();
		return Boolean(c.username || c.identitytoken || c.registrytoken);
	}

	/** The Authorization header for a request in `scope`, from what is known (nothing before a challenge). */
	async header(scope: string): Promise<string | undefined> {
		if (!this.challenge) return undefined;
		if (this.challenge.scheme === 'basic') {
			const c = await this.creds();
			if (!c.username) return undefined;
			return `Basic ${Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64')}`;
		}
		if (this.challenge.scheme === 'bearer') {
			const c = await this.creds();
			if (c.registrytoken) return `Bearer ${c.registrytoken}`;
			const token = this.tokens.get(scope);
			if (token && token.expires > this.now()) return `Bearer ${token.value}`;
			return `Bearer ${await this.fetchToken(scope)}`;
		}
		return undefined;
	}

	/** Takes a 401's challenge; returns false when it cannot be answered better than before. */
	async challenged(res: HttpResponse, scope: string): Promise<boolean> {
		const header = res.headers['www-authenticate'];
		const all = parseChallenges(Array.isArray(header) ? header.join(', ') : (header ?? ''));
		const usable = all.find((c) => c.scheme === 'bearer') ?? all.find((c) => c.scheme === 'basic');
		if (!usable) throw new RegistryError('auth', `${this.registry} asks for authentication that imgscope does not speak (${all.map((c) => c.scheme).join(', ') || 'no WWW-Authenticate challenge'})`, 401);
		const first = this.challenge === undefined || this.challenge.scheme !== usable.scheme;
		this.challenge = usable;
		if (usable.scheme === 'bearer') {
			// A token was refused (expired early, revoked): one fresh token, then give up.
			const had = this.tokens.has(scope);
			this.tokens.delete(scope);
			return first || had;
		}
		return first && (await this.hasCredentials());
	}

	private async fetchToken(scope: string): Promise<string> {
		const realm = this.challenge!.params.realm;
		if (!realm) throw new RegistryError('auth', `${this.registry}: the Bearer challenge names no realm`);
		let url: URL;
		try {
			url = new URL(realm);
		} catch {
			throw new RegistryError('auth', `${this.registry}: the Bearer challenge's realm is not a URL`);
		}
		if (this.challenge!.params.service) url.searchParams.set('service', this.challenge!.params.service);
		if (scope) url.searchParams.set('scope', scope);
		const c = await this.creds();
		const headers: Record<string, string> = {Accept: 'application/json'};
		const tls = url.protocol === 'https:' ? this.tlsOf(url.host) : undefined;
		let res;
		if (c.identitytoken) {
			// docker's OAuth2 flow for an identity token (docker login with a token, credential helpers' "<token>"): a POST of the refresh token.
			const form: Record<string, string> = {grant_type: 'refresh_token', refresh_token: c.identitytoken, client_id: 'docker', service: this.challenge!.params.service ?? ''};
			if (scope) form.scope = scope;
			res = await send(this.agents, new URL(realm), {headers, tls, form});
		} else {
			if (c.username) headers.Authorization = `Basic ${Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64')}`;
			res = await send(this.agents, url, {headers, tls});
		}
		const body = await readBody(res, 1 << 20, `the token from ${url.host}`);
		if (res.status === 401 || res.status === 403) {
			throw new RegistryError('auth', `${this.registry}: the token service ${url.host} refused ${c.username || c.identitytoken ? `the credentials for ${this.registry} stored in ${configDir(this.credentialOptions)}` : 'anonymous access'} (HTTP ${res.status})`, res.status);
		}
		if (res.status !== 200) throw new RegistryError('auth', `${this.registry}: the token service ${url.host} answered HTTP ${res.status}`, res.status);
		let doc: {token?: string; access_token?: string; expires_in?: number; issued_at?: string};
		try {
			doc = JSON.parse(body.toString('utf8'));
		} catch {
			throw new RegistryError('auth', `${this.registry}: the token service ${url.host} answered something that is not JSON`);
		}
		const value = doc.token ?? doc.access_token;
		if (typeof value !== 'string' || value === '') throw new RegistryError('auth', `${this.registry}: the token service ${url.host} gave no token`);
		// distribution's default when expires_in is absent: 60 s.
		const seconds = typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : 60;
		const issued = doc.issued_at ? Date.parse(doc.issued_at) : NaN;
		const start = Number.isFinite(issued) ? Math.min(issued, this.now()) : this.now();
		this.tokens.set(scope, {value, expires: start + seconds * 1000 - 5000});
		return value;
	}
}

/** Registry failures: `message` is what a person reads (never a secret); exitCode what the CLI exits with. */
export type RegistryErrorKind = 'notFound' | 'auth' | 'digest' | 'protocol' | 'unreachable' | 'tls' | 'rateLimited' | 'tooBig' | 'redirect' | 'aborted' | 'invalid' | 'server';

export class RegistryError extends Error {
	constructor(
		readonly kind: RegistryErrorKind,
		message: string,
		readonly statusCode?: number,
		/** 'plain-http': TLS was tried and the server answered in plain HTTP (docker's "server gave HTTP response to HTTPS client"). */
		readonly detail?: 'plain-http',
	) {
		super(message);
	}
}

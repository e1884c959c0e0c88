import type {Endpoint} from './endpoint.js';
import {unreachableAdvice} from './endpoint.js';

/**
 * - unreachable: no connection, or the connection was lost (the engine may be going away)
 * - protocol: the engine answered with something that is not what its API answers
 *   (not HTTP, not JSON, a redirect)
 * - invalid: a request imgscope refuses to send (an image reference that is not one)
 */
export type EngineErrorKind = 'unreachable' | 'notFound' | 'conflict' | 'timeout' | 'daemon' | 'aborted' | 'protocol' | 'invalid';

/** Every failure the adapter reports; `message` is what a person reads. */
export class EngineError extends Error {
	constructor(
		readonly kind: EngineErrorKind,
		message: string,
		readonly statusCode?: number,
		/** The daemon's own message, without our wording around it. */
		readonly daemonMessage?: string,
	) {
		super(message);
	}
}

/** Errors that mean no connection could be made at all. */
const connectCodes = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'ENOTSOCK', 'ECONNABORTED', 'EADDRNOTAVAIL']);
/** Errors that mean a connection was made and then lost. */
const cutCodes = new Set(['ECONNRESET', 'EPIPE']);

export function toEngineError(error: unknown, endpoint: Endpoint, what: string): EngineError {
	if (error instanceof EngineError) return error;
	const e = error as {code?: string; statusCode?: number; json?: unknown; message?: string; name?: string; cause?: {code?: string}; location?: string};
	if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR') {
		return new EngineError('aborted', `${what}: cancelled`);
	}
	if (e?.name === 'TimeoutError' || e?.code === 'ERR_TIMEOUT') {
		return new EngineError('timeout', `${what}: the engine at ${endpoint.url} did not answer in time`);
	}
	const code = e?.code ?? e?.cause?.code;
	if (code && connectCodes.has(code)) {
		return new EngineError('unreachable', unreachableAdvice(endpoint, code));
	}
	if (code && cutCodes.has(code)) {
		return new EngineError('unreachable', `the engine at ${endpoint.url} closed the connection before answering ${what} (${code})`);
	}
	if ((code && code.startsWith('HPE_')) || /^Parse Error/.test(e?.message ?? '')) {
		return new EngineError('protocol', `the engine at ${endpoint.url} answered ${what} with something that is not HTTP (${oneLine(e?.message ?? String(code))})`);
	}
	if (typeof e?.statusCode === 'number' && e.statusCode >= 300 && e.statusCode < 400) {
		const where = e.location ? ` to ${JSON.stringify(e.location)}` : '';
		return new EngineError('protocol', `the engine at ${endpoint.url} answered ${what} with a redirect (HTTP ${e.statusCode}${where}), which imgscope does not follow`, e.statusCode);
	}
	if (typeof e?.statusCode === 'number') {
		const daemon = daemonText(e.json) ?? causeFromModemMessage(e.message) ?? 'unknown error';
		const kind = e.statusCode === 404 ? 'notFound' : e.statusCode === 409 ? 'conflict' : 'daemon';
		return new EngineError(kind, `Error response from daemon: ${daemon}`, e.statusCode, daemon);
	}
	if (code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.message === 'aborted') {
		return cutWhileReading(endpoint, what, code);
	}
	return new EngineError('daemon', `${what}: the engine at ${endpoint.url}: ${oneLine(e?.message ?? String(error))}`);
}

/** The answer had started and the connection went away before its end. */
export function cutWhileReading(endpoint: Endpoint, what: string, code?: string): EngineError {
	return new EngineError('unreachable', `the connection to the engine at ${endpoint.url} was cut while reading the answer to ${what}${code ? ` (${code})` : ''}`);
}

function oneLine(text: string): string {
	const line = text.split('\n')[0];
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function daemonText(json: unknown): string | undefined {
	if (!json) return undefined;
	if (typeof json === 'object' && !Buffer.isBuffer(json) && typeof (json as {message?: unknown}).message === 'string') {
		return (json as {message: string}).message;
	}
	const text = Buffer.isBuffer(json) ? json.toString('utf8') : String(json);
	try {
		const parsed = JSON.parse(text) as {message?: string};
		if (parsed.message) return parsed.message;
	} catch {}
	return text.trim() || undefined;
}

/** docker-modem folds a streamed error body into its message: "(HTTP code 404) reason - CAUSE ". */
function causeFromModemMessage(message: string | undefined): string | undefined {
	if (!message) return undefined;
	const match = /^\(HTTP code \d+\) .*? - ([\s\S]*?)\s*$/.exec(message);
	return match ? match[1] : message;
}

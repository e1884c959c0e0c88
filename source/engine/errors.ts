import type {Endpoint} from './endpoint.js';
import {unreachableAdvice} from './endpoint.js';

export type EngineErrorKind = 'unreachable' | 'notFound' | 'conflict' | 'timeout' | 'daemon' | 'aborted';

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

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH']);

export function toEngineError(error: unknown, endpoint: Endpoint, what: string): EngineError {
	if (error instanceof EngineError) return error;
	const e = error as {code?: string; statusCode?: number; json?: unknown; message?: string; name?: string; cause?: {code?: string}};
	if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR') {
		return new EngineError('aborted', `${what}: cancelled`);
	}
	if (e?.name === 'TimeoutError' || e?.code === 'ERR_TIMEOUT') {
		return new EngineError('timeout', `${what}: the engine at ${endpoint.url} did not answer in time`);
	}
	const code = e?.code ?? e?.cause?.code;
	if (code && unreachableCodes.has(code)) {
		return new EngineError('unreachable', unreachableAdvice(endpoint, code));
	}
	if (typeof e?.statusCode === 'number') {
		const daemon = daemonText(e.json) ?? causeFromModemMessage(e.message) ?? 'unknown error';
		const kind = e.statusCode === 404 ? 'notFound' : e.statusCode === 409 ? 'conflict' : 'daemon';
		return new EngineError(kind, `Error response from daemon: ${daemon}`, e.statusCode, daemon);
	}
	return new EngineError('daemon', `${what}: ${e?.message ?? String(error)}`);
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

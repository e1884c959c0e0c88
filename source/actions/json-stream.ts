/**
 * The engine's progress streams (pull, push, build) are JSON objects one
 * after another, usually but not always newline-separated (Go's json.Decoder
 * on the CLI side needs no separator), and chunks split them anywhere.
 * This splitter finds whole objects by brace depth, string-aware. Pure.
 */

/** A jsonmessage.JSONMessage as the engine writes it. */
export interface JsonMessage {
	status?: string;
	id?: string;
	progress?: string;
	progressDetail?: {current?: number; total?: number};
	stream?: string;
	error?: string;
	errorDetail?: {code?: number; message?: string};
	aux?: Record<string, unknown>;
}

export class JsonSplitter {
	private buffer = '';
	private depth = 0;
	private inString = false;
	private escaped = false;
	private start = -1;
	/** How far `buffer` has been scanned. */
	private scanned = 0;

	/** Feeds text; returns the objects it completed. Text between objects that is not JSON is reported as `{stream}`. */
	push(chunk: string): JsonMessage[] {
		this.buffer += chunk;
		const out: JsonMessage[] = [];
		let resume = -1;
		for (let i = this.scanned; i < this.buffer.length; i++) {
			const ch = this.buffer[i];
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (ch === '\\') this.escaped = true;
				else if (ch === '"') this.inString = false;
				continue;
			}
			if (ch === '"' && this.depth > 0) this.inString = true;
			else if (ch === '{') {
				if (this.depth === 0) this.start = i;
				this.depth++;
			} else if (ch === '}' && this.depth > 0) {
				this.depth--;
				if (this.depth === 0) {
					out.push(parse(this.buffer.slice(this.start, i + 1)));
					this.buffer = this.buffer.slice(i + 1);
					i = -1;
					this.start = -1;
				}
			} else if (this.depth === 0 && ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
				// Plain text outside JSON (a proxy's error page, say): keep it visible rather than lose it.
				const end = this.buffer.indexOf('\n', i);
				if (end < 0) {
					resume = i;
					break;
				}
				out.push({stream: this.buffer.slice(i, end + 1)});
				this.buffer = this.buffer.slice(end + 1);
				i = -1;
			}
		}
		this.scanned = resume >= 0 ? resume : this.buffer.length;
		if (this.depth === 0 && this.start < 0 && !this.buffer.trim()) {
			this.buffer = '';
			this.scanned = 0;
		}
		return out;
	}

	/** Whatever is left when the stream ends (an unfinished object or text). */
	rest(): string {
		return this.buffer.trim();
	}
}

function parse(text: string): JsonMessage {
	try {
		return JSON.parse(text) as JsonMessage;
	} catch {
		return {stream: text};
	}
}

/** The error an engine stream reports in-band (`{"error": ...}`), if this message is one. */
export function messageError(message: JsonMessage): string | undefined {
	if (message.errorDetail?.message) return message.errorDetail.message;
	return message.error || undefined;
}

/**
 * Ties a synchronous parsing chain to the asynchronous parts (gunzip runs on
 * libuv's pool) so memory stays bounded: after each input chunk the reader
 * waits for whatever a stage asked it to wait for (a drain, a stage's end),
 * and the first failure anywhere stops everything and closes what is open.
 */
export class Flow {
	failure: unknown;
	/**
	 * The pieces written are valid only during write() (a direct source, direct.ts): a stage that
	 * keeps bytes past the call copies them.
	 */
	volatile = false;
	private waits: Promise<unknown>[] = [];
	private closers = new Set<() => void>();

	constructor(readonly signal?: AbortSignal) {}

	/** The reader awaits this before reading on. */
	waitFor(p: Promise<unknown>): void {
		// Failures are reported through fail(); the wait itself must not reject unhandled.
		this.waits.push(p.catch(() => undefined));
	}

	/** True when something asked the reader to wait. */
	get waiting(): boolean {
		return this.waits.length > 0;
	}

	fail(error: unknown): void {
		if (this.failure === undefined) this.failure = error;
		this.closeAll();
	}

	/** Something to close (destroy) when reading stops early. Returns its removal. */
	onClose(close: () => void): () => void {
		this.closers.add(close);
		return () => this.closers.delete(close);
	}

	closeAll(): void {
		const list = [...this.closers];
		this.closers.clear();
		for (const c of list) {
			try {
				c();
			} catch {
				// closing is best effort
			}
		}
	}

	check(): void {
		if (this.signal?.aborted) this.fail(abortError(this.signal));
		if (this.failure !== undefined) throw this.failure;
	}

	async settle(): Promise<void> {
		while (this.waits.length) {
			const waits = this.waits;
			this.waits = [];
			await Promise.all(waits);
		}
		this.check();
	}
}

export function abortError(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('The read was aborted', 'AbortError');
}

/**
 * GET /system/df, one at a time and again when the engine is busy. A 20.10
 * daemon counts one disk usage at a time and refuses a second ask meanwhile
 * ("a disk usage operation is already running"), and this process asks twice
 * when the Disk list is shown (the volumes' sizes and the df). Our own asks take turns;
 * a refusal because someone else is counting (`docker system df`, another
 * imgscope) means "later", not "failed": asked again with a growing pause,
 * for up to two minutes, before the refusal is given as the answer. Asks of
 * one kind that come while one of theirs waits for its turn get that one's
 * answer (engine events come faster than a big engine counts).
 */
const busy = /disk usage operation is already running/;
const firstPause = 250;
const longestPause = 4_000;
const giveUpAfter = 120_000;

let last: Promise<unknown> = Promise.resolve();
const waiting = new Map<string, {turn: Promise<unknown>; signal: AbortSignal}>();

/** `kind` names the engine and what is asked of it: asks of one kind are alike. */
export function diskUsageTurn<T>(kind: string, ask: () => Promise<T>, signal: AbortSignal): Promise<T> {
	const queued = waiting.get(kind);
	if (queued && !queued.signal.aborted) return queued.turn as Promise<T>;
	const turn = last.then(() => {
		if (waiting.get(kind)?.turn === turn) waiting.delete(kind);
		return askUntilFree(ask, signal);
	});
	waiting.set(kind, {turn, signal});
	last = turn.catch(() => undefined);
	return turn;
}

async function askUntilFree<T>(ask: () => Promise<T>, signal: AbortSignal): Promise<T> {
	const start = Date.now();
	for (let pause = firstPause; ; pause = Math.min(pause * 2, longestPause)) {
		signal.throwIfAborted();
		try {
			return await ask();
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (signal.aborted || !busy.test(message) || Date.now() - start + pause > giveUpAfter) throw error;
			await sleep(pause, signal);
		}
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
		function done(): void {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}

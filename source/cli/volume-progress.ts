/** What export and import share: a progress line redrawn on a terminal, and failures as plain messages. */
import {ArchiveError} from '../engine/archive/errors.js';
import {EngineError} from '../engine/errors.js';
import {BackupError} from '../engine/volumes/backup.js';
import {CommandError} from './command.js';

/** Redraws one line on a terminal (at most ~10 times a second); nothing on a pipe. Call with no text to clear it. */
export function progressLine(stream: NodeJS.WritableStream): (text?: string) => void {
	const tty = Boolean((stream as NodeJS.WriteStream).isTTY);
	let last = 0;
	let shown = false;
	return text => {
		if (!tty) return;
		if (text === undefined) {
			if (shown) stream.write('\r\x1b[K');
			shown = false;
			return;
		}
		const now = Date.now();
		if (now - last < 100) return;
		last = now;
		shown = true;
		stream.write(`\r\x1b[K${text}`);
	};
}

export function failure(error: unknown): Error {
	if (error instanceof BackupError || error instanceof ArchiveError) return new CommandError(`imgscope: ${error.message}`, 1);
	if (error instanceof EngineError) return new CommandError(error.message, 1);
	const e = error as NodeJS.ErrnoException;
	if (e?.code) return new CommandError(`imgscope: ${e.message}`, 1);
	return error as Error;
}

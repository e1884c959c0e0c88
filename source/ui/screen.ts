/**
 * The terminal the explorer draws on: the alternate screen, raw input, and
 * the terminal given back on every way out (quit, Ctrl+C, SIGTERM, a
 * crash). No ink here: main.ts takes the screen to draw the first frame
 * (ui/preframe.ts) before ink has loaded, and run.tsx takes it otherwise.
 */
import {ReadStream, WriteStream} from 'node:tty';

export interface Screen {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Leaves the alternate screen and raw mode; once, however often it is called. */
	restore(): void;
}

export const enterAlt = '\x1b[?1049h\x1b[H';
/** Leaves the alternate screen, shows the cursor, and turns mouse reports off (a no-op where they were not on). */
export const leaveAlt = '\x1b[?1006l\x1b[?1000l\x1b[?1049l\x1b[?25h';

/** `tty`: descriptors of /dev/tty, when stdin or stdout is not the terminal. */
export function takeScreen(tty?: {input: number; output: number}): Screen {
	const stdin = (tty ? new ReadStream(tty.input) : process.stdin) as NodeJS.ReadStream;
	const stdout = (tty ? new WriteStream(tty.output) : process.stdout) as NodeJS.WriteStream;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal is gone: nothing to give back.
		}
		stdout.write(leaveAlt);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		restore();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	const onCrash = (error: unknown) => {
		restore();
		process.stderr.write(`imgscope: crashed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(70);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', restore);
	stdout.write(enterAlt);
	return {stdin, stdout, restore};
}

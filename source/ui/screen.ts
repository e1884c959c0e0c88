/**
 * The terminal the explorer draws on: the alternate screen, raw input, and
 * the terminal given back on every way out (quit, Ctrl+C, SIGTERM, a
 * crash) and while stopped (Ctrl+Z: ui/job-control.ts). No ink here:
 * main.ts takes the screen to draw the first frame (ui/preframe.ts) before
 * ink has loaded, and run.tsx takes it otherwise.
 *
 * TERM=dumb has no alternate screen: the explorer draws in the normal one.
 * In ASCII mode (a locale that is not UTF-8, or --ascii) every write goes
 * through ui/glyphs.ts, so nothing but ASCII reaches the terminal.
 */
import {ReadStream, WriteStream} from 'node:tty';
import {asciiOnly} from './glyphs.js';

export interface ScreenMode {
	/** Use the alternate screen (not on TERM=dumb). Default true. */
	alternate?: boolean;
	ascii?: boolean;
}

export interface Screen {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** What steps off the screen (the alternate screen left, the cursor shown, mouse reporting off) and back on. */
	leave: string;
	enter: string;
	/** Leaves the alternate screen and raw mode; once, however often it is called. */
	restore(): void;
}

export const enterAlt = '\x1b[?1049h\x1b[H';
export const leaveAlt = '\x1b[?1049l\x1b[?25h';
/** Every mouse mode off (harmless when none is on): a stopped or finished explorer must not leave the shell reporting clicks. */
export const mouseOff = '\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l';

/** `tty`: descriptors of /dev/tty, when stdin or stdout is not the terminal. */
export function takeScreen(tty?: {input: number; output: number}, mode: ScreenMode = {}): Screen {
	const stdin = (tty ? new ReadStream(tty.input) : process.stdin) as NodeJS.ReadStream;
	const stdout = (tty ? new WriteStream(tty.output) : process.stdout) as NodeJS.WriteStream;
	if (mode.ascii) asciiWrites(stdout);
	const alternate = mode.alternate !== false;
	// Without the alternate screen, Ink draws where the cursor is, as it does inline, and the frame stays when it ends.
	const enter = alternate ? enterAlt : '';
	const leave = alternate ? `${mouseOff}${leaveAlt}` : `${mouseOff}\x1b[?25h`;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal is gone: nothing to give back.
		}
		stdout.write(leave);
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
	stdout.write(enter);
	return {stdin, stdout, leave, enter, restore};
}

/** Every later write to `stdout` in ASCII only (ui/glyphs.ts). */
function asciiWrites(stdout: NodeJS.WriteStream): void {
	const write = stdout.write;
	stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
		return (write as (...args: unknown[]) => boolean).call(this, typeof chunk === 'string' ? asciiOnly(chunk) : chunk, ...rest);
	} as typeof stdout.write;
}

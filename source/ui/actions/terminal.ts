/**
 * Handing the real terminal to an attached container. The App's `suspend`
 * hook (source/ui/run.tsx) stops drawing, leaves the alternate screen and
 * stops reading keys, then gives `work` a Terminal: the raw keystrokes, a
 * way to write, the size and its changes. attachTerminal pipes a container's
 * session through it until the container exits or the person detaches
 * (Ctrl+P Ctrl+Q, which the engine watches for), forwarding resizes.
 */
import {EventEmitter} from 'node:events';
import type {AttachEnd, AttachSession} from '../../engine/actions/index.js';
import {visible} from '../../text/sanitize.js';

export interface Terminal {
	/** Keystrokes as typed (raw mode): 'data' events of strings or Buffers. */
	input: NodeJS.EventEmitter;
	write(data: string | Uint8Array): void;
	columns(): number;
	rows(): number;
	/** Calls `listener` when the terminal is resized; returns the unsubscribe. */
	onResize(listener: () => void): () => void;
}

/** Runs `work` with the real terminal and redraws the explorer after; what EffectContext.suspend does. */
export type Suspend = (work: (terminal: Terminal) => Promise<void>) => Promise<void>;

const note = (text: string) => `\r\n\x1b[0m[imgscope] ${text}\r\n`;

/** Resolves on the next key. */
export function nextKey(input: NodeJS.EventEmitter): Promise<void> {
	return new Promise((resolve) => input.once('data', () => resolve()));
}

export async function attachTerminal(session: AttachSession, terminal: Terminal, name: string): Promise<AttachEnd> {
	const shownName = visible(name);
	terminal.write(note(`attached to ${shownName}: Ctrl+P Ctrl+Q detaches and leaves it running`));
	// Writes after the engine hung up must not crash anything.
	session.input.on('error', () => undefined);
	const onKey = (chunk: string | Buffer) => {
		if (session.input.writable) session.input.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
	};
	const onOutput = (chunk: Buffer | string) => terminal.write(chunk);
	const outputEnded = new Promise<void>((resolve) => {
		session.output.once('end', resolve);
		session.output.once('close', resolve);
	});
	terminal.input.on('data', onKey);
	session.output.on('data', onOutput);
	const resize = () => void session.resize(terminal.columns(), terminal.rows());
	const offResize = terminal.onResize(resize);
	resize();
	try {
		const end = await session.ended;
		// The last of the output may still be on its way.
		await Promise.race([outputEnded, new Promise((resolve) => setTimeout(resolve, 500))]);
		terminal.input.off('data', onKey);
		if (end.reason === 'exited') {
			terminal.write(note(`${shownName} exited${end.exitCode === null ? '' : ` with code ${end.exitCode}`}. Press any key to return to imgscope.`));
			await nextKey(terminal.input);
		}
		return end;
	} finally {
		terminal.input.off('data', onKey);
		session.output.off('data', onOutput);
		offResize();
		session.close();
	}
}

export interface SuspendOptions {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Written when stepping aside (leave the alternate screen, show the cursor, mouse reports off) and when coming back; read at the time. */
	leave: string | (() => string);
	enter: string | (() => string);
}

/**
 * The explorer's `suspend` for a real terminal, Ink still mounted (its state
 * is kept): while `work` runs, Ink's frames are dropped (it keeps rendering
 * as the lists follow the engine) and its key reader is set aside, so the
 * keys and the screen belong to `work`. After, Ink reads keys again, the
 * alternate screen is back and cleared, and the App redraws the whole frame.
 */
export function createSuspend(options: SuspendOptions): Suspend {
	const {stdin, stdout} = options;
	let active = false;
	return async (work) => {
		if (active) throw new Error('the terminal is already handed over');
		active = true;
		const inkWrite = stdout.write;
		const write = (data: string | Uint8Array) => inkWrite.call(stdout, data);
		// Ink keeps rendering (the lists follow the engine); none of it may reach the screen now.
		stdout.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
			const done = typeof encoding === 'function' ? encoding : callback;
			if (typeof done === 'function') process.nextTick(done as () => void);
			return true;
		}) as typeof stdout.write;
		// Ink reads keys on 'readable'; while its listener is away, the keys go to `work`.
		const inkReaders = stdin.listeners('readable') as ((...args: unknown[]) => void)[];
		for (const reader of inkReaders) stdin.removeListener('readable', reader);
		const keys = new EventEmitter();
		const forward = (chunk: string | Buffer) => keys.emit('data', chunk);
		stdin.on('data', forward);
		const wasRaw = stdin.isTTY ? stdin.isRaw : false;
		if (stdin.isTTY) stdin.setRawMode(true);
		setImmediate(() => stdin.resume());
		const enter = typeof options.enter === 'function' ? options.enter() : options.enter;
		write(typeof options.leave === 'function' ? options.leave() : options.leave);
		const terminal: Terminal = {
			input: keys,
			write,
			columns: () => stdout.columns || 80,
			rows: () => stdout.rows || 24,
			onResize(listener) {
				stdout.on('resize', listener);
				return () => stdout.off('resize', listener);
			},
		};
		try {
			await work(terminal);
		} finally {
			// No pause() in between: a paused TTY stops reading while the stream still counts
			// a read as pending, and Ink's 'readable' would never fire again.
			stdin.off('data', forward);
			for (const reader of inkReaders) stdin.on('readable', reader);
			if (stdin.isTTY) stdin.setRawMode(wasRaw || inkReaders.length > 0);
			// Ink hid the cursor once, at its first frame; the container's program may have shown it.
			write(`${enter}\x1b[2J\x1b[H${stdout.isTTY ? '\x1b[?25l' : ''}`);
			stdout.write = inkWrite;
			active = false;
		}
	};
}

/**
 * Ctrl+Z: the explorer stops as a shell job, and `fg` brings it back.
 *
 * In raw mode Ctrl+Z is a byte (0x1a), not a signal: it is taken out of
 * what Ink reads and stops the process the way the terminal would have:
 * the screen is given back first (alternate screen left, cursor shown,
 * mouse reporting off, raw mode off), then SIGTSTP with its default action
 * (our listener removed, so the process really stops). A SIGTSTP from
 * elsewhere (`kill -TSTP`) goes the same way. On SIGCONT (`fg`, `kill
 * -CONT`) raw mode and the screen are taken again and the whole frame is
 * drawn anew (`redraw`).
 *
 * While the terminal is handed to an attached container (actions/terminal.ts
 * takes Ink's key reader away), Ctrl+Z is the container's key.
 */
import type {Screen} from './screen.js';

export function installJobControl(screen: Screen, redraw: () => void): () => void {
	const {stdin, stdout} = screen;
	let stopped = false;
	const onContinue = () => {
		if (!stopped) return;
		stopped = false;
		process.on('SIGTSTP', stop);
		try {
			if (stdin.isTTY) stdin.setRawMode(true);
		} catch {
			// No terminal any more: nothing to take back.
		}
		stdout.write(screen.enter);
		redraw();
	};
	function stop() {
		if (stopped) return;
		stopped = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// As above.
		}
		stdout.write(screen.leave);
		process.removeListener('SIGTSTP', stop);
		process.once('SIGCONT', onContinue);
		// With no listener left, SIGTSTP has its default action: the shell sees the job stop.
		process.kill(process.pid, 'SIGTSTP');
	}
	process.on('SIGTSTP', stop);
	const inkRead = stdin.read;
	stdin.read = function (this: NodeJS.ReadStream, size?: number) {
		const chunk = inkRead.call(this, size) as string | Buffer | null;
		// Only what Ink reads: an attached container's reader (a 'data' listener, Ink's 'readable' one taken away) gets its Ctrl+Z.
		if (chunk === null || stdin.listenerCount('readable') === 0) return chunk;
		const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		if (!text.includes('\x1a')) return chunk;
		setImmediate(stop);
		const rest = text.replace(/\x1a/g, '');
		return rest === '' ? stdin.read(size) : typeof chunk === 'string' ? rest : Buffer.from(rest, 'utf8');
	} as typeof stdin.read;
	return () => {
		stdin.read = inkRead;
		process.removeListener('SIGTSTP', stop);
		process.removeListener('SIGCONT', onContinue);
	};
}

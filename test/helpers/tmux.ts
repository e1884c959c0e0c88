/** Runs a command in a real terminal (tmux) and reads the screen, as a person would see it. */
import {execFileSync} from 'node:child_process';

/**
 * A tmux server of its own (so that parallel test files never share one),
 * holding one session, `main`: keys sent to it reach the program as typed.
 */
export class TmuxSession {
	private readonly server: string;

	constructor(serverPrefix: string) {
		this.server = `${serverPrefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	}

	protected tmux(args: string[]): string {
		return execFileSync('tmux', ['-L', this.server, ...args], {encoding: 'utf8'});
	}

	/** The screen as text. */
	screen(): string {
		return this.tmux(['capture-pane', '-p', '-t', 'main']);
	}

	/** tmux key names: Enter, Escape, Tab, BTab, Up, Down, C-c; literal text goes through `type`. */
	keys(...keys: string[]): void {
		this.tmux(['send-keys', '-t', 'main', ...keys]);
	}

	type(text: string): void {
		this.tmux(['send-keys', '-t', 'main', '-l', text]);
	}

	resize(width: number, height: number): void {
		this.tmux(['resize-window', '-t', 'main', '-x', String(width), '-y', String(height)]);
	}

	async waitFor(predicate: (screen: string) => boolean, timeout = 10_000, what = 'the screen never matched'): Promise<string> {
		const start = Date.now();
		for (;;) {
			const screen = this.screen();
			if (predicate(screen)) return screen;
			if (Date.now() - start > timeout) throw new Error(`${what} in ${timeout} ms; the screen:\n${screen}`);
			await new Promise((resolve) => setTimeout(resolve, 40));
		}
	}

	close(): void {
		try {
			this.tmux(['kill-server']);
		} catch {}
	}
}

/** `command` in a fresh session of `width` x `height` (without CI in its environment); `[exit N]` is printed when it ends. */
export class Terminal extends TmuxSession {
	constructor(
		command: string,
		readonly width = 100,
		readonly height = 30,
		env: Record<string, string> = {},
	) {
		super('imgscope');
		const exports = Object.entries(env)
			.map(([key, value]) => `${key}=${JSON.stringify(value)}`)
			.join(' ');
		// CI makes Ink print only its last frame: the program under test must not see it.
		this.tmux(['new-session', '-d', '-x', String(width), '-y', String(height), '-s', 'main', `env -u CI ${exports} ${command}; echo "[exit $?]"; sleep 600`]);
	}
}

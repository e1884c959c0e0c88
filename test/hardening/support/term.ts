/**
 * bin/imgscope in a real terminal (tmux), with what the hardening tests need
 * beyond test/helpers/tmux.ts: the screen with its escape sequences, the pane
 * title, the program's pid (for its memory) and the moment it exits.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {bin} from '../../helpers/cli.js';
import {TmuxSession} from '../../helpers/tmux.js';

export function shellQuote(word: string): string {
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface TermOptions {
	width?: number;
	height?: number;
	env?: Record<string, string>;
	/** A shell command to run instead of imgscope (for controls). */
	raw?: string;
}

export class Term extends TmuxSession {
	private readonly dir = mkdtempSync(path.join(tmpdir(), 'imgscope-term-'));
	readonly width: number;
	readonly height: number;

	/** Runs `node bin/imgscope ARGS` (without CI in its environment); `[exit N]` is printed when it ends. */
	constructor(args: string[] = [], options: TermOptions = {}) {
		super('imgscope-hard');
		this.width = options.width ?? 120;
		this.height = options.height ?? 30;
		const env = Object.entries({DOCKER_HOST: '', DOCKER_CONTEXT: '', ...options.env})
			.map(([key, value]) => `${key}=${shellQuote(value)}`)
			.join(' ');
		const pidFile = path.join(this.dir, 'pid');
		// The inner shell writes its pid, then becomes node (env execs it): that pid is imgscope's.
		const inner = `echo $$ > ${shellQuote(pidFile)}; exec env -u CI ${env} node ${shellQuote(bin)} ${args.map(shellQuote).join(' ')}`;
		const command = options.raw !== undefined ? `${options.raw}; sleep 600` : `sh -c ${shellQuote(inner)}; echo "[exit $?]"; sleep 600`;
		this.tmux(['new-session', '-d', '-x', String(this.width), '-y', String(this.height), '-s', 'main', command]);
		this.tmux(['set-option', '-t', 'main', 'status', 'off']);
	}

	/** The screen with its escape sequences (colours, attributes) as tmux holds them. */
	screenEscapes(): string {
		return this.tmux(['capture-pane', '-p', '-e', '-t', 'main']);
	}

	title(): string {
		return this.tmux(['display-message', '-p', '-t', 'main', '#{pane_title}']).trim();
	}

	/** imgscope's pid (once it has started). */
	pid(): number | undefined {
		try {
			const pid = Number(readFileSync(path.join(this.dir, 'pid'), 'utf8').trim());
			return pid > 0 ? pid : undefined;
		} catch {
			return undefined;
		}
	}

	alive(): boolean {
		const pid = this.pid();
		if (!pid) return false;
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			return !/^\d+ \(.*\) Z/.test(stat);
		} catch {
			return false;
		}
	}

	/** Resident memory in kB, from /proc/PID/status. */
	rssKb(): number {
		const status = readFileSync(`/proc/${this.pid()}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		if (!match) throw new Error('no VmRSS');
		return Number(match[1]);
	}

	/** The exit status once `[exit N]` is on screen. */
	exitCode(): number | undefined {
		const match = /\[exit (\d+)\]/.exec(this.screen());
		return match ? Number(match[1]) : undefined;
	}

	/** Milliseconds until `[exit N]` shows, or undefined after `timeout`. */
	async timeToExit(timeout = 5000): Promise<number | undefined> {
		const start = Date.now();
		while (Date.now() - start < timeout) {
			if (this.exitCode() !== undefined) return Date.now() - start;
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		return undefined;
	}

	override close(): void {
		super.close();
		rmSync(this.dir, {recursive: true, force: true});
	}
}

/** The line of the screen holding the selected row (drawn inverse: SGR 7). */
export function selectedLine(escapes: string): string | undefined {
	const line = escapes.split('\n').find((l) => /\x1b\[(?:[0-9;]*;)?7m/.test(l) && !/ Layers | History | Inspect /.test(l));
	return line?.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Lines of the screen that carry an escape sequence other than SGR (colours and attributes). */
export function nonSgrEscapes(escapes: string): string[] {
	// What capture-pane -e can give back is SGR only; anything else would be content.
	return escapes.split('\n').filter((line) => /\x1b(?!\[[0-9;:]*m)/.test(line));
}

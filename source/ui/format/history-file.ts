/**
 * Where the format box's templates are kept between runs:
 * $XDG_STATE_HOME/imgscope/format-history (default
 * ~/.local/state/imgscope/format-history). Reading never fails (an
 * unreadable, missing or damaged file is an empty or shorter history);
 * saving merges with what another imgscope may have written meanwhile and
 * replaces the file in one rename.
 */
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {addToHistory, parseHistory, serialiseHistory} from './history.js';

/** Bigger files are read from their end only. */
const readLimit = 1 << 20;

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
	const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME || homedir(), '.local', 'state');
	return path.join(state, 'imgscope', 'format-history');
}

function fromBuffer(data: Buffer): string[] {
	const tail = data.length > readLimit ? data.subarray(data.length - readLimit) : data;
	return parseHistory(tail.toString('utf8'));
}

export async function readHistory(file = historyPath()): Promise<string[]> {
	try {
		return fromBuffer(await readFile(file));
	} catch {
		return [];
	}
}

function readHistorySync(file: string): string[] {
	try {
		return fromBuffer(readFileSync(file));
	} catch {
		return [];
	}
}

/**
 * Adds a template (synchronously: pick-then-pipe exits right after).
 * Returns the history as saved, or an error message when it could not be.
 */
export function saveTemplate(template: string, file = historyPath()): {history: string[]} | {error: string} {
	const history = addToHistory(readHistorySync(file), template);
	try {
		mkdirSync(path.dirname(file), {recursive: true});
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, serialiseHistory(history), {mode: 0o600});
		renameSync(temporary, file);
		return {history};
	} catch (error) {
		return {error: `the format history could not be saved to ${file}: ${(error as Error).message}`};
	}
}

/**
 * Starts the explorer: the alternate screen, Ink, and a terminal restored
 * on every way out (quit, Ctrl+C, SIGTERM, a crash).
 */
import {ReadStream, WriteStream} from 'node:tty';
import {render} from 'ink';
import React from 'react';
import type {Endpoint} from '../engine/endpoint.js';
import {Engine} from '../engine/engine.js';
import {App} from './App.js';
import {createSuspend} from './actions/terminal.js';

const enterAlt = '\x1b[?1049h\x1b[H';
const leaveAlt = '\x1b[?1049l\x1b[?25h';

export async function runExplorer(options: {endpoint: Endpoint; tty?: {input: number; output: number}}): Promise<number> {
	const engine = new Engine(options.endpoint);
	const stdin = options.tty ? new ReadStream(options.tty.input) : process.stdin;
	const stdout = options.tty ? new WriteStream(options.tty.output) : process.stdout;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
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
	let code = 0;
	try {
		// An attached container gets the real terminal meanwhile (source/ui/actions/terminal.ts).
		const suspend = createSuspend({stdin: stdin as NodeJS.ReadStream, stdout: stdout as NodeJS.WriteStream, leave: leaveAlt, enter: enterAlt});
		const instance = render(<App engine={engine} suspend={suspend} />, {stdin: stdin as NodeJS.ReadStream, stdout: stdout as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false});
		await instance.waitUntilExit();
	} catch (error) {
		code = 1;
		restore();
		process.stderr.write(`imgscope: ${error instanceof Error ? error.message : String(error)}\n`);
	}
	restore();
	return code;
}

/**
 * Starts the explorer: the alternate screen, Ink, and a terminal restored
 * on every way out (quit, Ctrl+C, SIGTERM, a crash).
 *
 * Start-up: main.ts asks the engine for the lists before it loads this
 * module (and with it ink and react), so the two overlap; when the answer is
 * there by the time Ink is, the first frame already shows the image list,
 * and the controller's first reload takes that answer instead of asking again.
 */
import {ReadStream, WriteStream} from 'node:tty';
import {render} from 'ink';
import React from 'react';
import type {Endpoint} from '../engine/endpoint.js';
import {Engine} from '../engine/engine.js';
import type {ContainerSummary, ImageSummary} from '../engine/types.js';
import {writeAll} from '../docker/host.js';
import {App} from './App.js';
import {createSuspend} from './actions/terminal.js';
import {initialState, reduce, type State} from './state.js';

const enterAlt = '\x1b[?1049h\x1b[H';
const leaveAlt = '\x1b[?1049l\x1b[?25h';

/** The lists, asked for before the UI loaded; undefined when that failed (the controller asks again and reports it). */
export type EarlyLists = Promise<{images: ImageSummary[]; containers: ContainerSummary[]} | undefined>;

/** How long the first frame waits for lists already asked for, once Ink is loaded. */
const listWaitMs = 150;

export async function runExplorer(options: {endpoint: Endpoint; tty?: {input: number; output: number}; engine?: Engine; lists?: EarlyLists; pick?: boolean}): Promise<number> {
	const engine = options.engine ?? new Engine(options.endpoint);
	// Pick-then-pipe: drawing on /dev/tty because stdout is a pipe (`imgscope | jq .`, `x=$(imgscope)`).
	const pick = options.pick ?? (options.tty !== undefined && !process.stdout.isTTY);
	let final: State | undefined;
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
	const initial = await firstState(engine, options.lists, {width: stdout.columns || 80, height: stdout.rows || 24});
	stdout.write(enterAlt);
	let code = 0;
	try {
		// An attached container gets the real terminal meanwhile (source/ui/actions/terminal.ts).
		const suspend = createSuspend({stdin: stdin as NodeJS.ReadStream, stdout: stdout as NodeJS.WriteStream, leave: leaveAlt, enter: enterAlt});
		const instance = render(<App engine={engine} initial={initial} suspend={suspend} pick={pick} onExit={(state) => (final = state)} />, {
			stdin: stdin as NodeJS.ReadStream,
			stdout: stdout as NodeJS.WriteStream,
			exitOnCtrlC: false,
			patchConsole: false,
			// Ink's default (30) can hold a key's frame back by up to 33 ms; 60 still batches storms.
			maxFps: 60,
		});
		await instance.waitUntilExit();
	} catch (error) {
		code = 1;
		restore();
		process.stderr.write(`imgscope: ${error instanceof Error ? error.message : String(error)}\n`);
	}
	restore();
	if (!pick) return code;
	// Enter wrote nothing yet: the picked output goes to stdout now the terminal is ours again; q, Esc and Ctrl+C leave it empty (exit 1).
	const output = final?.pick?.output;
	if (code !== 0 || output === undefined) return 1;
	await writeAll(process.stdout, output);
	return 0;
}

/** The state of the first frame: with the image list when the early answer is there in time. */
async function firstState(engine: Engine, lists: EarlyLists | undefined, size: {width: number; height: number}): Promise<Partial<State> | undefined> {
	if (!lists) return undefined;
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<undefined>((resolve) => {
		timer = setTimeout(resolve, listWaitMs, undefined);
	});
	const answer = await Promise.race([lists, late]);
	clearTimeout(timer);
	if (!answer) return undefined;
	handOver(engine, answer);
	return reduce(initialState(size.width, size.height), {type: 'lists', ...answer});
}

/**
 * The controller's first reload asks for the same lists: it gets this
 * answer instead of a second request. Once each; any other call (filters,
 * a later reload) goes to the engine.
 */
function handOver(engine: Engine, answer: {images: ImageSummary[]; containers: ContainerSummary[]}): void {
	const own = engine as {listImages: Engine['listImages']; listContainers: Engine['listContainers']};
	own.listImages = (options = {}) => {
		delete (own as Partial<typeof own>).listImages;
		return !options.all && !options.filters ? Promise.resolve(answer.images) : engine.listImages(options);
	};
	own.listContainers = (options = {}) => {
		delete (own as Partial<typeof own>).listContainers;
		return options.all ? Promise.resolve(answer.containers) : engine.listContainers(options);
	};
}

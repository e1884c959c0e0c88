/**
 * Starts the explorer: Ink on the screen (ui/screen.ts), which is given back
 * on every way out.
 *
 * Start-up: main.ts asks the engine for the lists before it loads this
 * module (and with it ink and react), so the two overlap. Usually the
 * answer is in before ink is, and main.ts has drawn the list already
 * (ui/preframe.ts): Ink's first frame then takes its place, line for line.
 * Otherwise the first frame shows the list when the answer comes within
 * listWaitMs, else "Loading images…". Either way the controller's first
 * reload takes that answer instead of asking again.
 */
import {render} from 'ink';
import React from 'react';
import type {Endpoint} from '../engine/endpoint.js';
import {ArchiveEngine} from '../engine/archive-engine.js';
import {Engine} from '../engine/engine.js';
import type {ImageSource} from '../engine/image-source.js';
import type {ContainerSummary, ImageSummary} from '../engine/types.js';
import type {ExplorerSettings} from '../config/explorer.js';
import {useTerminalWidths} from '../text/width.js';
import {App} from './App.js';
import {createSuspend} from './actions/terminal.js';
import {installJobControl} from './job-control.js';
import {useKeyOverrides} from './keymap.js';
import {mouseOff, mouseOn} from './mouse.js';
import {mouseInput} from './mouse-input.js';
import {takeScreen, type Screen} from './screen.js';
import type {SortKey} from '../config/schema.js';
import {startState} from './start-state.js';
import {reduce} from './state.js';
import type {State} from './model.js';
import {applyTheme} from './theme.js';

export interface Lists {
	images: ImageSummary[];
	containers: ContainerSummary[];
}

/** The lists, asked for before the UI loaded; undefined when that failed (the controller asks again and reports it). */
export type EarlyLists = Promise<Lists | undefined>;

/** The list main.ts drew before ink loaded, on the screen it took, and the state it shows. */
export interface Drawn {
	screen: Screen;
	answer: Lists;
	initial: State;
}

/** How long the first frame waits for lists already asked for, once Ink is loaded. */
const listWaitMs = 150;

export async function runExplorer(options: {
	/** The engine's, or (no engine at all) an archive's path. */
	endpoint?: Endpoint;
	archive?: string;
	tty?: {input: number; output: number};
	engine?: ImageSource;
	lists?: EarlyLists;
	drawn?: Drawn;
	/** `imgscope IMAGE`: start on this image's screen, the list (where Esc goes) selecting it. */
	open?: {ref: string; id: string};
	/** From the config file, the environment and the flags (source/config/explorer.ts); none: the defaults. */
	settings?: ExplorerSettings;
}): Promise<number> {
	const settings = options.settings;
	// Cells as the terminal draws them (flags two wide), as Ink's string-width measures them.
	useTerminalWidths();
	if (settings) {
		applyTheme(settings.theme);
		// The file's keys: input, the footer, the `?` help and the menus all read the one table.
		useKeyOverrides(settings.keys as Parameters<typeof useKeyOverrides>[0]);
	}
	const sort = settings?.sort ?? 'created';
	const engine: ImageSource = options.engine ?? (options.archive !== undefined ? new ArchiveEngine(options.archive) : new Engine(options.endpoint!));
	// An archive's list is read while ink starts; the controller's first reload takes the same answer.
	if (options.archive !== undefined || engine.kind === 'registry') options.lists ??= engine.listImages().then((images) => ({images, containers: []}), () => undefined);
	const screen = options.drawn?.screen ?? takeScreen(options.tty, settings?.screen);
	const {stdin, stdout} = screen;
	let initial: Partial<State> | undefined = options.drawn?.initial;
	if (options.drawn) handOver(engine, options.drawn.answer);
	else initial = (await firstState(engine, options.lists, {width: stdout.columns || 80, height: stdout.rows || 24}, sort)) ?? {lists: startState(stdout.columns || 80, stdout.rows || 24, sort).lists};
	if (options.open) initial = {...initial, ...openOn(options.open)};
	if (options.drawn) coverFirstFrame(stdout);
	// Pick-then-pipe: drawing on /dev/tty while stdout is a pipe, Enter picks what goes down it.
	const pick = Boolean(options.tty) && !process.stdout.isTTY;
	let last: State | undefined;
	let code = 0;
	try {
		// An attached container gets the real terminal meanwhile (source/ui/actions/terminal.ts): off the alternate screen and back.
		// The mouse: its reports are taken off the input before Ink reads it; off while someone else has the terminal
		// (an attached container, a stopped job) and when the config or IMGSCOPE_NO_MOUSE turns it off.
		const mouse = mouseInput(stdin, stdout);
		if (process.env.IMGSCOPE_NO_MOUSE === undefined && settings?.mouse !== false) mouse.set(true);
		const leave = () => `${mouse.on ? mouseOff : ''}${screen.leave}`;
		const enter = () => `${screen.enter}${mouse.on ? mouseOn : ''}`;
		const suspend = createSuspend({stdin, stdout, leave, enter});
		// Ctrl+Z stops the explorer as a shell job; fg draws the whole frame again.
		const redraw: {current?: () => void} = {};
		const dropJobControl = installJobControl(
			{
				...screen,
				get leave() {
					return leave();
				},
				get enter() {
					return enter();
				},
			},
			() => redraw.current?.(),
		);
		const instance = render(<App engine={engine} initial={initial} suspend={suspend} pick={pick} mouse={mouse} redraw={redraw} settings={settings} onExit={(state) => (last = state)} />, {
			stdin,
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			// Ink's default (30) can hold a key's frame back by up to 33 ms; 60 still batches storms.
			maxFps: 60,
		});
		await instance.waitUntilExit();
		dropJobControl();
	} catch (error) {
		code = 1;
		screen.restore();
		process.stderr.write(`imgscope: ${error instanceof Error ? error.message : String(error)}\n`);
	}
	screen.restore();
	if (!pick || code !== 0) return code;
	// Exactly the picked bytes (docker's output), or nothing and status 1 (q, Esc, Ctrl+C).
	const output = last?.pick?.output;
	if (output === undefined) return 1;
	await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
	return 0;
}

/** The image's screen as Enter on its row opens it (the App loads its detail). */
function openOn(image: {ref: string; id: string}): Partial<State> {
	return {view: 'image', image: {ref: image.ref, id: image.id, tab: 'layers', cursor: {layers: 0, history: 0, inspect: 0}, inspectLines: []}, selectWhenSeen: image};
}

/** The state of the first frame: with the image list when the early answer is there in time. */
async function firstState(engine: ImageSource, lists: EarlyLists | undefined, size: {width: number; height: number}, sort: SortKey): Promise<Partial<State> | undefined> {
	if (!lists) return undefined;
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<undefined>((resolve) => {
		timer = setTimeout(resolve, listWaitMs, undefined);
	});
	const answer = await Promise.race([lists, late]);
	clearTimeout(timer);
	if (!answer) return undefined;
	handOver(engine, answer);
	return reduce(startState(size.width, size.height, sort), {type: 'lists', ...answer});
}

/**
 * The controller's first reload asks for the same lists: it gets this
 * answer instead of a second request. Once each; any other call (filters,
 * a later reload) goes to the engine.
 */
function handOver(engine: ImageSource, answer: Lists): void {
	const own = engine as {listImages: ImageSource['listImages']; listContainers: ImageSource['listContainers']};
	own.listImages = (options = {}) => {
		delete (own as Partial<typeof own>).listImages;
		return !options.all && !options.filters ? Promise.resolve(answer.images) : engine.listImages(options);
	};
	own.listContainers = (options = {}) => {
		delete (own as Partial<typeof own>).listContainers;
		return options.all ? Promise.resolve(answer.containers) : engine.listContainers(options);
	};
}

/**
 * Ink's first frame goes over the one main.ts drew, from the top: each of
 * its lines erases the rest of the line under it, and what is below it goes.
 * (Ink writes a frame in one write; the cursor is at the top already.)
 */
function coverFirstFrame(stdout: NodeJS.WriteStream): void {
	const write = stdout.write;
	stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
		if (typeof chunk === 'string' && chunk.includes('\n')) {
			stdout.write = write;
			chunk = `${chunk.replace(/\n/g, '\x1b[K\n')}\x1b[K\x1b[J`;
		}
		return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
	} as typeof stdout.write;
}

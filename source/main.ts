/**
 * The entry point. It decides the mode first (a subcommand, the TUI, the
 * TUI drawing on /dev/tty while stdout is piped, or the plain list) and loads
 * only what that mode needs: subcommands never import ink or react.
 */
import {openSync, statSync} from 'node:fs';
import {parseArgs, UsageError, flagHelp} from './cli/args.js';
import type {CommandContext} from './cli/command.js';
import {CommandError} from './cli/command.js';
import {globalFlags} from './cli/global.js';
import {commands, findCommand} from './cli/registry.js';
import {EndpointError, resolveEndpoint} from './engine/endpoint.js';
import type {Engine} from './engine/engine.js';
import {EngineError} from './engine/errors.js';
import type {Drawn, EarlyLists} from './ui/run.js';

export const version = '0.1.0';

function mainUsage(): string {
	const width = Math.max(...commands.map((entry) => entry.name.length));
	return [
		'Usage:  imgscope [OPTIONS] [COMMAND]',
		'',
		'Explore container images: run with no command in a terminal for the explorer.',
		'',
		'Commands:',
		...commands.map((entry) => `  ${entry.name.padEnd(width)}   ${entry.summary}`),
		'',
		'Options:',
		flagHelp(globalFlags),
		'      --version   Print the version',
		'',
		"Run 'imgscope COMMAND --help' for more on a command.",
	].join('\n');
}

export async function main(argv: string[]): Promise<number> {
	const stdout = process.stdout;
	const stderr = process.stderr;
	try {
		if (argv[0] === '--version' || argv[0] === 'version') {
			stdout.write(`imgscope ${version}\n`);
			return 0;
		}
		// Global flags first, up to the command name.
		const head = parseArgs(argv, globalFlags, {stopAtFirstPositional: true});
		const [name, ...args] = head.positionals;
		let rest = args;
		if (head.flags.help || name === 'help') {
			if (name && name !== 'help') return await commandHelp(name);
			if (rest[0]) return await commandHelp(rest[0]);
			stdout.write(`${mainUsage()}\n`);
			return 0;
		}
		const endpointOptions = {host: head.flags.host as string | undefined, context: head.flags.context as string | undefined};
		const archive = head.flags.archive as string | undefined;
		if (!name) return archive === undefined ? await explorer(endpointOptions) : await archiveExplorer(archive);
		const entry = findCommand(name);
		if (!entry) throw new UsageError(`unknown command "${name}" for "imgscope"`);
		let command = await entry.load();
		let commandName = entry.name;
		if (command.subcommands) {
			// A group (`container ls`, `context ls`): the next word picks the command.
			const sub = command.subcommands.find((c) => c.name === rest[0] || c.aliases?.includes(rest[0]));
			if (!sub && (rest[0] === '--help' || rest[0] === '-h')) {
				stdout.write(`${commandUsage(command)}\n`);
				return 0;
			}
			if (!sub) throw new UsageError(rest[0] === undefined || rest[0].startsWith('-') ? `"imgscope ${entry.name}" needs a subcommand (${command.subcommands.map((c) => c.name).join(', ')})` : `unknown command "${rest[0]}" for "imgscope ${entry.name}"`, entry.name);
			command = sub;
			commandName = `${entry.name} ${sub.name}`;
			rest = rest.slice(1);
		}
		const parsed = parseArgs(rest, [...globalFlags, ...command.flags], {command: commandName});
		// files, check and diff read archives (their own --archive, or the global one); the others need an engine.
		if ((archive !== undefined || typeof parsed.flags.archive === 'string') && !command.flags.some((flag) => flag.name === 'archive')) {
			throw new UsageError(`"imgscope ${commandName}" needs an engine: --archive works with the explorer and with files, check and diff`, commandName);
		}
		if (parsed.flags.help) {
			stdout.write(`${commandUsage(command)}\n`);
			return 0;
		}
		if (parsed.positionals.length < (command.minArgs ?? 0)) {
			throw new UsageError(`"imgscope ${commandName}" requires ${command.minArgs === 1 ? '1 argument' : `at least ${command.minArgs} arguments`}`, commandName);
		}
		if (command.maxArgs !== undefined && parsed.positionals.length > command.maxArgs) {
			// docker's wording: "accepts no arguments" for a command that takes none.
			const most = command.maxArgs === 0 ? 'accepts no arguments' : `accepts at most ${command.maxArgs} argument${command.maxArgs === 1 ? '' : 's'}`;
			throw new UsageError(`"imgscope ${commandName}" ${most}`, commandName);
		}
		const context = makeContext({
			host: (parsed.flags.host as string | undefined) ?? endpointOptions.host,
			context: (parsed.flags.context as string | undefined) ?? endpointOptions.context,
		});
		if (archive !== undefined) context.archive = archive;
		context.endpointOptions = {host: (parsed.flags.host as string | undefined) ?? endpointOptions.host, context: (parsed.flags.context as string | undefined) ?? endpointOptions.context};
		return await command.run(context, parsed);
	} catch (error) {
		return report(error);
	}
}

function commandUsage(command: {name: string; usage: string; summary: string; flags: import('./cli/args.js').FlagSpec[]; subcommands?: {name: string; aliases?: string[]; summary: string}[]}): string {
	if (command.subcommands) {
		const list = command.subcommands.map((c) => `  ${[c.name, ...(c.aliases ?? [])].join(', ').padEnd(14)}  ${c.summary}`);
		return [`Usage:  ${command.usage}`, '', command.summary, '', 'Commands:', ...list].join('\n');
	}
	return [`Usage:  ${command.usage}`, '', command.summary, '', 'Options:', flagHelp(command.flags)].join('\n');
}

async function commandHelp(name: string): Promise<number> {
	const entry = findCommand(name);
	if (!entry) throw new UsageError(`unknown command "${name}" for "imgscope"`);
	process.stdout.write(`${commandUsage(await entry.load())}\n`);
	return 0;
}

function makeContext(endpointOptions: {host?: string; context?: string}): CommandContext {
	let engine: Promise<Engine> | undefined;
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		engine: () => {
			engine ??= (async () => {
				const endpoint = resolveEndpoint(endpointOptions);
				const {Engine} = await import('./engine/engine.js');
				return new Engine(endpoint);
			})();
			return engine;
		},
	};
}

/** No command: the explorer where there is a terminal, the plain list where there is none. */
async function explorer(endpointOptions: {host?: string; context?: string}): Promise<number> {
	const onTerminal = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
	const tty = onTerminal ? undefined : openTty();
	if (onTerminal || tty) {
		const endpoint = resolveEndpoint(endpointOptions);
		// The lists are asked for first, and answered while the rest loads.
		const {Engine} = await import('./engine/engine.js');
		const engine = new Engine(endpoint);
		const lists: EarlyLists = Promise.all([engine.listImages(), engine.listContainers({all: true})]).then(
			([images, containers]) => ({images, containers}),
			() => undefined,
		);
		// One turn of the event loop sends the requests (their sockets connect in it) before loading holds the thread.
		await new Promise((resolve) => setImmediate(resolve));
		const drawn = onTerminal ? await drawFirst(lists, endpoint.url) : undefined;
		// The explorer is a bundle of its own (dist/ui.cjs): it gets plain data, not this bundle's Engine.
		const {runExplorer} = await import('./ui/run.js');
		return runExplorer({endpoint, tty, lists, drawn});
	}
	const ls = await (await import('./cli/ls.js')).default;
	const code = await ls.run(makeContext(endpointOptions), {flags: {}, positionals: []});
	process.stderr.write("imgscope: no terminal to draw on, so this is the plain image list; see 'imgscope --help' for the subcommands.\n");
	return code;
}

/** `imgscope --archive FILE|DIR`: the explorer on an archive, no engine at all (no early frame: reading the archive takes longer than ink). */
async function archiveExplorer(archive: string): Promise<number> {
	if (archive === '') throw new UsageError('invalid argument "" for "--archive" flag: a file or directory is needed');
	try {
		statSync(archive);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new CommandError(`imgscope: cannot read the archive ${JSON.stringify(archive)}: ${why}`, 1);
	}
	const onTerminal = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
	const tty = onTerminal ? undefined : openTty();
	if (!onTerminal && !tty) throw new CommandError("imgscope: no terminal to draw the explorer on; for an archive see 'imgscope files --archive FILE' and 'imgscope check --archive FILE'", 1);
	const {runExplorer} = await import('./ui/run.js');
	return runExplorer({archive, tty});
}

/** How long the first frame waits for the engine's lists before ink loads instead. */
const firstFrameWaitMs = 100;

/**
 * The image list, drawn before ink and react load (they take longer than a
 * local engine takes to answer): ui/preframe.ts, in the App's layout. Ink's
 * first frame replaces it. Nothing is drawn when the answer is slow or
 * failed: the explorer starts as it would have.
 */
async function drawFirst(lists: EarlyLists, endpointUrl: string): Promise<Drawn | undefined> {
	const {canDrawFirst, drawFirstFrame, firstFrame} = await import('./ui/preframe.js');
	if (!canDrawFirst(process.stdout)) return undefined;
	let timer: NodeJS.Timeout | undefined;
	const answer = await Promise.race([lists, new Promise<undefined>((resolve) => (timer = setTimeout(resolve, firstFrameWaitMs, undefined)))]);
	clearTimeout(timer);
	if (!answer) return undefined;
	const frame = firstFrame(answer, endpointUrl, {width: process.stdout.columns || 80, height: process.stdout.rows || 24});
	if (!frame) return undefined;
	const {takeScreen} = await import('./ui/screen.js');
	const screen = takeScreen();
	drawFirstFrame(screen, frame.lines);
	return {screen, answer, initial: frame.state};
}

function openTty(): {input: number; output: number} | undefined {
	if (process.env.IMGSCOPE_NO_TTY) return undefined;
	try {
		const input = openSync('/dev/tty', 'r');
		const output = openSync('/dev/tty', 'w');
		return {input, output};
	} catch {
		return undefined;
	}
}

function report(error: unknown): number {
	if (error instanceof UsageError) {
		const see = error.command ? `imgscope ${error.command} --help` : 'imgscope --help';
		process.stderr.write(`imgscope: ${error.message}\nSee '${see}'.\n`);
		return 2;
	}
	if (error instanceof CommandError) {
		if (error.message) process.stderr.write(`${error.message}\n`);
		return error.exitCode;
	}
	if (error instanceof EngineError) {
		process.stderr.write(`${error.message}\n`);
		return 1;
	}
	if (error instanceof EndpointError) {
		process.stderr.write(`imgscope: ${error.message}\n`);
		return 1;
	}
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`imgscope: unexpected error: ${message}\n`);
	if (process.env.IMGSCOPE_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
	return 1;
}

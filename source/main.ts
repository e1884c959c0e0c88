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
import {type Endpoint, EndpointError, resolveEndpoint} from './engine/endpoint.js';
import type {Engine} from './engine/engine.js';
import {EngineError} from './engine/errors.js';
import type {Drawn, EarlyLists} from './ui/run.js';
import type {ExplorerSettings} from './config/explorer.js';

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
		// `imgscope --remote REF`: the explorer on a registry (no engine, no pull).
		if (argv[0] === '--remote' || argv[0]?.startsWith('--remote=')) return await remoteExplorer(argv[0] === '--remote' ? argv[1] : argv[0].slice('--remote='.length), argv.slice(argv[0] === '--remote' ? 2 : 1));
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
		// The explorer's Files tab reads the variable (it runs in a bundle of its own).
		if (head.flags['no-cache']) process.env.IMGSCOPE_NO_CACHE = '1';
		const ascii = head.flags.ascii === true;
		if (!name) return archive === undefined ? await explorer(endpointOptions, ascii) : await archiveExplorer(archive, ascii);
		const entry = findCommand(name);
		if (!entry) return await imageExplorer(name, rest, endpointOptions, ascii);
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
		if (parsed.flags['no-cache'] || head.flags['no-cache']) context.noCache = true;
		context.endpointOptions = {host: (parsed.flags.host as string | undefined) ?? endpointOptions.host, context: (parsed.flags.context as string | undefined) ?? endpointOptions.context};
		if (ascii) parsed.flags.ascii = true;
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
		commandTable: async () => (await import('./cli/command-table.js')).commandTable(),
	};
}

/** No command: the explorer where there is a terminal, the plain list where there is none. */
async function explorer(endpointOptions: {host?: string; context?: string}, ascii: boolean): Promise<number> {
	const onTerminal = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
	const tty = onTerminal ? undefined : openTty();
	if (onTerminal || tty) {
		// The lists are asked for first, and answered while the rest loads (the config file and its
		// keymap, ~15 ms, included: a bad file is still reported before anything is drawn, and the
		// two reads asked meanwhile change nothing).
		const endpoint = resolveEndpoint(endpointOptions);
		const {Engine} = await import('./engine/engine.js');
		const engine = new Engine(endpoint);
		const lists: EarlyLists = Promise.all([engine.listImages(), engine.listContainers({all: true})]).then(
			([images, containers]) => ({images, containers}),
			() => undefined,
		);
		// One turn of the event loop sends the requests (their sockets connect in it) before loading holds the thread.
		await new Promise((resolve) => setImmediate(resolve));
		const settings = (await import('./cli/config.js')).startExplorerSettings({ascii});
		const drawn = onTerminal ? await drawFirst(lists, endpoint.url, settings) : undefined;
		// The explorer is a bundle of its own (dist/ui.cjs): it gets plain data, not this bundle's Engine.
		const {runExplorer} = await import('./ui/run.js');
		return runExplorer({endpoint, tty, lists, drawn, settings});
	}
	const ls = await (await import('./cli/ls.js')).default;
	const code = await ls.run(makeContext(endpointOptions), {flags: {}, positionals: []});
	process.stderr.write("imgscope: no terminal to draw on, so this is the plain image list; see 'imgscope --help' for the subcommands.\n");
	return code;
}

/**
 * `imgscope IMAGE` (as `dive IMAGE`): a first word that is no command but
 * names a local image opens the explorer on that image's screen (Esc goes
 * to the list). A word that is neither is a usage error that says both
 * were tried.
 */
async function imageExplorer(name: string, rest: string[], endpointOptions: {host?: string; context?: string}, ascii: boolean): Promise<number> {
	const after = parseArgs(rest, globalFlags);
	const options = {host: (after.flags.host as string | undefined) ?? endpointOptions.host, context: (after.flags.context as string | undefined) ?? endpointOptions.context};
	const endpoint = resolveEndpoint(options);
	const {Engine} = await import('./engine/engine.js');
	const engine = new Engine(endpoint);
	let image: {Id: string; RepoTags?: string[] | null};
	try {
		image = (await engine.inspectImage(name)).value;
	} catch (error) {
		engine.close();
		// Not local, but a reference naming a registry: read it from there (never pulled), the title says so.
		if (error instanceof EngineError && error.kind === 'notFound' && (await import('./registry/remote-reference.js')).namesRegistry(name) && !after.positionals.length) {
			try {
				return await remoteExplorer(name, [], {note: `not in the engine at ${endpoint.url}`, ascii, endpoint});
			} catch (remoteError) {
				// Neither: say both were tried (the registry's words without their "imgscope: ").
				if (!(remoteError instanceof CommandError) || remoteError.exitCode === 130 || remoteError.message.includes('no terminal to draw')) throw remoteError;
				throw new UsageError(`unknown command "${name}" for "imgscope", nor a local image on ${endpoint.url}, nor in its registry: ${remoteError.message.replace(/^imgscope: /, '')}`);
			}
		}
		const why =
			error instanceof EngineError && error.kind === 'notFound'
				? `nor a local image on ${endpoint.url}`
				: `and no local image could be looked up on ${endpoint.url}: ${error instanceof EngineError && error.daemonMessage ? error.daemonMessage : (error as Error).message}`;
		throw new UsageError(`unknown command "${name}" for "imgscope", ${why}`);
	}
	if (after.positionals.length) throw new UsageError(`"imgscope IMAGE" takes one image: "${after.positionals[0]}" is one too many`);
	const onTerminal = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
	const tty = onTerminal ? undefined : openTty();
	if (!onTerminal && !tty) {
		engine.close();
		throw new CommandError(`imgscope: no terminal to draw the explorer on; for the image "${name}" see 'imgscope layers ${name}' and 'imgscope inspect ${name}'`, 1);
	}
	// The list is asked for now, for Esc; the screen shows the name as the list would (alpine: alpine:latest).
	const lists: EarlyLists = Promise.all([engine.listImages(), engine.listContainers({all: true})]).then(([images, containers]) => ({images, containers}), () => undefined);
	const ref = image.RepoTags?.includes(`${name}:latest`) ? `${name}:latest` : name;
	const settings = (await import('./cli/config.js')).startExplorerSettings({ascii: ascii || after.flags.ascii === true});
	const {runExplorer} = await import('./ui/run.js');
	return runExplorer({endpoint, tty, lists, open: {ref, id: image.Id}, settings});
}

/**
 * `imgscope --remote REF`: the explorer on a remote repository
 * (engine/registry-source.ts); a tag or digest in REF opens that image's
 * screen, checked first so a wrong reference is a one-line error.
 */
async function remoteExplorer(text: string | undefined, rest: string[], extra: {note?: string; ascii?: boolean; endpoint?: Endpoint} = {}): Promise<number> {
	if (text === undefined || text === '') throw new UsageError('flag needs an argument: --remote (a reference: HOST[:PORT]/REPOSITORY[:TAG])');
	const after = parseArgs(rest, [...globalFlags, {name: 'platform', type: 'string', valueName: 'os/arch[/variant]', help: ''}, {name: 'insecure-registry', type: 'list', valueName: 'HOST[:PORT]', help: ''}]);
	if (after.positionals.length) throw new UsageError(`"imgscope --remote REF" takes one reference: "${after.positionals[0]}" is one too many`);
	const {parseRemote} = await import('./registry/remote-reference.js');
	const {describeRemote} = await import('./cli/remote.js');
	const {RegistrySource} = await import('./engine/registry-source.js');
	let source;
	let open: {ref: string; id: string} | undefined;
	try {
		const remote = parseRemote(text);
		// `P` pulls into the engine the environment (or --host/--context) names; none is asked for until then.
		let endpoint = extra.endpoint;
		try {
			endpoint ??= resolveEndpoint({host: after.flags.host as string | undefined, context: after.flags.context as string | undefined});
		} catch {
			// No usable engine: the pull stays greyed.
		}
		const {Engine} = await import('./engine/engine.js');
		const pullTo = endpoint && {label: endpoint.url, engine: () => new Engine(endpoint)};
		source = new RegistrySource(remote, {platform: after.flags.platform as string | undefined, insecureRegistries: (after.flags['insecure-registry'] as string[] | undefined) ?? [], note: extra.note, pullTo});
		if (remote.ref.tagged || remote.ref.digest) {
			const image = await source.resolve(remote.target);
			open = {ref: image.reference.ref.reference, id: image.manifest.config.digest};
		}
	} catch (error) {
		source?.close();
		throw describeRemote(error);
	}
	const onTerminal = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
	const tty = onTerminal ? undefined : openTty();
	if (!onTerminal && !tty) {
		source.close();
		throw new CommandError(`imgscope: no terminal to draw the explorer on; for "${text}" see 'imgscope layers --remote ${text}' and 'imgscope tags'`, 1);
	}
	const settings = (await import('./cli/config.js')).startExplorerSettings({ascii: extra.ascii === true || after.flags.ascii === true});
	const {runExplorer} = await import('./ui/run.js');
	return runExplorer({engine: source, tty, settings, open});
}

/** `imgscope --archive FILE|DIR`: the explorer on an archive, no engine at all (no early frame: reading the archive takes longer than ink). */
async function archiveExplorer(archive: string, ascii: boolean): Promise<number> {
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
	const settings = (await import('./cli/config.js')).startExplorerSettings({ascii});
	const {runExplorer} = await import('./ui/run.js');
	return runExplorer({archive, tty, settings});
}

/** How long the first frame waits for the engine's lists before ink loads instead. */
const firstFrameWaitMs = 100;

/**
 * The image list, drawn before ink and react load (they take longer than a
 * local engine takes to answer): ui/preframe.ts, in the App's layout. Ink's
 * first frame replaces it. Nothing is drawn when the answer is slow or
 * failed: the explorer starts as it would have.
 */
async function drawFirst(lists: EarlyLists, endpointUrl: string, settings: ExplorerSettings): Promise<Drawn | undefined> {
	const {canDrawFirst, drawFirstFrame, firstFrame} = await import('./ui/preframe.js');
	if (!canDrawFirst(process.stdout)) return undefined;
	let timer: NodeJS.Timeout | undefined;
	const answer = await Promise.race([lists, new Promise<undefined>((resolve) => (timer = setTimeout(resolve, firstFrameWaitMs, undefined)))]);
	clearTimeout(timer);
	if (!answer) return undefined;
	const frame = firstFrame(answer, endpointUrl, {width: process.stdout.columns || 80, height: process.stdout.rows || 24}, settings);
	if (!frame) return undefined;
	const {takeScreen} = await import('./ui/screen.js');
	const screen = takeScreen(undefined, settings.screen);
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

/**
 * The subcommands, loaded on demand so that each path imports only what it
 * needs (start-up time is mostly module loading).
 */
import type {Command} from './command.js';

export interface CommandEntry {
	name: string;
	aliases?: string[];
	summary: string;
	load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
	{name: 'ls', aliases: ['images', 'list'], summary: 'List images (docker image ls)', load: async () => (await import('./ls.js')).default},
	{name: 'inspect', summary: 'Inspect images, with docker\'s --format', load: async () => (await import('./inspect.js')).default},
	{name: 'history', summary: 'Show the history of an image (docker history)', load: async () => (await import('./history.js')).default},
	{name: 'layers', summary: 'Show an image\'s layers with the step that made each', load: async () => (await import('./layers.js')).default},
	{name: 'files', summary: 'List what a layer changed, or the filesystem at a layer', load: async () => (await import('./files.js')).default},
	{name: 'check', summary: 'Check wasted space against limits, for CI', load: async () => (await import('./check.js')).default},
	{name: 'diff', summary: 'Compare two images: shared layers and changed files', load: async () => (await import('./diff.js')).default},
	{name: 'ps', aliases: ['containers'], summary: 'List containers (docker ps)', load: async () => (await import('./ps.js')).default},
	{name: 'container', summary: 'Containers: ls (list, ps), inspect, prune (docker container ...)', load: async () => (await import('./container.js')).default},
	{name: 'context', summary: 'Contexts: ls (docker context ls)', load: async () => (await import('./context.js')).default},
	{name: 'df', summary: 'Show disk usage (docker system df)', load: async () => (await import('./df.js')).default},
	{name: 'system', summary: 'System: df (docker system df)', load: async () => (await import('./disk-groups.js')).systemGroup},
	{name: 'image', summary: 'Images: prune (docker image prune)', load: async () => (await import('./disk-groups.js')).imageGroup},
	{name: 'builder', summary: 'Build cache: prune (docker builder prune), du', load: async () => (await import('./disk-groups.js')).builderGroup},
	{name: 'volume', summary: 'Manage volumes (docker volume): ls, inspect, create, rm, prune, export, import', load: async () => (await import('./volume.js')).default},
	{name: 'config', summary: 'Show the effective config and where each value came from', load: async () => (await import('./config.js')).default},
	{name: 'tags', summary: 'List the tags of a repository in its registry (no engine)', load: async () => (await import('./tags.js')).default},
	{name: 'manifest', summary: 'Inspect a manifest or index in a registry (docker manifest inspect)', load: async () => (await import('./manifest.js')).default},
	{name: 'completion', summary: 'Print a shell completion script (bash, zsh or fish)', load: async () => (await import('./completion.js')).default},
];

/** Commands for programs, not people: left out of the help, the manual and completion. */
export const hiddenCommands: CommandEntry[] = [
	{name: '__complete', summary: 'Names for the completion scripts, from the engine', load: async () => (await import('./complete.js')).default},
];

export function findCommand(name: string): CommandEntry | undefined {
	return commands.find((entry) => entry.name === name || entry.aliases?.includes(name)) ?? hiddenCommands.find((entry) => entry.name === name);
}

import type {FlagSpec} from './args.js';

/** Flags every mode accepts, before or after the subcommand. */
export const globalFlags: FlagSpec[] = [
	{name: 'host', short: 'H', type: 'string', valueName: 'URL', help: 'Engine to talk to (unix:///path, tcp://host:port, ssh://user@host)'},
	{name: 'context', type: 'string', valueName: 'NAME', help: 'Docker context to use (overrides DOCKER_HOST and the current context)'},
	{name: 'archive', type: 'string', valueName: 'FILE|DIR', help: 'Explore a docker save tar, an OCI archive or an OCI layout directory, without any engine'},
	{name: 'no-cache', type: 'bool', help: 'Neither read nor write the layer index cache (~/.cache/imgscope/layers)'},
	{name: 'ascii', type: 'bool', help: 'Draw the explorer with ASCII only (the default in a locale that is not UTF-8)'},
	{name: 'help', short: 'h', type: 'bool', help: 'Print usage'},
];

/**
 * The flag `imgscope --help` lists after the global ones; the manual and the
 * completion scripts too. Not one of them: main.ts answers it before any
 * parsing, as the first word only.
 */
export const versionFlag: FlagSpec = {name: 'version', type: 'bool', help: 'Print the version'};

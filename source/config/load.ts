/**
 * The config file's adapter: where it is (`$XDG_CONFIG_HOME/imgscope/config.json`,
 * default `~/.config/imgscope/config.json`), reading it (no file: every value
 * is a default), and the effective config from config/schema.ts.
 */
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {BindingRow} from './bindings.js';
import {cacheLimitOf, defaultCacheLimit} from './cache-limit.js';
import {JsonError, parseJson} from './json.js';
import {ConfigError, resolveConfig, type EffectiveConfig} from './schema.js';
import type {Env} from './terminal.js';

export function configPath(env: Env = process.env): string {
	// XDG: a relative XDG_CONFIG_HOME is to be ignored.
	const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || homedir(), '.config');
	return path.join(base, 'imgscope', 'config.json');
}

/**
 * The layer index's bound from the file's `cache.limit`, for the layer
 * commands, which read no other setting. A file that cannot be read or
 * parsed, or a bad value, gives the default here: `imgscope config` and the
 * explorer's start report it (exit 2).
 */
export function loadCacheLimit(env: Env = process.env): number {
	try {
		const root = parseJson(readFileSync(configPath(env), 'utf8'));
		return cacheLimitOf(root, () => {
			throw new ConfigError('bad cache.limit');
		}).bytes;
	} catch (error) {
		if (error instanceof ConfigError || error instanceof JsonError || (error as NodeJS.ErrnoException).code !== undefined) return defaultCacheLimit;
		throw error;
	}
}

export function loadConfig<B extends BindingRow>(options: {bindings: readonly B[]; typing?: Record<string, string>; theme: Record<string, string | undefined>; flags?: {ascii?: boolean}; env?: Env}): EffectiveConfig<B> {
	const env = options.env ?? process.env;
	const file = configPath(env);
	let text: string | undefined;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') {
			const why = code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
			throw new ConfigError(`${file}: cannot read the config: ${why}`);
		}
	}
	return resolveConfig({path: file, text, env, flags: options.flags ?? {}, bindings: options.bindings, typing: options.typing, theme: options.theme});
}

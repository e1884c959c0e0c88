/**
 * What the terminal can show, from the environment alone (pure: the caller
 * passes `process.env`), each answer with the variable that decided it, for
 * `imgscope config` to show.
 *
 * - UTF-8: tmux's rule: the first of LC_ALL, LC_CTYPE, LANG that is set and
 *   not empty names the locale; it is UTF-8 when it says UTF-8 (or UTF8).
 *   Nothing set is the C locale: ASCII.
 * - Colour level, as chalk (which Ink draws with) decides it, plus
 *   COLORTERM=24bit, which chalk does not read: FORCE_COLOR, TERM=dumb (none),
 *   COLORTERM=truecolor|24bit (truecolor), TERM=*-256color (256), else the 16
 *   colours. NO_COLOR leaves the level (bold and reverse video stay) and
 *   drops the theme's colours.
 * - The alternate screen: not on TERM=dumb, which has none.
 */
import type {ColorLevel} from './colors.js';

export type Env = Record<string, string | undefined>;

export interface Fact<T> {
	value: T;
	/** `NAME=value` of the variable that decided it; undefined: nothing did (the default). */
	because?: string;
}

const shown = (env: Env, name: string) => `${name}=${env[name]}`;

export function utf8Locale(env: Env): Fact<boolean> {
	for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
		const value = env[name];
		if (value) return {value: /utf-?8/i.test(value), because: shown(env, name)};
	}
	return {value: false, because: 'no LC_ALL, LC_CTYPE or LANG (the C locale)'};
}

export function colorLevel(env: Env): Fact<ColorLevel> {
	const force = env.FORCE_COLOR;
	if (force !== undefined) {
		if (force === '' || force === 'true') return {value: 1, because: shown(env, 'FORCE_COLOR')};
		if (force === 'false') return {value: 0, because: shown(env, 'FORCE_COLOR')};
		const n = Number.parseInt(force, 10);
		if (Number.isFinite(n)) return {value: Math.max(0, Math.min(3, n)) as ColorLevel, because: shown(env, 'FORCE_COLOR')};
	}
	if (env.TERM === 'dumb') return {value: 0, because: 'TERM=dumb'};
	if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return {value: 3, because: shown(env, 'COLORTERM')};
	if (env.TERM && /-256(colou?r)?$/i.test(env.TERM)) return {value: 2, because: shown(env, 'TERM')};
	return {value: 1};
}

/** NO_COLOR (https://no-color.org): any value but the empty one. */
export function noColor(env: Env): Fact<boolean> {
	return env.NO_COLOR ? {value: true, because: 'NO_COLOR is set'} : {value: false};
}

export function alternateScreen(env: Env): Fact<boolean> {
	return env.TERM === 'dumb' ? {value: false, because: 'TERM=dumb'} : {value: true};
}

export const levelNames: Record<ColorLevel, string> = {0: 'none', 1: '16', 2: '256', 3: 'truecolor'};

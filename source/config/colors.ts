/**
 * Theme colours as the config file writes them, and as a terminal gets them.
 *
 * Syntax (one of):
 *   - a name: black red green yellow blue magenta cyan white gray (grey),
 *     and the bright ones as `brightRed` (chalk's `redBright` is accepted too);
 *   - `color(N)`, N from 0 to 255: the xterm 256-colour palette;
 *   - `#rrggbb` (or `#rgb`): truecolor;
 *   - `none` (or `default`): the terminal's own colour.
 * Parsed to the string Ink's `color` prop takes ('red', 'ansi256(208)',
 * '#ff8700'); `sgr` writes the same escape chalk would at a colour level
 * (3 truecolor, 2 256 colours, 1 the 16 colours, 0 none), for the frame
 * drawn before Ink loads. The downsampling of `#rrggbb` follows chalk's
 * ansi-styles (rgbToAnsi256, ansi256ToAnsi), so both draw the same colour;
 * chalk sends `color(N)` as a palette colour at any level, and so does this.
 */

export type ColorLevel = 0 | 1 | 2 | 3;

const basic = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

/** Ink's (chalk's) colour names, by the SGR foreground code. */
const codes: Record<string, number> = {gray: 90, grey: 90, blackBright: 90};
basic.forEach((name, index) => {
	codes[name] = 30 + index;
	codes[`${name}Bright`] = 90 + index;
});

export class ColorError extends Error {}

/** A config colour as Ink's `color` prop takes it; undefined for `none`. */
export function parseColor(text: string): string | undefined {
	const value = text.trim();
	if (value === 'none' || value === 'default') return undefined;
	const bright = /^bright([A-Z][a-z]+)$/.exec(value);
	if (bright) {
		const name = `${bright[1].toLowerCase()}Bright`;
		if (name in codes) return name;
	}
	if (value in codes) return value;
	const indexed = /^color\(\s*(\d{1,3})\s*\)$/.exec(value);
	if (indexed) {
		const n = Number(indexed[1]);
		if (n > 255) throw new ColorError(`color(${n}) is out of range: the palette has colours 0 to 255`);
		return `ansi256(${n})`;
	}
	const hex = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec(value);
	if (hex) {
		const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
		return `#${digits.toLowerCase()}`;
	}
	throw new ColorError(`${JSON.stringify(text)} is not a colour: use a name (red, brightBlue, gray), color(0-255), #rrggbb, or none`);
}

/** How the config file would write an Ink colour (for `imgscope config`). */
export function colorText(ink: string | undefined): string {
	if (ink === undefined) return 'none';
	const indexed = /^ansi256\((\d+)\)$/.exec(ink);
	if (indexed) return `color(${indexed[1]})`;
	const bright = /^([a-z]+)Bright$/.exec(ink);
	if (bright) return `bright${bright[1][0].toUpperCase()}${bright[1].slice(1)}`;
	return ink;
}

function rgbToAnsi256(red: number, green: number, blue: number): number {
	if (red === green && green === blue) {
		if (red < 8) return 16;
		if (red > 248) return 231;
		return Math.round(((red - 8) / 247) * 24) + 232;
	}
	return 16 + 36 * Math.round((red / 255) * 5) + 6 * Math.round((green / 255) * 5) + Math.round((blue / 255) * 5);
}

function ansi256ToAnsi(code: number): number {
	if (code < 8) return 30 + code;
	if (code < 16) return 90 + (code - 8);
	let red: number;
	let green: number;
	let blue: number;
	if (code >= 232) {
		red = ((code - 232) * 10 + 8) / 255;
		green = red;
		blue = red;
	} else {
		const c = code - 16;
		const remainder = c % 36;
		red = Math.floor(c / 36) / 5;
		green = Math.floor(remainder / 6) / 5;
		blue = (remainder % 6) / 5;
	}
	const value = Math.max(red, green, blue) * 2;
	if (value === 0) return 30;
	let result = 30 + ((Math.round(blue) << 2) | (Math.round(green) << 1) | Math.round(red));
	if (value === 2) result += 60;
	return result;
}

/** The SGR sequence that starts Ink colour `ink` at `level` ('' at level 0 or for no colour). */
export function sgr(ink: string | undefined, level: ColorLevel): string {
	if (ink === undefined || level === 0) return '';
	if (ink in codes) return `\x1b[${codes[ink]}m`;
	const indexed = /^ansi256\((\d+)\)$/.exec(ink);
	const hex = /^#([0-9a-f]{6})$/i.exec(ink);
	if (!indexed && !hex) return '';
	// chalk writes a palette colour as such at every level (only rgb and hex are brought down to the level).
	if (indexed) return `\x1b[38;5;${Number(indexed[1])}m`;
	const value = parseInt(hex![1], 16);
	const [red, green, blue] = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
	if (level === 3) return `\x1b[38;2;${red};${green};${blue}m`;
	const n = rgbToAnsi256(red, green, blue);
	return level === 2 ? `\x1b[38;5;${n}m` : `\x1b[${ansi256ToAnsi(n)}m`;
}

/**
 * Colours, or none at all when NO_COLOR is set (https://no-color.org), or
 * the terminal draws no styles (FORCE_COLOR=0, TERM=dumb): then the
 * selected row of a list is marked with `>` instead of reverse video.
 */
const env = process.env;
const noColor = 'NO_COLOR' in env && env.NO_COLOR !== '';
const noStyles = env.FORCE_COLOR === '0' || env.TERM === 'dumb';

export function color(name: string): string | undefined {
	return noColor || noStyles ? undefined : name;
}

export const theme = {
	title: color('cyan'),
	header: color('blue'),
	dim: color('gray'),
	error: color('red'),
	key: color('yellow'),
	jsonKey: color('cyan'),
	jsonString: color('green'),
	jsonNumber: color('yellow'),
	jsonLiteral: color('magenta'),
	accent: color('green'),
	/** Mark the selected row with `>`: there are no colours to show it. */
	marker: noColor || noStyles,
};

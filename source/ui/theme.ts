/** Colours, or none at all when NO_COLOR is set (https://no-color.org). */
const noColor = 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';

export function color(name: string): string | undefined {
	return noColor ? undefined : name;
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
};

/**
 * Colours, or none at all when NO_COLOR is set (https://no-color.org), or
 * the terminal draws no styles (FORCE_COLOR=0, TERM=dumb): then the
 * selected row of a list is marked with `>` instead of reverse video.
 * `themeDefaults` are what the config file's `theme` section overrides
 * (source/config/schema.ts); run.tsx applies the effective colours with
 * `applyTheme` before the first frame. Values are Ink colours: a name,
 * `ansi256(N)` or `#rrggbb`.
 */
const env = process.env;
const noColor = 'NO_COLOR' in env && env.NO_COLOR !== '';
const noStyles = env.FORCE_COLOR === '0' || env.TERM === 'dumb';

export function color(name: string): string | undefined {
	return noColor || noStyles ? undefined : name;
}

export const themeDefaults = {
	title: 'cyan',
	header: 'blue',
	dim: 'gray',
	error: 'red',
	key: 'yellow',
	jsonKey: 'cyan',
	jsonString: 'green',
	jsonNumber: 'yellow',
	jsonLiteral: 'magenta',
	accent: 'green',
};

export type ThemeSlot = keyof typeof themeDefaults;

export const theme: Record<ThemeSlot, string | undefined> & {marker: boolean} = {
	...(Object.fromEntries(Object.entries(themeDefaults).map(([slot, name]) => [slot, color(name)])) as Record<ThemeSlot, string | undefined>),
	/** Mark the selected row with `>`: there are no colours to show it. */
	marker: noColor || noStyles,
};

/** The config's colours (undefined: none), in place: the screens read `theme` as they draw. */
export function applyTheme(colours: Partial<Record<string, string | undefined>>): void {
	for (const slot of Object.keys(themeDefaults) as ThemeSlot[]) if (slot in colours) theme[slot] = colours[slot];
}

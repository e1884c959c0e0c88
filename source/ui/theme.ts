/**
 * Colours, or none at all when NO_COLOR is set (https://no-color.org).
 * `themeDefaults` are what the config file's `theme` section overrides
 * (source/config/schema.ts); run.tsx applies the effective colours with
 * `applyTheme` before the first frame. Values are Ink colours: a name,
 * `ansi256(N)` or `#rrggbb`.
 */
const noColor = 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';

export function color(name: string): string | undefined {
	return noColor ? undefined : name;
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

export const theme: Record<ThemeSlot, string | undefined> = Object.fromEntries(Object.entries(themeDefaults).map(([slot, name]) => [slot, color(name)])) as Record<ThemeSlot, string | undefined>;

/** The config's colours (undefined: none), in place: the screens read `theme` as they draw. */
export function applyTheme(colours: Partial<Record<string, string | undefined>>): void {
	for (const slot of Object.keys(theme) as ThemeSlot[]) if (slot in colours) theme[slot] = colours[slot];
}

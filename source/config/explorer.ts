/**
 * What the explorer takes from the effective config: plain values (it runs
 * in a bundle of its own, dist/ui.cjs, and gets data, not this bundle's
 * objects). Applied at start by ui/run.tsx: the theme, the default sort, the
 * screen mode (ASCII, alternate screen). Passed on for the keymap to read:
 * `bindings` (the table with the file's keys), `mouse`, `confirm`.
 */
import type {BindingRow} from './bindings.js';
import type {ColorLevel} from './colors.js';
import type {ConfirmKind, EffectiveConfig, SortKey} from './schema.js';

export interface ExplorerSettings<B extends BindingRow = BindingRow> {
	theme: Record<string, string | undefined>;
	sort: SortKey;
	mouse: boolean;
	confirm: Record<ConfirmKind, boolean>;
	screen: {alternate: boolean; ascii: boolean};
	colorLevel: ColorLevel;
	/** The keymap's table with the config file's keys applied (checked: no clash, no unknown action). */
	bindings: B[];
	/** The actions the file rebinds. */
	rebound: string[];
}

export function explorerSettings<B extends BindingRow>(config: EffectiveConfig<B>): ExplorerSettings<B> {
	const values = <T>(record: Record<string, {value: T}>) => Object.fromEntries(Object.entries(record).map(([key, sourced]) => [key, sourced.value]));
	return {
		theme: values(config.theme),
		sort: config.sort.value,
		mouse: config.mouse.value,
		confirm: values(config.confirm) as Record<ConfirmKind, boolean>,
		screen: {alternate: config.alternateScreen.value, ascii: config.ascii.value},
		colorLevel: config.colorLevel.value,
		bindings: config.bindings,
		rebound: Object.entries(config.keys).filter(([, keys]) => keys.from.kind === 'file').map(([action]) => action),
	};
}

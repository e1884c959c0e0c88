/**
 * What the explorer takes from the effective config: plain values (it runs
 * in a bundle of its own, dist/ui.cjs, and gets data, not this bundle's
 * objects). Applied at start by ui/run.tsx (and ui/preframe.ts, which draws
 * the first frame from the other bundle): the theme, the default sort, the
 * screen mode (ASCII, alternate screen), the file's keys (`keys`, given to
 * the keymap's useKeyOverrides), the mouse. `confirm` goes into the App's
 * state, where the reducer asks it before it opens a question.
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
	/** The file's keys, by action (only those it rebinds), as the keymap names keys. */
	keys: Record<string, string[]>;
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
		keys: Object.fromEntries(Object.entries(config.keys).filter(([, keys]) => keys.from.kind === 'file').map(([action, keys]) => [action, keys.value.slice()])),
	};
}

/**
 * What a list is, as data: a spec per list (source/ui/lists/<list>.ts) says
 * where its rows come from, a row's key, its columns, its sorts, what the
 * filter matches and the actions it offers. Everything else (the list
 * state and its reducer, moving, filtering and sorting keys, the footer,
 * the `?` help, the `x` menu, mouse clicks, the title's "N of M") is
 * generic and reads the spec; see ARCHITECTURE.md for how to add a list.
 */
import type {Column} from '../columns.js';
import type {Action, Context} from '../key-names.js';
import type {Msg, State} from '../model.js';
import type {Feeds} from './feeds.js';
import type {ListRules} from './list-state.js';
import type {Capability, ListId} from './names.js';

export type Step = (state: State, msg: Msg) => State;

export interface ListAction {
	action: Action;
	/** Key names as keyName() makes them; user overrides replace them (keymap.ts). */
	keys: string[];
	/** The footer's label after the key ("tag" shows as "t tag"); none: not in the footer. */
	label?: string;
	/** Which labels the footer keeps when they do not all fit: lower first (default 3). */
	footer?: number;
	/** One line for the `?` help and the `x` menu. */
	description: string;
	needs?: Capability;
	/** Other screens where the key does the same (an image's tabs for the image actions). */
	alsoIn?: Context[];
	/** Left out of the `x` menu (a second key for something already in it). */
	menu?: false;
	/** What it does: the reducer calls it with the state and itself. Required: an action cannot be a silent no-op. */
	run(state: State, step: Step): State;
}

export interface ListSort<Row> {
	/** How the title shows it: "created ↓". */
	label: string;
	compare(a: Row, b: Row): number;
}

export interface ListSpec<Row> extends ListRules<Row> {
	id: ListId;
	/** The title's word: "Images". */
	title: string;
	/** The key that shows this list from any other ("1"), its action and the footer's word. */
	show: {key: string; action: Action; label: string; /** Its place in the other lists' footers (default 5; higher goes first when short). */ footer?: number};
	/** The list needs this of the source (Containers: a daemon). */
	needs?: Capability;
	/** The feeds its rows are made from: they are made again when one of these changes. */
	feeds: readonly (keyof Feeds)[];
	/** What else it reads while shown (its columns, its questions): with `feeds`, what the controller keeps loaded while it is shown (a costly feed is loaded only then: lists/feeds.ts `whenShown`). */
	reads?(state: State): readonly import('./feeds.js').Read[];
	/** Its rows, from what the controller loaded (source/ui/lists/feeds.ts). */
	rows(data: Feeds): readonly Row[];
	/** The row as the menu's title names it (a ref, a container's name). */
	name(row: Row): string;
	/** The columns, fitted by source/ui/columns.ts; `rows` are those on screen (columns may shrink to them). */
	columns(state: State, rows: readonly Row[], now: number): Column<Row>[];
	sorts: readonly ListSort<Row>[];
	/** For the help: "REPOSITORY:TAG or ID". */
	filterHint: string;
	/** What the list says with no rows. */
	empty: {loading: string; none: string; noMatch(filter: string): string};
	/** Enter: open the selected row (its inspect view). */
	open?: ListAction;
	actions: readonly ListAction[];
	/** Extra words for the title after "N of M" (the engine's context). */
	titleExtra?(state: State): string;
}

/** A spec of any row type, as the generic code holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = ListSpec<any>;

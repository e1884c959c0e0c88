/**
 * The format box's part of the explorer's model as types: what lasts after
 * the box closes, pick-then-pipe's output, the box's messages and the
 * effects it asks of the App (format/reduce.ts and format/effects.ts act on
 * them).
 */
import type {OverlayKey} from '../key-names.js';

/** What lasts after the box closes. */
export interface FormatState {
	/** The template the Inspect tab shows instead of the JSON, for every image opened. */
	filter?: string;
	/** The template shown as a column of the image list. */
	column?: string;
	/** Earlier templates, newest last (loaded from the history file, added to on Enter). */
	history: string[];
	/** Each image's raw inspect JSON by id, as the controller read it for the LAYERS column. */
	docs: Record<string, string>;
}

/** Pick-then-pipe (stdout is not a terminal): what to write to it once the UI is gone. */
export interface PickState {
	output?: string;
}

export type FormatMsg =
	| {kind: 'open'}
	| {kind: 'key'; key: OverlayKey}
	| {kind: 'column'}
	| {kind: 'clearFilter'}
	| {kind: 'history'; entries: string[]}
	| {kind: 'pick'}
	| {kind: 'picked'; output: string}
	| {kind: 'pickFailed'; message: string}
	| {kind: 'refresh'};

export type FormatEffect =
	/** Adds a template to the history file. */
	| {kind: 'formatHistory'; template: string}
	/** Pick-then-pipe: the output of `imgscope inspect [--format T] REF`, for stdout. */
	| {kind: 'pick'; ref: string; template: string};

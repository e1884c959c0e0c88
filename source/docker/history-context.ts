// `docker history` rows (docker/cli cli/command/image/formatter_history.go):
// one *image.historyContext per history entry, newest first as the daemon
// sends them; -H/--human=false switches sizes to bytes and CreatedSince to the
// RFC 3339 time; --no-trunc keeps full IDs and CreatedBy.
import {ellipsis, truncateID} from '../format/ids.js';
import type {Location} from '../format/time.js';
import {formatRFC3339, UTC} from '../format/time.js';
import {createdSince, humanSizeWithPrecision} from '../format/units.js';
import type {GoValue} from '../template/index.js';
import {T, decodeJSON, sliceOf} from '../template/index.js';
import {contextType, contextValue, headerValue, writeFormatted, type FormatResult} from './formatter.js';
import {field, struct} from './inspect-type.js';
import {unmarshal} from './unmarshal.js';

export const DEFAULT_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const NON_HUMAN_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

/** api/types/image.HistoryResponseItem (the unexported `h` field of each row). */
export const historyItemType = struct('image.HistoryResponseItem', [
	field('Comment', T.string, 'Comment'),
	field('Created', T.int64, 'Created'),
	field('CreatedBy', T.string, 'CreatedBy'),
	field('ID', T.string, 'Id'),
	field('Size', T.int64, 'Size'),
	field('Tags', sliceOf(T.string), 'Tags'),
]);

export const historyContextType = contextType(
	'image.historyContext',
	[field('trunc', T.bool), field('human', T.bool), field('h', historyItemType)],
	['ID', 'CreatedAt', 'CreatedSince', 'CreatedBy', 'Size', 'Comment'],
);

const HEADER = {ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT'};

// Entries created before 2000 have no meaningful age.
const EPOCH_2000 = 946684800;

export interface HistoryOptions {
	format: string;
	quiet: boolean;
	human: boolean;
	noTrunc: boolean;
	now: number;
	location?: Location;
}

export type HistoryItemJSON = Record<string, unknown>;

/** NewHistoryFormat. */
export function historyFormat(source: string, quiet: boolean, human: boolean): string {
	if (source !== 'table') return source;
	return quiet ? '{{.ID}}' : human ? DEFAULT_HISTORY_TABLE : NON_HUMAN_HISTORY_TABLE;
}

export function renderHistory(items: HistoryItemJSON[], options: HistoryOptions): FormatResult {
	const format = historyFormat(options.format === '' ? 'table' : options.format, options.quiet, options.human);
	const rows = items.map(item => rowValue(item, options));
	return writeFormatted(format, rows, headerValue(HEADER));
}

function rowValue(item: HistoryItemJSON, options: HistoryOptions): GoValue {
	const h = unmarshal(historyItemType, decodeJSON(JSON.stringify(item)));
	const text = (v: unknown): string => (typeof v === 'string' ? v : '');
	const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
	const trunc = !options.noTrunc;
	const created = num(item.Created);
	const createdAt = (): string => formatRFC3339(created, options.location ?? UTC);
	return contextValue(
		historyContextType,
		{trunc: {type: T.bool, v: trunc}, human: {type: T.bool, v: options.human}, h},
		{
			ID: () => (trunc ? truncateID(text(item.Id)) : text(item.Id)),
			CreatedAt: createdAt,
			CreatedSince: () => {
				if (!options.human) return createdAt();
				if (created <= EPOCH_2000) return 'N/A';
				return createdSince(created, options.now);
			},
			CreatedBy: () => {
				const by = text(item.CreatedBy).replaceAll('\t', ' ');
				return trunc ? ellipsis(by, 45) : by;
			},
			Size: () => (options.human ? humanSizeWithPrecision(num(item.Size), 3) : String(num(item.Size))),
			Comment: () => text(item.Comment),
		},
	);
}

// docker's list formatter (docker/cli cli/command/formatter/formatter.go,
// custom.go, reflect.go) shared by `image ls` and `history`:
//   - "table..." strips the prefix and renders a header plus rows through the
//     tabwriter; "json" is `{{json .}}`; anything else is a raw template;
//   - the format is trimmed of spaces and `\t` `\n` become real tab/newline;
//   - every row is followed by "\n"; one failing row fails the whole output;
//   - rows are *xxxContext pointers whose methods are the columns, and whose
//     MarshalJSON turns every no-argument method into a key (HTML-escaped).
import {tabwrite} from '../format/tabwriter.js';
import type {GoMethod, GoType, GoValue, MapKey, StructField, Template} from '../template/index.js';
import type {Node, PipeNode} from '../template/nodes.js';
import {T, dockerFuncs, execute, headerFuncs, marshalJSON, parse, ptrTo, sliceOf, TemplateExecError} from '../template/index.js';

export interface FormatResult {
	stdout: string;
	/** docker's message when the template fails to parse or to execute (exit status 1). */
	error?: string;
}

export const isTableFormat = (format: string): boolean => format.startsWith('table');

/** Context.preFormat: the template text docker actually parses. */
export function finalFormat(format: string): string {
	let f = format;
	if (isTableFormat(f)) f = f.slice('table'.length);
	else if (f === 'json') f = '{{json .}}';
	f = f.replace(/^ +| +$/g, '');
	return f.replace(/\\[tn]/g, m => (m === '\\t' ? '\t' : '\n'));
}

/** Context.Write: rows are the row contexts, header the column-name map. */
export function writeFormatted(format: string, rows: GoValue[], header: GoValue): FormatResult {
	let template: Template;
	try {
		template = parse(finalFormat(format), {funcs: dockerFuncs});
	} catch (error) {
		return {stdout: '', error: `template parsing error: ${(error as Error).message}`};
	}
	const plan = columnPlan(template);
	let body = '';
	for (const row of rows) {
		const fast = plan && planned(plan, row);
		if (fast !== undefined) {
			body += fast + '\n';
			continue;
		}
		try {
			body += execute(template, row) + '\n';
		} catch (error) {
			return {stdout: '', error: `template parsing error: ${(error as Error).message}`};
		}
	}
	if (!isTableFormat(format)) return {stdout: body};
	return {stdout: tabwrite(renderHeader(template, header) + '\n' + body)};
}

/**
 * A template of text and `{{.Column}}` actions only (every default table
 * format: `{{.Repository}}\t{{.Tag}}\t{{.ID}}…`) as its parts: a row is then
 * its columns' strings joined, without the executor (a third of `imgscope
 * ls`'s time on 2,000 images). Go gives a method precedence over a field of
 * the same name and prints a string as it is, so the bytes are the same.
 */
type ColumnPlan = (string | {column: string} | {ifColumn: string; then: ColumnPlan; otherwise: ColumnPlan})[];

function columnPlan(template: Template): ColumnPlan | undefined {
	if (template.trees.size !== 1) return undefined;
	const tree = template.trees.get(template.name);
	return tree ? listPlan(tree.root.nodes) : undefined;
}

/** `{{.Name}}` alone in a pipeline: the column's name. */
function columnOf(pipe: PipeNode): string | undefined {
	if (pipe.decl.length || pipe.cmds.length !== 1 || pipe.cmds[0].args.length !== 1) return undefined;
	const arg = pipe.cmds[0].args[0];
	return arg.type === 'field' && arg.ident.length === 1 ? arg.ident[0] : undefined;
}

function listPlan(nodes: Node[]): ColumnPlan | undefined {
	const plan: ColumnPlan = [];
	for (const node of nodes) {
		if (node.type === 'text') {
			plan.push(node.text);
			continue;
		}
		const column = node.type === 'action' || node.type === 'if' ? columnOf(node.pipe) : undefined;
		if (!column) return undefined;
		if (node.type === 'action') {
			plan.push({column});
			continue;
		}
		// `{{if .CreatedSince}}…{{else}}N/A{{end}}` (image ls): a string is true when not empty.
		const then = node.type === 'if' ? listPlan(node.list.nodes) : undefined;
		const otherwise = node.type === 'if' ? listPlan(node.elseList?.nodes ?? []) : undefined;
		if (!then || !otherwise) return undefined;
		plan.push({ifColumn: column, then, otherwise});
	}
	return plan;
}

/** The row through the plan; undefined when a part is not a column of this row that gives a string (the executor decides). */
function planned(plan: ColumnPlan, row: GoValue): string | undefined {
	const record = (row.v as GoValue | null)?.v;
	const columns = record && typeof record === 'object' ? columnsOf(record) : undefined;
	return columns && run(plan, columns);
}

function run(plan: ColumnPlan, columns: Columns): string | undefined {
	let out = '';
	for (const part of plan) {
		if (typeof part === 'string') {
			out += part;
			continue;
		}
		const name = 'column' in part ? part.column : part.ifColumn;
		if (!Object.hasOwn(columns, name)) return undefined;
		const value = columns[name]();
		if (typeof value !== 'string') return undefined;
		const text = 'column' in part ? value : run(value !== '' ? part.then : part.otherwise, columns);
		if (text === undefined) return undefined;
		out += text;
	}
	return out;
}

// The header runs the same template over the column names with json, split,
// join, title, lower, upper and truncate replaced by identities. docker ignores
// its error and keeps what was written before it (Go's executor streams).
function renderHeader(template: Template, header: GoValue): string {
	const funcs = new Map(template.funcs);
	for (const [name, fn] of Object.entries(headerFuncs)) funcs.set(name, {fn, builtin: false});
	try {
		return execute({...template, funcs}, header);
	} catch (error) {
		if (error instanceof TemplateExecError) return error.partial;
		throw error;
	}
}

// ---- row contexts as Go values ----

/** formatter.HeaderContext: embedded in every row context; its Header is nil on rows. */
const headerContextType: GoType = {kind: 'struct', name: 'formatter.HeaderContext', fields: [{name: 'Header', type: T.any}]};
const bytesType = sliceOf(T.uint8);

/** formatter.SubHeaderContext (map[string]string) with its Label method. */
export const subHeaderContextType: GoType = {
	kind: 'map',
	name: 'formatter.SubHeaderContext',
	key: T.string,
	elem: T.string,
	methods: {
		Label: {
			params: [T.string],
			result: T.string,
			call: (_recv, args) => {
				const parts = (args[0].v as string).split('.');
				return {type: T.string, v: parts[parts.length - 1].replace(/[-_]/g, ' ')};
			},
		},
	},
};

export function headerValue(columns: Record<string, string>): GoValue {
	const entries: [MapKey, GoValue][] = Object.entries(columns).map(([k, v]) => [k, {type: T.string, v}]);
	return {type: subHeaderContextType, v: new Map(entries)};
}

/** The columns of a row: method name -> its result (a string, or a Go value for the columns declared with another type). */
export type Columns = Record<string, () => string | GoValue>;

const columnValue = (r: string | GoValue): GoValue => (typeof r === 'string' ? {type: T.string, v: r} : r);

/** A row's columns, on its record under a key no template or printer sees (a WeakMap's entries cost the collector more, 2,000 rows at a time). */
const COLUMNS = Symbol('columns');
const columnsOf = (record: object): Columns | undefined => (record as {[COLUMNS]?: Columns})[COLUMNS];

/**
 * A row context type: a struct embedding HeaderContext plus its unexported
 * fields, with the column methods on the pointer (as docker declares them).
 */
export function contextType(
	name: string,
	fields: StructField[],
	columnNames: string[],
	options: {results?: Record<string, GoType>; methods?: Record<string, GoMethod>} = {},
): GoType {
	const methods: Record<string, GoMethod> = {...options.methods};
	const columns = (recv: GoValue): Columns => columnsOf(recv.v as object)!;
	for (const column of columnNames) {
		methods[column] = {ptrReceiver: true, result: options.results?.[column] ?? T.string, call: recv => columnValue(columns(recv)[column]())};
	}
	// Promoted from *HeaderContext: the (nil) Header of a row.
	methods.FullHeader = {
		ptrReceiver: true,
		result: T.any,
		call: recv => ((recv.v as Record<string, GoValue>).HeaderContext.v as Record<string, GoValue>).Header,
	};
	// formatter.MarshalJSON: every exported method without arguments and with one
	// result (FullHeader excepted) becomes a key; json.Marshal escapes HTML.
	methods.MarshalJSON = {
		ptrReceiver: true,
		result: bytesType,
		returnsError: true,
		call: recv => {
			const cols = columns(recv);
			const map: GoValue = {type: T.mapStringAny, v: new Map(Object.keys(cols).map(k => [k, columnValue(cols[k]())]))};
			const text = marshalJSON(map, {escapeHTML: true});
			return {type: bytesType, v: [...Buffer.from(text, 'utf8')].map(b => ({type: T.uint8, v: BigInt(b)}))};
		},
	};
	return {
		kind: 'struct',
		name,
		fields: [{name: 'HeaderContext', type: headerContextType, embedded: true}, ...fields],
		methods,
	};
}

/** A *context value: the struct's fields (for printing) and the column implementations. */
export function contextValue(type: GoType, fields: Record<string, GoValue>, columns: Columns): GoValue {
	const record: Record<string, GoValue> = {
		HeaderContext: {type: headerContextType, v: {Header: {type: T.any, v: null}}},
		...fields,
	};
	(record as {[COLUMNS]?: Columns})[COLUMNS] = columns;
	return {type: ptrTo(type), v: {type, v: record}};
}

// Public API of the Go text/template engine: parse once, execute many times.
//   const t = parse('{{.Name | upper}}', {funcs: dockerFuncs});
//   execute(t, data)            // -> string, or throws TemplateExecError
import type {GoValue} from './core.js';
import {TemplateExecError, TemplateParseError} from './errors.js';
import {run, type ExecOptions} from './exec.js';
import {builtins, type GoFunc} from './funcs.js';
import {parseTrees, type Tree} from './parse.js';
import {quote} from './strconv.js';

export interface Template {
	name: string;
	/** The top-level tree and every {{define}}/{{block}}, by name. */
	trees: Map<string, Tree>;
	funcs: ExecOptions['funcs'];
}

export interface ParseOptions {
	/** Template name used in error messages (docker uses ""). */
	name?: string;
	/** Functions added to (and overriding) the builtins, e.g. dockerFuncs. */
	funcs?: Record<string, GoFunc>;
}

export interface ExecuteOptions {
	/** Go's Option("missingkey=error"): a missing map key is an error instead of <no value>. */
	missingKey?: 'default' | 'error';
}

/** Parse a template; throws TemplateParseError with Go's message. */
export function parse(text: string, opts: ParseOptions = {}): Template {
	const name = opts.name ?? '';
	const funcs: ExecOptions['funcs'] = new Map();
	for (const [k, fn] of Object.entries(builtins)) funcs.set(k, {fn, builtin: true});
	for (const [k, fn] of Object.entries(opts.funcs ?? {})) funcs.set(k, {fn, builtin: false});
	const trees = parseTrees(name, text, n => funcs.has(n));
	return {name, trees, funcs};
}

/** Execute the template (or one of its named templates) against data; partial output is discarded on error. */
export function execute(t: Template, data: GoValue | null, opts: ExecuteOptions & {template?: string} = {}): string {
	const name = opts.template ?? t.name;
	const tree = t.trees.get(name);
	if (tree === undefined) {
		if (opts.template !== undefined) {
			throw new TemplateExecError(`template: no template ${quote(name)} associated with template ${quote(t.name)}`, 0, 0);
		}
		throw new TemplateExecError(`template: ${name}: ${quote(name)} is an incomplete or empty template`, 0, 0);
	}
	const dot = data !== null && data.type.kind === 'interface' ? (data.v as GoValue | null) : data;
	return run(tree, {missingKey: opts.missingKey ?? 'default', funcs: t.funcs, trees: t.trees}, dot);
}

export {TemplateExecError, TemplateParseError};
export type {GoFunc};
export {builtins};
export {dockerFuncs, headerFuncs, goTitle, goUpper, goLower, goSplit} from './docker.js';
export {marshalJSON, jsonString, compactJSON} from './json.js';
export {sprint, sprintln} from './print.js';
export {sprintf} from './printf.js';
export {formatFloat, quote} from './strconv.js';
export {REFLECT_VALUE} from './reflect.js';
export * from './values.js';

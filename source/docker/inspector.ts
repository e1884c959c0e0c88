// docker's `image inspect` output (docker/cli cli/command/inspect/inspector.go),
// pure: the caller fetches each image's raw JSON (in parallel if it likes) and
// hands the results over in argument order.
//   no format  -> the raw documents as one JSON array, re-indented by 4 spaces
//   "json"     -> the same array compacted
//   otherwise  -> the template per image: first on the typed struct, then, if
//                 that fails at all, on the raw JSON map with missingkey=error
//                 (docker sets that option on the shared template, so it stays
//                 on for the images after it).
import {compactJson, indentJson} from '../format/json-indent.js';
import type {GoValue, Template} from '../template/index.js';
import {decodeJSON, dockerFuncs, execute, parse} from '../template/index.js';
import {typedInspect} from './inspect-type.js';

/** One argument's answer: the daemon's bytes, or the error docker would print for it. */
export type InspectItem = {raw: string} | {error: string};

export interface InspectOutput {
	stdout: string;
	/** Lines for stderr (docker joins the errors with "\n"); empty when all went well. */
	errors: string[];
	exitCode: number;
	/** Where in the template the first template error points (index in the string), for a UI; -1 when unknown. */
	errorOffset?: number;
}

/** The parsed template, or the exit-64 failure docker reports before any request. */
export type PreparedFormat =
	| {kind: 'indent' | 'json'}
	| {kind: 'template'; template: Template}
	| {kind: 'error'; message: string; offset: number};

export function prepareFormat(format: string): PreparedFormat {
	if (format === '') return {kind: 'indent'};
	if (format === 'json') return {kind: 'json'};
	try {
		return {kind: 'template', template: parse(format, {funcs: dockerFuncs})};
	} catch (error) {
		return {kind: 'error', message: `template parsing error: ${(error as Error).message}`, offset: (error as {offset?: number}).offset ?? -1};
	}
}

/** Render docker's output for the items (in argument order). */
/** The typed pass's decoder: the daemon's JSON as the Go struct docker's client decodes it into (images by default). */
export type TypedDecoder = (raw: GoValue) => GoValue;

export function renderInspect(prepared: PreparedFormat, items: InspectItem[], typed: TypedDecoder = typedInspect): InspectOutput {
	if (prepared.kind === 'error') return {stdout: '', errors: [prepared.message], exitCode: 64, errorOffset: prepared.offset};
	const errors: string[] = [];
	let stdout: string;
	const offsets: number[] = [];
	if (prepared.kind === 'template') {
		stdout = renderTemplate(prepared.template, items, errors, offsets, typed);
	} else {
		const raws: string[] = [];
		for (const item of items) {
			if ('error' in item) errors.push(item.error);
			else raws.push(item.raw);
		}
		stdout = raws.length === 0 ? '[]\n' : renderArray(prepared.kind, raws) + '\n';
	}
	return {stdout, errors, exitCode: errors.length > 0 ? 1 : 0, ...(offsets.length ? {errorOffset: offsets[0]} : {})};
}

function renderArray(kind: 'indent' | 'json', raws: string[]): string {
	const joined = '[' + raws.join(',') + ']';
	return kind === 'indent' ? indentJson(joined, '', '    ') : compactJson(joined);
}

function renderTemplate(template: Template, items: InspectItem[], errors: string[], offsets: number[], typed: TypedDecoder): string {
	let out = '';
	let missingKey: 'default' | 'error' = 'default';
	// Execution is a pure function of (document, missingkey): many tags of one
	// image return the same bytes, so each distinct document runs once.
	const memo = new Map<string, OneResult>();
	for (const item of items) {
		if ('error' in item) {
			errors.push(item.error);
			continue;
		}
		const key = missingKey + item.raw;
		let result = memo.get(key);
		if (result === undefined) {
			result = inspectOne(template, item.raw, missingKey, typed);
			memo.set(key, result);
		}
		if (result.usedRaw) missingKey = 'error';
		if (result.error !== undefined) {
			errors.push(result.error);
			offsets.push(result.offset ?? -1);
		} else out += result.output + '\n';
	}
	// TemplateInspector.Flush: an empty buffer still prints a newline.
	return out === '' ? '\n' : out;
}

interface OneResult {
	output?: string;
	error?: string;
	/** The failing node's index in the template string, -1 when unknown. */
	offset?: number;
	/** The raw pass ran, which switches missingkey=error on for good. */
	usedRaw: boolean;
}

function inspectOne(template: Template, raw: string, missingKey: 'default' | 'error', typed: TypedDecoder): OneResult {
	let decoded;
	try {
		decoded = decodeJSON(raw);
	} catch (error) {
		// docker's typed decode would have failed first with its own wording.
		return {error: `unable to read inspect data: ${(error as Error).message}`, usedRaw: false};
	}
	try {
		return {output: execute(template, typed(decoded), {missingKey}), usedRaw: false};
	} catch {
		// Any failure of the typed pass, whatever it was, means a second try on the raw map.
	}
	try {
		return {output: execute(template, decoded, {missingKey: 'error'}), usedRaw: true};
	} catch (error) {
		return {error: `template parsing error: ${(error as Error).message}`, offset: (error as {offset?: number}).offset ?? -1, usedRaw: true};
	}
}

/** What docker prints for an argument the daemon did not give (its client wording). */
export function fetchErrorText(error: unknown): string {
	const e = error as {daemonMessage?: string; message?: string};
	if (typeof e?.daemonMessage === 'string') return `Error response from daemon: ${e.daemonMessage}`;
	return e?.message ?? String(error);
}

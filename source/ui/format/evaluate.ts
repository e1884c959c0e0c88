/**
 * The format box's evaluation: a template over one image's inspect JSON,
 * through docker's inspector exactly as `imgscope inspect --format` runs it
 * (source/docker/inspector.ts: typed pass, then the raw map), so what the
 * screen shows is the bytes the pipe gets. Pure.
 */
import {prepareFormat, renderInspect, type PreparedFormat} from '../../docker/inspector.js';
import {visible} from '../../text/sanitize.js';
import {truncateToWidth, displayWidth} from '../../text/width.js';

export type Evaluation =
	| {ok: true; /** The stdout bytes of `imgscope inspect --format T IMAGE`, newline included. */ output: string}
	| {
			ok: false;
			/** A parse error fails before any image (docker exits 64); an execution error is this image's. */
			stage: 'parse' | 'exec';
			/** docker's words, as it prints them on stderr. */
			message: string;
			/** Where in the template it points (index in the string), -1 when unknown. */
			offset: number;
	  };

/** Parses once: the column and the filter view run one template over many documents. */
export function prepare(template: string): PreparedFormat {
	return prepareFormat(template);
}

export function evaluatePrepared(prepared: PreparedFormat, raw: string): Evaluation {
	if (prepared.kind === 'error') return {ok: false, stage: 'parse', message: prepared.message, offset: prepared.offset};
	const out = renderInspect(prepared, [{raw}]);
	if (out.exitCode === 0) return {ok: true, output: out.stdout};
	return {ok: false, stage: 'exec', message: out.errors.join('\n'), offset: out.errorOffset ?? -1};
}

export function evaluateFormat(template: string, raw: string): Evaluation {
	return evaluatePrepared(prepare(template), raw);
}

/**
 * Line and column of an offset in the template as Go's ErrorContext counts
 * them (the `:1:69:` in docker's message): the line from 1, the column in
 * bytes from the start of the line, from 0.
 */
export function position(template: string, offset: number): {line: number; column: number} | undefined {
	if (offset < 0 || offset > template.length) return undefined;
	const before = template.slice(0, offset);
	const lineStart = before.lastIndexOf('\n') + 1;
	return {line: before.split('\n').length, column: Buffer.byteLength(before.slice(lineStart))};
}

/** The output as screen lines: the final newline docker adds is not a line of its own. */
export function outputLines(output: string): string[] {
	const text = output.endsWith('\n') ? output.slice(0, -1) : output;
	return text.split('\n');
}

/**
 * Screen lines for an output, each through visible() (an image's strings
 * cannot drive the terminal), long lines folded at `width` columns so a
 * `{{json .Config}}` can be read whole.
 */
export function screenLines(output: string, width: number): string[] {
	const cols = Math.max(8, width);
	const lines: string[] = [];
	for (const line of outputLines(output)) {
		let rest = visible(line);
		if (rest === '') {
			lines.push('');
			continue;
		}
		while (rest !== '') {
			if (displayWidth(rest) <= cols) {
				lines.push(rest);
				break;
			}
			const head = truncateToWidth(rest, cols) || [...rest][0];
			lines.push(head);
			rest = rest.slice(head.length);
		}
	}
	return lines;
}

const cache = new Map<string, {raw: string; width: number; lines: string[]; evaluation: Evaluation}>();

/** What a kept filter shows for one image (memoised: the reducer asks for its length, the screen for its lines). */
export function filterView(template: string, raw: string, width: number): {evaluation: Evaluation; lines: string[]} {
	const hit = cache.get(template);
	if (hit && hit.raw === raw && hit.width === width) return hit;
	const evaluation = evaluateFormat(template, raw);
	const lines = evaluation.ok ? screenLines(evaluation.output, width) : [];
	if (cache.size > 32) cache.clear();
	const entry = {raw, width, lines, evaluation};
	cache.set(template, entry);
	return entry;
}

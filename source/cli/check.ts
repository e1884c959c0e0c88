/**
 * `imgscope check IMAGE [--lowest-efficiency R] [--highest-wasted-bytes SIZE]
 * [--highest-user-wasted-percent R] [--json]`: the wasted-space figures and a
 * verdict per rule, for CI. Exit 0 when every rule passes, 1 when one fails,
 * 2 on bad input.
 *
 * The figures (source/layers/waste.ts) are defined so they can be checked by
 * hand: wastedBytes are the bytes of regular files stored in some layer and
 * not visible in the final filesystem; efficiency = 1 - wasted / stored;
 * userWastedPercent = wasted / bytes stored in all layers but the first (a
 * ratio: 0.1 is 10%, as dive has it).
 *
 * Rules default to dive's CI defaults (lowest efficiency 0.9, highest user
 * wasted percent 0.1, wasted bytes unchecked); `disabled` turns one off.
 * dive's rules file (`./.dive-ci` when present, or `--ci-config FILE`) sets
 * them with dive's keys and value rules (config/dive-ci.ts); a flag wins.
 */
import {diveBytes, diveRatio, type DiveRuleKey} from '../config/dive-ci.js';
import {fromHumanSize} from '../format/units.js';
import {wasteReport} from '../layers/waste.js';
import {UsageError} from './args.js';
import {readCiFile, type CiFile} from './ci-file.js';
import type {Command} from './command.js';
import {archiveFlag, imageSpec, openImage} from './image-source.js';
import {remoteFlags} from './remote.js';
import {emit, emitJsonDocument, pathJson, shownPath, shownSize} from './layer-output.js';
import {renderTable} from './text-table.js';

export type RuleName = 'lowest-efficiency' | 'highest-wasted-bytes' | 'highest-user-wasted-percent';

export interface Rule {
	name: RuleName;
	/** undefined: disabled. */
	limit: number | undefined;
}

export interface RuleResult {
	rule: RuleName;
	limit: number | null;
	value: number;
	status: 'pass' | 'fail' | 'disabled';
}

export const defaultRules: Record<RuleName, string> = {
	'lowest-efficiency': '0.9',
	'highest-wasted-bytes': 'disabled',
	'highest-user-wasted-percent': '0.1',
};

function invalid(flag: RuleName, value: string, why: string): UsageError {
	return new UsageError(`invalid argument "${value}" for "--${flag}" flag: ${why}`, 'check');
}

/**
 * A ratio: a decimal number (`0.9`, `.5`, `1`) or a percentage (`90%`).
 * `max` bounds it (efficiency cannot exceed 1; a user-wasted ratio can).
 */
export function parseRatio(flag: RuleName, value: string, max: number): number | undefined {
	const text = value.trim();
	if (text.toLowerCase() === 'disabled') return undefined;
	const m = /^(\d+(?:\.\d*)?|\.\d+)(%?)$/.exec(text);
	if (!m) throw invalid(flag, value, `expected a ratio such as 0.9 or 90%${flag === 'lowest-efficiency' ? '' : ' (or 10%)'}, or "disabled"`);
	const ratio = Number(m[1]) / (m[2] ? 100 : 1);
	if (!Number.isFinite(ratio) || ratio > max) throw invalid(flag, value, `the ratio must be between 0 and ${max}${max === 1 ? ' (100%)' : ''}`);
	return ratio;
}

/** A size in docker's units (decimal: `20MB`, `1.5GB`, `512kB`, or plain bytes), or `disabled`. */
export function parseSizeLimit(flag: RuleName, value: string): number | undefined {
	const text = value.trim();
	if (text.toLowerCase() === 'disabled') return undefined;
	let bytes: number;
	try {
		bytes = fromHumanSize(text);
	} catch {
		throw invalid(flag, value, 'expected a size such as 20MB, 1.5GB, 512kB or a number of bytes, or "disabled"');
	}
	if (!Number.isSafeInteger(bytes) || bytes < 0) throw invalid(flag, value, 'the size is out of range');
	return bytes;
}

/** The rules: each flag given, else the CI file's value (read with dive's rules, ci-file.ts), else the default. */
export function parseRules(flags: Record<string, unknown>, file?: CiFile): Rule[] {
	const given = (name: RuleName) => flags[name] as string | undefined;
	const fromFile = (name: RuleName) => {
		const key = diveKeyOf[name];
		const entry = file?.rules[key];
		if (!entry) return undefined;
		try {
			return {limit: key === 'highestWastedBytes' ? diveBytes(entry.value) : diveRatio(key, entry.value)};
		} catch (error) {
			throw new UsageError(`${file!.path}:${entry.line}: ${(error as Error).message}`, 'check');
		}
	};
	const rule = (name: RuleName, parse: (value: string) => number | undefined): Rule => {
		const flag = given(name);
		if (flag !== undefined) return {name, limit: parse(flag)};
		return {name, limit: (fromFile(name) ?? {limit: parse(defaultRules[name])}).limit};
	};
	return [
		rule('lowest-efficiency', (value) => parseRatio('lowest-efficiency', value, 1)),
		rule('highest-wasted-bytes', (value) => parseSizeLimit('highest-wasted-bytes', value)),
		rule('highest-user-wasted-percent', (value) => parseRatio('highest-user-wasted-percent', value, Number.MAX_SAFE_INTEGER)),
	];
}

const diveKeyOf: Record<RuleName, DiveRuleKey> = {
	'lowest-efficiency': 'lowestEfficiency',
	'highest-wasted-bytes': 'highestWastedBytes',
	'highest-user-wasted-percent': 'highestUserWastedPercent',
};

export function evaluate(rules: Rule[], figures: {efficiency: number; wastedBytes: number; userWastedPercent: number}): RuleResult[] {
	return rules.map(rule => {
		const value = rule.name === 'lowest-efficiency' ? figures.efficiency : rule.name === 'highest-wasted-bytes' ? figures.wastedBytes : figures.userWastedPercent;
		if (rule.limit === undefined) return {rule: rule.name, limit: null, value, status: 'disabled'};
		const pass = rule.name === 'lowest-efficiency' ? value >= rule.limit : value <= rule.limit;
		return {rule: rule.name, limit: rule.limit, value, status: pass ? 'pass' : 'fail'};
	});
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

function ruleText(r: RuleResult): string {
	const bytes = r.rule === 'highest-wasted-bytes';
	const value = bytes ? `${shownSize(r.value)} (${r.value} bytes)` : `${percent(r.value)} (${r.value})`;
	if (r.limit === null) return `${r.rule}: ${value}, not checked`;
	const limit = bytes ? `${shownSize(r.limit)} (${r.limit} bytes)` : `${percent(r.limit)} (${r.limit})`;
	const op = r.rule === 'lowest-efficiency' ? (r.status === 'pass' ? '>=' : '<') : r.status === 'pass' ? '<=' : '>';
	return `${r.rule}: ${value} ${op} ${limit}`;
}

const TOP = 10;

const indentLines = (text: string) => text.replace(/^(?=.)/gm, '  ');

const check: Command = {
	name: 'check',
	summary: 'Check wasted space against limits, for CI (exit 0 pass, 1 fail, 2 bad input)',
	usage: 'imgscope check [OPTIONS] IMAGE',
	flags: [
		{name: 'lowest-efficiency', type: 'string', valueName: 'R', help: 'Fail below this efficiency, a ratio (0.9 or 90%) or "disabled" (default 0.9)'},
		{name: 'highest-wasted-bytes', type: 'string', valueName: 'SIZE', help: 'Fail above this many wasted bytes (20MB, 1.5GB, 512kB, bytes) or "disabled" (default disabled)'},
		{name: 'highest-user-wasted-percent', type: 'string', valueName: 'R', help: 'Fail above this ratio of wasted bytes to bytes of all layers but the first (0.1 or 10%) or "disabled" (default 0.1)'},
		{name: 'ci-config', type: 'string', valueName: 'FILE', help: "Read the rules from dive's CI file (YAML rules: lowestEfficiency, highestWastedBytes, highestUserWastedPercent); default ./.dive-ci when present; flags win"},
		{name: 'json', type: 'bool', help: 'Print a JSON document'},
		archiveFlag,
		...remoteFlags,
	],
	maxArgs: 1,
	async run(context, parsed) {
		// Bad limits (flags and the CI file) are reported before anything is read.
		const ciFile = readCiFile(parsed.flags['ci-config'] as string | undefined);
		const rules = parseRules(parsed.flags, ciFile);
		const spec = imageSpec(context, parsed.positionals, parsed.flags, 'check');
		// The figures never compare file contents: no need to hash them.
		const image = await openImage(context, spec, {digests: false});
		const report = wasteReport(image.model, {limit: Number.POSITIVE_INFINITY});
		const results = evaluate(rules, report);
		const failed = results.some(r => r.status === 'fail');
		if (parsed.flags.json) {
			await emitJsonDocument(
				context.stdout,
				{
					image: image.name,
					id: image.id,
					layers: image.model.layerCount,
					storedBytes: report.storedBytes,
					userStoredBytes: report.userStoredBytes,
					wastedBytes: report.wastedBytes,
					efficiency: report.efficiency,
					userWastedPercent: report.userWastedPercent,
					perLayer: report.perLayer,
					rules: results,
					ciConfig: ciFile?.path ?? null,
					pass: !failed,
				},
				{wasted: report.wasted.map(w => ({...pathJson(w.path), bytes: w.bytes, addedIn: w.addedIn, hiddenIn: w.hiddenIn, hiddenBy: w.hiddenBy}))},
			);
			return failed ? 1 : 0;
		}
		const lines = [
			`image:               ${shownPath(image.name)}`,
			`layers:              ${image.model.layerCount}`,
			`stored bytes:        ${shownSize(report.storedBytes)} (${report.storedBytes})`,
			`wasted bytes:        ${shownSize(report.wastedBytes)} (${report.wastedBytes}) in ${report.wastedCount} ${report.wastedCount === 1 ? 'copy' : 'copies'}`,
			`efficiency:          ${percent(report.efficiency)} (${report.efficiency})`,
			`user wasted percent: ${percent(report.userWastedPercent)} (${report.userWastedPercent}) of ${shownSize(report.userStoredBytes)} in layers 1 and up`,
			'',
		];
		let text = `${lines.join('\n')}\n`;
		if (report.wasted.length) {
			const top = report.wasted.slice(0, TOP);
			text += `biggest wasted paths${report.wasted.length > TOP ? ` (${TOP} of ${report.wasted.length})` : ''}:\n`;
			text += indentLines(renderTable(
				['SIZE', 'ADDED IN', 'HIDDEN IN', 'HOW', 'PATH'],
				top.map(w => [shownSize(w.bytes), `layer ${w.addedIn}`, `layer ${w.hiddenIn}`, w.hiddenBy, shownPath(w.path)]),
			));
			text += '\n';
		}
		text += ciFile ? `rules (from ${shownPath(ciFile.path)}, flags over it):\n` : 'rules:\n';
		for (const r of results) text += `  ${r.status === 'pass' ? 'PASS' : r.status === 'fail' ? 'FAIL' : 'SKIP'}  ${ruleText(r)}\n`;
		text += `result: ${failed ? 'FAIL' : 'PASS'}\n`;
		await emit(context.stdout, text);
		return failed ? 1 : 0;
	},
};

export default check;

/**
 * dive's CI rules file: the reader on dive's own example files (from
 * wagoodman/dive: .data/.dive-ci, cmd/dive/cli/testdata), dive's value rules
 * (go-humanize sizes, 0-1 ratios, the words that disable a rule), every kind
 * of bad file, and `imgscope check` reading `./.dive-ci` or `--ci-config`
 * against test-layers/waste:1 with flags over the file.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseRules} from '../../source/cli/check.js';
import {diveBytes, diveRatio, parseDiveCi} from '../../source/config/dive-ci.js';
import {hasStackTrace, runCli} from '../helpers/cli.js';
import {haveEngine} from '../helpers/engine.js';
import {IMAGE, WASTED} from '../layers/waste-expected.js';

// dive's .data/.dive-ci, as its repository ships it.
const diveExample = `---
plugins:
  - plugin1

rules:
  # If the efficiency is measured below X%, mark as failed. (expressed as a percentage between 0-1)
  lowestEfficiency: 0.95

  # If the amount of wasted space is at least X or larger than X, mark as failed. (expressed in B, KB, MB, and GB)
  highestWastedBytes: 20Mb

  # If the amount of wasted space makes up for X% of the image, mark as failed. (fail if the threshold is met or crossed; expressed as a percentage between 0-1)
  highestUserWastedPercent: 0.5

  plugin1/rule1: error
`;

const values = (text: string) => Object.fromEntries(Object.entries(parseDiveCi(text)).map(([k, v]) => [k, v!.value]));

describe('the .dive-ci reader', () => {
	it("reads dive's example files, ignoring the keys dive ignores", () => {
		expect(values(diveExample)).toEqual({lowestEfficiency: '0.95', highestWastedBytes: '20Mb', highestUserWastedPercent: '0.5'});
		expect(parseDiveCi(diveExample).highestWastedBytes!.line).toBe(10);
		expect(values('rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n  highestUserWastedPercent: 0.20\n')).toEqual({
			lowestEfficiency: '0.95',
			highestWastedBytes: '20MB',
			highestUserWastedPercent: '0.20',
		});
	});

	it('quoted values, comments after values, CRLF, a BOM, nested blocks elsewhere, missing keys', () => {
		expect(values("\uFEFFci: true\r\nrules:\r\n    lowestEfficiency: '0.10' # ten percent\r\n    highestWastedBytes: \"20 MB\"\r\n")).toEqual({lowestEfficiency: '0.10', highestWastedBytes: '20 MB'});
		expect(values('other:\n  nested:\n    lowestEfficiency: 0.1\nrules:\n  highestUserWastedPercent: off\n')).toEqual({highestUserWastedPercent: 'off'});
		expect(values('# nothing\n')).toEqual({});
		expect(values('rules:\n')).toEqual({});
		expect(values('rules:\n  lowestEfficiency:\n  highestWastedBytes: ~\n')).toEqual({lowestEfficiency: '', highestWastedBytes: ''});
		expect(values("rules:\n  'lowestEfficiency': 'it''s'\n")).toEqual({lowestEfficiency: "it's"});
	});

	it('refuses what it does not read, with the line', () => {
		const bad: [string, RegExp, number][] = [
			['rules: {lowestEfficiency: 0.9}\n', /"rules" must be a map of rules on the lines under it/, 1],
			['rules:\n  - lowestEfficiency: 0.9\n', /"rules" must be a map/, 2],
			['rules:\n\tlowestEfficiency: 0.9\n', /a tab in the indentation/, 2],
			['rules:\n  lowestEfficiency: "0.9\n', /unterminated double-quoted/, 2],
			['rules:\n  lowestEfficiency: &a 0.9\n', /only as a plain or quoted scalar/, 2],
			['rules:\n  lowestEfficiency: 0.9\n  lowestEfficiency: 0.8\n', /"lowestEfficiency" is given twice/, 3],
			['rules:\n    lowestEfficiency: 0.9\n  highestWastedBytes: 1\n', /does not line up/, 3],
			['just text\n', /not a YAML map/, 1],
			['rules:\n  a: 1\n---\nrules:\n  b: 2\n', /more than one YAML document/, 3],
		];
		for (const [text, message, line] of bad) {
			let caught: unknown;
			try {
				parseDiveCi(text);
			} catch (error) {
				caught = error;
			}
			expect(caught, text).toBeInstanceOf(Error);
			expect((caught as Error).message, text).toMatch(message);
			expect((caught as {line?: number}).line, text).toBe(line);
		}
	});

	it("values as dive takes them: go-humanize sizes, 0-1 ratios, dive's words for off", () => {
		expect(diveBytes('20Mb')).toBe(20_000_000);
		expect(diveBytes('20MB')).toBe(20_000_000);
		expect(diveBytes('20MiB')).toBe(20 * 2 ** 20);
		expect(diveBytes('1.5 GB')).toBe(1_500_000_000);
		expect(diveBytes('512k')).toBe(512_000);
		expect(diveBytes('1,000')).toBe(1000);
		expect(diveBytes('42')).toBe(42);
		for (const off of ['', 'disabled', 'OFF', ' false ']) expect(diveBytes(off)).toBeUndefined();
		expect(() => diveBytes('20QB')).toThrow(/invalid highestWastedBytes value "20QB"/);
		expect(() => diveBytes('MB')).toThrow(/invalid highestWastedBytes/);
		expect(diveRatio('lowestEfficiency', '0.95')).toBe(0.95);
		expect(diveRatio('lowestEfficiency', '1')).toBe(1);
		expect(diveRatio('highestUserWastedPercent', 'disabled')).toBeUndefined();
		expect(() => diveRatio('lowestEfficiency', '95%')).toThrow(/invalid lowestEfficiency value "95%"/);
		expect(() => diveRatio('highestUserWastedPercent', '1.5')).toThrow(/highestUserWastedPercent is outside the allowed range \(0-1\)/);
		expect(() => diveRatio('lowestEfficiency', '-0.1')).toThrow(/outside the allowed range/);
	});

	it('flags over the file over the defaults; a bad file value names the file and line', () => {
		const file = {path: '.dive-ci', rules: parseDiveCi(diveExample)};
		expect(parseRules({}, file).map((r) => r.limit)).toEqual([0.95, 20_000_000, 0.5]);
		expect(parseRules({'lowest-efficiency': '0.5'}, file).map((r) => r.limit)).toEqual([0.5, 20_000_000, 0.5]);
		expect(parseRules({}, {path: 'x.yml', rules: parseDiveCi('rules:\n  highestWastedBytes: off\n')}).map((r) => r.limit)).toEqual([0.9, undefined, 0.1]);
		expect(() => parseRules({}, {path: 'ci/dive.yml', rules: parseDiveCi('rules:\n\n  lowestEfficiency: lots\n')})).toThrow(/^ci\/dive.yml:3: invalid lowestEfficiency value "lots"/);
	});
});

describe.skipIf(!haveEngine)('imgscope check with a CI file', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-config-diveci-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const write = (name: string, text: string) => {
		const file = path.join(dir, name);
		writeFileSync(file, text);
		return file;
	};

	it('reads ./.dive-ci from the current directory (go-humanize units), and --ci-config; flags win', async () => {
		// WASTED is 1,048,620 bytes: over 1MB (1,000,000) and 1MiB (1,048,576), under 1.1MB.
		write('.dive-ci', 'rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: 1MiB\n  highestUserWastedPercent: off\n');
		expect(WASTED).toBe(1_048_620);
		const failed = await runCli(['check', IMAGE], {cwd: dir});
		expect(failed.code, failed.stderr).toBe(1);
		expect(failed.stdout).toContain('rules (from .dive-ci, flags over it):');
		expect(failed.stdout).toContain('FAIL  highest-wasted-bytes: 1.049MB (1048620 bytes) > 1.049MB (1048576 bytes)');
		expect(failed.stdout).toMatch(/SKIP {2}lowest-efficiency: .*not checked/);
		const overridden = await runCli(['check', IMAGE, '--highest-wasted-bytes', '2MB', '--json'], {cwd: dir});
		expect(overridden.code, overridden.stderr).toBe(0);
		const doc = JSON.parse(overridden.stdout);
		expect(doc.ciConfig).toBe('.dive-ci');
		expect(doc.rules.map((r: {limit: number | null}) => r.limit)).toEqual([null, 2_000_000, null]);
		const other = write('loose.yaml', 'rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: "1.1MB"\n  highestUserWastedPercent: false\n');
		const passed = await runCli(['check', IMAGE, '--ci-config', other], {cwd: dir});
		expect(passed.code, passed.stderr).toBe(0);
		expect(passed.stdout).toContain('PASS  highest-wasted-bytes: 1.049MB (1048620 bytes) <= 1.1MB (1100000 bytes)');
	});

	it('a bad or missing file: exit 2 before anything is read, naming the file and line', async () => {
		const bad = write('bad.yml', 'rules:\n  lowestEfficiency: 1.5\n');
		const r = await runCli(['check', 'never/read:1', '--ci-config', bad]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(hasStackTrace(r.stderr)).toBe(false);
		expect(r.stderr).toBe(`imgscope: ${bad}:2: lowestEfficiency is outside the allowed range (0-1): "1.5"\nSee 'imgscope check --help'.\n`);
		const missing = await runCli(['check', 'never/read:1', '--ci-config', path.join(dir, 'nope.yml')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/^imgscope: cannot read the CI config ".*nope.yml": no such file or directory\n/);
		const tabbed = write('tab.yml', 'rules:\n\thighestWastedBytes: 1\n');
		const t = await runCli(['check', 'never/read:1', '--ci-config', tabbed]);
		expect(t.code).toBe(2);
		expect(t.stderr).toContain(`${tabbed}:2: a tab in the indentation`);
	});
});

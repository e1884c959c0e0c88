// Differences the --format fuzzer (test/conformance/fuzz) found in the template
// engine, each as its shrunk case; the expected text is docker 28.2.2's.
import {describe, expect, it} from 'vitest';
import type {GoValue} from '../../source/template/index.js';
import {dockerFuncs, execute, goString, goTime, parse, TemplateExecError} from '../../source/template/index.js';
import {inspectData} from './helpers.js';

function failure(t: string, data: GoValue | null, missingKey: 'default' | 'error' = 'default'): string {
	try {
		execute(parse(t, {funcs: dockerFuncs}), data, {missingKey});
	} catch (e) {
		if (e instanceof TemplateExecError) return e.message;
		throw e;
	}
	throw new Error('expected an error');
}

describe('found by the fuzzer', () => {
	it('eq/ne: the non-comparable value prints through %s, so a bool inside a map reads %!s(bool=false)', () => {
		// docker image inspect -f '{{if ne .Config.Healthcheck $}}x{{end}}' fixture/app:1 (raw pass)
		const message = failure('{{$x := .Id}}{{if ne .Config.Healthcheck $}}x{{end}}', inspectData(), 'error');
		expect(message).toMatch(/^template: :1:18: executing "" at <ne .Config.Healthcheck \$>: error calling ne: non-comparable type map\[Architecture:amd64 /);
		expect(message).toContain('Config:map[AttachStderr:%!s(bool=false) AttachStdin:%!s(bool=false)');
		expect(message).toContain('OnBuild:<nil> OpenStdin:%!s(bool=false)');
		expect(message).toMatch(/Size:2506717 VirtualSize:2506717\]: map\[string\]interface \{\}$/);
		// Two maps: the first through %s, the second through %v.
		expect(failure('{{eq .Config.Labels .Config.Volumes}}', inspectData())).toBe(
			'template: :1:2: executing "" at <eq .Config.Labels .Config.Volumes>: error calling eq: non-comparable type map[/app/data:map[]]: map[string]interface {}',
		);
	});

	it('`X | call` names the callee by reflect.Value.String() of X', () => {
		// docker image ls --format '{{.UniqueSize|call}}' fixture/committed:1
		expect(failure('{{.|call}}', goString('N/A'))).toBe('template: :1:4: executing "" at <call>: error calling call: non-function N/A of type string');
		expect(failure('{{1 | call}}', null)).toBe('template: :1:6: executing "" at <call>: error calling call: non-function <int Value> of type int');
		expect(failure('{{.Config | call}}', inspectData())).toBe(
			'template: :1:12: executing "" at <call>: error calling call: non-function <map[string]interface {} Value> of type map[string]interface {}',
		);
	});

	it('slice takes its indexes as they come: a raw map element is an interface {}, index unwraps it', () => {
		// docker image inspect -f '{{if slice .Config.WorkingDir .Size}}{{end}}' fixture/app:1 (raw pass)
		const data = inspectData();
		expect(failure('{{slice .Config.WorkingDir .Size}}', data, 'error')).toBe(
			'template: :1:2: executing "" at <slice .Config.WorkingDir .Size>: error calling slice: cannot index slice/array with type interface {}',
		);
		// A variable holds the value itself (json.Number), as index sees it.
		expect(failure('{{$v := .Size}}{{slice "abc" $v}}', data, 'error')).toBe(
			'template: :1:17: executing "" at <slice "abc" $v>: error calling slice: cannot index slice/array with type json.Number',
		);
		expect(failure('{{index .RepoTags .Size}}', data, 'error')).toBe(
			'template: :1:2: executing "" at <index .RepoTags .Size>: error calling index: cannot index slice/array with type json.Number',
		);
		expect(failure('{{index .RepoTags .Config.OnBuild}}', data, 'error')).toBe(
			'template: :1:2: executing "" at <index .RepoTags .Config.OnBuild>: error calling index: cannot index slice/array with nil',
		);
	});

	it("time.Time's Month and Weekday (named ints with String), UnixMilli, UnixMicro, IsDST, Add, Truncate, Round, AddDate", () => {
		// docker image inspect -f '{{.Metadata.LastTagTime.Month}}' fixture/app:1 printed December; imgscope failed over to the raw map.
		const t = goTime('2026-12-02T03:20:18.369827262Z');
		const run = (text: string): string => execute(parse(text, {funcs: dockerFuncs}), t);
		expect(run('{{.Month}} {{printf "%d %v %T" .Month .Weekday .Weekday}} {{json .Month}} {{eq .Month 12}}')).toBe('December 12 Wednesday time.Weekday 12 true');
		expect(run('{{.UnixMilli}} {{.UnixMicro}} {{.IsDST}}')).toBe('1796181618369 1796181618369827 false');
		expect(run('{{.Add 5}}|{{.Add -86400000000000}}')).toBe('2026-12-02 03:20:18.369827267 +0000 UTC|2026-12-01 03:20:18.369827262 +0000 UTC');
		expect(run('{{.Truncate 60000000000}}|{{.Round 3600000000000}}|{{.Round 0}}|{{.Truncate -5}}')).toBe(
			'2026-12-02 03:20:00 +0000 UTC|2026-12-02 03:00:00 +0000 UTC|2026-12-02 03:20:18.369827262 +0000 UTC|2026-12-02 03:20:18.369827262 +0000 UTC',
		);
		expect(run('{{.AddDate 1 13 40}}|{{.AddDate 0 -12 -400}}')).toBe('2029-02-11 03:20:18.369827262 +0000 UTC|2024-10-28 03:20:18.369827262 +0000 UTC');
	});

	it("truncate's bound and pad's counts past what can be allocated read as Go's panics", () => {
		// docker image inspect -f '{{truncate $.Config.WorkingDir -9223372036854775808}}' fixture/app:1
		expect(failure('{{truncate "linux" -9223372036854775808}}', null)).toBe(
			'template: :1:2: executing "" at <truncate "linux" -9223372036854775808>: error calling truncate: runtime error: slice bounds out of range [:-9223372036854775808]',
		);
		expect(failure('{{pad "linux" 0 9223372036854775807}}', null)).toBe(
			'template: :1:2: executing "" at <pad "linux" 0 9223372036854775807>: error calling pad: runtime error: makeslice: len out of range',
		);
		expect(failure('{{pad "linux" -9223372036854775808 9223372036854775807}}', null)).toBe(
			'template: :1:2: executing "" at <pad "linux" -9223372036854775808 9223372036854775807>: error calling pad: strings: negative Repeat count',
		);
		expect(execute(parse('{{truncate "linux" 9223372036854775807}}', {funcs: dockerFuncs}), null)).toBe('linux');
	});
});

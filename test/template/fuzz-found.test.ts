// Differences the --format fuzzer (test/conformance/fuzz) found in the template
// engine, each as its shrunk case; the expected text is docker 28.2.2's.
import {describe, expect, it} from 'vitest';
import type {GoValue} from '../../source/template/index.js';
import {dockerFuncs, execute, goString, parse, TemplateExecError} from '../../source/template/index.js';
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
});

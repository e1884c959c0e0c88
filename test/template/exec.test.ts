// Execution over typed Go values (structs, pointers, methods, time types):
// expectations come from docker's typed inspect pass and `image ls` rows,
// or from Go's text/template rules where noted.
import {describe, expect, it} from 'vitest';
import type {GoFunc, GoType, GoValue} from '../../source/template/index.js';
import {
	dockerFuncs, durationType, execute, goDuration, goInt, goMap, goNil, goPtr, goSlice, goString, goStruct, goTime,
	GoError, headerFuncs, iface, parse, ptrTo, sliceOf, T, TemplateExecError, TemplateParseError, timeType,
} from '../../source/template/index.js';

const run = (t: string, data: GoValue | null, opts: {missingKey?: 'default' | 'error'; funcs?: Record<string, GoFunc>} = {}): string =>
	execute(parse(t, {funcs: {...dockerFuncs, ...opts.funcs}}), data, {missingKey: opts.missingKey});
const fail = (t: string, data: GoValue | null, opts: {missingKey?: 'default' | 'error'} = {}): string => {
	try {
		run(t, data, opts);
	} catch (e) {
		if (e instanceof TemplateExecError || e instanceof TemplateParseError) return e.message;
		throw e;
	}
	throw new Error('expected an error');
};

// A slice of image.InspectResponse: Config.Healthcheck (*HealthConfig with durations), Metadata (time), RootFS.
const health: GoType = {
	kind: 'struct', name: 'container.HealthConfig',
	fields: [
		{name: 'Test', type: T.stringSlice, omitEmpty: true},
		{name: 'Interval', type: durationType, omitEmpty: true},
		{name: 'Timeout', type: durationType, omitEmpty: true},
		{name: 'StartPeriod', type: durationType, omitEmpty: true},
		{name: 'StartInterval', type: durationType, omitEmpty: true},
		{name: 'Retries', type: T.int, omitEmpty: true},
	],
};
const config: GoType = {
	kind: 'struct', name: 'container.Config',
	fields: [
		{name: 'User', type: T.string},
		{name: 'Healthcheck', type: ptrTo(health), omitEmpty: true},
		{name: 'OnBuild', type: T.stringSlice},
		{name: 'Labels', type: T.mapStringString},
	],
};
const metadata: GoType = {kind: 'struct', name: 'image.Metadata', fields: [{name: 'LastTagTime', type: timeType, omitEmpty: true}]};
const rootFS: GoType = {
	kind: 'struct', name: 'image.RootFS',
	fields: [{name: 'Type', type: T.string, json: 'Type'}, {name: 'Layers', type: T.stringSlice, json: 'Layers', omitEmpty: true}],
};
const inspect: GoType = {
	kind: 'struct', name: 'image.InspectResponse',
	fields: [
		{name: 'ID', type: T.string, json: 'Id'},
		{name: 'Size', type: T.int64},
		{name: 'Config', type: ptrTo(config)},
		{name: 'RootFS', type: rootFS},
		{name: 'Metadata', type: metadata},
	],
};
function inspectValue(): GoValue {
	const hc = goStruct(health, {
		Test: goSlice(T.string, [goString('CMD-SHELL'), goString('true')]),
		Interval: goDuration(30_000_000_000n), Timeout: goDuration(5_000_000_000n),
		StartPeriod: goDuration(0), StartInterval: goDuration(0), Retries: goInt(0),
	});
	return goStruct(inspect, {
		ID: goString('sha256:56e8d3ec02ad'),
		Size: goInt(2506717, 'int64'),
		Config: goPtr(goStruct(config, {
			User: goString('root'), Healthcheck: goPtr(hc), OnBuild: goNil(T.stringSlice),
			Labels: goMap(T.string, T.string, [['maintainer', goString('tests@imgscope')]]),
		})),
		RootFS: goStruct(rootFS, {Type: goString('layers'), Layers: goSlice(T.string, [goString('sha256:a'), goString('sha256:b')])}),
		Metadata: goStruct(metadata, {LastTagTime: goTime('2026-11-26T19:36:09.050107675Z')}),
	});
}

describe('typed inspect pass (checked with docker image inspect)', () => {
	const d = inspectValue();
	const cases: [string, string][] = [
		['{{.Metadata}}', '{2026-11-26 19:36:09.050107675 +0000 UTC}'],
		['{{json .Metadata}}', '{"LastTagTime":"2026-11-26T19:36:09.050107675Z"}'],
		['{{.Config.Healthcheck}}', '{[CMD-SHELL true] 30s 5s 0s 0s 0}'],
		['{{json .Config.Healthcheck}}', '{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":5000000000}'],
		['{{printf "%+v" .Config.Healthcheck}}', '&{Test:[CMD-SHELL true] Interval:30s Timeout:5s StartPeriod:0s StartInterval:0s Retries:0}'],
		['{{.Config.Healthcheck.Interval}}', '30s'],
		['{{printf "%d %v %s" .Config.Healthcheck.Interval .Config.Healthcheck.Interval .Config.Healthcheck.Interval}}', '30000000000 30s 30s'],
		['{{.Config.Healthcheck.Interval.Seconds}}', '30'],
		['{{.Metadata.LastTagTime.Unix}}', '1795721769'],
		['{{.RootFS}}', '{layers [sha256:a sha256:b]}'],
		['{{.Config.OnBuild}}', '[]'],
		['{{json .Config.OnBuild}}', 'null'],
		['{{.Config.Labels.nope}}', '<no value>'],
		['{{index .Config.Labels "nope"}}', ''],
		['{{printf "%v" .Metadata.LastTagTime}}', '2026-11-26 19:36:09.050107675 +0000 UTC'],
		['{{printf "%d" .Metadata.LastTagTime}}', '{50107675 63931318569 0}'],
		['{{.Metadata.LastTagTime.Format "2006 Jan"}}', '2026 Nov'],
		['{{printf "%T %T" .Metadata.LastTagTime .Config.Healthcheck.Interval}}', 'time.Time time.Duration'],
		['{{printf "%q" .Config.Healthcheck.Interval}}', '"30s"'],
		['{{printf "%x" .Config.Healthcheck.Interval}}', '333073'],
		['{{.ID}} {{.Size}} {{.Config.User}}', 'sha256:56e8d3ec02ad 2506717 root'],
	];
	for (const [t, want] of cases) it(t, () => expect(run(t, d)).toBe(want));

	it('unknown fields are errors on structs, even under a pointer', () => {
		expect(fail('{{.Id}}', d)).toBe('template: :1:2: executing "" at <.Id>: can\'t evaluate field Id in type image.InspectResponse');
		expect(fail('{{.Config.Nope}}', d)).toBe('template: :1:9: executing "" at <.Config.Nope>: can\'t evaluate field Nope in type *container.Config');
		expect(fail('{{.Config.Healthcheck.Nope}}', d)).toBe(
			'template: :1:9: executing "" at <.Config.Healthcheck.Nope>: can\'t evaluate field Nope in type *container.HealthConfig');
	});
	it('Format needs its argument', () => {
		expect(fail('{{.Metadata.LastTagTime.Format}}', d)).toBe(
			'template: :1:11: executing "" at <.Metadata.LastTagTime.Format>: wrong number of args for Format: want 1 got 0');
	});
});

// docker's formatter.imageContext: methods with pointer receivers on a struct with unexported fields.
const ctxStruct: GoType = {kind: 'struct', name: 'formatter.imageContext', fields: [{name: 'trunc', type: T.bool}, {name: 'repo', type: T.string}]};
const strMethod = (f: (r: GoValue) => string) => ({ptrReceiver: true, result: T.string, call: (r: GoValue) => goString(f(r))});
ctxStruct.methods = {
	Repository: strMethod(r => ((r.v as Record<string, GoValue>).repo.v as string) || '<none>'),
	Tag: strMethod(() => '<none>'),
	MarshalJSON: strMethod(() => '{"Repository":"\\u003cnone\\u003e"}'),
};
const ctxPtr = ptrTo(ctxStruct);
ctxPtr.name = '*formatter.imageContext';
const row = (repo: string): GoValue => goPtr(goStruct(ctxStruct, {trunc: {type: T.bool, v: true}, repo: goString(repo)}), ctxPtr);

describe('pointer-receiver methods (docker image ls rows)', () => {
	it('calls methods through the pointer', () => {
		expect(run('{{.Repository}}:{{.Tag}}', row('fixture/app'))).toBe('fixture/app:<none>');
		expect(run('{{.Repository}}', row(''))).toBe('<none>');
	});
	it('json uses MarshalJSON output as is (HTML-escaped by the method)', () => {
		expect(run('{{json .}}', row(''))).toBe('{"Repository":"\\u003cnone\\u003e"}');
	});
	it('unknown field names the pointer type', () => {
		expect(fail('{{.Nope}}', row('x'))).toBe('template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.imageContext');
	});
	it('unexported fields are reported as such', () => {
		expect(fail('{{.repo}}', row('x'))).toBe('template: :1:2: executing "" at <.repo>: repo is an unexported field of struct type *formatter.imageContext');
	});
	it('a method is not callable on a non-addressable value', () => {
		const v = goStruct(ctxStruct, {trunc: {type: T.bool, v: true}, repo: goString('r')});
		expect(fail('{{.Repository}}', v)).toBe('template: :1:2: executing "" at <.Repository>: can\'t evaluate field Repository in type formatter.imageContext');
	});
	it('method arguments and too many arguments', () => {
		expect(fail('{{.Repository 1}}', row('x'))).toBe('template: :1:2: executing "" at <.Repository>: wrong number of args for Repository: want 0 got 1');
	});
	it('header pass: identity functions replace the basic ones (docker table headers)', () => {
		const header = goMap(T.string, T.string, [['Repository', goString('REPOSITORY')]]);
		const t = parse('{{upper .Repository}}|{{json .Repository}}|{{truncate .Repository 3}}|{{.Repository|len}}|{{.Nope}}', {funcs: {...dockerFuncs, ...headerFuncs}});
		expect(execute(t, header)).toBe('REPOSITORY|REPOSITORY|REPOSITORY|10|<no value>');
	});
});

describe('nil pointers and missing values', () => {
	const inner: GoType = {kind: 'struct', name: 'main.Inner', fields: [{name: 'X', type: T.int}]};
	const outer: GoType = {kind: 'struct', name: 'main.Outer', fields: [{name: 'P', type: ptrTo(inner)}, {name: 'I', type: T.any}, {name: 'M', type: T.mapStringAny}]};
	const d = goStruct(outer, {P: goNil(ptrTo(inner)), I: iface(null), M: goNil(T.mapStringAny)});
	it('nil pointer evaluating', () => {
		expect(fail('{{.P.X}}', d)).toBe('template: :1:4: executing "" at <.P.X>: nil pointer evaluating *main.Inner.X');
	});
	it('a nil pointer with an unknown field is "can\'t evaluate"', () => {
		expect(fail('{{.P.Y}}', d)).toBe('template: :1:4: executing "" at <.P.Y>: can\'t evaluate field Y in type *main.Inner');
	});
	it('nil interface field', () => {
		expect(run('{{.I}}', d)).toBe('<no value>');
		expect(fail('{{.I.X}}', d)).toBe('template: :1:4: executing "" at <.I.X>: nil pointer evaluating interface {}.X');
	});
	it('nil pointer prints <nil>; nil map prints map[] and ranges as empty', () => {
		expect(run('{{.P}}|{{.M}}|{{range .M}}x{{else}}empty{{end}}|{{len .M}}', d)).toBe('<nil>|map[]|empty|0');
	});
	it('missing key on a nil map', () => {
		expect(run('{{.M.k}}', d)).toBe('<no value>');
		expect(fail('{{.M.k}}', d, {missingKey: 'error'})).toBe('template: :1:4: executing "" at <.M.k>: map has no entry for key "k"');
	});
	it('nil data', () => {
		expect(run('{{.X}}', null)).toBe('<no value>');
		expect(fail('{{.X}}', null, {missingKey: 'error'})).toBe('template: :1:2: executing "" at <.X>: nil data; no entry for key "X"');
	});
	it('printf of a missing value is <nil>, print of it too', () => {
		const m = goMap(T.string, T.any, []);
		expect(run('{{printf "%v" .k}}|{{print .k}}|{{.k}}', m)).toBe('<nil>|<nil>|<no value>');
	});
});

describe('methods with arguments, errors and String()', () => {
	const counter: GoType = {kind: 'struct', name: 'main.C', fields: [{name: 'N', type: T.int}]};
	counter.methods = {
		Add: {params: [T.int], result: T.int, call: (r, a) => goInt(((r.v as Record<string, GoValue>).N.v as bigint) + (a[0].v as bigint))},
		Fail: {result: T.string, returnsError: true, call: () => {
			throw new GoError('boom');
		}},
		Join: {params: [T.string, T.string], variadic: true, result: T.string,
			call: (_r, a) => goString(a.map(x => x.v as string).join(''))},
		String: {ptrReceiver: true, result: T.string, call: r => goString(`C(${(r.v as Record<string, GoValue>).N.v})`)},
	};
	const c = goStruct(counter, {N: goInt(40)});
	it('passes typed arguments', () => {
		expect(run('{{.Add 2}}', c)).toBe('42');
		expect(run('{{2 | .Add}}', c)).toBe('42');
		expect(run('{{.Join "a" "b" "c"}}', c)).toBe('abc');
	});
	it('reports argument type errors like Go', () => {
		expect(fail('{{.Add "x"}}', c)).toBe('template: :1:7: executing "" at <"x">: expected integer; found "x"');
		expect(fail('{{.Add 1.5}}', c)).toBe('template: :1:7: executing "" at <1.5>: expected integer; found 1.5');
		expect(fail('{{.Add}}', c)).toBe('template: :1:2: executing "" at <.Add>: wrong number of args for Add: want 1 got 0');
	});
	it('wraps an error result', () => {
		expect(fail('{{.Fail}}', c)).toBe('template: :1:2: executing "" at <.Fail>: error calling Fail: boom');
	});
	it('a pointer-receiver String is used when the value is addressable (through a pointer)', () => {
		expect(run('{{.}}', goPtr(c))).toBe('C(40)');
		expect(run('{{.}}', c)).toBe('{40}');
		expect(run('{{printf "%v" .}}', goPtr(c))).toBe('C(40)');
	});
});

describe('custom functions', () => {
	const funcs: Record<string, GoFunc> = {
		double: {params: [T.int], result: T.int, call: a => goInt((a[0]!.v as bigint) * 2n)},
		bad: {params: [], result: T.string, call: () => {
			throw new GoError('nope');
		}},
	};
	it('calls them with Go argument checks', () => {
		expect(run('{{double 21}}|{{21 | double}}', null, {funcs})).toBe('42|42');
		expect(fail('{{double "x"}}', null)).toBe('template: :1: function "double" not defined');
		expect(() => run('{{bad}}', null, {funcs})).toThrow('template: :1:2: executing "" at <bad>: error calling bad: nope');
	});
	it('json of a typed slice of structs follows field order and tags', () => {
		const s: GoType = {kind: 'struct', name: 'main.S', fields: [{name: 'B', type: T.int, json: 'b'}, {name: 'A', type: T.string, omitEmpty: true}, {name: 'Skip', type: T.int, json: '-'}]};
		const v = goSlice(s, [goStruct(s, {B: goInt(1), A: goString(''), Skip: goInt(3)}), goStruct(s, {B: goInt(2), A: goString('<x>'), Skip: goInt(3)})], sliceOf(s));
		expect(run('{{json .}}', v)).toBe('[{"b":1},{"b":2,"A":"<x>"}]');
	});
});

describe('assignability of named types', () => {
	it('a named slice type passes where []string is expected (strslice.StrSlice to join)', () => {
		const strSlice: GoType = {kind: 'slice', elem: T.string, name: 'strslice.StrSlice'};
		const cfg: GoType = {kind: 'struct', name: 'container.Config', fields: [{name: 'Cmd', type: strSlice}]};
		const v = goStruct(cfg, {Cmd: goSlice(T.string, [goString('echo'), goString('ready')], strSlice)});
		expect(run('{{join .Cmd " "}}|{{.Cmd}}|{{json .Cmd}}', v)).toBe('echo ready|[echo ready]|["echo","ready"]');
	});
	it('two named types are not assignable (json.Number to string)', () => {
		const m = goMap(T.string, T.any, [['n', iface(goString('12', T.jsonNumber))]]);
		expect(fail('{{upper .n}}', m)).toBe('template: :1:8: executing "" at <.n>: wrong type for value; expected string; got json.Number');
	});
	it('exec errors carry the node offset for the UI', () => {
		try {
			run('ab{{.X.Y}}', goMap(T.string, T.any, []), {missingKey: 'error'});
		} catch (e) {
			expect((e as TemplateExecError).offset).toBe(6); // Go places a field chain at its second field
			expect((e as TemplateExecError).column).toBe(6);
		}
		expect.assertions(2);
	});
});

describe('embedded structs', () => {
	const base: GoType = {kind: 'struct', name: 'main.Base', fields: [{name: 'ID', type: T.string}, {name: 'Dup', type: T.int}]};
	const other: GoType = {kind: 'struct', name: 'main.Other', fields: [{name: 'Dup', type: T.int}]};
	const top: GoType = {kind: 'struct', name: 'main.Top', fields: [
		{name: 'Base', type: base, embedded: true}, {name: 'Other', type: ptrTo(other), embedded: true}, {name: 'Name', type: T.string},
	]};
	const v = goStruct(top, {
		Base: goStruct(base, {ID: goString('x1'), Dup: goInt(1)}), Other: goNil(ptrTo(other)), Name: goString('n'),
	});
	it('promotes fields and names the embedded field itself', () => {
		expect(run('{{.ID}} {{.Name}} {{.Base.ID}} {{.Base}}', v)).toBe('x1 n x1 {x1 1}');
	});
	it('an ambiguous promoted field is not a field', () => {
		expect(fail('{{.Dup}}', v)).toBe('template: :1:2: executing "" at <.Dup>: can\'t evaluate field Dup in type main.Top');
	});
	it('json flattens embedded structs in declaration order and drops ambiguous names', () => {
		expect(run('{{json .}}', v)).toBe('{"ID":"x1","Name":"n"}');
	});
});

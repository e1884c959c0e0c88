// encoding/json Marshal over GoValue (and docker's `json` function on top).
import {describe, expect, it} from 'vitest';
import type {GoType, GoValue} from '../../source/template/index.js';
import {
	compactJSON, decodeJSON, dockerFuncs, execute, goFloat, goInt, goMap, goNil, goPtr, goSlice, goString, goStruct, goTime, iface,
	marshalJSON, parse, ptrTo, T, GoError,
} from '../../source/template/index.js';

const j = (v: GoValue | null, escapeHTML = false): string => marshalJSON(v, {escapeHTML});

describe('numbers (checked with docker {{json}})', () => {
	const cases: [GoValue, string][] = [
		[goFloat(0.000001), '0.000001'], [goFloat(-0), '-0'], [goFloat(1e20), '100000000000000000000'], [goFloat(1e21), '1e+21'],
		[goFloat(123456789012345678), '123456789012345680'], [goFloat(5e-324), '5e-324'], [goFloat(0.1), '0.1'], [goFloat(1e-7), '1e-7'],
		[goFloat(1.5), '1.5'], [goFloat(3), '3'], [goFloat(0.1, T.float32), '0.1'], [goFloat(1e-7, T.float32), '1e-7'],
		[goInt(-9223372036854775808n, 'int64'), '-9223372036854775808'], [goInt(18446744073709551615n, 'uint64'), '18446744073709551615'],
		[goString('1.50', T.jsonNumber), '1.50'], [goString('', T.jsonNumber), '0'],
	];
	for (const [v, want] of cases) it(`${String(v.v)} -> ${want}`, () => expect(j(v)).toBe(want));
	it('NaN and invalid json.Number are errors; docker\'s json panics with them (as with {{json 1i}})', () => {
		expect(() => j(goFloat(NaN))).toThrow(GoError);
		expect(() => j(goString('1x', T.jsonNumber))).toThrow('json: invalid number literal "1x"');
		expect(() => execute(parse('[{{json .}}]', {funcs: dockerFuncs}), goFloat(Infinity))).toThrow('error calling json: json: unsupported value: +Inf');
		expect(() => execute(parse('[{{json 1i}}]', {funcs: dockerFuncs}), null)).toThrow('error calling json: json: unsupported type: complex128');
	});
});

describe('strings', () => {
	it('escapes like Go (checked with docker)', () => {
		expect(j(goString('\u0001\b\f\u007f\u2029<'))).toBe('"\\u0001\\b\\f\u007f\\u2029<"');
		expect(j(goString('"\\\n\r\t\u2028'))).toBe('"\\"\\\\\\n\\r\\t\\u2028"');
	});
	it('HTML escaping is on for json.Marshal, off for docker\'s encoder', () => {
		expect(j(goString('<a>&'), true)).toBe('"\\u003ca\\u003e\\u0026"');
		expect(j(goString('<a>&'), false)).toBe('"<a>&"');
		expect(marshalJSON(goString('<'))).toBe('"\\u003c"');
	});
	it('map keys are HTML-escaped too when enabled', () => {
		expect(j(goMap(T.string, T.int, [['<k>', goInt(1)]]), true)).toBe('{"\\u003ck\\u003e":1}');
	});
});

describe('composites', () => {
	const inner: GoType = {kind: 'struct', name: 'main.In', fields: [{name: 'X', type: T.int}, {name: 'Y', type: T.string, json: 'y', omitEmpty: true}]};
	const outer: GoType = {
		kind: 'struct', name: 'main.Out',
		fields: [
			{name: 'In', type: inner, embedded: true},
			{name: 'Z', type: T.bool, omitEmpty: true},
			{name: 'P', type: ptrTo(inner), omitEmpty: true},
			{name: 'Q', type: ptrTo(inner)},
			{name: 'L', type: T.stringSlice},
			{name: 'M', type: T.mapStringAny, omitEmpty: true},
			{name: 'hidden', type: T.string},
			{name: 'Skip', type: T.string, json: '-'},
			{name: 'Any', type: T.any},
		],
	};
	const inV = (x: number, y = ''): GoValue => goStruct(inner, {X: goInt(x), Y: goString(y)});
	it('struct order, tags, omitempty, embedded, unexported and skipped fields', () => {
		const v = goStruct(outer, {
			In: inV(1), Z: {type: T.bool, v: false}, P: goNil(ptrTo(inner)), Q: goNil(ptrTo(inner)), L: goNil(T.stringSlice),
			M: goMap(T.string, T.any, []), hidden: goString('h'), Skip: goString('s'), Any: iface(null),
		});
		expect(j(v)).toBe('{"X":1,"Q":null,"L":null,"Any":null}');
		const w = goStruct(outer, {
			In: inV(2, 'y'), Z: {type: T.bool, v: true}, P: goPtr(inV(3)), Q: goPtr(inV(4, 'q')), L: goSlice(T.string, []),
			M: goMap(T.string, T.any, [['b', iface(goInt(1))], ['a', iface(null)]]), hidden: goString('h'), Skip: goString('s'), Any: iface(goString('x')),
		});
		expect(j(w)).toBe('{"X":2,"y":"y","Z":true,"P":{"X":3},"Q":{"X":4,"y":"q"},"L":[],"M":{"a":null,"b":1},"Any":"x"}');
	});
	it('maps with integer keys sort by their text', () => {
		expect(j(goMap(T.int, T.string, [[10n, goString('a')], [9n, goString('b')], [-1n, goString('c')]]))).toBe('{"-1":"c","10":"a","9":"b"}');
	});
	it('[]byte is base64', () => {
		const b = goSlice(T.uint8, [...'hi!'].map(c => goInt(c.charCodeAt(0), 'uint8')));
		expect(j(b)).toBe('"aGkh"');
	});
	it('time.Time uses its MarshalJSON (RFC 3339, nanoseconds trimmed)', () => {
		expect(j(goTime('2026-11-26T19:36:09.050107675Z'))).toBe('"2026-11-26T19:36:09.050107675Z"');
		expect(j(goTime('2026-11-26T19:36:09.500+02:00'))).toBe('"2026-11-26T19:36:09.5+02:00"');
	});
	it('MarshalJSON output is compacted and not re-escaped', () => {
		const t: GoType = {kind: 'struct', name: 'main.M', fields: [], methods: {
			MarshalJSON: {result: T.string, call: () => goString('{ "a" : [1, 2],\n "b":"x y" }')},
		}};
		expect(j(goSlice(t, [goStruct(t, {})]))).toBe('[{"a":[1,2],"b":"x y"}]');
		expect(compactJSON(' { "k" : "v  w" } ')).toBe('{"k":"v  w"}');
	});
	it('a pointer-receiver MarshalJSON applies through a pointer, and a nil pointer is null', () => {
		const t: GoType = {kind: 'struct', name: 'main.R', fields: [{name: 'A', type: T.int}], methods: {
			MarshalJSON: {ptrReceiver: true, result: T.string, call: () => goString('"custom"')},
		}};
		expect(j(goPtr(goStruct(t, {A: goInt(1)})))).toBe('"custom"');
		expect(j(goStruct(t, {A: goInt(1)}))).toBe('{"A":1}');
		expect(j(goNil(ptrTo(t)))).toBe('null');
	});
	it('funcs are unsupported', () => {
		expect(() => j({type: {kind: 'func'}, v: () => null})).toThrow('json: unsupported type: func()');
	});
	it('round-trips decoded raw JSON with sorted keys and verbatim numbers', () => {
		const v = decodeJSON('{"b": [1.0, 2e3, null], "a": {"y": true, "x": "s"}}');
		expect(j(v)).toBe('{"a":{"x":"s","y":true},"b":[1.0,2e3,null]}');
	});
});

import {describe, expect, it} from 'vitest';
import {
	decodeJSON, durationType, formatDuration, formatTime, goDuration, goInt, goTime, iface, T, typeString, unbox, zeroValue,
	sliceOf, mapOf, ptrTo, arrayOf, byteLen, timeType,
} from '../../source/template/values.js';
import {timeParts} from '../../source/template/time.js';

describe('decodeJSON (json.Decoder.UseNumber into interface{})', () => {
	it('objects become map[string]interface {} with boxed values', () => {
		const v = decodeJSON('{"a": 1, "b": [true, null, "x"], "c": {}}');
		expect(v.type).toBe(T.any);
		const m = unbox(v)!;
		expect(typeString(m.type)).toBe('map[string]interface {}');
		const map = m.v as Map<string, {type: unknown; v: unknown}>;
		expect([...map.keys()]).toEqual(['a', 'b', 'c']);
		const a = unbox(map.get('a') as never)!;
		expect(a.type).toBe(T.jsonNumber);
		expect(a.v).toBe('1');
		const b = unbox(map.get('b') as never)!;
		expect(typeString(b.type)).toBe('[]interface {}');
		const items = (b.v as never[]).map(x => unbox(x));
		expect(items[0]).toEqual({type: T.bool, v: true});
		expect(items[1]).toBeNull();
		expect(items[2]).toEqual({type: T.string, v: 'x'});
	});
	it('keeps number text verbatim', () => {
		for (const n of ['1.0', '-0', '12345678901234567890123', '1e+06', '1E5', '0.000001']) {
			expect(unbox(decodeJSON(n))!.v).toBe(n);
		}
	});
	it('null is a nil interface', () => {
		const v = decodeJSON(' null ');
		expect(v.type.kind).toBe('interface');
		expect(v.v).toBeNull();
	});
	it('decodes string escapes; lone surrogates become U+FFFD', () => {
		expect(unbox(decodeJSON('"a\\u00e9\\n\\/\\ud83d\\ude00"'))!.v).toBe('aé\n/😀');
		expect(unbox(decodeJSON('"\\ud800x"'))!.v).toBe('\uFFFDx');
	});
	it('duplicate keys: the last wins', () => {
		const m = unbox(decodeJSON('{"a":1,"a":2}'))!.v as Map<string, never>;
		expect(unbox(m.get('a')!)!.v).toBe('2');
	});
	it('rejects invalid JSON like Go', () => {
		expect(() => decodeJSON('{"a":1,}')).toThrow(/invalid character '}' looking for beginning of object key string/);
		expect(() => decodeJSON('[1 2]')).toThrow(/invalid character '2' after array element/);
		expect(() => decodeJSON('')).toThrow(/unexpected end of JSON input/);
		expect(() => decodeJSON('1 x')).toThrow(/after top-level value/);
	});
});

describe('Duration.String', () => {
	const cases: [bigint, string][] = [
		[0n, '0s'], [1n, '1ns'], [1100n, '1.1µs'], [2_200_000n, '2.2ms'], [3_300_000_000n, '3.3s'],
		[30_000_000_000n, '30s'], [90_000_000_000n, '1m30s'], [1_500_000_000n, '1.5s'], [4n * 60n * 1_000_000_000n + 5_001_000_000n, '4m5.001s'],
		[5n * 3600n * 1_000_000_000n + 6n * 60n * 1_000_000_000n + 7_001_000_000n, '5h6m7.001s'], [-1n, '-1ns'],
		[-9223372036854775808n, '-2562047h47m16.854775808s'], [9223372036854775807n, '2562047h47m16.854775807s'],
		[3600n * 1_000_000_000n, '1h0m0s'],
	];
	for (const [ns, s] of cases) it(`${ns} -> ${s}`, () => expect(formatDuration(ns)).toBe(s));
	it('goDuration has the named type and methods', () => {
		const d = goDuration(90_000_000_000n);
		expect(d.type).toBe(durationType);
		expect(durationType.methods!.Seconds.call(d, []).v).toBe(90);
		expect(durationType.methods!.Minutes.call(d, []).v).toBe(1.5);
	});
});

describe('time.Time', () => {
	it('String() like Go (checked with docker: {{.Metadata}})', () => {
		const t = goTime('2026-11-26T19:36:09.050107675Z');
		expect(timeType.methods!.String.call(t, []).v).toBe('2026-11-26 19:36:09.050107675 +0000 UTC');
		expect(timeType.methods!.MarshalJSON.call(t, []).v).toBe('"2026-11-26T19:36:09.050107675Z"');
	});
	it('trims fractional zeros and prints fixed zones', () => {
		const t = goTime('2020-02-29T23:59:59.100+01:30');
		expect(timeType.methods!.String.call(t, []).v).toBe('2020-02-29 23:59:59.1 +0130 +0130');
		expect(timeType.methods!.MarshalJSON.call(t, []).v).toBe('"2020-02-29T23:59:59.1+01:30"');
	});
	it('zero value', () => {
		const z = zeroValue(timeType);
		expect(timeType.methods!.String.call(z, []).v).toBe('0001-01-01 00:00:00 +0000 UTC');
		expect(timeType.methods!.IsZero.call(z, []).v).toBe(true);
	});
	it('Format layouts (checked with docker)', () => {
		const p = timeParts(goTime('2026-11-26T19:36:09.050107675Z'));
		expect(formatTime(p, 'Mon Jan _2 15:04:05.000 2006 -07:00 Z07:00 pm')).toBe('Thu Nov 26 19:36:09.050 2026 +00:00 Z pm');
		expect(formatTime(p, '02/01/06 3:4:5 PM .999 ,000000')).toBe('26/11/26 7:36:9 PM .05 ,050107');
		expect(formatTime(p, 'January Monday 002')).toBe('November Thursday 330');
	});
});

describe('types and constructors', () => {
	it('typeString derives unnamed type names', () => {
		expect(typeString(sliceOf(T.string))).toBe('[]string');
		expect(typeString(mapOf(T.string, T.any))).toBe('map[string]interface {}');
		expect(typeString(ptrTo({kind: 'struct', name: 'formatter.imageContext'}))).toBe('*formatter.imageContext');
		expect(typeString(arrayOf(T.int, 3))).toBe('[3]int');
		expect(typeString(T.jsonNumber)).toBe('json.Number');
	});
	it('goInt wraps to the kind', () => {
		expect(goInt(300, 'uint8').v).toBe(44n);
		expect(goInt(-1, 'uint32').v).toBe(4294967295n);
		expect(goInt(5).type).toBe(T.int);
	});
	it('iface boxes and does not double-box', () => {
		const x = iface(iface(goInt(1)));
		expect(x.type.kind).toBe('interface');
		expect((x.v as {type: unknown}).type).toBe(T.int);
		expect(iface(null).v).toBeNull();
	});
	it('byteLen counts UTF-8 bytes', () => {
		expect(byteLen('straße')).toBe(7);
		expect(byteLen('😀')).toBe(4);
	});
});

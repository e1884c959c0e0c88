// Go's fmt verbs over typed values, ported from golang/go src/fmt/fmt_test.go
// (fmtTests); complex numbers are left out (not in the value model).
import {describe, expect, it} from 'vitest';
import type {GoType, GoValue} from '../../source/template/index.js';
import {
	goFloat, goInt, goMap, goNil, goPtr, goSlice, goString, goStruct, iface, ptrTo, sliceOf, sprint, sprintf, sprintln, T,
	arrayOf, mapOf,
} from '../../source/template/index.js';

const s = (x: string): GoValue => goString(x);
const i = (x: number | bigint): GoValue => goInt(x);
const r = (x: string | number): GoValue => goInt(typeof x === 'string' ? x.codePointAt(0)! : x, 'int32');
const f = (x: number): GoValue => goFloat(x);
const f32 = (x: number): GoValue => goFloat(x, T.float32);
const bytes = (x: string): GoValue => goSlice(T.uint8, [...new TextEncoder().encode(x)].map(b => goInt(b, 'uint8')), {kind: 'slice', elem: T.uint8, name: '[]uint8'});
const zeroFill = (prefix: string, width: number, suffix: string): string => prefix + '0'.repeat(width - suffix.length) + suffix;

const cases: [string, GoValue | null, string][] = [
	['%d', i(12345), '12345'], ['%v', i(12345), '12345'], ['%t', goInt(1) && {type: T.bool, v: true}, 'true'],
	// basic string
	['%s', s('abc'), 'abc'], ['%q', s('abc'), '"abc"'], ['%x', s('abc'), '616263'], ['%x', s('\xff\xf0\x0f\xff'), 'c3bfc3b00fc3bf'],
	['%x', s(''), ''], ['% x', s(''), ''], ['%#x', s(''), ''], ['%# x', s(''), ''], ['%x', s('xyz'), '78797a'], ['%X', s('xyz'), '78797A'],
	['% x', s('xyz'), '78 79 7a'], ['% X', s('xyz'), '78 79 7A'], ['%#x', s('xyz'), '0x78797a'], ['%#X', s('xyz'), '0X78797A'],
	['%# x', s('xyz'), '0x78 0x79 0x7a'], ['%# X', s('xyz'), '0X78 0X79 0X7A'],
	// basic bytes
	['%s', bytes('abc'), 'abc'], ['%q', bytes('abc'), '"abc"'], ['%x', bytes('abc'), '616263'], ['%x', bytes(''), ''],
	['% x', bytes('xyz'), '78 79 7a'], ['%#x', bytes('xyz'), '0x78797a'], ['%# X', bytes('xyz'), '0X78 0X79 0X7A'], ['%v', bytes('ab'), '[97 98]'],
	// escaped strings
	['%q', s(''), '""'], ['%#q', s(''), '``'], ['%q', s('"'), '"\\""'], ['%#q', s('"'), '`"`'], ['%q', s('`'), '"`"'], ['%#q', s('`'), '"`"'],
	['%q', s('\n'), '"\\n"'], ['%#q', s('\n'), '"\\n"'], ['%q', s('\\n'), '"\\\\n"'], ['%#q', s('\\n'), '`\\n`'], ['%q', s('日本語'), '"日本語"'],
	['%+q', s('日本語'), '"\\u65e5\\u672c\\u8a9e"'], ['%#q', s('日本語'), '`日本語`'], ['%#+q', s('日本語'), '`日本語`'],
	['%q', s('\x07\b\f\n\r\t\v"\\'), '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'], ['%+q', s('\x07\b\f\n\r\t\v"\\'), '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'],
	['%q', s('☺'), '"☺"'], ['% q', s('☺'), '"☺"'], ['%+q', s('☺'), '"\\u263a"'], ['%#q', s('☺'), '`☺`'], ['%#+q', s('☺'), '`☺`'],
	['%10q', s('⌘'), '       "⌘"'], ['%+10q', s('⌘'), '  "\\u2318"'], ['%-10q', s('⌘'), '"⌘"       '], ['%+-10q', s('⌘'), '"\\u2318"  '],
	['%010q', s('⌘'), '0000000"⌘"'], ['%+010q', s('⌘'), '00"\\u2318"'], ['%-010q', s('⌘'), '"⌘"       '], ['%+-010q', s('⌘'), '"\\u2318"  '],
	['%#8q', s('\n'), '    "\\n"'], ['%#+8q', s('\r'), '    "\\r"'], ['%#-8q', s('\t'), '`\t`     '], ['%#+-8q', s('\b'), '"\\b"    '],
	['%q', s('\u{10ffff}'), '"\\U0010ffff"'], ['%+q', s('\u{10ffff}'), '"\\U0010ffff"'], ['%#q', s('\u{10ffff}'), '`\u{10ffff}`'],
	// characters
	['%c', goInt('x'.codePointAt(0)!, 'uint'), 'x'], ['%c', i(0xe4), 'ä'], ['%c', i(0x672c), '本'], ['%c', r('日'), '日'], ['%.0c', r('⌘'), '⌘'],
	['%3c', r('⌘'), '  ⌘'], ['%-3c', r('⌘'), '⌘  '], ['%c', r(0x0e00), '\u0e00'], ['%c', r(0x10ffff), '\u{10ffff}'], ['%c', i(-1), '\uFFFD'],
	['%c', i(0xdc80), '\uFFFD'], ['%c', r(0x110000), '\uFFFD'], ['%c', goInt(0xfffffffff, 'int64'), '\uFFFD'], ['%c', goInt(0xfffffffff, 'uint64'), '\uFFFD'],
	// escaped characters
	['%q', goInt(0, 'uint'), "'\\x00'"], ['%+q', goInt(0, 'uint'), "'\\x00'"], ['%q', r('"'), `'"'`], ['%+q', r('"'), `'"'`], ['%q', r("'"), "'\\''"],
	['%q', r('`'), "'`'"], ['%q', r('x'), "'x'"], ['%q', r('ÿ'), "'ÿ'"], ['%+q', r('ÿ'), "'\\u00ff'"], ['%q', r('\n'), "'\\n'"], ['%+q', r('\n'), "'\\n'"],
	['%q', r('☺'), "'☺'"], ['%+q', r('☺'), "'\\u263a'"], ['% q', r('☺'), "'☺'"], ['%.0q', r('☺'), "'☺'"], ['%10q', r('⌘'), "       '⌘'"],
	['%+10q', r('⌘'), "  '\\u2318'"], ['%-10q', r('⌘'), "'⌘'       "], ['%010q', r('⌘'), "0000000'⌘'"], ['%+010q', r('⌘'), "00'\\u2318'"],
	['%q', r(0x0e00), "'\\u0e00'"], ['%q', r(0x10ffff), "'\\U0010ffff'"], ['%q', r(-1), "'\uFFFD'"], ['%q', i(0xdc80), "'\uFFFD'"], ['%q', goInt(0xfffffffff, 'uint64'), "'\uFFFD'"],
	// width
	['%5s', s('abc'), '  abc'], ['%5s', bytes('abc'), '  abc'], ['%2s', s('\u263a'), ' ☺'], ['%-5s', s('abc'), 'abc  '], ['%05s', s('abc'), '00abc'],
	['%5s', s('abcdefghijklmnopqrstuvwxyz'), 'abcdefghijklmnopqrstuvwxyz'], ['%.5s', s('abcdefghijklmnopqrstuvwxyz'), 'abcde'], ['%.0s', s('日本語日本語'), ''],
	['%.5s', s('日本語日本語'), '日本語日本'], ['%.10s', s('日本語日本語'), '日本語日本語'], ['%.5s', bytes('日本語日本語'), '日本語日本'], ['%08q', s('abc'), '000"abc"'],
	['%-8q', s('abc'), '"abc"   '], ['%.5q', s('abcdefghijklmnopqrstuvwxyz'), '"abcde"'], ['%.5x', s('abcdefghijklmnopqrstuvwxyz'), '6162636465'],
	['%.3q', s('日本語日本語'), '"日本語"'], ['%.1q', s('日本語'), '"日"'], ['%.1x', s('日本語'), 'e6'], ['%.1X', bytes('日本語'), 'E6'], ['%10.1q', s('日本語日本語'), '       "日"'],
	['%10v', null, '     <nil>'], ['%-10v', null, '<nil>     '],
	// integers
	['%d', goInt(12345, 'uint'), '12345'], ['%d', i(-12345), '-12345'], ['%d', goInt(255, 'uint8'), '255'], ['%d', goInt(65535, 'uint16'), '65535'],
	['%d', goInt(4294967295, 'uint32'), '4294967295'], ['%d', goInt(18446744073709551615n, 'uint64'), '18446744073709551615'], ['%d', goInt(-128, 'int8'), '-128'],
	['%d', goInt(-32768, 'int16'), '-32768'], ['%d', goInt(-2147483648, 'int32'), '-2147483648'], ['%d', goInt(-9223372036854775808n, 'int64'), '-9223372036854775808'],
	['%.d', i(0), ''], ['%.0d', i(0), ''], ['%6.0d', i(0), '      '], ['%06.0d', i(0), '      '], ['% d', i(12345), ' 12345'], ['%+d', i(12345), '+12345'], ['%+d', i(-12345), '-12345'],
	['%b', i(7), '111'], ['%b', i(-6), '-110'], ['%#b', i(7), '0b111'], ['%#b', i(-6), '-0b110'], ['%b', goInt(4294967295, 'uint32'), '1'.repeat(32)],
	['%b', goInt(-9223372036854775808n, 'int64'), zeroFill('-1', 63, '')], ['%o', i(0o1234), '1234'], ['%o', i(-0o1234), '-1234'], ['%#o', i(0o1234), '01234'], ['%#o', i(-0o1234), '-01234'],
	['%O', i(0o1234), '0o1234'], ['%O', i(-0o1234), '-0o1234'], ['%o', goInt(4294967295, 'uint32'), '37777777777'], ['%o', goInt(18446744073709551615n, 'uint64'), '1777777777777777777777'],
	['%#X', i(0), '0X0'], ['%x', i(0x12abcdef), '12abcdef'], ['%X', i(0x12abcdef), '12ABCDEF'], ['%x', goInt(4294967295, 'uint32'), 'ffffffff'],
	['%X', goInt(18446744073709551615n, 'uint64'), 'FFFFFFFFFFFFFFFF'], ['%.20b', i(7), '00000000000000000111'], ['%10d', i(12345), '     12345'], ['%10d', i(-12345), '    -12345'],
	['%+10d', i(12345), '    +12345'], ['%010d', i(12345), '0000012345'], ['%010d', i(-12345), '-000012345'], ['%20.8d', i(1234), '            00001234'],
	['%20.8d', i(-1234), '           -00001234'], ['%020.8d', i(1234), '            00001234'], ['%020.8d', i(-1234), '           -00001234'],
	['%-20.8d', i(1234), '00001234            '], ['%-20.8d', i(-1234), '-00001234           '], ['%-#20.8x', i(0x1234abc), '0x01234abc          '],
	['%-#20.8X', i(0x1234abc), '0X01234ABC          '], ['%-#20.8o', i(0o1234), '00001234            '],
	['%068d', i(1), zeroFill('', 68, '1')], ['%068d', i(-1), zeroFill('-', 67, '1')], ['%#.68x', i(42), zeroFill('0x', 68, '2a')], ['%.68d', i(-42), zeroFill('-', 68, '42')],
	['%+.68d', i(42), zeroFill('+', 68, '42')], ['% .68d', i(42), zeroFill(' ', 68, '42')], ['% +.68d', i(42), zeroFill('+', 68, '42')],
	// unicode format
	['%U', i(0), 'U+0000'], ['%U', i(-1), 'U+FFFFFFFFFFFFFFFF'], ['%U', r('\n'), 'U+000A'], ['%#U', r('\n'), 'U+000A'], ['%+U', r('x'), 'U+0078'],
	['%# U', r('x'), "U+0078 'x'"], ['%#.2U', r('x'), "U+0078 'x'"], ['%U', r('\u263a'), 'U+263A'], ['%#U', r('\u263a'), "U+263A '☺'"], ['%U', r(0x1d6c2), 'U+1D6C2'],
	['%#U', r(0x1d6c2), "U+1D6C2 '𝛂'"], ['%#14.6U', r('⌘'), "  U+002318 '⌘'"], ['%#-14.6U', r('⌘'), "U+002318 '⌘'  "], ['%#014.6U', r('⌘'), "  U+002318 '⌘'"],
	['%.68U', goInt(42, 'uint'), zeroFill('U+', 68, '2A')], ['%#.68U', r('日'), zeroFill('U+', 68, '65E5') + " '日'"],
	// floats
	['%+.3e', f(0), '+0.000e+00'], ['%+.3e', f(1), '+1.000e+00'], ['%+.3x', f(0), '+0x0.000p+00'], ['%+.3x', f(1), '+0x1.000p+00'], ['%+.3f', f(-1), '-1.000'],
	['%+.3F', f(-1), '-1.000'], ['%+.3F', f32(-1), '-1.000'], ['%+07.2f', f(1), '+001.00'], ['%+07.2f', f(-1), '-001.00'], ['%-07.2f', f(1), '1.00   '],
	['%-07.2f', f(-1), '-1.00  '], ['%+-07.2f', f(1), '+1.00  '], ['%-+07.2f', f(-1), '-1.00  '], ['%+10.2f', f(1), '     +1.00'], ['%+10.2f', f(-1), '     -1.00'],
	['% .3E', f(-1), '-1.000E+00'], ['% .3e', f(1), ' 1.000e+00'], ['% .3X', f(-1), '-0X1.000P+00'], ['% .3x', f(1), ' 0x1.000p+00'], ['%+.3g', f(0), '+0'],
	['%+.3g', f(1), '+1'], ['%+.3g', f(-1), '-1'], ['% .3g', f(-1), '-1'], ['% .3g', f(1), ' 1'], ['%b', f32(1), '8388608p-23'], ['%b', f(1), '4503599627370496p-52'],
	['%#g', f(1e-323), '1.00000e-323'], ['%#g', f(-1), '-1.00000'], ['%#g', f(1.1), '1.10000'], ['%#g', f(123456), '123456.'], ['%#g', f(1234567), '1.234567e+06'],
	['%#g', f(1230000), '1.23000e+06'], ['%#g', f(1000000), '1.00000e+06'], ['%#.0f', f(1), '1.'], ['%#.0e', f(1), '1.e+00'], ['%#.0x', f(1), '0x1.p+00'],
	['%#.0g', f(1), '1.'], ['%#.0g', f(1100000), '1.e+06'], ['%#.4f', f(1), '1.0000'], ['%#.4e', f(1), '1.0000e+00'], ['%#.4x', f(1), '0x1.0000p+00'],
	['%#.4g', f(1), '1.000'], ['%#.4g', f(100000), '1.000e+05'], ['%#.4g', f(1.234), '1.234'], ['%#.4g', f(0.1234), '0.1234'], ['%#.4g', f(1.23), '1.230'],
	['%#.4g', f(0.123), '0.1230'], ['%#.4g', f(1.2), '1.200'], ['%#.4g', f(0.12), '0.1200'], ['%#.4g', f(10.2), '10.20'], ['%#.4g', f(0), '0.000'],
	['%#.4g', f(0.012), '0.01200'], ['%#.0f', f(123), '123.'], ['%#.0e', f(123), '1.e+02'], ['%#.0x', f(123), '0x1.p+07'], ['%#.0g', f(123), '1.e+02'],
	['%#.4f', f(123), '123.0000'], ['%#.4e', f(123), '1.2300e+02'], ['%#.4x', f(123), '0x1.ec00p+06'], ['%#.4g', f(123), '123.0'], ['%#.4g', f(123000), '1.230e+05'],
	['%#9.4g', f(1), '    1.000'], ['%#b', f(1), '4503599627370496p-52'], ['%.4b', f32(1), '8388608p-23'], ['%.4b', f(-1), '-4503599627370496p-52'],
	['%.68f', f(1), zeroFill('1.', 68, '')], ['%.68f', f(-1), zeroFill('-1.', 68, '')],
	['%f', f(Infinity), '+Inf'], ['%.1f', f(-Infinity), '-Inf'], ['% f', f(NaN), ' NaN'], ['%20f', f(Infinity), '                +Inf'], ['% 20F', f(Infinity), '                 Inf'],
	['% 20e', f(-Infinity), '                -Inf'], ['% 20x', f(-Infinity), '                -Inf'], ['%+20E', f(-Infinity), '                -Inf'], ['% +20g', f(-Infinity), '                -Inf'],
	['%+-20G', f(Infinity), '+Inf                '], ['%20e', f(NaN), '                 NaN'], ['% +20E', f(NaN), '                +NaN'], ['% -20g', f(NaN), ' NaN                '],
	['%+-20G', f(NaN), '+NaN                '], ['%+020e', f(Infinity), '                +Inf'], ['%-020f', f(-Infinity), '-Inf                '], ['%-020E', f(NaN), 'NaN                 '],
	['%e', f(1), '1.000000e+00'], ['%e', f(1234.5678e3), '1.234568e+06'], ['%e', f(1234.5678e-8), '1.234568e-05'], ['%e', f(-7), '-7.000000e+00'], ['%e', f(-1e-9), '-1.000000e-09'],
	['%f', f(1234.5678e3), '1234567.800000'], ['%f', f(1234.5678e-8), '0.000012'], ['%f', f(-7), '-7.000000'], ['%f', f(-1e-9), '-0.000000'],
	['%g', f(1234.5678e3), '1.2345678e+06'], ['%g', f32(1234.5678e3), '1.2345678e+06'], ['%g', f(1234.5678e-8), '1.2345678e-05'], ['%g', f(-7), '-7'], ['%g', f(-1e-9), '-1e-09'],
	['%g', f32(-1e-9), '-1e-09'], ['%E', f(1), '1.000000E+00'], ['%E', f(1234.5678e3), '1.234568E+06'], ['%G', f(1234.5678e3), '1.2345678E+06'], ['%G', f32(1234.5678e3), '1.2345678E+06'],
	['%G', f(-7), '-7'], ['%G', f(-1e-9), '-1E-09'], ['%20.5s', s('qwertyuiop'), '               qwert'], ['%.5s', s('qwertyuiop'), 'qwert'], ['%-20.5s', s('qwertyuiop'), 'qwert               '],
	['%20c', r('x'), '                   x'], ['%-20c', r('x'), 'x                   '], ['%20.6e', f(1.2345e3), '        1.234500e+03'], ['%20.6e', f(1.2345e-3), '        1.234500e-03'],
	['%20e', f(1.2345e3), '        1.234500e+03'], ['%20.8g', f(1.2345e3), '              1234.5'], ['%20.8g', f(1.2345e-3), '           0.0012345'],
	['%20g', f(1.2345e3), '              1234.5'], ['%20g', f(1.2345e-3), '           0.0012345'], ['%20e', f(1e-20), '        1.000000e-20'], ['%20e', f(1e20), '        1.000000e+20'],
	['%.2f', f(1.0), '1.00'], ['%.2f', f(-1.0), '-1.00'], ['% .2f', f(1.0), ' 1.00'], ['% .2f', f(-1.0), '-1.00'], ['%+.2f', f(1.0), '+1.00'], ['%+.2f', f(-1.0), '-1.00'],
	['%7.2f', f(1), '   1.00'], ['%7.2f', f(-1), '  -1.00'], ['% 7.2f', f(1), '   1.00'], ['%+7.2f', f(1), '  +1.00'], ['%07.2f', f(1), '0001.00'], ['%07.2f', f(-1), '-001.00'],
	['%v', f(1e6), '1e+06'], ['%v', f(123456), '123456'], ['%v', f(1234567), '1.234567e+06'], ['%v', f(1e-5), '1e-05'], ['%v', f(0.0001), '0.0001'], ['%v', f32(0.1), '0.1'],
	['%v', f32(1 / 3), '0.33333334'], ['%v', f(1 / 3), '0.3333333333333333'], ['%v', f(-0), '-0'], ['%.2f', f(0.125), '0.12'], ['%.2f', f(0.375), '0.38'], ['%.0f', f(0.5), '0'],
	['%.0f', f(1.5), '2'], ['%.1f', f(0.05), '0.1'], ['%.1f', f(0.25), '0.2'], ['%.3g', f(2.5e-5), '2.5e-05'],
];

describe('sprintf verbs (fmt_test.go)', () => {
	for (const [format, arg, want] of cases) {
		it(`${format} ${arg === null ? 'nil' : JSON.stringify(String(arg.v))}`, () => expect(sprintf(format, [arg])).toBe(want));
	}
});

describe('composite values', () => {
	const A: GoType = {kind: 'struct', name: 'fmt_test.A', fields: [{name: 'i', type: T.int}, {name: 'j', type: T.uint}, {name: 's', type: T.string}, {name: 'x', type: sliceOf(T.int)}]};
	const a = goStruct(A, {i: i(1), j: goInt(2, 'uint'), s: s('a'), x: goSlice(T.int, [i(1), i(2)])});
	it('structs: %v %+v %#v', () => {
		expect(sprintf('%v', [a])).toBe('{1 2 a [1 2]}');
		expect(sprintf('%+v', [a])).toBe('{i:1 j:2 s:a x:[1 2]}');
		expect(sprintf('%#v', [a])).toBe('fmt_test.A{i:1, j:0x2, s:"a", x:[]int{1, 2}}');
	});
	it('pointer to struct at top level is &{...}, nested pointers are addresses', () => {
		expect(sprintf('%v', [goPtr(a)])).toBe('&{1 2 a [1 2]}');
		expect(sprintf('%+v', [goPtr(a)])).toBe('&{i:1 j:2 s:a x:[1 2]}');
		const P: GoType = {kind: 'struct', name: 'fmt_test.P', fields: [{name: 'p', type: ptrTo(A)}]};
		expect(sprintf('%v', [goStruct(P, {p: goPtr(a)})])).toMatch(/^\{0xc[0-9a-f]+\}$/);
		expect(sprintf('%v', [goStruct(P, {p: goNil(ptrTo(A))})])).toBe('{<nil>}');
	});
	it('slices and arrays', () => {
		const sl = goSlice(T.string, [s('a'), s('b')]);
		expect(sprintf('%v|%q|%x|%5v|%#v', [sl, sl, sl, sl, sl])).toBe('[a b]|["a" "b"]|[61 62]|[    a     b]|[]string{"a", "b"}');
		expect(sprintf('%v|%#v|%d', [goNil(T.stringSlice), goNil(T.stringSlice), goSlice(T.int, [i(1), i(-1)])])).toBe('[]|[]string(nil)|[1 -1]');
		const arr = {type: arrayOf(T.int, 3), v: [i(1), i(2), i(3)]};
		expect(sprintf('%v %#v', [arr, arr])).toBe('[1 2 3] [3]int{1, 2, 3}');
		expect(sprintf('%s', [goSlice(T.int, [i(1)])])).toBe('[%!s(int=1)]');
	});
	it('maps print sorted by key, nil maps as map[]', () => {
		const m = goMap(T.string, T.int, [['b', i(2)], ['a', i(1)], ['c', i(3)]]);
		expect(sprintf('%v', [m])).toBe('map[a:1 b:2 c:3]');
		expect(sprintf('%#v', [m])).toBe('map[string]int{"a":1, "b":2, "c":3}');
		const mi = goMap(T.int, T.string, [[10n, s('x')], [-1n, s('y')], [2n, s('z')]]);
		expect(sprintf('%v', [mi])).toBe('map[-1:y 2:z 10:x]');
		expect(sprintf('%v %#v', [goNil(T.mapStringAny), goNil(T.mapStringAny)])).toBe('map[] map[string]interface {}(nil)');
	});
	it('interfaces and nil', () => {
		const m = goMap(T.string, T.any, [['a', iface(i(1))], ['b', iface(null)], ['c', iface(s('x'))]]);
		expect(sprintf('%v', [m])).toBe('map[a:1 b:<nil> c:x]');
		expect(sprintf('%d', [m])).toBe('map[%!d(string=a):1 %!d(string=b):<nil> %!d(string=c):%!d(string=x)]');
		expect(sprintf('%#v', [m])).toBe('map[string]interface {}{"a":1, "b":interface {}(nil), "c":"x"}');
		expect(sprintf('%v %d %s', [null, null, null])).toBe('<nil> %!d(<nil>) %!s(<nil>)');
		expect(sprintf('%v', [goNil(ptrTo(T.int))])).toBe('<nil>');
		expect(sprintf('%#v', [goNil(ptrTo(T.int))])).toBe('(*int)(nil)');
	});
	it('%T of composite types', () => {
		expect(sprintf('%T %T %T %T', [goSlice(T.any, []), goMap(T.string, T.any, []), goPtr(i(1)), null])).toBe('[]interface {} map[string]interface {} *int <nil>');
		expect(sprintf('%T', [goNil(mapOf(T.string, sliceOf(T.string)))])).toBe('map[string][]string');
	});
	it('bad verbs on composite elements use the element type', () => {
		expect(sprintf('%d', [goSlice(T.string, [s('a')])])).toBe('[%!d(string=a)]');
		expect(sprintf('%z', [goStruct(A, {i: i(1), j: goInt(2, 'uint'), s: s('a'), x: goSlice(T.int, [])})])).toBe('{%!z(int=1) %!z(uint=2) %!z(string=a) []}');
	});
});

describe('Stringer and error methods', () => {
	const named: GoType = {kind: 'int', name: 'main.Level', methods: {String: {result: T.string, call: v => s(`L${v.v}`)}}};
	const lv = goInt(3, named);
	it('String() is used for %v %s %q %x, not %d', () => {
		expect(sprintf('%v %s %q %x %d %5v|', [lv, lv, lv, lv, lv, lv])).toBe('L3 L3 "L3" 4c33 3    L3|');
	});
	it('String() applies to elements too', () => {
		expect(sprint([goSlice(named, [lv, goInt(4, named)])])).toBe('[L3 L4]');
	});
	it('a panicking String method is reported inline', () => {
		const bad: GoType = {kind: 'int', name: 'main.Bad', methods: {String: {result: T.string, call: () => {
			throw new Error('oops');
		}}}};
		expect(sprintf('%v', [goInt(1, bad)])).toBe('%!v(PANIC=String method: oops)');
	});
	it('Error() wins over String()', () => {
		const e: GoType = {kind: 'string', name: 'main.E', methods: {
			String: {result: T.string, call: () => s('string')}, Error: {result: T.string, call: () => s('error')},
		}};
		expect(sprint([goString('x', e)])).toBe('error');
	});
	it('json.Number prints its text', () => {
		expect(sprintf('%v %s %d', [goString('12.50', T.jsonNumber), goString('12.50', T.jsonNumber), goString('12', T.jsonNumber)])).toBe('12.50 12.50 %!d(json.Number=12)');
	});
});

describe('Sprint and Sprintln spacing', () => {
	it('adds spaces between operands when neither is a string', () => {
		expect(sprint([i(1), i(2), s('a'), i(3), s('b'), s('c'), f(4.5), null])).toBe('1 2a3bc4.5 <nil>');
		expect(sprint([s('a'), goString('b', T.jsonNumber)])).toBe('ab');
		expect(sprintln([i(1), s('a'), null])).toBe('1 a <nil>\n');
		expect(sprint([])).toBe('');
	});
});

describe('printf argument errors', () => {
	const cases2: [string, (GoValue | null)[], string][] = [
		['%d', [s('x')], '%!d(string=x)'], ['%s', [], '%!s(MISSING)'], ['%d %d', [i(1)], '1 %!d(MISSING)'], ['%d', [i(1), s('b')], '1%!(EXTRA string=b)'],
		['%d', [i(1), s('b'), null], '1%!(EXTRA string=b, <nil>)'], ['%', [], '%!(NOVERB)'], ['%!', [], '%!!(MISSING)'],
		['%[2]d %[1]d', [i(1), i(2)], '2 1'], ['%[3]d', [i(1)], '%!d(BADINDEX)'], ['%[0]d', [i(1)], '%!d(BADINDEX)'], ['%[1]d%[1]d', [i(1)], '11'],
		['%*d', [i(5), i(1)], '    1'], ['%-*d|', [i(5), i(1)], '1    |'], ['%*d|', [i(-5), i(1)], '1    |'], ['%.*f', [i(2), f(3.14159)], '3.14'],
		['%*d', [s('x'), i(1)], '%!(BADWIDTH)1'], ['%.*d', [s('x'), i(1)], '%!(BADPREC)1'], ['%.*d', [i(-1), i(5)], '%!(BADPREC)5'],
		['%*d', [goInt(10_000_000), i(1)], '%!(BADWIDTH)1'], ['%z', [i(1)], '%!z(int=1)'], ['%5%', [], '%'], ['%-5z|', [i(1)], '%!z(int=1    )|'],
		['%!d', [i(1)], '%!!(int=1)d'], ['%é', [i(1)], '%!é(int=1)'], ['%t', [i(1)], '%!t(int=1)'], ['%e', [s('x')], '%!e(string=x)'],
		['%c', [f(1.5)], '%!c(float64=1.5)'], ['%p', [i(1)], '%!p(int=1)'], ['%s', [goFloat(2.5, T.float32)], '%!s(float32=2.5)'],
	];
	for (const [format, args, want] of cases2) it(`${format} ${args.length}`, () => expect(sprintf(format, args)).toBe(want));
});

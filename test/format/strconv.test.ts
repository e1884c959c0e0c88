import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {
	canBackquote,
	formatFloat,
	isGraphic,
	isPrint,
	quote,
	quoteRune,
	quoteRuneToASCII,
	quoteToASCII,
	quoteToGraphic,
	unquote,
	unquoteBytes,
} from '../../source/format/strconv.js';

// [literal, verb, output] produced by the docker 28.2.2 client (Go 1.24.3):
//   docker version --format '{{printf "<verb>" <literal>}}'
// go-printf-floats.json: hand-picked literals x verbs; go-printf-floats-random.json: 400 random
// doubles (random bits, random magnitudes, decimal-looking, exact binary ties) x 7 random verbs.
const load = (name: string): [string, string, string][] =>
	JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const floats = [...load('go-printf-floats.json'), ...load('go-printf-floats-random.json')];

/** fmt's mapping of a float verb to strconv.FormatFloat (src/fmt/print.go fmtFloat). */
function viaFmt(x: number, spec: string): string {
	const m = /^%(?:\.(\d+))?([a-zA-Z])$/.exec(spec)!;
	let verb = m[2];
	let prec = m[1] !== undefined ? Number(m[1]) : -1;
	if (verb === 'v') verb = 'g';
	if (prec === -1 && 'eEf'.includes(verb)) prec = 6;
	return formatFloat(x, verb, prec, 64);
}

describe('formatFloat against Go printf output from the real docker client', () => {
	it('has the fixture', () => {
		expect(floats.length).toBeGreaterThan(3600);
	});
	for (const [lit, spec, want] of floats) {
		it(`${spec} ${lit} -> ${want}`, () => {
			expect(viaFmt(Number(lit), spec)).toBe(want);
		});
	}
});

describe('formatFloat', () => {
	it('rounds exact binary values half to even (docker printf oracle)', () => {
		expect(formatFloat(2.5, 'f', 0, 64)).toBe('2');
		expect(formatFloat(3.5, 'f', 0, 64)).toBe('4');
		expect(formatFloat(0.5, 'f', 0, 64)).toBe('0');
		expect(formatFloat(0.125, 'f', 2, 64)).toBe('0.12');
		expect(formatFloat(1.005, 'f', 2, 64)).toBe('1.00');
		expect(formatFloat(2.675, 'f', 2, 64)).toBe('2.67');
	});
	it('formats shortest and exponents like Go', () => {
		expect(formatFloat(1e6, 'g', -1, 64)).toBe('1e+06');
		expect(formatFloat(123456, 'g', -1, 64)).toBe('123456');
		expect(formatFloat(1e-5, 'g', -1, 64)).toBe('1e-05');
		expect(formatFloat(1e100, 'e', -1, 64)).toBe('1e+100');
		expect(formatFloat(0.1 + 0.2, 'g', -1, 64)).toBe('0.30000000000000004');
		expect(formatFloat(5e-324, 'g', -1, 64)).toBe('5e-324');
		expect(formatFloat(-0, 'g', -1, 64)).toBe('-0');
		expect(formatFloat(100, 'f', -1, 64)).toBe('100');
		expect(formatFloat(1.5, 'e', -1, 64)).toBe('1.5e+00');
	});
	it('prints Inf and NaN like Go', () => {
		expect(formatFloat(Infinity, 'g', -1, 64)).toBe('+Inf');
		expect(formatFloat(-Infinity, 'f', 2, 64)).toBe('-Inf');
		expect(formatFloat(NaN, 'e', 3, 64)).toBe('NaN');
		expect(formatFloat(Infinity, 'g', -1, 32)).toBe('+Inf');
	});
	it('uses float32 shortest digits for bitSize 32 (Go strconv ftoa_test.go cases)', () => {
		expect(formatFloat(0.1, 'g', -1, 32)).toBe('0.1');
		expect(formatFloat(1 / 3, 'g', -1, 32)).toBe('0.33333334');
		expect(formatFloat(3.4028234663852886e38, 'g', -1, 32)).toBe('3.4028235e+38');
		expect(formatFloat(1e-45, 'g', -1, 32)).toBe('1e-45');
		expect(formatFloat(16777216, 'g', -1, 32)).toBe('1.6777216e+07');
		expect(formatFloat(1.1, 'f', -1, 32)).toBe('1.1');
		// float32(1.1) is 1.10000002384185791015625
		expect(formatFloat(1.1, 'f', 10, 32)).toBe('1.1000000238');
	});
	it('formats b, x and X', () => {
		expect(formatFloat(1, 'b', -1, 64)).toBe('4503599627370496p-52');
		expect(formatFloat(1, 'b', -1, 32)).toBe('8388608p-23');
		expect(formatFloat(1, 'x', -1, 64)).toBe('0x1p+00');
		expect(formatFloat(0, 'x', -1, 64)).toBe('0x0p+00');
		expect(formatFloat(1.5, 'X', -1, 64)).toBe('0X1.8P+00');
		expect(formatFloat(1.96875, 'x', 1, 64)).toBe('0x1.0p+01');
		expect(formatFloat(-1024, 'x', 3, 64)).toBe('-0x1.000p+10');
	});
	it('handles %g precision edge cases (Go ftoa_test.go)', () => {
		expect(formatFloat(100, 'g', 3, 64)).toBe('100');
		expect(formatFloat(1000, 'g', 3, 64)).toBe('1e+03');
		expect(formatFloat(999999, 'g', 3, 64)).toBe('1e+06');
		expect(formatFloat(0.0001, 'g', 3, 64)).toBe('0.0001');
		expect(formatFloat(0.00001, 'g', 3, 64)).toBe('1e-05');
		expect(formatFloat(12, 'g', 0, 64)).toBe('1e+01');
		expect(formatFloat(1e23, 'g', 17, 64)).toBe('9.9999999999999992e+22');
		expect(formatFloat(1e23, 'e', 17, 64)).toBe('9.99999999999999916e+22');
		expect(formatFloat(1e23, 'f', 17, 64)).toBe('99999999999999991611392.00000000000000000');
	});
});

describe('quote (expectations from docker printf %q / %+q and Go quote_test.go)', () => {
	it('escapes controls, keeps printable Unicode', () => {
		// docker version --format '{{printf "%q" "a\x00b\x07\x1b\x7f\u0085\u00a0é\u2028\u202e\U0001F600\ufeff\\\""}}'
		expect(quote('a\x00b\x07\x1b\x7f\u0085\u00a0é\u2028\u202e\u{1F600}\ufeff\\"')).toBe(
			'"a\\x00b\\a\\x1b\\x7f\\u0085\\u00a0é\\u2028\\u202e\u{1F600}\\ufeff\\\\\\""',
		);
		expect(quote('\u00a0\u3000\u200b\u0378')).toBe('"\\u00a0\\u3000\\u200b\\u0378"');
		expect(quote('\u00ad')).toBe('"\\u00ad"');
		expect(quote('\u0301')).toBe('"\u0301"');
		expect(quote('\x07\b\f\r\n\t\v')).toBe('"\\a\\b\\f\\r\\n\\t\\v"');
		expect(quote('')).toBe('""');
		expect(quote('plain ascii')).toBe('"plain ascii"');
		expect(quote("it's")).toBe('"it\'s"');
	});
	it('QuoteToASCII', () => {
		// docker: {{printf "%+q" "日本\U0001F600\u00e9"}}
		expect(quoteToASCII('日本\u{1F600}\u00e9')).toBe('"\\u65e5\\u672c\\U0001f600\\u00e9"');
		expect(quoteToASCII('\u263a')).toBe('"\\u263a"');
		expect(quoteToASCII('\u{10ffff}')).toBe('"\\U0010ffff"');
	});
	it('QuoteToGraphic keeps Zs spaces', () => {
		expect(quoteToGraphic('\u00a0\u3000x')).toBe('"\u00a0\u3000x"');
		expect(quoteToGraphic('\t')).toBe('"\\t"');
	});
	it('handles invalid UTF-8 given as bytes like Go', () => {
		// docker: {{printf "%q" "\xff\xfe"}} and "\xffa"
		expect(quote(Uint8Array.of(0xff, 0xfe))).toBe('"\\xff\\xfe"');
		expect(quote(Uint8Array.of(0xff, 0x61))).toBe('"\\xffa"');
		expect(quote(Uint8Array.of(0x61, 0x62, 0x63, 0xff, 0x64))).toBe('"abc\\xffd"');
		// overlong and surrogate encodings are invalid in Go
		expect(quote(Uint8Array.of(0xc0, 0x80))).toBe('"\\xc0\\x80"');
		expect(quote(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('"\\xed\\xa0\\x80"');
		expect(quote(Uint8Array.of(0xe2, 0x98, 0xba))).toBe('"☺"');
	});
	it('treats lone surrogates in JS strings as U+FFFD', () => {
		expect(quote('a\ud800b')).toBe('"a\ufffdb"');
		expect(quoteToASCII('\udc00')).toBe('"\\ufffd"');
	});
	it('QuoteRune', () => {
		// docker: {{printf "%q" 0x1F600}}, 0x263a, 39, 0xD800, 0x110000, 0x85; %+q 0x263a
		expect(quoteRune(0x1f600)).toBe("'\u{1F600}'");
		expect(quoteRune(0x263a)).toBe("'☺'");
		expect(quoteRuneToASCII(0x263a)).toBe("'\\u263a'");
		expect(quoteRune(39)).toBe("'\\''");
		expect(quoteRune(34)).toBe('\'"\'');
		expect(quoteRune(0xd800)).toBe("'\ufffd'");
		expect(quoteRune(0x110000)).toBe("'\ufffd'");
		expect(quoteRune(0x85)).toBe("'\\u0085'");
		expect(quoteRune(10)).toBe("'\\n'");
		expect(quoteRune(0)).toBe("'\\x00'");
	});
	it('canBackquote (Go quote_test.go)', () => {
		expect(canBackquote('abc')).toBe(true);
		expect(canBackquote('a\tb')).toBe(true);
		expect(canBackquote('back`tick')).toBe(false);
		expect(canBackquote('a\nb')).toBe(false);
		expect(canBackquote('\u2028')).toBe(true);
		expect(canBackquote('\ufeff')).toBe(false);
		expect(canBackquote(Uint8Array.of(0xff))).toBe(false);
	});
});

describe('isPrint / isGraphic (Go unicode.IsPrint)', () => {
	it('classifies', () => {
		expect(isPrint(0x20)).toBe(true);
		expect(isPrint(0x41)).toBe(true);
		expect(isPrint(0x7e)).toBe(true);
		expect(isPrint(0x7f)).toBe(false);
		expect(isPrint(0x0a)).toBe(false);
		expect(isPrint(0x85)).toBe(false);
		expect(isPrint(0xa0)).toBe(false);
		expect(isPrint(0xe9)).toBe(true);
		expect(isPrint(0x301)).toBe(true);
		expect(isPrint(0x3000)).toBe(false);
		expect(isPrint(0x200b)).toBe(false);
		expect(isPrint(0x202e)).toBe(false);
		expect(isPrint(0x1f600)).toBe(true);
		expect(isPrint(0xd800)).toBe(false);
		expect(isPrint(0x110000)).toBe(false);
		expect(isPrint(0x378)).toBe(false);
		expect(isPrint(0xe000)).toBe(false);
		expect(isGraphic(0x3000)).toBe(true);
		expect(isGraphic(0xa0)).toBe(true);
		expect(isGraphic(0x0a)).toBe(false);
	});
});

describe('unquote (Go quote_test.go unquotetests / misquoted)', () => {
	const ok: [string, string][] = [
		['""', ''],
		['"a"', 'a'],
		['"abc"', 'abc'],
		['"☺"', '☺'],
		['"hello world"', 'hello world'],
		['"\\u1234"', '\u1234'],
		['"\\U00010111"', '\u{10111}'],
		['"\\U0001011111"', '\u{10111}11'],
		['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\x07\b\f\n\r\t\v\\"'],
		['"\'"', "'"],
		["'a'", 'a'],
		["'☹'", '☹'],
		["'\\a'", '\x07'],
		["'\\x10'", '\x10'],
		["'\\u1234'", '\u1234'],
		["'\\U00010111'", '\u{10111}'],
		["'\\t'", '\t'],
		["' '", ' '],
		["'\\''", "'"],
		["'\"'", '"'],
		['``', ''],
		['`a`', 'a'],
		['`abc`', 'abc'],
		['`☺`', '☺'],
		['`\\xFF`', '\\xFF'],
		['`\\377`', '\\377'],
		['`\\`', '\\'],
		['`\n`', '\n'],
		['`\t`', '\t'],
		['` `', ' '],
		['`a\rb`', 'ab'],
		['"\\x41\\101"', 'AA'],
	];
	for (const [input, want] of ok) {
		it(`unquote(${JSON.stringify(input)})`, () => {
			expect(unquote(input)).toBe(want);
		});
	}
	it('keeps raw bytes from \\x and octal escapes', () => {
		expect(Array.from(unquoteBytes('"\\xFF"'))).toEqual([0xff]);
		expect(Array.from(unquoteBytes('"\\377"'))).toEqual([0xff]);
		expect(Array.from(unquoteBytes("'\\377'"))).toEqual([0xff]);
		expect(unquote('"\\xFF"')).toBe('\ufffd');
		// Go: invalid UTF-8 inside quotes becomes U+FFFD (TestUnquoteInvalidUTF8)
		expect(Array.from(unquoteBytes(Uint8Array.of(0x22, 0xc0, 0x22)))).toEqual([0xef, 0xbf, 0xbd]);
	});
	const bad = [
		'',
		'"',
		'"a',
		'"\'',
		'b"',
		'"\\"',
		'"\\9"',
		'"\\19"',
		'"\\129"',
		"'\\'",
		"'\\9'",
		"'\\19'",
		"'\\129'",
		"'\\400'",
		"'ab'",
		'"\\x1!"',
		'"\\U12345678"',
		'"\\z"',
		'`',
		'`xxx',
		'``x\r',
		'`"',
		'"\\\'"',
		"'\\\"'",
		'"\n"',
		'"\\n\n"',
		"'\n'",
		'"\\udead"',
		'"\\ud83d\\ude4f"',
		'`1`9`',
		'1231',
		"'\\xF'",
		'""12345"',
		'"a"b"',
	];
	for (const input of bad) {
		it(`unquote(${JSON.stringify(input)}) fails with invalid syntax`, () => {
			expect(() => unquote(input)).toThrow('invalid syntax');
		});
	}
});

// Go's time.ParseDuration (source/format/go-duration.ts): the cases of Go's
// own parseDurationTests and parseDurationErrorTests (go/src/time/time_test.go)
// that bear on what a user types, with Go's results and error text (a test
// of bytes that are not UTF-8 takes the UTF-8 of the characters instead: a
// typed string is UTF-8).
import {describe, expect, it} from 'vitest';
import {parseGoDuration} from '../../source/format/go-duration.js';

const ns = (text: string): bigint | string => {
	const parsed = parseGoDuration(text);
	return 'ns' in parsed ? parsed.ns : parsed.error;
};

describe('Go durations', () => {
	it('reads what Go reads', () => {
		const cases: [string, bigint][] = [
			['0', 0n], ['5s', 5_000_000_000n], ['30s', 30_000_000_000n], ['1478s', 1_478_000_000_000n], ['-5s', -5_000_000_000n], ['+5s', 5_000_000_000n], ['-0', 0n], ['+0', 0n],
			['5.0s', 5_000_000_000n], ['5.6s', 5_600_000_000n], ['5.s', 5_000_000_000n], ['.5s', 500_000_000n], ['1.0s', 1_000_000_000n], ['1.00s', 1_000_000_000n], ['1.004s', 1_004_000_000n],
			['1.0040s', 1_004_000_000n], ['100.00100s', 100_001_000_000n], ['10ns', 10n], ['11us', 11_000n], ['12\u00b5s', 12_000n], ['12\u03bcs', 12_000n], ['13ms', 13_000_000n], ['14s', 14_000_000_000n],
			['15m', 900_000_000_000n], ['16h', 57_600_000_000_000n], ['3h30m', 12_600_000_000_000n], ['10.5s4m', 250_500_000_000n], ['-2m3.4s', -123_400_000_000n], ['1h2m3s4ms5us6ns', 3_723_004_005_006n],
			['39h9m14.425s', 140_954_425_000_000n], ['52763797000ns', 52_763_797_000n], ['0.3333333333333333333h', 1_200_000_000_000n], ['9007199254740993ns', 9_007_199_254_740_993n],
			['9223372036854775807ns', 9_223_372_036_854_775_807n], ['9223372036854775.807us', 9_223_372_036_854_775_807n], ['9223372036s854ms775us807ns', 9_223_372_036_854_775_807n],
			['-9223372036854775808ns', -9_223_372_036_854_775_808n], ['0.100000000000000000000h', 360_000_000_000n], ['0.830103483285477580700h', 2_988_372_539_827n],
		];
		for (const [text, want] of cases) expect(ns(text), text).toBe(want);
	});

	it('refuses what Go refuses, in Go\'s words', () => {
		const cases: [string, string][] = [
			['', 'time: invalid duration ""'], ['3', 'time: missing unit in duration "3"'], ['-', 'time: invalid duration "-"'], ['s', 'time: invalid duration "s"'], ['.', 'time: invalid duration "."'],
			['-.', 'time: invalid duration "-."'], ['.s', 'time: invalid duration ".s"'], ['+.s', 'time: invalid duration "+.s"'], ['1d', 'time: unknown unit "d" in duration "1d"'],
			['\x85\x85', 'time: invalid duration "\\xc2\\x85\\xc2\\x85"'], ['\xffff', 'time: invalid duration "\\xc3\\xbfff"'], ['hello \xffff world', 'time: invalid duration "hello \\xc3\\xbfff world"'],
			['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'], ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
			['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'], ['3000000h', 'time: invalid duration "3000000h"'], ['1 h', 'time: unknown unit " h" in duration "1 h"'],
			[' 1h', 'time: invalid duration " 1h"'], ['1h ', 'time: unknown unit "h " in duration "1h "'], ['24hours', 'time: unknown unit "hours" in duration "24hours"'],
		];
		for (const [text, want] of cases) expect(ns(text), JSON.stringify(text)).toBe(want);
	});
});

import {describe, expect, it} from 'vitest';
import {
	displayWidth,
	isAmbiguous,
	isEastAsianEnv,
	isWide,
	padEndToWidth,
	runeWidth,
	truncateToWidth,
	xtextRuneWidth,
	xtextWidth,
} from '../../source/text/width.js';

describe('displayWidth (go-runewidth, as docker tabwriter measures cells)', () => {
	// Widths confirmed through docker 28.2.2 table headers, e.g.
	//   docker image ls --filter reference=none/none --format 'table 中文\tb\nabcd\tc'
	// where the padding after the cell reveals the width docker computed.
	const docker: [string, number][] = [
		['a', 1],
		['REPOSITORY', 10],
		['中文', 4],
		['日本語日本語日本語', 18],
		['e\u0301', 1],
		['e\u0301'.repeat(10), 10],
		['😀😀😀😀😀', 10],
		['ＡＢＣ', 6],
		['a\u200bb', 2],
		['ab\u00adcd', 4],
		['❤\ufe0f', 1],
		['🇫🇷🇫🇷🇫🇷', 3],
		['한국어', 6],
		['\u1100\u1161\u11a8', 2],
		['\x1b[31mred', 7],
		['a\rb', 2],
		// More scripts and emoji; measured as the padding docker adds before a second cell when a
		// 30-column cell below fixes the column at 33 (Devanagari conjuncts split like uniseg 15.0).
		["\u0928\u092e\u0938\u094d\u0924\u0947", 4],
		["\u0e01\u0e48\u0e2d\u0e19", 3],
		["\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627", 5],
		["\u0915\u093f", 1],
		["\u0903", 1],
		["a\u20dd", 1],
		["\u1160", 1],
		["\u3099", 0],
		["\uff9f", 1],
		["\u2e9a", 1],
		["\ud83e\udee0", 2],
		["\ud83e\ude77", 2],
		["\ud83d\udedc", 2],
		["\ud83e\udead", 2],
		["\ud83e\uddd1\u200d\ud83d\udcbb", 2],
		["\u26a1", 2],
		["\u2614\ufe0e", 2],
		["#\ufe0f\u20e3", 1],
		["\ud83c\uddfa", 1],
		["\u00e9\u0327", 1],
		["\u0378", 1],
		["\ue000", 1],
		["\udb80\udc00", 1],
		["\u2028", 0],
		["\u0600", 1],
		["\u070f", 0],
		["\u180e", 0],
		["\udb40\udc01", 1],
		["\ud834\udd65", 0],
		["\u1fbf", 1],
		["\ud884\udf50", 2],
		["\ud869\udee0", 2],
		["\u4dc0", 1],
		["\u303f", 1],
		["\u3030", 2],
		["\u2b50", 2],
		["\u2e3a", 1],
		["\u263a", 1],
		["\u263a\ufe0f", 1],
		["\u231a", 2],
		["\ud83c\udffb", 2],
	];
	for (const [s, w] of docker) {
		it(`${JSON.stringify(s)} is ${w}`, () => {
			expect(displayWidth(s)).toBe(w);
		});
	}
	it('other cases', () => {
		expect(displayWidth('')).toBe(0);
		expect(displayWidth('\t\n')).toBe(0);
		expect(displayWidth('\x7f\x85')).toBe(0);
		expect(displayWidth('\u202e')).toBe(0);
		expect(displayWidth('\ufeff')).toBe(0);
		expect(displayWidth('ｱｲｳ')).toBe(3); // halfwidth katakana
		expect(displayWidth('\u3000')).toBe(2); // ideographic space
		expect(displayWidth('👍🏽')).toBe(2); // emoji + skin tone modifier: one cluster
		expect(displayWidth('👨‍👩‍👧')).toBe(2); // ZWJ sequence
		expect(displayWidth('\u{20000}')).toBe(2); // CJK Extension B
		expect(displayWidth('\ud800')).toBe(0); // lone surrogate: nonprint
		expect(displayWidth('x'.repeat(10000))).toBe(10000);
	});
});

describe('runeWidth / isWide', () => {
	it('classifies single runes', () => {
		expect(runeWidth(0x41)).toBe(1);
		expect(runeWidth(0x0)).toBe(0);
		expect(runeWidth(0x9f)).toBe(0);
		expect(runeWidth(0xa0)).toBe(1);
		expect(runeWidth(0x300)).toBe(0);
		expect(runeWidth(0x20dd)).toBe(0); // enclosing mark
		expect(runeWidth(0x903)).toBe(1); // Devanagari sign visarga (Mc)
		expect(runeWidth(0x4e00)).toBe(2);
		expect(runeWidth(0xff01)).toBe(2);
		expect(runeWidth(0x1f600)).toBe(2);
		expect(runeWidth(0x2764)).toBe(1);
		expect(runeWidth(0x110000)).toBe(0);
		expect(isWide(0x1100)).toBe(true);
		expect(isWide(0x115f)).toBe(true);
		expect(isWide(0x1160)).toBe(false);
		expect(isWide(0xac00)).toBe(true);
		expect(isWide(0x1fa75)).toBe(true); // Unicode 15.0 addition
		expect(isWide(0x3fffd)).toBe(true);
		expect(isWide(0x40000)).toBe(false);
	});
});

describe('truncateToWidth', () => {
	it('cuts by columns without splitting clusters', () => {
		expect(truncateToWidth('abcdef', 10)).toBe('abcdef');
		expect(truncateToWidth('abcdef', 4)).toBe('abcd');
		expect(truncateToWidth('abcdef', 4, '…')).toBe('abc…');
		expect(truncateToWidth('中文字符', 5)).toBe('中文');
		expect(truncateToWidth('中文字符', 5, '…')).toBe('中文…');
		expect(truncateToWidth('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301e\u0301');
		expect(truncateToWidth('👨‍👩‍👧x', 2, '')).toBe('👨‍👩‍👧');
		expect(truncateToWidth('abc', 0)).toBe('');
		expect(truncateToWidth('', 0)).toBe('');
	});
	it('padEndToWidth', () => {
		expect(padEndToWidth('中', 4)).toBe('中  ');
		expect(padEndToWidth('abcdef', 3)).toBe('abcdef');
	});
});

describe('xtextWidth (docker Ellipsis widths)', () => {
	it('counts every rune, wide ones twice', () => {
		expect(xtextWidth('abc')).toBe(3);
		expect(xtextWidth('中文')).toBe(4);
		expect(xtextWidth('e\u0301')).toBe(2);
		expect(xtextWidth('\x1b')).toBe(1);
		expect(xtextWidth('🐳')).toBe(2);
		expect(xtextRuneWidth(0x301)).toBe(1);
	});
});

describe('East Asian condition (docker under a CJK locale)', () => {
	it('counts ambiguous characters as 2 (LANG=ja_JP.UTF-8 docker headers)', () => {
		const ea = {eastAsian: true};
		expect(displayWidth('§°±×', ea)).toBe(8);
		expect(displayWidth('§°±×')).toBe(4);
		expect(displayWidth('αβγ', ea)).toBe(6);
		expect(displayWidth('абв', ea)).toBe(6);
		expect(displayWidth('─│┌', ea)).toBe(6);
		expect(displayWidth('é', ea)).toBe(2);
		expect(displayWidth('abc', ea)).toBe(3);
		expect(displayWidth('中文', ea)).toBe(4);
		expect(displayWidth('e\u0301', ea)).toBe(1);
		expect(isAmbiguous(0xa7)).toBe(true);
		expect(isAmbiguous(0x41)).toBe(false);
		expect(isAmbiguous(0xe000)).toBe(true);
	});
	it('detects the locale like go-runewidth (checked with env vars on the docker client)', () => {
		expect(isEastAsianEnv({})).toBe(false);
		expect(isEastAsianEnv({LANG: 'ja_JP.UTF-8'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'zh_CN.UTF-8'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'ko_KR.UTF-8'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'ja_JP.utf8'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'en_US.UTF-8'})).toBe(false);
		expect(isEastAsianEnv({LANG: 'ja_JP'})).toBe(false);
		expect(isEastAsianEnv({LANG: 'C.UTF-8'})).toBe(false);
		expect(isEastAsianEnv({LANG: 'ja_JP.eucJP'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'en_US.eucjp'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'zh_TW.Big5'})).toBe(true);
		expect(isEastAsianEnv({LANG: 'ja_JP.UTF-8@cjk_narrow'})).toBe(false);
		expect(isEastAsianEnv({LC_ALL: 'ja_JP.UTF-8', LANG: 'C'})).toBe(true);
		expect(isEastAsianEnv({LC_CTYPE: 'ja_JP.UTF-8', LANG: 'C'})).toBe(true);
		expect(isEastAsianEnv({LC_ALL: 'C', LC_CTYPE: 'ja_JP.UTF-8'})).toBe(false);
		expect(isEastAsianEnv({RUNEWIDTH_EASTASIAN: '1'})).toBe(true);
		expect(isEastAsianEnv({RUNEWIDTH_EASTASIAN: '0', LANG: 'ja_JP.UTF-8'})).toBe(false);
	});
});

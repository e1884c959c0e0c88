import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {displayID, ellipsis, historyCreatedBy, shortDigest, truncateID} from '../../source/format/ids.js';

// [CreatedBy from `docker history --no-trunc --format '{{json .CreatedBy}}'`,
//  the same row from `docker history --format '{{json .CreatedBy}}'`] for the fixture images
// (docker 28.2.2 client).
const ell = (
	JSON.parse(readFileSync(new URL('./fixtures/docker-tables.json', import.meta.url), 'utf8')) as {
		ellipsis: [string, string][];
	}
).ellipsis;

describe('historyCreatedBy against docker history', () => {
	for (const [full, short] of ell) {
		it(JSON.stringify(full.slice(0, 50)), () => {
			expect(historyCreatedBy(full)).toBe(short);
			expect(historyCreatedBy(full, false)).toBe(full);
		});
	}
	it('replaces tabs by spaces, truncated or not', () => {
		expect(historyCreatedBy('a\tb')).toBe('a b');
		expect(historyCreatedBy('a\tb', false)).toBe('a b');
	});
});

describe('ellipsis (docker/cli formatter displayutils_test.go)', () => {
	it('upstream TestEllipsis cases', () => {
		const cases: [string, number, string][] = [
			['t🐳ststring', 0, ''],
			['t🐳ststring', 1, 't'],
			['t🐳ststring', 2, 't…'],
			['t🐳ststring', 6, 't🐳st…'],
			['t🐳ststring', 20, 't🐳ststring'],
			['你好世界teststring', 0, ''],
			['你好世界teststring', 1, '你'],
			['你好世界teststring', 3, '你…'],
			['你好世界teststring', 6, '你好…'],
			['你好世界teststring', 20, '你好世界teststring'],
		];
		for (const [source, width, expected] of cases) expect(ellipsis(source, width)).toBe(expected);
	});
	it('ASCII', () => {
		expect(ellipsis('abcde', 6)).toBe('abcde');
		expect(ellipsis('abcde', 5)).toBe('abcde');
		expect(ellipsis('abcde', 4)).toBe('abc…');
		expect(ellipsis('abcde', 1)).toBe('a');
		expect(ellipsis('abcde', 0)).toBe('');
		expect(ellipsis('abcde', -1)).toBe('');
		expect(ellipsis('x'.repeat(46), 45)).toBe('x'.repeat(44) + '…');
		expect(ellipsis('x'.repeat(45), 45)).toBe('x'.repeat(45));
	});
	it('wide runes count 2 (x/text/width)', () => {
		expect(ellipsis('我是谁啊', 8)).toBe('我是谁啊');
		expect(ellipsis('我是谁啊', 7)).toBe('我是谁…');
		expect(ellipsis('我是谁啊', 6)).toBe('我是…');
		expect(ellipsis('我是谁啊', 5)).toBe('我是…');
		expect(ellipsis('我是谁啊', 4)).toBe('我…');
		expect(ellipsis('我是谁啊', 3)).toBe('我…');
		// quirk: the first rune alone is wider than maxDisplayWidth-1, the input comes back
		expect(ellipsis('我是谁啊', 2)).toBe('我是谁啊');
		expect(ellipsis('我是谁啊', 1)).toBe('我');
		expect(ellipsis('a我b', 3)).toBe('a…');
	});
	it('combining marks and emoji count as one column each here (x/text/width, not runewidth)', () => {
		// 'e' + U+0301 is two runes of width 1 each
		expect(ellipsis('e\u0301e\u0301e\u0301', 5)).toBe('e\u0301e\u0301…');
		expect(ellipsis('😀😀😀', 5)).toBe('😀😀…');
		expect(ellipsis('é😀', 3)).toBe('é😀');
	});
});

describe('truncateID (docker TruncateID)', () => {
	it('drops the algorithm and keeps 12 characters', () => {
		// docker image ls: IMAGE ID 56e8d3ec02ad for fixture/app:1
		expect(truncateID('sha256:56e8d3ec02ad9cd8d1ae1eec5d0414031e8fc0188be96fe1fcf28fbe70fc66c3')).toBe('56e8d3ec02ad');
		expect(truncateID('56e8d3ec02ad9cd8d1ae1eec5d0414031e8fc0188be96fe1fcf28fbe70fc66c3')).toBe('56e8d3ec02ad');
		expect(truncateID('<missing>')).toBe('<missing>');
		expect(truncateID('')).toBe('');
		expect(truncateID('sha256:abc')).toBe('abc');
		expect(truncateID('a:b:cdefghijklmnopq')).toBe('b:cdefghijkl');
		expect(truncateID('sha512:' + 'f'.repeat(128))).toBe('ffffffffffff');
	});
	it('counts bytes like Go', () => {
		expect(truncateID('ééééééé')).toBe('éééééé');
		expect(truncateID('aéééééé')).toBe('aééééé\ufffd');
	});
	it('displayID honours --no-trunc', () => {
		expect(displayID('sha256:0123456789abcdef')).toBe('0123456789ab');
		expect(displayID('sha256:0123456789abcdef', false)).toBe('sha256:0123456789abcdef');
	});
});

describe('shortDigest', () => {
	it('keeps the algorithm and 12 hex digits', () => {
		expect(shortDigest('sha256:56e8d3ec02ad9cd8d1ae1eec5d0414031e8fc0188be96fe1fcf28fbe70fc66c3')).toBe(
			'sha256:56e8d3ec02ad',
		);
		expect(shortDigest('sha256:abc')).toBe('sha256:abc');
		expect(shortDigest('56e8d3ec02ad9cd8')).toBe('56e8d3ec02ad');
		expect(shortDigest('sha256:56e8d3ec02ad9cd8', 4)).toBe('sha256:56e8');
	});
});

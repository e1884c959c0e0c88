import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DOCKER_TABWRITER, TabWriter, tabwrite} from '../../source/format/tabwriter.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

// [format after `table `, docker output]: the docker 28.2.2 client printing only a header:
//   docker image ls --filter reference=nonexistent/none --format 'table <format>'
// (docker replaces the two-character sequences \t and \n; the header text is the format itself)
const headers = fixture('docker-table-headers.json') as [string, string][];

// Real tables: the same custom format run with and without `table` (docker image ls, docker history
// of the fixture images); the tabwriter must turn header + raw rows into the table output.
const tables = (fixture('docker-tables.json') as {tables: {cmd: string; header: string; raw: string; table: string}[]}).tables;

describe('tabwriter matches docker table output', () => {
	for (const [format, want] of headers) {
		it(`header ${JSON.stringify(format)}`, () => {
			const text = format.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
			expect(tabwrite(text + '\n')).toBe(want);
		});
	}
	for (const t of tables) {
		it(t.cmd, () => {
			expect(tabwrite(t.header + '\n' + t.raw)).toBe(t.table);
		});
	}
	it('treats \\v as a cell terminator and \\f as a column break (docker {{"\\v"}}, {{"\\f"}} headers)', () => {
		// docker image ls --format 'table a{{"\v"}}b\tc\nd\te\tf'
		expect(tabwrite('a\vb\tc\nd\te\tf\n')).toBe('a         b         c\nd         e         f\n');
		// 'table a{{"\f"}}b\tc\nddddddddddddd\te'
		expect(tabwrite('a\fb\tc\nddddddddddddd\te\n')).toBe('a\nb               c\nddddddddddddd   e\n');
		// 'table x\ty{{"\f"}}longer-cell-here\tz'
		expect(tabwrite('x\ty\flonger-cell-here\tz\n')).toBe('x         y\nlonger-cell-here   z\n');
	});
	it('gives control characters zero width (docker headers with {{"\\x1b"}} and {{"\\r"}})', () => {
		expect(tabwrite('\x1b[31mred\tx\n')).toBe('\x1b[31mred   x\n');
		expect(tabwrite('a\rb\tx\n')).toBe('a\rb        x\n');
	});
});

// The same headers (plus ambiguous-width text) printed with LANG=ja_JP.UTF-8, where docker's
// go-runewidth counts East Asian Ambiguous characters as 2 columns.
const headersJa = fixture('docker-table-headers-ja.json') as [string, string][];

describe('tabwriter under a CJK locale (LANG=ja_JP.UTF-8 docker output)', () => {
	for (const [format, want] of headersJa) {
		it(`header ${JSON.stringify(format)}`, () => {
			const text = format.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
			expect(tabwrite(text + '\n', {eastAsian: true})).toBe(want);
		});
	}
});

describe('TabWriter (Go text/tabwriter semantics)', () => {
	it('uses docker settings by default', () => {
		expect(DOCKER_TABWRITER).toMatchObject({minwidth: 10, tabwidth: 1, padding: 3, padchar: ' '});
	});
	it('aligns per column block, not per table (Go tabwriter doc example)', () => {
		const opts = {minwidth: 0, padding: 1};
		expect(tabwrite('aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n', opts)).toBe(
			'aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n',
		);
	});
	it('does not pad the last cell and keeps text without a trailing newline', () => {
		expect(tabwrite('a\tb')).toBe('a         b');
		expect(tabwrite('')).toBe('');
		expect(tabwrite('\n')).toBe('\n');
		expect(tabwrite('x\n\ny\tz\n')).toBe('x\n\ny         z\n');
	});
	it('accepts text in pieces, across cell boundaries', () => {
		const w = new TabWriter();
		for (const piece of ['REPO', 'SITORY\tT', 'AG\n', 'busybox\t', 'latest', '\n']) w.write(piece);
		expect(w.flush()).toBe('REPOSITORY   TAG\nbusybox      latest\n');
		w.write('again\tx\n');
		expect(w.flush()).toBe('again     x\n');
	});
	it('measures display width (CJK 2, combining 0)', () => {
		expect(tabwrite('日本語日本語日本語\tx\nab\ty\n')).toBe('日本語日本語日本語   x\nab                   y\n');
		expect(tabwrite('e\u0301\tx\n')).toBe('e\u0301         x\n');
	});
	it('supports alignRight, debug, tab padding and discardEmptyColumns', () => {
		expect(tabwrite('a\tbbb\tc\naaa\tb\tc\n', {minwidth: 0, padding: 1, alignRight: true})).toBe(
			// Go: the padding goes before the text and the last cell is not padded
			'   a bbbc\n aaa   bc\n',
		);
		expect(tabwrite('a\tb\tc\n', {minwidth: 0, padding: 1, debug: true})).toBe('a |b |c\n');
		expect(tabwrite('a\tb\n', {minwidth: 0, padding: 0, padchar: '\t', tabwidth: 8})).toBe('a\tb\n');
		expect(tabwrite('a\v\vb\n', {minwidth: 0, padding: 1, discardEmptyColumns: true})).toBe('a b\n');
		expect(tabwrite('a\v\vb\n', {minwidth: 0, padding: 1})).toBe('a  b\n');
	});
	it('rejects negative settings', () => {
		expect(() => new TabWriter({padding: -1})).toThrow();
	});
});

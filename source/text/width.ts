/**
 * Display width of strings in terminal columns.
 *
 * Two models, because docker uses two:
 * - displayWidth / runeWidth: mattn/go-runewidth (v0.0.16, non East Asian locale), which docker's
 *   tabwriter uses (cli/command/formatter/tabwriter): per grapheme cluster, the width of its first
 *   rune with a non-zero width; East Asian Wide/Fullwidth = 2; controls, format characters,
 *   nonspacing and enclosing marks = 0; everything else 1.
 * - xtextWidth / xtextRuneWidth: golang.org/x/text/width as used by docker's formatter.Ellipsis
 *   (history CreatedBy): per rune, Wide/Fullwidth = 2, everything else (marks, controls) = 1.
 *
 * The W/F table is Unicode 15.0 EastAsianWidth.txt (what docker 28's vendored tables use).
 * go-runewidth's East Asian mode (ambiguous characters such as `§°±×αβγ─│` = 2) is what docker
 * uses when LC_ALL / LC_CTYPE / LANG name a CJK locale or RUNEWIDTH_EASTASIAN=1: see
 * isEastAsianEnv() and the `eastAsian` parameters.
 */

export interface WidthOptions {
	/** go-runewidth East Asian condition: ambiguous-width characters are 2 columns */
	eastAsian?: boolean;
}

// Pairs [first, last] of East Asian Wide and Fullwidth ranges, sorted.
const WIDE = [
	0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
	0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
	0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
	0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
	0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
	0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x2e99,
	0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x2ffb, 0x3000, 0x303e, 0x3041, 0x3096, 0x3099, 0x30ff,
	0x3105, 0x312f, 0x3131, 0x318e, 0x3190, 0x31e3, 0x31f0, 0x321e, 0x3220, 0x3247, 0x3250, 0x4dbf,
	0x4e00, 0xa48c, 0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19,
	0xfe30, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4,
	0x16ff0, 0x16ff1, 0x17000, 0x187f7, 0x18800, 0x18cd5, 0x18d00, 0x18d08, 0x1aff0, 0x1aff3, 0x1aff5, 0x1affb,
	0x1affd, 0x1affe, 0x1b000, 0x1b122, 0x1b132, 0x1b132, 0x1b150, 0x1b152, 0x1b155, 0x1b155, 0x1b164, 0x1b167,
	0x1b170, 0x1b2fb, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a, 0x1f200, 0x1f202,
	0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251, 0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335,
	0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4,
	0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567,
	0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc,
	0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d7, 0x1f6dc, 0x1f6df, 0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7e0, 0x1f7eb,
	0x1f7f0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1fa7c, 0x1fa80, 0x1fa88,
	0x1fa90, 0x1fabd, 0x1fabf, 0x1fac5, 0x1face, 0x1fadb, 0x1fae0, 0x1fae8, 0x1faf0, 0x1faf8, 0x20000, 0x2fffd,
	0x30000, 0x3fffd,
];

/** East Asian Width W or F (Unicode 15.0). */
export function isWide(cp: number): boolean {
	if (cp < 0x1100) return false;
	let lo = 0;
	let hi = WIDE.length / 2 - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (WIDE[mid * 2 + 1] < cp) lo = mid + 1;
		else if (WIDE[mid * 2] > cp) hi = mid - 1;
		else return true;
	}
	return false;
}

// Pairs [first, last] of East Asian Ambiguous ranges (assigned characters), sorted.
const AMBIGUOUS = [
	0xa1, 0xa1, 0xa4, 0xa4, 0xa7, 0xa8, 0xaa, 0xaa, 0xad, 0xae, 0xb0, 0xb4,
	0xb6, 0xba, 0xbc, 0xbf, 0xc6, 0xc6, 0xd0, 0xd0, 0xd7, 0xd8, 0xde, 0xe1,
	0xe6, 0xe6, 0xe8, 0xea, 0xec, 0xed, 0xf0, 0xf0, 0xf2, 0xf3, 0xf7, 0xfa,
	0xfc, 0xfc, 0xfe, 0xfe, 0x101, 0x101, 0x111, 0x111, 0x113, 0x113, 0x11b, 0x11b,
	0x126, 0x127, 0x12b, 0x12b, 0x131, 0x133, 0x138, 0x138, 0x13f, 0x142, 0x144, 0x144,
	0x148, 0x14b, 0x14d, 0x14d, 0x152, 0x153, 0x166, 0x167, 0x16b, 0x16b, 0x1ce, 0x1ce,
	0x1d0, 0x1d0, 0x1d2, 0x1d2, 0x1d4, 0x1d4, 0x1d6, 0x1d6, 0x1d8, 0x1d8, 0x1da, 0x1da,
	0x1dc, 0x1dc, 0x251, 0x251, 0x261, 0x261, 0x2c4, 0x2c4, 0x2c7, 0x2c7, 0x2c9, 0x2cb,
	0x2cd, 0x2cd, 0x2d0, 0x2d0, 0x2d8, 0x2db, 0x2dd, 0x2dd, 0x2df, 0x2df, 0x300, 0x36f,
	0x391, 0x3a1, 0x3a3, 0x3a9, 0x3b1, 0x3c1, 0x3c3, 0x3c9, 0x401, 0x401, 0x410, 0x44f,
	0x451, 0x451, 0x2010, 0x2010, 0x2013, 0x2016, 0x2018, 0x2019, 0x201c, 0x201d, 0x2020, 0x2022,
	0x2024, 0x2027, 0x2030, 0x2030, 0x2032, 0x2033, 0x2035, 0x2035, 0x203b, 0x203b, 0x203e, 0x203e,
	0x2074, 0x2074, 0x207f, 0x207f, 0x2081, 0x2084, 0x20ac, 0x20ac, 0x2103, 0x2103, 0x2105, 0x2105,
	0x2109, 0x2109, 0x2113, 0x2113, 0x2116, 0x2116, 0x2121, 0x2122, 0x2126, 0x2126, 0x212b, 0x212b,
	0x2153, 0x2154, 0x215b, 0x215e, 0x2160, 0x216b, 0x2170, 0x2179, 0x2189, 0x2189, 0x2190, 0x2199,
	0x21b8, 0x21b9, 0x21d2, 0x21d2, 0x21d4, 0x21d4, 0x21e7, 0x21e7, 0x2200, 0x2200, 0x2202, 0x2203,
	0x2207, 0x2208, 0x220b, 0x220b, 0x220f, 0x220f, 0x2211, 0x2211, 0x2215, 0x2215, 0x221a, 0x221a,
	0x221d, 0x2220, 0x2223, 0x2223, 0x2225, 0x2225, 0x2227, 0x222c, 0x222e, 0x222e, 0x2234, 0x2237,
	0x223c, 0x223d, 0x2248, 0x2248, 0x224c, 0x224c, 0x2252, 0x2252, 0x2260, 0x2261, 0x2264, 0x2267,
	0x226a, 0x226b, 0x226e, 0x226f, 0x2282, 0x2283, 0x2286, 0x2287, 0x2295, 0x2295, 0x2299, 0x2299,
	0x22a5, 0x22a5, 0x22bf, 0x22bf, 0x2312, 0x2312, 0x2460, 0x24e9, 0x24eb, 0x254b, 0x2550, 0x2573,
	0x2580, 0x258f, 0x2592, 0x2595, 0x25a0, 0x25a1, 0x25a3, 0x25a9, 0x25b2, 0x25b3, 0x25b6, 0x25b7,
	0x25bc, 0x25bd, 0x25c0, 0x25c1, 0x25c6, 0x25c8, 0x25cb, 0x25cb, 0x25ce, 0x25d1, 0x25e2, 0x25e5,
	0x25ef, 0x25ef, 0x2605, 0x2606, 0x2609, 0x2609, 0x260e, 0x260f, 0x261c, 0x261c, 0x261e, 0x261e,
	0x2640, 0x2640, 0x2642, 0x2642, 0x2660, 0x2661, 0x2663, 0x2665, 0x2667, 0x266a, 0x266c, 0x266d,
	0x266f, 0x266f, 0x269e, 0x269f, 0x26bf, 0x26bf, 0x26c6, 0x26cd, 0x26cf, 0x26d3, 0x26d5, 0x26e1,
	0x26e3, 0x26e3, 0x26e8, 0x26e9, 0x26eb, 0x26f1, 0x26f4, 0x26f4, 0x26f6, 0x26f9, 0x26fb, 0x26fc,
	0x26fe, 0x26ff, 0x273d, 0x273d, 0x2776, 0x277f, 0x2b56, 0x2b59, 0x3248, 0x324f, 0xe000, 0xf8ff,
	0xfe00, 0xfe0f, 0xfffd, 0xfffd, 0x1f100, 0x1f10a, 0x1f110, 0x1f12d, 0x1f130, 0x1f169, 0x1f170, 0x1f18d,
	0x1f18f, 0x1f190, 0x1f19b, 0x1f1ac, 0xe0100, 0xe01ef, 0xf0000, 0xffffd, 0x100000, 0x10fffd,
];

function inPairs(t: number[], cp: number): boolean {
	if (cp < t[0]) return false;
	let lo = 0;
	let hi = t.length / 2 - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (t[mid * 2 + 1] < cp) lo = mid + 1;
		else if (t[mid * 2] > cp) hi = mid - 1;
		else return true;
	}
	return false;
}

/** East Asian Width A (ambiguous). */
export function isAmbiguous(cp: number): boolean {
	return inPairs(AMBIGUOUS, cp);
}

const markRe = /[\p{Mn}\p{Me}]/u;
const anyMarkRe = /\p{M}/u;

function isNonprint(cp: number): boolean {
	return (
		cp < 0x20 ||
		(cp >= 0x7f && cp <= 0x9f) ||
		cp === 0xad ||
		cp === 0x070f ||
		(cp >= 0x180b && cp <= 0x180e) ||
		(cp >= 0x200b && cp <= 0x200f) ||
		(cp >= 0x2028 && cp <= 0x202e) ||
		(cp >= 0x206a && cp <= 0x206f) ||
		(cp >= 0xd800 && cp <= 0xdfff) ||
		cp === 0xfeff ||
		(cp >= 0xfff9 && cp <= 0xfffb) ||
		cp === 0xfffe ||
		cp === 0xffff
	);
}

function isCombining(cp: number): boolean {
	// Mn/Me, plus the spacing marks whose names say COMBINING (musical symbols).
	if (cp === 0x1d165 || cp === 0x1d166 || (cp >= 0x1d16d && cp <= 0x1d172)) return true;
	return markRe.test(String.fromCodePoint(cp));
}

function computeWidth(cp: number, eastAsian: boolean): number {
	if (eastAsian) {
		if (isNonprint(cp) || isCombining(cp)) return 0;
		if (isAmbiguous(cp) || isWide(cp)) return 2;
		return 1;
	}
	if (cp < 0x20) return 0;
	if ((cp >= 0x7f && cp <= 0x9f) || cp === 0xad) return 0;
	if (cp < 0x300) return 1;
	if (isNonprint(cp) || isCombining(cp)) return 0;
	if (isWide(cp)) return 2;
	return 1;
}

// Code points that can take part in a multi-rune grapheme cluster (UAX #29): extenders and
// marks, ZWNJ/ZWJ, regional indicators, emoji modifiers, tag characters, Hangul jamo, the two Lo
// spacing marks, and Prepend characters.
const clusterRe =
	/[\p{M}\p{Grapheme_Extend}\u200c\u200d\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u;

// Per code point: bits 0-1 width, bits 2-3 East Asian width, bit 4 cluster-forming, bit 5 computed.
const bmpProps = new Uint8Array(0x10000);
const astralProps = new Map<number, number>();

function props(cp: number): number {
	let p = cp < 0x10000 ? bmpProps[cp] : (astralProps.get(cp) ?? 0);
	if (p !== 0) return p;
	p = 32 | computeWidth(cp, false) | (computeWidth(cp, true) << 2);
	if (clusterRe.test(String.fromCodePoint(cp))) p |= 16;
	if (cp < 0x10000) bmpProps[cp] = p;
	else astralProps.set(cp, p);
	return p;
}

/** go-runewidth RuneWidth (non East Asian condition unless eastAsian). */
export function runeWidth(cp: number, eastAsian = false): number {
	if (cp < 0 || cp > 0x10ffff || !Number.isInteger(cp)) return 0;
	const p = props(cp);
	return eastAsian ? (p >> 2) & 3 : p & 3;
}

let terminalWidths = false;

/**
 * From now on, in this process, measure as the terminal draws (and as Ink's
 * string-width measures): a regional-indicator pair (a flag, 🇩🇪) is 2
 * columns, where docker's go-runewidth counts 1 (its table output keeps
 * that). The explorer calls it at start; subcommands never do, so their
 * tables stay docker's bytes. (VS16, the other case where the two disagree,
 * never reaches the screen: sanitize.ts drops it.)
 */
export function useTerminalWidths(on = true): void {
	terminalWidths = on;
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(s: string): Iterable<{segment: string; index: number}> {
	segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'});
	return segmenter.segment(s);
}

const letterRe = /\p{L}/u;
const hangulRe = /\p{Script=Hangul}/u;

/**
 * Width of one Intl.Segmenter grapheme cluster, the go-runewidth way: the first rune with a
 * non-zero width decides. ICU follows Unicode 15.1+ rule GB9c (a consonant after a virama stays
 * in the cluster: Devanagari conjuncts), which docker's uniseg (Unicode 15.0) does not have; so a
 * letter that follows a mark or ZWJ inside a cluster (Hangul jamo excepted) starts a new cluster.
 */
function clusterWidth(g: string, ea = false): number {
	const first = g.codePointAt(0)!;
	if (g.length <= (first > 0xffff ? 2 : 1)) return runeWidth(first, ea);
	// A flag (two regional indicators): two columns on a terminal (tmux, xterm, kitty) and for Ink.
	if (terminalWidths && g.length === 4 && first >= 0x1f1e6 && first <= 0x1f1ff) return 2;
	let total = 0;
	let w = 0;
	let afterMark = false;
	for (let i = 0; i < g.length; ) {
		const cp = g.codePointAt(i)!;
		const ch = String.fromCodePoint(cp);
		i += ch.length;
		if (afterMark && letterRe.test(ch) && !hangulRe.test(ch)) {
			total += w;
			w = 0;
		}
		if (w === 0) w = runeWidth(cp, ea);
		afterMark = cp === 0x200d || anyMarkRe.test(ch);
	}
	return total + w;
}

/** True when every code unit is below U+0300 (no clustering can change the sum of rune widths). */
function simple(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x300) return false;
	return true;
}

function simpleWidth(s: string): number {
	let w = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c !== 0xad) w++;
	}
	return w;
}

/**
 * Columns a string occupies (go-runewidth StringWidth): CJK = 2, combining marks and control
 * characters = 0. This is the width docker's tabwriter uses for table cells.
 */
export function displayWidth(s: string, opts?: WidthOptions): number {
	const ea = opts?.eastAsian === true;
	if (ea ? asciiOnly(s) : simple(s)) return simpleWidth(s);
	// Without cluster-forming code points every rune is its own cluster.
	const shift = ea ? 2 : 0;
	let w = 0;
	for (let i = 0; i < s.length; ) {
		const cp = s.codePointAt(i)!;
		i += cp > 0xffff ? 2 : 1;
		const p = props(cp);
		if (p & 16) return clusteredWidth(s, ea);
		w += (p >> shift) & 3;
	}
	return w;
}

function clusteredWidth(s: string, ea: boolean): number {
	let w = 0;
	for (const {segment} of graphemes(s)) w += clusterWidth(segment, ea);
	return w;
}

function asciiOnly(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
	return true;
}

/**
 * go-runewidth's locale detection (runewidth.go handleEnv + runewidth_posix.go IsEastAsian):
 * RUNEWIDTH_EASTASIAN=1/other wins; else the first non-empty of LC_ALL, LC_CTYPE, LANG names a
 * multibyte charset and (for UTF-8) a ja/ko/zh language. Pass process.env.
 */
export function isEastAsianEnv(env: Record<string, string | undefined>): boolean {
	const forced = env.RUNEWIDTH_EASTASIAN;
	if (forced !== undefined && forced !== '') return forced === '1';
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	if (locale === 'POSIX' || locale === 'C') return false;
	if (locale.length > 1 && locale[0] === 'C' && (locale[1] === '.' || locale[1] === '-')) return false;
	let charset = locale.toLowerCase();
	const m = /^[a-z][a-z][a-z]?(?:_[A-Z][A-Z])?\.(.+)/.exec(locale);
	if (m) charset = m[1].toLowerCase();
	if (charset.endsWith('@cjk_narrow')) return false;
	const at = charset.indexOf('@');
	if (at >= 0) charset = charset.slice(0, at);
	const mbcMax: Record<string, number> = {
		'utf-8': 6,
		utf8: 6,
		jis: 8,
		eucjp: 3,
		euckr: 2,
		euccn: 2,
		sjis: 2,
		cp932: 2,
		cp51932: 2,
		cp936: 2,
		cp949: 2,
		cp950: 2,
		big5: 2,
		gbk: 2,
		gb2312: 2,
	};
	const max = mbcMax[charset] ?? 1;
	return max > 1 && (charset[0] !== 'u' || /^(ja|ko|zh)/.test(locale));
}

/**
 * Cut s to at most cols columns, appending tail (counted in the budget) when something was cut,
 * like go-runewidth Truncate. Never splits a grapheme cluster.
 */
export function truncateToWidth(s: string, cols: number, tail = '', opts?: WidthOptions): string {
	const ea = opts?.eastAsian === true;
	if (displayWidth(s, opts) <= cols) return s;
	const budget = cols - displayWidth(tail, opts);
	const shift = ea ? 2 : 0;
	let w = 0;
	// Fast path: rune by rune while no cluster-forming code point shows up.
	let clustered = false;
	for (let i = 0; i < s.length; ) {
		const cp = s.codePointAt(i)!;
		const p = props(cp);
		if (p & 16) {
			clustered = true;
			break;
		}
		const cw = (p >> shift) & 3;
		if (w + cw > budget) return s.slice(0, i) + tail;
		w += cw;
		i += cp > 0xffff ? 2 : 1;
	}
	if (!clustered) return s + tail;
	w = 0;
	for (const {segment, index} of graphemes(s)) {
		const cw = clusterWidth(segment, ea);
		if (w + cw > budget) return s.slice(0, index) + tail;
		w += cw;
	}
	return s + tail;
}

/** Pad s with spaces on the right to cols columns (no-op when already wider). */
export function padEndToWidth(s: string, cols: number, opts?: WidthOptions): string {
	const w = displayWidth(s, opts);
	return w >= cols ? s : s + ' '.repeat(cols - w);
}

/** golang.org/x/text/width based rune width used by docker's Ellipsis: W/F = 2, else 1. */
export function xtextRuneWidth(cp: number): number {
	return isWide(cp) ? 2 : 1;
}

/** Sum of xtextRuneWidth over the runes of s (lone surrogates count as one rune, U+FFFD). */
export function xtextWidth(s: string): number {
	let w = 0;
	for (let i = 0; i < s.length; ) {
		const cp = s.codePointAt(i)!;
		i += cp > 0xffff ? 2 : 1;
		w += xtextRuneWidth(cp);
	}
	return w;
}

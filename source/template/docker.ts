// docker/cli templates/templates.go (v28): the functions every docker
// --format template gets, and the identity replacements used for table headers.
import type {GoValue} from './core.js';
import {T, fromBytes, toBytes} from './core.js';
import type {GoFunc} from './funcs.js';
import {marshalJSON} from './json.js';
import type {Val} from './reflect.js';

const str = (s: string): GoValue => ({type: T.string, v: s});
const s0 = (a: Val[], i: number): string => a[i]!.v as string;
const n0 = (a: Val[], i: number): number => Number(a[i]!.v as bigint);

// unicode.ToUpper / ToLower / ToTitle work per rune: no multi-character results (ß stays ß).
const TITLE_DIGRAPHS: Record<string, string> = {
	'\u01C4': '\u01C5', '\u01C5': '\u01C5', '\u01C6': '\u01C5', '\u01C7': '\u01C8', '\u01C8': '\u01C8', '\u01C9': '\u01C8',
	'\u01CA': '\u01CB', '\u01CB': '\u01CB', '\u01CC': '\u01CB', '\u01F1': '\u01F2', '\u01F2': '\u01F2', '\u01F3': '\u01F2',
};
function mapRune(ch: string, upper: boolean): string {
	// strings.Map turns each byte of invalid UTF-8 (an escaped byte, see core.ts) into U+FFFD.
	if (ch.length === 1 && ch >= '\udc80' && ch <= '\udcff') return '\ufffd';
	if (!upper && ch === '\u0130') return 'i';
	const m = upper ? ch.toUpperCase() : ch.toLowerCase();
	return [...m].length === 1 ? m : ch;
}
export const goUpper = (s: string): string => [...s].map(c => mapRune(c, true)).join('');
export const goLower = (s: string): string => [...s].map(c => mapRune(c, false)).join('');

function isSeparator(c: string): boolean {
	const r = c.codePointAt(0)!;
	if (r <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
	if (/[\p{L}\p{Nd}]/u.test(c)) return false;
	return /\s/u.test(c);
}

/** strings.Title (deprecated in Go but what docker uses). */
export function goTitle(s: string): string {
	let prev = ' ';
	let out = '';
	for (const c of s) {
		out += isSeparator(prev) ? (TITLE_DIGRAPHS[c] ?? mapRune(c, true)) : c.length === 1 && c >= '\udc80' && c <= '\udcff' ? '\ufffd' : c;
		prev = c;
	}
	return out;
}

/** strings.Split. */
export function goSplit(s: string, sep: string): string[] {
	if (sep === '') return [...s];
	return s.split(sep);
}

// Go's strings.Repeat(" ", n): a count past the heap's 2^48 bytes fails to
// allocate (makeslice); below that Go would try, and so does JavaScript.
function repeatSpace(n: number): string {
	if (n < 0) throw new Error('strings: negative Repeat count');
	if (n > 2 ** 48) throw new Error('runtime error: makeslice: len out of range');
	return ' '.repeat(n);
}

export const dockerFuncs: Record<string, GoFunc> = {
	json: {
		params: [T.any], result: T.string,
		// docker panics on the encoder's error; text/template reports the panic as
		// "error calling json: json: unsupported type: complex128".
		call: a => str(marshalJSON(a[0], {escapeHTML: false})),
	},
	split: {
		params: [T.string, T.string], result: T.stringSlice,
		call: a => ({type: T.stringSlice, v: goSplit(s0(a, 0), s0(a, 1)).map(str)}),
	},
	join: {
		params: [T.stringSlice, T.string], result: T.string,
		call: a => str(((a[0]!.v as GoValue[] | null) ?? []).map(x => x.v as string).join(s0(a, 1))),
	},
	title: {params: [T.string], result: T.string, call: a => str(goTitle(s0(a, 0)))},
	lower: {params: [T.string], result: T.string, call: a => str(goLower(s0(a, 0)))},
	upper: {params: [T.string], result: T.string, call: a => str(goUpper(s0(a, 0)))},
	pad: {
		params: [T.string, T.int, T.int], result: T.string,
		call: a => {
			const [src, l, r] = [s0(a, 0), n0(a, 1), n0(a, 2)];
			if (src === '') return str(src);
			return str(repeatSpace(l) + src + repeatSpace(r));
		},
	},
	truncate: {
		params: [T.string, T.int], result: T.string,
		call: a => {
			const bytes = toBytes(s0(a, 0));
			const n = a[1]!.v as bigint;
			if (BigInt(bytes.length) < n) return a[0];
			if (n < 0n) throw new Error(`runtime error: slice bounds out of range [:${n}]`);
			return str(fromBytes(bytes.slice(0, Number(n))));
		},
	},
};

const identity = (params: GoFunc['params']): GoFunc => ({params, result: T.string, call: a => a[0]});

/** docker's HeaderFunctions: replace the basic functions when rendering a table header. */
export const headerFuncs: Record<string, GoFunc> = {
	json: identity([T.string]),
	split: identity([T.string, T.string]),
	join: identity([T.string, T.string]),
	title: identity([T.string]),
	lower: identity([T.string]),
	upper: identity([T.string]),
	truncate: identity([T.string, T.int]),
};

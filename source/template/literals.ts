// Literal parsing as Go does it: strconv.Unquote / UnquoteChar for strings and
// character constants, strconv.ParseInt/ParseUint/ParseFloat (base 0, with
// underscores) for numbers, following parse/node.go's newNumber rules.
import type {NumberNode} from './nodes.js';
import {fromBytes} from './core.js';
import {quote} from './strconv.js';

export class SyntaxError_ extends Error {}
const syntax = (): never => {
	throw new SyntaxError_('invalid syntax');
};

// One (possibly escaped) character from s at i; returns [codepoint, next index, isByte].
function unquoteChar(s: string, i: number, q: string): [number, number, boolean] {
	const c = s[i];
	if (c === q && (q === "'" || q === '"')) syntax();
	if (c !== '\\') {
		const cp = s.codePointAt(i)!;
		return [cp, i + (cp > 0xffff ? 2 : 1), false];
	}
	if (i + 1 >= s.length) syntax();
	const e = s[i + 1];
	i += 2;
	const simple: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92};
	if (e in simple) return [simple[e], i, false];
	if (e === "'" || e === '"') {
		if (e !== q) syntax();
		return [e.charCodeAt(0), i, false];
	}
	if (e === 'x' || e === 'u' || e === 'U') {
		const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
		const h = s.slice(i, i + n);
		if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) syntax();
		const v = parseInt(h, 16);
		if (e === 'x') return [v, i + n, true];
		if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) syntax();
		return [v, i + n, false];
	}
	if (e >= '0' && e <= '7') {
		const o = s.slice(i - 1, i + 2);
		if (!/^[0-7]{3}$/.test(o)) syntax();
		const v = parseInt(o, 8);
		if (v > 255) syntax();
		return [v, i + 2, true];
	}
	return syntax();
}

/** strconv.Unquote for "..." and `...` literals (throws SyntaxError_). */
export function unquote(lit: string): string {
	const q = lit[0];
	if (lit.length < 2 || lit[lit.length - 1] !== q) syntax();
	const body = lit.slice(1, -1);
	if (q === '`') {
		if (body.includes('`')) syntax();
		return body.replace(/\r/g, '');
	}
	if (q !== '"') syntax();
	// Byte escapes (\xNN, octal) may form UTF-8 sequences; collect bytes.
	const bytes: number[] = [];
	const enc = new TextEncoder();
	for (let i = 0; i < body.length;) {
		if (body[i] === '\n') syntax();
		const [cp, next, isByte] = unquoteChar(body, i, '"');
		if (isByte) bytes.push(cp);
		else bytes.push(...enc.encode(String.fromCodePoint(cp)));
		i = next;
	}
	return fromBytes(new Uint8Array(bytes));
}

/** A character constant 'x' -> its code point. */
export function unquoteRune(lit: string): number {
	if (lit.length < 3) syntax();
	const [cp, next] = unquoteChar(lit, 1, "'");
	if (lit.slice(next) !== "'") throw new SyntaxError_(`malformed character constant: ${lit}`);
	return cp;
}

function underscoreOK(s: string): boolean {
	let saw = '^';
	let i = 0;
	if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
	let hex = false;
	if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
		i = 2;
		saw = '0';
		hex = s[1] === 'x' || s[1] === 'X';
	}
	for (; i < s.length; i++) {
		const c = s[i];
		if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
			saw = '0';
			continue;
		}
		if (c === '_') {
			if (saw !== '0') return false;
			saw = '_';
			continue;
		}
		if (saw === '_') return false;
		saw = '!';
	}
	return saw !== '_';
}

// strconv.ParseUint/ParseInt with base 0; null on any error (syntax or range).
function parseInteger(text: string, signed: boolean): bigint | null {
	let s = text;
	let neg = false;
	if (signed && (s[0] === '+' || s[0] === '-')) {
		neg = s[0] === '-';
		s = s.slice(1);
	}
	if (s === '') return null;
	if (s.includes('_') && !underscoreOK(s)) return null;
	let base = 10;
	let digits = s;
	if (s[0] === '0' && s.length > 1) {
		const p = s[1].toLowerCase();
		if (p === 'x') { base = 16; digits = s.slice(2); }
		else if (p === 'o') { base = 8; digits = s.slice(2); }
		else if (p === 'b') { base = 2; digits = s.slice(2); }
		else { base = 8; digits = s.slice(1); }
	}
	digits = digits.replace(/_/g, '');
	if (digits === '') return null;
	const valid = {2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/}[base]!;
	if (!valid.test(digits)) return null;
	const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
	let v = BigInt(prefix + digits);
	if (neg) v = -v;
	if (signed ? v < -(1n << 63n) || v >= 1n << 63n : v >= 1n << 64n) return null;
	return v;
}

// strconv.ParseFloat for decimal and hex floats; null on syntax error.
function parseFloat_(text: string): number | null {
	let s = text;
	if (s.includes('_')) {
		if (!underscoreOK(s)) return null;
		s = s.replace(/_/g, '');
	}
	const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
	if (m) {
		if (m[2] === '' && (m[3] ?? '') === '') return null;
		const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16);
		const v = mant * 2 ** (Number(m[4]) - 4 * (m[3] ?? '').length);
		if (!Number.isFinite(v)) return null;
		return m[1] === '-' ? -v : v;
	}
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
		if (/^[+-]?(inf|infinity)$/i.test(s)) return s[0] === '-' ? -Infinity : Infinity;
		if (/^nan$/i.test(s)) return NaN;
		return null;
	}
	const v = Number(s);
	return Number.isFinite(v) ? v : null; // out of range is an error in ParseFloat
}

/** parse.newNumber: the number node's flags and values, or an error message. */
export function parseNumber(pos: number, text: string, isChar: boolean, isComplex: boolean): NumberNode | string {
	const n: NumberNode = {
		type: 'number', pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false,
		int64: 0n, uint64: 0n, float64: 0, re: 0, im: 0,
	};
	if (isChar) {
		let r: number;
		try {
			r = unquoteRune(text);
		} catch (e) {
			return (e as Error).message;
		}
		Object.assign(n, {int64: BigInt(r), isInt: true, uint64: BigInt(r), isUint: true, float64: r, isFloat: true});
		return n;
	}
	if (isComplex) {
		const m = /^(.*[^eEpP])([+-].*)i$/.exec(text);
		const re = m ? parseFloat_(m[1]) : null;
		const im = m ? parseFloat_(m[2]) : null;
		if (re === null || im === null) return 'expected integer';
		Object.assign(n, {isComplex: true, re, im});
		return simplifyComplex(n);
	}
	if (text.endsWith('i')) {
		const f = parseFloat_(text.slice(0, -1));
		if (f !== null) {
			Object.assign(n, {isComplex: true, re: 0, im: f});
			return simplifyComplex(n);
		}
	}
	const u = parseInteger(text, false);
	if (u !== null) Object.assign(n, {isUint: true, uint64: u});
	const i = parseInteger(text, true);
	if (i !== null) {
		Object.assign(n, {isInt: true, int64: i});
		if (i === 0n) Object.assign(n, {isUint: true, uint64: u ?? 0n});
	}
	if (n.isInt) Object.assign(n, {isFloat: true, float64: Number(n.int64)});
	else if (n.isUint) Object.assign(n, {isFloat: true, float64: Number(n.uint64)});
	else {
		const f = parseFloat_(text);
		if (f !== null) {
			if (!/[.eEpP]/.test(text)) return `integer overflow: ${quote(text)}`;
			Object.assign(n, {isFloat: true, float64: f});
			if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) Object.assign(n, {isInt: true, int64: BigInt(f)});
			if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) Object.assign(n, {isUint: true, uint64: BigInt(f)});
		}
	}
	if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${quote(text)}`;
	return n;
}

// A complex constant with zero imaginary part is also a float (and maybe an int).
function simplifyComplex(n: NumberNode): NumberNode {
	n.isFloat = n.im === 0;
	if (n.isFloat) {
		n.float64 = n.re;
		n.isInt = Number.isInteger(n.re) && Math.abs(n.re) < 2 ** 63;
		if (n.isInt) n.int64 = BigInt(n.re);
		n.isUint = n.isInt && n.re >= 0;
		if (n.isUint) n.uint64 = BigInt(n.re);
	}
	return n;
}

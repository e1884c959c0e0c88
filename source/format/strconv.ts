/**
 * Go's strconv, the parts the template engine and docker's formatters need:
 * FormatFloat (exact, via BigInt), Quote family, Unquote, IsPrint.
 *
 * Float formatting follows Go's bigFtoa path (src/strconv/ftoa.go + decimal.go): the exact decimal
 * expansion of the binary value, then roundShortest (prec -1) or round-half-even at the requested
 * digit. Go's fast paths (Ryu) produce the same digits, so the result matches Go byte for byte.
 *
 * Strings: a JS string holds UTF-16, a Go string holds bytes. Functions here accept either a JS
 * string (encoded as UTF-8; a lone surrogate becomes U+FFFD, as TextEncoder does) or a Uint8Array
 * holding Go bytes, in which case invalid UTF-8 is handled byte by byte exactly like Go (`\x80`).
 */

export type FloatFormat = 'b' | 'e' | 'E' | 'f' | 'g' | 'G' | 'x' | 'X';

interface FloatInfo {
	mantbits: number;
	expbits: number;
	bias: number;
}

const float32info: FloatInfo = {mantbits: 23, expbits: 8, bias: -127};
const float64info: FloatInfo = {mantbits: 52, expbits: 11, bias: -1023};

/** Go's multiprecision decimal: digits (ASCII '0'-'9', no trailing zeros), decimal point position. */
interface Decimal {
	d: string;
	dp: number;
}

const scratch = new DataView(new ArrayBuffer(8));

/** Exact decimal value of mant * 2^shift (mant >= 0). */
function exactDecimal(mant: bigint, shift: number): Decimal {
	if (mant === 0n) return {d: '', dp: 0};
	let digits: string;
	let dp: number;
	if (shift >= 0) {
		digits = (mant << BigInt(shift)).toString();
		dp = digits.length;
	} else {
		// mant / 2^k = mant * 5^k / 10^k
		const k = -shift;
		digits = (mant * 5n ** BigInt(k)).toString();
		dp = digits.length - k;
	}
	return trim({d: digits, dp});
}

function trim(a: Decimal): Decimal {
	let n = a.d.length;
	while (n > 0 && a.d.charCodeAt(n - 1) === 48) n--;
	if (n === 0) return {d: '', dp: 0};
	return n === a.d.length ? a : {d: a.d.slice(0, n), dp: a.dp};
}

function shouldRoundUp(a: Decimal, nd: number): boolean {
	if (nd < 0 || nd >= a.d.length) return false;
	if (a.d[nd] === '5' && nd + 1 === a.d.length) {
		// exactly halfway: round to even
		return nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
	}
	return a.d[nd] >= '5';
}

function roundUp(a: Decimal, nd: number): Decimal {
	if (nd < 0 || nd >= a.d.length) return a;
	for (let i = nd - 1; i >= 0; i--) {
		const c = a.d.charCodeAt(i);
		if (c < 57) {
			return {d: a.d.slice(0, i) + String.fromCharCode(c + 1), dp: a.dp};
		}
	}
	// all 9s
	return {d: '1', dp: a.dp + 1};
}

function roundDown(a: Decimal, nd: number): Decimal {
	if (nd < 0 || nd >= a.d.length) return a;
	return trim({d: a.d.slice(0, nd), dp: a.dp});
}

function round(a: Decimal, nd: number): Decimal {
	if (nd < 0 || nd >= a.d.length) return a;
	return shouldRoundUp(a, nd) ? roundUp(a, nd) : roundDown(a, nd);
}

function roundShortest(d: Decimal, mant: bigint, exp: number, flt: FloatInfo): Decimal {
	if (mant === 0n) return {d: '', dp: 0};
	const minexp = flt.bias + 1;
	if (exp > minexp && 332 * (d.dp - d.d.length) >= 100 * (exp - flt.mantbits)) {
		return d;
	}
	const upper = exactDecimal(mant * 2n + 1n, exp - flt.mantbits - 1);
	let mantlo: bigint;
	let explo: number;
	if (mant > 1n << BigInt(flt.mantbits) || exp === minexp) {
		mantlo = mant - 1n;
		explo = exp;
	} else {
		mantlo = mant * 2n - 1n;
		explo = exp - 1;
	}
	const lower = exactDecimal(mantlo * 2n + 1n, explo - flt.mantbits - 1);
	const inclusive = mant % 2n === 0n;
	let upperdelta = 0;
	for (let ui = 0; ; ui++) {
		const mi = ui - upper.dp + d.dp;
		if (mi >= d.d.length) break;
		const li = ui - upper.dp + lower.dp;
		const l = li >= 0 && li < lower.d.length ? lower.d.charCodeAt(li) : 48;
		const m = mi >= 0 ? d.d.charCodeAt(mi) : 48;
		const u = ui < upper.d.length ? upper.d.charCodeAt(ui) : 48;
		const okdown = l !== m || (inclusive && li + 1 === lower.d.length);
		if (upperdelta === 0 && m + 1 < u) upperdelta = 2;
		else if (upperdelta === 0 && m !== u) upperdelta = 1;
		else if (upperdelta === 1 && (m !== 57 || u !== 48)) upperdelta = 2;
		const okup = upperdelta > 0 && (inclusive || upperdelta > 1 || ui + 1 < upper.d.length);
		if (okdown && okup) return round(d, mi + 1);
		if (okdown) return roundDown(d, mi + 1);
		if (okup) return roundUp(d, mi + 1);
	}
	return d;
}

function fmtE(neg: boolean, d: Decimal, prec: number, fmt: string): string {
	let out = neg ? '-' : '';
	out += d.d.length !== 0 ? d.d[0] : '0';
	if (prec > 0) {
		out += '.';
		const m = Math.min(d.d.length, prec + 1);
		let i = 1;
		if (i < m) {
			out += d.d.slice(i, m);
			i = m;
		}
		if (i <= prec) out += '0'.repeat(prec - i + 1);
	}
	out += fmt;
	const exp = d.d.length === 0 ? 0 : d.dp - 1;
	return out + signedExponent(exp);
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
	let out = neg ? '-' : '';
	if (d.dp > 0) {
		const m = Math.min(d.d.length, d.dp);
		out += d.d.slice(0, m);
		if (m < d.dp) out += '0'.repeat(d.dp - m);
	} else {
		out += '0';
	}
	if (prec > 0) {
		out += '.';
		for (let i = 0; i < prec; i++) {
			const j = d.dp + i;
			out += j >= 0 && j < d.d.length ? d.d[j] : '0';
		}
	}
	return out;
}

function fmtB(neg: boolean, mant: bigint, exp: number, flt: FloatInfo): string {
	exp -= flt.mantbits;
	return (neg ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + String(exp);
}

function fmtX(prec: number, fmt: 'x' | 'X', neg: boolean, mant: bigint, exp: number, flt: FloatInfo): string {
	if (mant === 0n) exp = 0;
	const bit60 = 1n << 60n;
	const mask64 = (1n << 64n) - 1n;
	mant <<= BigInt(60 - flt.mantbits);
	while (mant !== 0n && (mant & bit60) === 0n) {
		mant <<= 1n;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		const shift = BigInt(prec * 4);
		const extra = (mant << shift) & (bit60 - 1n);
		mant >>= 60n - shift;
		if ((extra | (mant & 1n)) > 1n << 59n) mant++;
		mant <<= 60n - shift;
		if ((mant & (1n << 61n)) !== 0n) {
			mant >>= 1n;
			exp++;
		}
	}
	const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
	let out = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
	mant = (mant << 4n) & mask64;
	if (prec < 0 && mant !== 0n) {
		out += '.';
		while (mant !== 0n) {
			out += hex[Number((mant >> 60n) & 15n)];
			mant = (mant << 4n) & mask64;
		}
	} else if (prec > 0) {
		out += '.';
		for (let i = 0; i < prec; i++) {
			out += hex[Number((mant >> 60n) & 15n)];
			mant = (mant << 4n) & mask64;
		}
	}
	out += fmt === 'X' ? 'P' : 'p';
	return out + signedExponent(exp);
}

/**
 * strconv.FormatFloat(x, fmt, prec, bitSize). prec -1 means the shortest representation that
 * round-trips. bitSize 32 first rounds x to float32 (like Go's float32(val)).
 */
export function formatFloat(x: number, fmt: FloatFormat | string, prec: number, bitSize: 32 | 64 = 64): string {
	let neg: boolean;
	let exp: number;
	let mant: bigint;
	let flt: FloatInfo;
	if (bitSize === 32) {
		flt = float32info;
		scratch.setFloat32(0, x);
		const bits = scratch.getUint32(0);
		neg = bits >>> 31 !== 0;
		exp = (bits >>> 23) & 0xff;
		mant = BigInt(bits & 0x7fffff);
	} else {
		flt = float64info;
		scratch.setFloat64(0, x);
		const bits = scratch.getBigUint64(0);
		neg = bits >> 63n !== 0n;
		exp = Number((bits >> 52n) & 0x7ffn);
		mant = bits & ((1n << 52n) - 1n);
	}
	if (exp === (1 << flt.expbits) - 1) {
		if (mant !== 0n) return 'NaN';
		return neg ? '-Inf' : '+Inf';
	}
	if (exp === 0) exp++;
	else mant |= 1n << BigInt(flt.mantbits);
	exp += flt.bias;

	if (fmt === 'b') return fmtB(neg, mant, exp, flt);
	if (fmt === 'x' || fmt === 'X') return fmtX(prec, fmt, neg, mant, exp, flt);

	let d = exactDecimal(mant, exp - flt.mantbits);
	const shortest = prec < 0;
	if (shortest) {
		d = roundShortest(d, mant, exp, flt);
		switch (fmt) {
			case 'e':
			case 'E':
				prec = d.d.length - 1;
				break;
			case 'f':
				prec = Math.max(d.d.length - d.dp, 0);
				break;
			case 'g':
			case 'G':
				prec = d.d.length;
				break;
		}
	} else {
		switch (fmt) {
			case 'e':
			case 'E':
				d = round(d, prec + 1);
				break;
			case 'f':
				d = round(d, d.dp + prec);
				break;
			case 'g':
			case 'G':
				if (prec === 0) prec = 1;
				d = round(d, prec);
				break;
		}
	}
	switch (fmt) {
		case 'e':
		case 'E':
			return fmtE(neg, d, prec, fmt);
		case 'f':
			return fmtF(neg, d, prec);
		case 'g':
		case 'G': {
			let eprec = prec;
			const nd = d.d.length;
			if (eprec > nd && nd >= d.dp) eprec = nd;
			if (shortest) eprec = 6;
			const e = d.dp - 1;
			if (e < -4 || e >= eprec) {
				if (prec > nd) prec = nd;
				return fmtE(neg, d, prec - 1, fmt === 'g' ? 'e' : 'E');
			}
			if (prec > d.dp) prec = nd;
			return fmtF(neg, d, Math.max(prec - d.dp, 0));
		}
	}
	return '%' + fmt;
}

// ---------------------------------------------------------------------------
// UTF-8 (Go semantics)

const encoder = new TextEncoder();

/** UTF-8 bytes of a JS string (lone surrogates become U+FFFD, i.e. EF BF BD). */
export function utf8Bytes(s: string): Uint8Array {
	return encoder.encode(s);
}

/**
 * Go's utf8.DecodeRune: returns [rune, size]; invalid or short input gives [0xFFFD, 1]
 * (or [0xFFFD, 0] for empty input).
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
	const n = b.length - i;
	if (n < 1) return [0xfffd, 0];
	const c0 = b[i];
	if (c0 < 0x80) return [c0, 1];
	if (c0 < 0xc2 || c0 > 0xf4) return [0xfffd, 1];
	if (c0 < 0xe0) {
		if (n < 2) return [0xfffd, 1];
		const c1 = b[i + 1];
		if (c1 < 0x80 || c1 > 0xbf) return [0xfffd, 1];
		return [((c0 & 0x1f) << 6) | (c1 & 0x3f), 2];
	}
	let lo = 0x80;
	let hi = 0xbf;
	if (c0 === 0xe0) lo = 0xa0;
	else if (c0 === 0xed) hi = 0x9f;
	else if (c0 === 0xf0) lo = 0x90;
	else if (c0 === 0xf4) hi = 0x8f;
	if (n < 2) return [0xfffd, 1];
	const c1 = b[i + 1];
	if (c1 < lo || c1 > hi) return [0xfffd, 1];
	if (c0 < 0xf0) {
		if (n < 3) return [0xfffd, 1];
		const c2 = b[i + 2];
		if (c2 < 0x80 || c2 > 0xbf) return [0xfffd, 1];
		return [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f), 3];
	}
	if (n < 4) return [0xfffd, 1];
	const c2 = b[i + 2];
	const c3 = b[i + 3];
	if (c2 < 0x80 || c2 > 0xbf || c3 < 0x80 || c3 > 0xbf) return [0xfffd, 1];
	return [((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f), 4];
}

/** Go's utf8.ValidRune. */
export function validRune(r: number): boolean {
	return Number.isInteger(r) && r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
}

// ---------------------------------------------------------------------------
// IsPrint / IsGraphic

const printRe = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const graphicExtraRe = /\p{Zs}/u;

/**
 * Go's strconv.IsPrint (== unicode.IsPrint): letters, marks, numbers, punctuation, symbols and
 * the ASCII space. Note: categories come from the JS engine's Unicode version (Node 20: 15.x+),
 * Go 1.24 uses Unicode 15.0, so characters assigned later may differ.
 */
export function isPrint(r: number): boolean {
	if (r < 0x80) return r >= 0x20 && r < 0x7f;
	if (!validRune(r)) return false;
	return printRe.test(String.fromCodePoint(r));
}

/** Go's strconv.IsGraphic: IsPrint plus the Zs spaces. */
export function isGraphic(r: number): boolean {
	if (isPrint(r)) return true;
	if (!validRune(r)) return false;
	return graphicExtraRe.test(String.fromCodePoint(r));
}

// ---------------------------------------------------------------------------
// Quote

const lowerhex = '0123456789abcdef';

function hex(n: number, digits: number): string {
	return n.toString(16).padStart(digits, '0');
}

function escapedRune(r: number, quote: number, asciiOnly: boolean, graphicOnly: boolean): string {
	if (r === quote || r === 0x5c) return '\\' + String.fromCodePoint(r);
	if (asciiOnly) {
		if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
	} else if (isPrint(r) || (graphicOnly && isGraphic(r))) {
		return String.fromCodePoint(r);
	}
	switch (r) {
		case 0x07:
			return '\\a';
		case 0x08:
			return '\\b';
		case 0x0c:
			return '\\f';
		case 0x0a:
			return '\\n';
		case 0x0d:
			return '\\r';
		case 0x09:
			return '\\t';
		case 0x0b:
			return '\\v';
	}
	if (r < 0x20 || r === 0x7f) return '\\x' + lowerhex[r >> 4] + lowerhex[r & 15];
	if (!validRune(r)) r = 0xfffd;
	if (r < 0x10000) return '\\u' + hex(r, 4);
	return '\\U' + hex(r, 8);
}

function quoteWith(s: string | Uint8Array, quote: number, asciiOnly: boolean, graphicOnly: boolean): string {
	const q = String.fromCharCode(quote);
	if (typeof s === 'string') {
		// Fast path: printable ASCII without quote or backslash.
		let simple = true;
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c < 0x20 || c >= 0x7f || c === quote || c === 0x5c) {
				simple = false;
				break;
			}
		}
		if (simple) return q + s + q;
		let out = q;
		for (let i = 0; i < s.length; ) {
			let r = s.codePointAt(i)!;
			i += r > 0xffff ? 2 : 1;
			if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd; // lone surrogate: what TextEncoder produces
			out += escapedRune(r, quote, asciiOnly, graphicOnly);
		}
		return out + q;
	}
	let out = q;
	for (let i = 0; i < s.length; ) {
		const [r, width] = decodeRune(s, i);
		if (width === 1 && r === 0xfffd) {
			out += '\\x' + lowerhex[s[i] >> 4] + lowerhex[s[i] & 15];
			i++;
			continue;
		}
		i += width;
		out += escapedRune(r, quote, asciiOnly, graphicOnly);
	}
	return out + q;
}

/** strconv.Quote */
export function quote(s: string | Uint8Array): string {
	return quoteWith(s, 0x22, false, false);
}

/** strconv.QuoteToASCII */
export function quoteToASCII(s: string | Uint8Array): string {
	return quoteWith(s, 0x22, true, false);
}

/** strconv.QuoteToGraphic */
export function quoteToGraphic(s: string | Uint8Array): string {
	return quoteWith(s, 0x22, false, true);
}

function quoteRuneWith(r: number, asciiOnly: boolean, graphicOnly: boolean): string {
	if (!validRune(r)) r = 0xfffd;
	return "'" + escapedRune(r, 0x27, asciiOnly, graphicOnly) + "'";
}

/** strconv.QuoteRune (invalid runes, including surrogates, become U+FFFD). */
export function quoteRune(r: number): string {
	return quoteRuneWith(r, false, false);
}

/** strconv.QuoteRuneToASCII */
export function quoteRuneToASCII(r: number): string {
	return quoteRuneWith(r, true, false);
}

/** strconv.QuoteRuneToGraphic */
export function quoteRuneToGraphic(r: number): string {
	return quoteRuneWith(r, false, true);
}

// ---------------------------------------------------------------------------
// Unquote

/** strconv.ErrSyntax's message. */
export class ErrSyntax extends Error {
	constructor() {
		super('invalid syntax');
		this.name = 'ErrSyntax';
	}
}

function unhex(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 97 && c <= 102) return c - 87;
	if (c >= 65 && c <= 70) return c - 55;
	return -1;
}

function pushRune(out: number[], r: number): void {
	const e = encoder.encode(String.fromCodePoint(r));
	for (const b of e) out.push(b);
}

/**
 * Go's strconv.UnquoteChar over bytes: returns [value, multibyte, nextIndex] or throws.
 * value is a byte when !multibyte.
 */
function unquoteChar(b: Uint8Array, i: number, quote: number): [number, boolean, number] {
	const c = b[i];
	if (c === quote && (quote === 0x27 || quote === 0x22)) throw new ErrSyntax();
	if (c >= 0x80) {
		const [r, size] = decodeRune(b, i);
		return [r, true, i + size];
	}
	if (c !== 0x5c) return [c, false, i + 1];
	if (i + 1 >= b.length) throw new ErrSyntax();
	const e = b[i + 1];
	i += 2;
	switch (e) {
		case 0x61: // a
			return [7, false, i];
		case 0x62:
			return [8, false, i];
		case 0x66:
			return [12, false, i];
		case 0x6e:
			return [10, false, i];
		case 0x72:
			return [13, false, i];
		case 0x74:
			return [9, false, i];
		case 0x76:
			return [11, false, i];
		case 0x78: // x
		case 0x75: // u
		case 0x55: {
			// U
			const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
			if (b.length - i < n) throw new ErrSyntax();
			let v = 0;
			for (let j = 0; j < n; j++) {
				const x = unhex(b[i + j]);
				if (x < 0) throw new ErrSyntax();
				v = v * 16 + x;
			}
			i += n;
			if (e === 0x78) return [v, false, i];
			if (!validRune(v)) throw new ErrSyntax();
			return [v, true, i];
		}
		case 0x30:
		case 0x31:
		case 0x32:
		case 0x33:
		case 0x34:
		case 0x35:
		case 0x36:
		case 0x37: {
			let v = e - 48;
			if (b.length - i < 2) throw new ErrSyntax();
			for (let j = 0; j < 2; j++) {
				const x = b[i + j] - 48;
				if (x < 0 || x > 7) throw new ErrSyntax();
				v = v * 8 + x;
			}
			i += 2;
			if (v > 255) throw new ErrSyntax();
			return [v, false, i];
		}
		case 0x5c:
			return [0x5c, false, i];
		case 0x27:
		case 0x22:
			if (e !== quote) throw new ErrSyntax();
			return [e, false, i];
		default:
			throw new ErrSyntax();
	}
}

/** strconv.Unquote returning Go bytes (escapes like \xff may produce invalid UTF-8). */
export function unquoteBytes(s: string | Uint8Array): Uint8Array {
	const b = typeof s === 'string' ? encoder.encode(s) : s;
	if (b.length < 2) throw new ErrSyntax();
	const q = b[0];
	if (q !== b[b.length - 1]) throw new ErrSyntax();
	const body = b.subarray(1, b.length - 1);
	if (q === 0x60) {
		if (body.includes(0x60)) throw new ErrSyntax();
		if (!body.includes(0x0d)) return body.slice();
		return body.filter((c) => c !== 0x0d);
	}
	if (q !== 0x22 && q !== 0x27) throw new ErrSyntax();
	if (body.includes(0x0a)) throw new ErrSyntax();
	const out: number[] = [];
	let i = 0;
	let count = 0;
	while (i < body.length) {
		const [v, multibyte, next] = unquoteChar(body, i, q);
		i = next;
		count++;
		if (v < 0x80 || !multibyte) out.push(v);
		else pushRune(out, v);
		if (q === 0x27 && i < body.length) throw new ErrSyntax();
	}
	// Go's fast path accepts '' (DecodeRuneInString("") has size 0), so only more than one rune fails.
	if (q === 0x27 && count > 1) throw new ErrSyntax();
	return Uint8Array.from(out);
}

const decoder = new TextDecoder('utf-8', {fatal: false});

/**
 * strconv.Unquote. Throws an Error with message `invalid syntax` (Go's ErrSyntax).
 * Bytes that are not valid UTF-8 (from `\x` or octal escapes) become U+FFFD in the JS string;
 * use unquoteBytes to keep them.
 */
export function unquote(s: string | Uint8Array): string {
	return decoder.decode(unquoteBytes(s));
}

/** strconv.CanBackquote */
export function canBackquote(s: string | Uint8Array): boolean {
	const b = typeof s === 'string' ? encoder.encode(s) : s;
	for (let i = 0; i < b.length; ) {
		const [r, w] = decodeRune(b, i);
		i += w;
		if (w > 1) {
			if (r === 0xfeff) return false;
			continue;
		}
		if (r === 0xfffd) return false;
		if ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f) return false;
	}
	return true;
}

/** An exponent as Go's %e and %x write it: a sign, then at least two digits. */
function signedExponent(exp: number): string {
	const digits = String(Math.abs(exp));
	return (exp < 0 ? '-' : '+') + (digits.length < 2 ? '0' + digits : digits);
}

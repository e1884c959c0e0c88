// Go's strconv float formatting and quoting, private to the template engine
// (the architecture forbids importing source/format). Floats are expanded to
// their exact decimal value with BigInt and rounded half-to-even like Go's
// decimal type, so %.2f of 0.125 is 0.12 (JavaScript's toFixed says 0.13).

interface Digits {
	d: string; // significant digits, no leading or trailing zeros ('' for zero)
	dp: number; // decimal point position: value = 0.d × 10^dp
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

// The exact decimal expansion of a finite double.
function exact(x: number): Digits {
	f64[0] = Math.abs(x);
	const bits = u64[0];
	const expBits = Number((bits >> 52n) & 0x7ffn);
	let mant = bits & ((1n << 52n) - 1n);
	let e: number;
	if (expBits === 0) e = -1074;
	else {
		mant |= 1n << 52n;
		e = expBits - 1075;
	}
	if (mant === 0n) return {d: '', dp: 0};
	let s: string;
	let dp: number;
	if (e >= 0) {
		s = (mant << BigInt(e)).toString();
		dp = s.length;
	} else {
		s = (mant * 5n ** BigInt(-e)).toString();
		dp = s.length + e; // divided by 10^-e
	}
	return trim({d: s, dp});
}

function trim(a: Digits): Digits {
	let end = a.d.length;
	while (end > 0 && a.d[end - 1] === '0') end--;
	let start = 0;
	while (start < end && a.d[start] === '0') start++;
	if (start === end) return {d: '', dp: 0};
	return {d: a.d.slice(start, end), dp: a.dp - start};
}

/** Round to nd significant digits, half to even on exact ties (Go's decimal.Round). */
function round(a: Digits, nd: number): Digits {
	if (nd < 0 || nd >= a.d.length) return a;
	const c = a.d[nd];
	let up: boolean;
	if (c === '5' && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
	else up = c >= '5';
	if (!up) return trim({d: a.d.slice(0, nd), dp: a.dp});
	let i = nd - 1;
	while (i >= 0 && a.d[i] === '9') i--;
	if (i < 0) return {d: '1', dp: a.dp + 1};
	return trim({d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp});
}

// Shortest digits that read back as x (at the given bit size).
function shortest(x: number, bitSize: number): Digits {
	const ex = exact(x);
	if (ex.d === '') return ex;
	if (bitSize === 64) {
		// ECMAScript's Number-to-string is the shortest round-trip, closest on ties: same as Go.
		const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
		if (m) return trim({d: m[1] + (m[2] ?? ''), dp: Number(m[3]) + 1});
	}
	for (let p = 1; p <= 17; p++) {
		const r = round(ex, p);
		const back = Number(`0.${r.d}e${r.dp}`);
		if ((bitSize === 32 ? Math.fround(back) : back) === Math.abs(x)) return r;
	}
	return ex;
}

function fmtE(neg: boolean, a: Digits, prec: number, fmt: string): string {
	let s = neg ? '-' : '';
	s += a.d === '' ? '0' : a.d[0];
	if (prec > 0) {
		s += '.';
		const frac = a.d.slice(1, 1 + prec);
		s += frac + '0'.repeat(prec - frac.length);
	}
	const exp = a.d === '' ? 0 : a.dp - 1;
	const ae = Math.abs(exp);
	return s + fmt + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
}

function fmtF(neg: boolean, a: Digits, prec: number): string {
	let s = neg ? '-' : '';
	if (a.dp > 0) {
		const m = Math.min(a.d.length, a.dp);
		s += a.d.slice(0, m) + '0'.repeat(a.dp - m);
	} else s += '0';
	if (prec > 0) {
		s += '.';
		for (let i = 1; i <= prec; i++) {
			const j = a.dp + i - 1;
			s += j >= 0 && j < a.d.length ? a.d[j] : '0';
		}
	}
	return s;
}

// %b: decimal mantissa and binary exponent, like strconv 'b'.
function fmtB(x: number, bitSize: number): string {
	const neg = x < 0 || Object.is(x, -0);
	let mant: bigint;
	let exp: number;
	if (bitSize === 32) {
		const b = new DataView(new ArrayBuffer(4));
		b.setFloat32(0, x);
		const bits = b.getUint32(0);
		const eb = (bits >>> 23) & 0xff;
		mant = BigInt(bits & 0x7fffff);
		exp = eb === 0 ? -149 : eb - 150;
		if (eb !== 0) mant |= 1n << 23n;
	} else {
		f64[0] = x;
		const bits = u64[0];
		const eb = Number((bits >> 52n) & 0x7ffn);
		mant = bits & ((1n << 52n) - 1n);
		exp = eb === 0 ? -1074 : eb - 1075;
		if (eb !== 0) mant |= 1n << 52n;
	}
	return (neg ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

// %x: hexadecimal mantissa and binary exponent (strconv's fmtX).
function fmtX(x: number, prec: number, fmt: string, bitSize: number): string {
	const neg = x < 0 || Object.is(x, -0);
	let mant: bigint;
	let exp: number;
	const mantbits = bitSize === 32 ? 23 : 52;
	if (bitSize === 32) {
		const b = new DataView(new ArrayBuffer(4));
		b.setFloat32(0, x);
		const bits = b.getUint32(0);
		const eb = (bits >>> 23) & 0xff;
		mant = BigInt(bits & 0x7fffff);
		exp = (eb === 0 ? 1 : eb) - 127;
		if (eb !== 0) mant |= 1n << 23n;
	} else {
		f64[0] = x;
		const bits = u64[0];
		const eb = Number((bits >> 52n) & 0x7ffn);
		mant = bits & ((1n << 52n) - 1n);
		exp = (eb === 0 ? 1 : eb) - 1023;
		if (eb !== 0) mant |= 1n << 52n;
	}
	if (mant === 0n) exp = 0;
	const B60 = 1n << 60n;
	mant <<= BigInt(60 - mantbits);
	while (mant !== 0n && (mant & B60) === 0n) {
		mant <<= 1n;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		const shift = BigInt(prec * 4);
		const extra = (mant << shift) & (B60 - 1n);
		mant >>= 60n - shift;
		if ((extra | (mant & 1n)) > 1n << 59n) mant++;
		mant <<= 60n - shift;
		if ((mant & (1n << 61n)) !== 0n) {
			mant >>= 1n;
			exp++;
		}
	}
	const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
	let s = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
	mant = (mant << 4n) & ((1n << 64n) - 1n);
	if (prec < 0 && mant !== 0n) {
		s += '.';
		while (mant !== 0n) {
			s += hex[Number((mant >> 60n) & 15n)];
			mant = (mant << 4n) & ((1n << 64n) - 1n);
		}
	} else if (prec > 0) {
		s += '.';
		for (let i = 0; i < prec; i++) {
			s += hex[Number((mant >> 60n) & 15n)];
			mant = (mant << 4n) & ((1n << 64n) - 1n);
		}
	}
	s += fmt === 'X' ? 'P' : 'p';
	s += exp < 0 ? '-' : '+';
	const ae = Math.abs(exp);
	return s + (ae < 10 ? '0' + ae : String(ae));
}

/** Go's strconv.FormatFloat(x, fmt, prec, bitSize) for fmt in b e E f g G x X. */
export function formatFloat(x: number, fmt: string, prec: number, bitSize: 32 | 64 = 64): string {
	if (Number.isNaN(x)) return 'NaN';
	if (x === Infinity) return '+Inf';
	if (x === -Infinity) return '-Inf';
	if (fmt === 'b') return fmtB(x, bitSize);
	if (fmt === 'x' || fmt === 'X') return fmtX(x, prec, fmt, bitSize);
	const neg = x < 0 || Object.is(x, -0);
	const isShortest = prec < 0;
	let digs: Digits;
	if (isShortest) {
		digs = shortest(x, bitSize);
		switch (fmt) {
			case 'e': case 'E': prec = Math.max(digs.d.length - 1, 0); break;
			case 'f': prec = Math.max(digs.d.length - digs.dp, 0); break;
			case 'g': case 'G': prec = digs.d.length; break;
		}
	} else {
		const ex = exact(x);
		switch (fmt) {
			case 'e': case 'E': digs = round(ex, prec + 1); break;
			case 'f': digs = round(ex, ex.dp + prec); break;
			default:
				if (prec === 0) prec = 1;
				digs = round(ex, prec);
		}
	}
	switch (fmt) {
		case 'e': case 'E': return fmtE(neg, digs, prec, fmt);
		case 'f': return fmtF(neg, digs, prec);
		case 'g': case 'G': {
			let eprec = prec;
			if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
			if (isShortest) eprec = 6;
			const exp = digs.dp - 1;
			if (digs.d !== '' && (exp < -4 || exp >= eprec)) {
				if (prec > digs.d.length) prec = digs.d.length;
				return fmtE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
			}
			if (prec > digs.dp) prec = digs.d.length;
			return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
		}
	}
	return '%' + fmt;
}

// ---- quoting (strconv.Quote, QuoteRune, QuoteToASCII) ----

const HEX = '0123456789abcdef';

/** Go's unicode.IsPrint approximation: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
	if (r === 0x20) return true;
	if (r < 0x20 || r === 0x7f) return false;
	if (r >= 0x80 && r < 0xa0) return false;
	if (r === 0xad) return false;
	return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(r));
}

function escapeRune(r: number, quote: number, ascii: boolean): string {
	if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
	if (ascii ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
	switch (r) {
		case 7: return '\\a';
		case 8: return '\\b';
		case 12: return '\\f';
		case 10: return '\\n';
		case 13: return '\\r';
		case 9: return '\\t';
		case 11: return '\\v';
	}
	if (r < 0x20 || r === 0x7f) return '\\x' + HEX[r >> 4] + HEX[r & 15];
	if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
	if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
	return '\\U' + r.toString(16).padStart(8, '0');
}

/** strconv.Quote (ascii=false) / QuoteToASCII (ascii=true). */
export function quote(s: string, ascii = false): string {
	let out = '"';
	for (const ch of s) out += escapeRune(ch.codePointAt(0)!, 0x22, ascii);
	return out + '"';
}

/** strconv.QuoteRune / QuoteRuneToASCII. */
export function quoteRune(r: number, ascii = false): string {
	if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000) || r < 0) r = 0xfffd;
	return "'" + escapeRune(r, 0x27, ascii) + "'";
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
	for (const ch of s) {
		const r = ch.codePointAt(0)!;
		if (r === 0x60 || r === 0xfeff) return false;
		if (r < 0x20 && r !== 9) return false;
		if (r === 0x7f) return false;
	}
	return true;
}

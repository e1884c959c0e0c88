// Go's fmt/format.go: the flag state and the primitive formatters (padding,
// integers, floats, strings, runes). Widths and precisions count runes.
import {canBackquote, formatFloat, isPrint, quote, quoteRune} from './strconv.js';

export const LDIGITS = '0123456789abcdefx';
export const UDIGITS = '0123456789ABCDEFX';

const runeCount = (s: string): number => {
	let n = 0;
	for (const _ of s) n++;
	return n;
};

export class Fmt {
	buf = '';
	wid = 0;
	prec = 0;
	widPresent = false;
	precPresent = false;
	minus = false;
	plus = false;
	sharp = false;
	space = false;
	zero = false;
	plusV = false;
	sharpV = false;

	clearflags(): void {
		this.wid = this.prec = 0;
		this.widPresent = this.precPresent = false;
		this.minus = this.plus = this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
	}

	writePadding(n: number): void {
		if (n <= 0) return;
		this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
	}

	pad(s: string): void {
		if (!this.widPresent || this.wid === 0) {
			this.buf += s;
			return;
		}
		const width = this.wid - runeCount(s);
		if (!this.minus) {
			this.writePadding(width);
			this.buf += s;
		} else {
			this.buf += s;
			this.writePadding(width);
		}
	}

	fmtBoolean(v: boolean): void {
		this.pad(v ? 'true' : 'false');
	}

	/** fmtInteger: u is the value (signed values may be negative). */
	fmtInteger(v: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
		const negative = isSigned && v < 0n;
		let u = negative ? -v : v;
		let prec = 0;
		if (this.precPresent) {
			prec = this.prec;
			if (prec === 0 && u === 0n) {
				const oldZero = this.zero;
				this.zero = false;
				this.writePadding(this.wid);
				this.zero = oldZero;
				return;
			}
		} else if (this.zero && !this.minus && this.widPresent) {
			prec = this.wid;
			if (negative || this.plus || this.space) prec--;
		}
		let s = '';
		const b = BigInt(base);
		if (u === 0n) s = '0';
		while (u > 0n) {
			s = digits[Number(u % b)] + s;
			u /= b;
		}
		if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
		if (this.sharp) {
			if (base === 2) s = '0b' + s;
			else if (base === 8 && s[0] !== '0') s = '0' + s;
			else if (base === 16) s = '0' + digits[16] + s;
		}
		if (verb === 'O') s = '0o' + s;
		if (negative) s = '-' + s;
		else if (this.plus) s = '+' + s;
		else if (this.space) s = ' ' + s;
		const oldZero = this.zero;
		this.zero = false;
		this.pad(s);
		this.zero = oldZero;
	}

	fmtUnicode(u: bigint): void {
		let prec = 4;
		if (this.precPresent && this.prec > 4) prec = this.prec;
		let s = u.toString(16).toUpperCase();
		if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
		s = 'U+' + s;
		if (this.sharp && u <= 0x10ffffn && isPrint(Number(u)) && !(u >= 0xd800n && u < 0xe000n)) {
			s += ` '${String.fromCodePoint(Number(u))}'`;
		}
		const oldZero = this.zero;
		this.zero = false;
		this.pad(s);
		this.zero = oldZero;
	}

	private static rune(c: bigint): number {
		if (c > 0x10ffffn || c < 0n || (c >= 0xd800n && c < 0xe000n)) return 0xfffd;
		return Number(c);
	}

	fmtC(c: bigint): void {
		this.pad(String.fromCodePoint(Fmt.rune(c)));
	}

	fmtQc(c: bigint): void {
		const r = Fmt.rune(c);
		const ch = String.fromCodePoint(r);
		if (this.sharp && canBackquote(ch)) this.pad(`'${ch}'`);
		else this.pad(quoteRune(r, this.plus));
	}

	fmtFloat(v: number, size: 32 | 64, verb: string, prec: number): void {
		if (this.precPresent) prec = this.prec;
		let num = formatFloat(v, verb, prec, size);
		num = num[0] === '-' || num[0] === '+' ? num : '+' + num;
		if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
		if (num[1] === 'I' || num[1] === 'N') {
			const oldZero = this.zero;
			this.zero = false;
			if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
			this.pad(num);
			this.zero = oldZero;
			return;
		}
		if (this.sharp && verb !== 'b') {
			let digits = 0;
			if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
				digits = prec;
				if (digits === -1) digits = 6;
			}
			let tail = '';
			let body = num;
			const m = verb === 'x' || verb === 'X' ? /[pP]/.exec(num) : /[eEpP]/.exec(num);
			if (m) {
				tail = num.slice(m.index);
				body = num.slice(0, m.index);
			}
			let hasDot = false;
			let sawNonzero = false;
			for (let i = 1; i < body.length; i++) {
				const c = body[i];
				if (c === '.') hasDot = true;
				else {
					if (c !== '0') sawNonzero = true;
					if (sawNonzero) digits--;
				}
			}
			if (!hasDot) {
				if (body.length === 2 && body[1] === '0') digits--;
				body += '.';
			}
			while (digits > 0) {
				body += '0';
				digits--;
			}
			num = body + tail;
		}
		if (this.plus || num[0] !== '+') {
			if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
				this.buf += num[0];
				this.writePadding(this.wid - num.length);
				this.buf += num.slice(1);
				return;
			}
			this.pad(num);
			return;
		}
		this.pad(num.slice(1));
	}

	truncate(s: string): string {
		if (this.precPresent) {
			const chars = [...s];
			if (chars.length > this.prec) return chars.slice(0, this.prec).join('');
		}
		return s;
	}

	fmtS(s: string): void {
		this.pad(this.truncate(s));
	}

	/** %x/%X of a string or byte slice. */
	fmtSbx(bytes: Uint8Array, digits: string): void {
		let length = bytes.length;
		if (this.precPresent && this.prec < length) length = this.prec;
		let width = 2 * length;
		if (width > 0) {
			if (this.space) {
				if (this.sharp) width *= 2;
				width += length - 1;
			} else if (this.sharp) width += 2;
		} else {
			if (this.widPresent) this.writePadding(this.wid);
			return;
		}
		if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
		let s = '';
		if (this.sharp) s += '0' + digits[16];
		for (let i = 0; i < length; i++) {
			if (this.space && i > 0) {
				s += ' ';
				if (this.sharp) s += '0' + digits[16];
			}
			s += digits[bytes[i] >> 4] + digits[bytes[i] & 15];
		}
		this.buf += s;
		if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
	}

	fmtQ(s: string): void {
		s = this.truncate(s);
		if (this.sharp && canBackquote(s)) {
			this.pad('`' + s + '`');
			return;
		}
		this.pad(quote(s, this.plus));
	}
}

// Go's fmt.Sprintf format parsing (doPrintf): flags, width, precision, `*`,
// explicit argument indexes, and the %!(NOVERB) / MISSING / EXTRA / BADINDEX forms.
import {isIntKind, isUintKind, typeString} from './core.js';
import {Printer, type Arg} from './print.js';

/** fmt.Sprintf. */
export function sprintf(format: string, args: Arg[]): string {
	const p = new Printer();
	doPrintf(p, format, args);
	return p.buf;
}

function doPrintf(p: Printer, format: string, a: Arg[]): void {
	const f = p.f;
	const end = format.length;
	let argNum = 0;
	let afterIndex = false;
	p.reordered = false;
	let i = 0;
	outer: while (i < end) {
		p.goodArgNum = true;
		const lasti = i;
		while (i < end && format[i] !== '%') i++;
		if (i > lasti) f.buf += format.slice(lasti, i);
		if (i >= end) break;
		i++;
		f.clearflags();
		simple: for (; i < end; i++) {
			const c = format[i];
			switch (c) {
				case '#': f.sharp = true; break;
				case '0': f.zero = true; break;
				case '+': f.plus = true; break;
				case '-': f.minus = true; break;
				case ' ': f.space = true; break;
				default:
					if (c >= 'a' && c <= 'z' && argNum < a.length) {
						if (c === 'v') {
							f.sharpV = f.sharp;
							f.sharp = false;
							f.plusV = f.plus;
							f.plus = false;
						}
						p.printArg(a[argNum], c);
						argNum++;
						i++;
						continue outer;
					}
					break simple;
			}
		}
		[argNum, i, afterIndex] = argNumber(p, argNum, format, i, a.length);
		if (i < end && format[i] === '*') {
			i++;
			[f.wid, f.widPresent, argNum] = intFromArg(a, argNum);
			if (!f.widPresent) f.buf += '%!(BADWIDTH)';
			if (f.wid < 0) {
				f.wid = -f.wid;
				f.minus = true;
				f.zero = false;
			}
			afterIndex = false;
		} else {
			[f.wid, f.widPresent, i] = parsenum(format, i, end);
			if (afterIndex && f.widPresent) p.goodArgNum = false;
		}
		if (i + 1 < end && format[i] === '.') {
			i++;
			if (afterIndex) p.goodArgNum = false;
			[argNum, i, afterIndex] = argNumber(p, argNum, format, i, a.length);
			if (i < end && format[i] === '*') {
				i++;
				[f.prec, f.precPresent, argNum] = intFromArg(a, argNum);
				if (f.prec < 0) {
					f.prec = 0;
					f.precPresent = false;
				}
				if (!f.precPresent) f.buf += '%!(BADPREC)';
				afterIndex = false;
			} else {
				[f.prec, f.precPresent, i] = parsenum(format, i, end);
				if (!f.precPresent) {
					f.prec = 0;
					f.precPresent = true;
				}
			}
		}
		if (!afterIndex) [argNum, i, afterIndex] = argNumber(p, argNum, format, i, a.length);
		if (i >= end) {
			f.buf += '%!(NOVERB)';
			break;
		}
		const verb = String.fromCodePoint(format.codePointAt(i)!);
		i += verb.length;
		if (verb === '%') f.buf += '%';
		else if (!p.goodArgNum) f.buf += `%!${verb}(BADINDEX)`;
		else if (argNum >= a.length) f.buf += `%!${verb}(MISSING)`;
		else {
			if (verb === 'v') {
				f.sharpV = f.sharp;
				f.sharp = false;
				f.plusV = f.plus;
				f.plus = false;
			}
			p.printArg(a[argNum], verb);
			argNum++;
		}
	}
	if (!p.reordered && argNum < a.length) {
		f.clearflags();
		f.buf += '%!(EXTRA ';
		a.slice(argNum).forEach((arg, j) => {
			if (j > 0) f.buf += ', ';
			if (arg === null) f.buf += '<nil>';
			else {
				f.buf += typeString(arg.type) + '=';
				p.printArg(arg, 'v');
			}
		});
		f.buf += ')';
	}
}

function argNumber(p: Printer, argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
	if (format.length <= i || format[i] !== '[') return [argNum, i, false];
	p.reordered = true;
	const [index, wid, ok] = parseArgNumber(format.slice(i));
	if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
	p.goodArgNum = false;
	return [argNum, i + wid, ok];
}


const tooLarge = (n: number): boolean => n > 1e6 || n < -1e6;

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
	if (start >= end) return [0, false, end];
	let num = 0;
	let isnum = false;
	let i = start;
	for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
		if (tooLarge(num)) return [0, false, end];
		num = num * 10 + (s.charCodeAt(i) - 48);
		isnum = true;
	}
	return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
	if (format.length < 3) return [0, 1, false];
	for (let i = 1; i < format.length; i++) {
		if (format[i] === ']') {
			const [width, ok, newi] = parsenum(format, 1, i);
			if (!ok || newi !== i) return [0, i + 1, false];
			return [width - 1, i + 1, true];
		}
	}
	return [0, 1, false];
}

function intFromArg(a: Arg[], argNum: number): [number, boolean, number] {
	if (argNum >= a.length) return [0, false, argNum];
	const v = a[argNum];
	let num = 0;
	let isInt = false;
	if (v !== null && (isIntKind(v.type.kind) || isUintKind(v.type.kind))) {
		const n = v.v as bigint;
		if (n >= -(1n << 63n) && n < 1n << 63n) {
			num = Number(n);
			isInt = true;
		}
	}
	if (tooLarge(num)) return [0, false, argNum + 1];
	return [num, isInt, argNum + 1];
}



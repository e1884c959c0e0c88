// Go's fmt/print.go over GoValue: printArg / printValue / handleMethods with
// the inline error forms (%!d(string=x)), Sprint and Sprintln. Sprintf's
// format parsing is in printf.ts.
// An argument of null is Go's nil interface.
import {lookupMethod, type BoundMethod} from './methods.js';
import type {Complex, GoValue, MapKey} from './core.js';
import {isFloatKind, isIntKind, isUintKind, toBytes, typeString} from './core.js';
import {Fmt, LDIGITS, UDIGITS} from './verbs.js';
import {compareKeys} from './sortkeys.js';

export type Arg = GoValue | null;

// Stable fake addresses for pointers, which Go prints as 0xc...
const isStringMethod = (b: BoundMethod | null): boolean =>
	b !== null && (b.method.params?.length ?? 0) === 0 && b.method.result?.kind === 'string';

const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;
function addressOf(x: unknown): bigint {
	if (x === null || typeof x !== 'object' && typeof x !== 'function') return 0n;
	let a = addresses.get(x as object);
	if (a === undefined) {
		a = nextAddress;
		nextAddress += 0x30n;
		addresses.set(x as object, a);
	}
	return a;
}

export class Printer {
	readonly f = new Fmt();
	private arg: Arg = null;
	private value: Arg = null;
	private erroring = false;
	reordered = false;
	goodArgNum = true;

	get buf(): string {
		return this.f.buf;
	}

	printArg(arg: Arg, verb: string): void {
		this.arg = arg;
		this.value = null;
		if (arg === null) {
			if (verb === 'T' || verb === 'v') this.f.pad('<nil>');
			else this.badVerb(verb);
			return;
		}
		if (verb === 'T') {
			this.f.fmtS(typeString(arg.type));
			return;
		}
		if (verb === 'p') {
			this.fmtPointer(arg, 'p');
			return;
		}
		if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
	}

	private handleMethods(arg: GoValue, verb: string): boolean {
		if (this.erroring || this.f.sharpV) return false;
		if (!'vsxXq'.includes(verb)) return false;
		let bound = lookupMethod(arg, 'Error', false);
		let name = 'Error';
		if (!isStringMethod(bound)) {
			bound = lookupMethod(arg, 'String', false);
			name = 'String';
		}
		if (!isStringMethod(bound)) return false;
		if (bound!.recv === null) {
			this.f.buf += '<nil>';
			return true;
		}
		let s: string;
		try {
			s = bound!.method.call(bound!.recv, []).v as string;
		} catch (e) {
			this.f.buf += `%!${verb}(PANIC=${name} method: ${e instanceof Error ? e.message : String(e)})`;
			return true;
		}
		this.fmtString(s, verb);
		return true;
	}

	private badVerb(verb: string): void {
		this.erroring = true;
		this.f.buf += '%!' + verb + '(';
		if (this.arg !== null) {
			this.f.buf += typeString(this.arg.type) + '=';
			this.printArg(this.arg, 'v');
		} else if (this.value !== null) {
			this.f.buf += typeString(this.value.type) + '=';
			this.printValue(this.value, 'v', 0);
		} else this.f.buf += '<nil>';
		this.f.buf += ')';
		this.erroring = false;
	}

	private fmtString(s: string, verb: string): void {
		switch (verb) {
			case 'v': if (this.f.sharpV) this.f.fmtQ(s); else this.f.fmtS(s); return;
			case 's': this.f.fmtS(s); return;
			case 'x': this.f.fmtSbx(toBytes(s), LDIGITS); return;
			case 'X': this.f.fmtSbx(toBytes(s), UDIGITS); return;
			case 'q': this.f.fmtQ(s); return;
		}
		this.badVerb(verb);
	}

	private fmtInteger(v: bigint, signed: boolean, verb: string): void {
		const f = this.f;
		switch (verb) {
			case 'v':
				if (f.sharpV && !signed) {
					const old = f.sharp;
					f.sharp = true;
					f.fmtInteger(v, 16, false, 'v', LDIGITS);
					f.sharp = old;
				} else f.fmtInteger(v, 10, signed, verb, LDIGITS);
				return;
			case 'd': f.fmtInteger(v, 10, signed, verb, LDIGITS); return;
			case 'b': f.fmtInteger(v, 2, signed, verb, LDIGITS); return;
			case 'o': case 'O': f.fmtInteger(v, 8, signed, verb, LDIGITS); return;
			case 'x': f.fmtInteger(v, 16, signed, verb, LDIGITS); return;
			case 'X': f.fmtInteger(v, 16, signed, verb, UDIGITS); return;
			// Go passes these the value as a uint64.
			case 'c': f.fmtC(BigInt.asUintN(64, v)); return;
			case 'q': f.fmtQc(BigInt.asUintN(64, v)); return;
			case 'U': f.fmtUnicode(BigInt.asUintN(64, v)); return;
		}
		this.badVerb(verb);
	}

	private fmtFloat(v: number, size: 32 | 64, verb: string): void {
		switch (verb) {
			case 'v': this.f.fmtFloat(v, size, 'g', -1); return;
			case 'b': case 'g': case 'G': case 'x': case 'X': this.f.fmtFloat(v, size, verb, -1); return;
			case 'f': case 'e': case 'E': this.f.fmtFloat(v, size, verb, 6); return;
			case 'F': this.f.fmtFloat(v, size, 'f', 6); return;
		}
		this.badVerb(verb);
	}

	/** fmt's fmtComplex: "(re+imi)", the imaginary part always signed. */
	private fmtComplex(v: Complex, verb: string): void {
		if (!'vbgGxXfFeE'.includes(verb)) {
			this.badVerb(verb);
			return;
		}
		const oldPlus = this.f.plus;
		this.f.buf += '(';
		this.fmtFloat(v.re, 64, verb);
		this.f.plus = true;
		this.fmtFloat(v.im, 64, verb);
		this.f.buf += 'i)';
		this.f.plus = oldPlus;
	}

	private fmtPointer(value: GoValue, verb: string): void {
		const k = value.type.kind;
		if (k !== 'ptr' && k !== 'func' && k !== 'map' && k !== 'slice') {
			this.badVerb(verb);
			return;
		}
		const u = value.v === null ? 0n : addressOf(value.v);
		if (verb === 'v') {
			if (this.f.sharpV) {
				this.f.buf += '(' + typeString(value.type) + ')(';
				this.f.buf += u === 0n ? 'nil' : '0x' + u.toString(16);
				this.f.buf += ')';
			} else if (u === 0n) this.f.pad('<nil>');
			else this.fmt0x64(u, !this.f.sharp);
		} else if (verb === 'p') this.fmt0x64(u, !this.f.sharp);
		else if ('bodxX'.includes(verb)) this.fmtInteger(u, false, verb);
		else this.badVerb(verb);
	}

	private fmt0x64(u: bigint, leading0x: boolean): void {
		const old = this.f.sharp;
		this.f.sharp = leading0x;
		this.f.fmtInteger(u, 16, false, 'v', LDIGITS);
		this.f.sharp = old;
	}

	printValue(value: Arg, verb: string, depth: number): void {
		if (depth > 0 && value !== null && this.handleMethods(value, verb)) return;
		this.arg = null;
		this.value = value;
		const f = this.f;
		if (value === null) {
			if (depth === 0) f.fmtS('<invalid reflect.Value>');
			else if (verb === 'v') f.fmtS('<nil>');
			else this.badVerb(verb);
			return;
		}
		const t = value.type;
		const k = t.kind;
		if (k === 'bool') {
			if (verb === 't' || verb === 'v') f.fmtBoolean(value.v as boolean);
			else this.badVerb(verb);
		} else if (isIntKind(k) || isUintKind(k)) this.fmtInteger(value.v as bigint, isIntKind(k), verb);
		else if (isFloatKind(k)) this.fmtFloat(value.v as number, k === 'float32' ? 32 : 64, verb);
		else if (k === 'complex128') this.fmtComplex(value.v as Complex, verb);
		else if (k === 'string') this.fmtString(value.v as string, verb);
		else if (k === 'map') {
			const m = value.v as Map<MapKey, GoValue> | null;
			if (f.sharpV) {
				f.buf += typeString(t);
				if (m === null) {
					f.buf += '(nil)';
					return;
				}
				f.buf += '{';
			} else f.buf += 'map[';
			const keys = m === null ? [] : [...m.keys()].sort(compareKeys);
			keys.forEach((key, i) => {
				if (i > 0) f.buf += f.sharpV ? ', ' : ' ';
				this.printValue({type: t.key!, v: key}, verb, depth + 1);
				f.buf += ':';
				this.printValue(m!.get(key)!, verb, depth + 1);
			});
			f.buf += f.sharpV ? '}' : ']';
		} else if (k === 'struct') {
			if (f.sharpV) f.buf += typeString(t);
			f.buf += '{';
			const fields = value.v as Record<string, GoValue>;
			(t.fields ?? []).forEach((field, i) => {
				if (i > 0) f.buf += f.sharpV ? ', ' : ' ';
				if (f.plusV || f.sharpV) f.buf += field.name + ':';
				this.printValue(fields[field.name] ?? null, verb, depth + 1);
			});
			f.buf += '}';
		} else if (k === 'interface') {
			const inner = value.v as GoValue | null;
			if (inner === null) f.buf += f.sharpV ? typeString(t) + '(nil)' : '<nil>';
			else this.printValue(inner, verb, depth + 1);
		} else if (k === 'slice' || k === 'array') {
			const items = (value.v as GoValue[] | null) ?? [];
			if ('sqxX'.includes(verb) && t.elem?.kind === 'uint8') {
				const bytes = Uint8Array.from(items.map(b => Number(b.v)));
				if (verb === 's') f.fmtS(new TextDecoder().decode(bytes));
				else if (verb === 'q') f.fmtQ(new TextDecoder().decode(bytes));
				else f.fmtSbx(bytes, verb === 'x' ? LDIGITS : UDIGITS);
				return;
			}
			if (f.sharpV) {
				f.buf += typeString(t);
				if (k === 'slice' && value.v === null) {
					f.buf += '(nil)';
					return;
				}
				f.buf += '{';
				items.forEach((it, i) => {
					if (i > 0) f.buf += ', ';
					this.printValue(it, verb, depth + 1);
				});
				f.buf += '}';
			} else {
				f.buf += '[';
				items.forEach((it, i) => {
					if (i > 0) f.buf += ' ';
					this.printValue(it, verb, depth + 1);
				});
				f.buf += ']';
			}
		} else if (k === 'ptr') {
			const elem = value.v as GoValue | null;
			if (depth === 0 && elem !== null && ['array', 'slice', 'struct', 'map'].includes(elem.type.kind)) {
				f.buf += '&';
				this.printValue(elem, verb, depth + 1);
				return;
			}
			this.fmtPointer(value, verb);
		} else if (k === 'func') this.fmtPointer(value, verb);
		else f.buf += `?${typeString(t)}?`;
	}

}

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: Arg[]): string {
	const p = new Printer();
	let prevString = false;
	args.forEach((arg, i) => {
		const isString = arg !== null && arg.type.kind === 'string';
		if (i > 0 && !isString && !prevString) p.f.buf += ' ';
		p.f.clearflags();
		p.printArg(arg, 'v');
		prevString = isString;
	});
	return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: Arg[]): string {
	const p = new Printer();
	args.forEach((arg, i) => {
		if (i > 0) p.f.buf += ' ';
		p.f.clearflags();
		p.printArg(arg, 'v');
	});
	return p.buf + '\n';
}


// Go's text/template builtins (funcs.go) and the GoFunc shape shared with
// docker's functions and caller-supplied ones.
import type {GoType, GoValue} from './core.js';
import {GoError, T, fromBytes, isFloatKind, isIntKind, isUintKind, toBytes, typeString, zeroValue} from './core.js';
import {indirect, indirectInterface, isTrue, lengthOf, REFLECT_VALUE, type Val} from './reflect.js';
import {sprint, sprintln} from './print.js';
import {sprintf} from './printf.js';
import {compareKeys} from './sortkeys.js';
import {addressable, isAddressable, lookupMethod} from './methods.js';

/**
 * A function callable from templates. Parameters typed REFLECT_VALUE receive
 * the raw value (null = missing/nil); T.any parameters receive the concrete
 * value (null = nil); other parameters receive a value of that type, after
 * Go's argument checks. Throw GoError for an `error` result.
 */
export interface GoFunc {
	params: GoType[];
	/** The last params entry is the element type of a ...T parameter. */
	variadic?: boolean;
	result?: GoType;
	call(args: Val[]): Val;
}

const RV = REFLECT_VALUE;
const err = (msg: string): never => {
	throw new GoError(msg);
};
const bool = (b: boolean): GoValue => ({type: T.bool, v: b});
const str = (s: string): GoValue => ({type: T.string, v: s});

// ---- comparison ----
type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'complex';
function basicKind(v: Val): BasicKind {
	if (v === null) return 'invalid';
	const k = v.type.kind;
	if (k === 'bool') return 'bool';
	if (isIntKind(k)) return 'int';
	if (isUintKind(k)) return 'uint';
	if (isFloatKind(k)) return 'float';
	if (k === 'string') return 'string';
	if (k === 'complex128') return 'complex';
	return 'invalid';
}
const BAD_TYPE = 'invalid type for comparison';
const BAD_CMP = 'incompatible types for comparison';

const isNilValue = (v: Val): boolean =>
	v === null || (['func', 'interface', 'map', 'ptr', 'slice'].includes(v.type.kind) && v.v === null);

/** Go's == on comparable values (struct, array, pointer identity). */
function deepEqual(a: GoValue, b: GoValue): boolean {
	if (typeString(a.type) !== typeString(b.type)) return false;
	switch (a.type.kind) {
		case 'struct': {
			const x = a.v as Record<string, GoValue>;
			const y = b.v as Record<string, GoValue>;
			return Object.keys(x).every(k => deepEqual(x[k], y[k]));
		}
		case 'array': return (a.v as GoValue[]).every((e, i) => deepEqual(e, (b.v as GoValue[])[i]));
		case 'interface': {
			const x = a.v as GoValue | null;
			const y = b.v as GoValue | null;
			return x === null || y === null ? x === y : deepEqual(x, y);
		}
		case 'slice': case 'map': case 'func':
			throw new GoError(`runtime error: comparing uncomparable type ${typeString(a.type)}`);
		default: return a.v === b.v;
	}
}

/** reflect.Type.Comparable: a struct or array is comparable when its fields or elements are (volume.Volume, holding maps, is not). */
function comparable(t: GoType): boolean {
	switch (t.kind) {
		case 'slice': case 'map': case 'func': return false;
		case 'array': return comparable(t.elem!);
		case 'struct': return (t.fields ?? []).every(f => comparable(f.type));
		default: return true;
	}
}

function eq(args: Val[]): Val {
	const arg1 = indirectInterface(args[0]);
	if (args.length < 2) err('missing argument for comparison');
	const k1 = basicKind(arg1);
	for (const raw of args.slice(1)) {
		const arg = indirectInterface(raw);
		const k2 = basicKind(arg);
		let truth = false;
		if (k1 !== k2) {
			if (k1 === 'int' && k2 === 'uint') truth = (arg1!.v as bigint) >= 0n && arg1!.v === arg!.v;
			else if (k1 === 'uint' && k2 === 'int') truth = (arg!.v as bigint) >= 0n && arg1!.v === arg!.v;
			else if (arg1 !== null && arg !== null) err(BAD_CMP);
		} else if (k1 === 'complex') {
			const [x, y] = [arg1!.v as {re: number; im: number}, arg!.v as {re: number; im: number}];
			truth = x.re === y.re && x.im === y.im;
		} else if (k1 !== 'invalid') {
			truth = arg1!.v === arg!.v;
		} else {
			if (arg1 !== null && arg !== null && arg1.type.kind !== arg.type.kind) {
				// Go: "non-comparable types %s: %v, %s: %v": the first value through %s (a bool inside prints %!s(bool=false)).
				err(`non-comparable types ${sprintf('%s', [arg1])}: ${typeString(arg1.type)}, ${typeString(arg.type)}: ${sprint([arg])}`);
			}
			if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(arg1);
			else {
				if (!comparable(arg!.type)) err(`non-comparable type ${sprintf('%s', [arg])}: ${typeString(arg!.type)}`);
				truth = deepEqual(arg1!, arg!);
			}
		}
		if (truth) return bool(true);
	}
	return bool(false);
}

function lt(a: Val, b: Val): boolean {
	const arg1 = indirectInterface(a);
	const k1 = basicKind(arg1);
	if (k1 === 'invalid') err(BAD_TYPE);
	const arg2 = indirectInterface(b);
	const k2 = basicKind(arg2);
	if (k2 === 'invalid') err(BAD_TYPE);
	if (k1 !== k2) {
		if (k1 === 'int' && k2 === 'uint') return (arg1!.v as bigint) < 0n || (arg1!.v as bigint) < (arg2!.v as bigint);
		if (k1 === 'uint' && k2 === 'int') return (arg2!.v as bigint) >= 0n && (arg1!.v as bigint) < (arg2!.v as bigint);
		return err(BAD_CMP);
	}
	if (k1 === 'bool' || k1 === 'complex') return err(BAD_TYPE);
	return (arg1!.v as number) < (arg2!.v as number);
}
const le = (a: Val, b: Val): boolean => lt(a, b) || (eq([a, b])!.v as boolean);

// ---- index / slice / len ----
// Go's index() unwraps an interface before this, slice() does not: a raw map's
// element (interface {}) as a slice index reads "with type interface {}".
function indexArg(v: Val, size: number): number {
	if (v === null) return err('cannot index slice/array with nil');
	if (!isIntKind(v.type.kind) && !isUintKind(v.type.kind)) err(`cannot index slice/array with type ${typeString(v.type)}`);
	const x = v.v as bigint;
	if (x < 0n || x > BigInt(size)) err(`index out of range: ${x}`);
	return Number(x);
}

function prepareArg(value: Val, argType: GoType): GoValue {
	if (value === null) {
		if (!['func', 'interface', 'map', 'ptr', 'slice'].includes(argType.kind)) err(`value is nil; should be of type ${typeString(argType)}`);
		return zeroValue(argType);
	}
	if (typeString(value.type) === typeString(argType) || argType.kind === 'interface') return value;
	const intLike = (k: string): boolean => isIntKind(k as never) || isUintKind(k as never);
	if (intLike(value.type.kind) && intLike(argType.kind)) return {type: argType, v: value.v};
	return err(`value has type ${typeString(value.type)}; should be ${typeString(argType)}`);
}

function index(args: Val[]): Val {
	let item = indirectInterface(args[0]);
	if (item === null) err('index of untyped nil');
	for (const raw of args.slice(1)) {
		const idx = indirectInterface(raw);
		const [it, isNil] = indirect(item);
		if (isNil) err('index of nil pointer');
		item = it!;
		const k = item.type.kind;
		if (k === 'array' || k === 'slice' || k === 'string') {
			const n = lengthOf(item);
			const x = indexArg(idx, n);
			if (x === n) err(`reflect: ${k} index out of range`);
			if (k === 'string') item = {type: T.uint8, v: BigInt(toBytes(item.v as string)[x])};
			else item = addressable((item.v as GoValue[])[x]);
		} else if (k === 'map') {
			const key = prepareArg(idx, item.type.key!);
			const m = item.v as Map<unknown, GoValue> | null;
			const got = m?.get(key.v);
			item = got ?? zeroValue(item.type.elem!);
		} else err(`can't index item of type ${typeString(item.type)}`);
	}
	return item;
}

function slice(args: Val[]): Val {
	const item = indirectInterface(args[0]);
	if (item === null) err('slice of untyped nil');
	const idxs = args.slice(1);
	if (idxs.length > 3) err(`too many slice indexes: ${idxs.length}`);
	const k = item!.type.kind;
	if (k === 'string' && idxs.length === 3) err('cannot 3-index slice a string');
	if (k !== 'string' && k !== 'array' && k !== 'slice') err(`can't slice item of type ${typeString(item!.type)}`);
	const len = lengthOf(item!);
	const idx = [0, len, len];
	idxs.forEach((x, i) => (idx[i] = indexArg(x, len)));
	if (idx[0] > idx[1]) err(`invalid slice index: ${idx[0]} > ${idx[1]}`);
	if (idxs.length === 3 && idx[1] > idx[2]) err(`invalid slice index: ${idx[1]} > ${idx[2]}`);
	if (k === 'string') return {type: item!.type, v: fromBytes(toBytes(item!.v as string).slice(idx[0], idx[1]))};
	const elems = ((item!.v as GoValue[] | null) ?? []).slice(idx[0], idx[1]);
	return {type: k === 'array' ? {kind: 'slice', elem: item!.type.elem} : item!.type, v: elems};
}

// ---- escapers ----
function evalArgs(args: Val[]): string {
	if (args.length === 1 && args[0] !== null && args[0].type.kind === 'string' && args[0].type.name === 'string') {
		return args[0].v as string;
	}
	return sprint(args.map(a => printable(a)));
}
// printableValue for the escapers: pointers are followed, as text/template does, and a value
// whose pointer is an error or a Stringer is taken back by its address (fmt then calls the method:
// `html $` of context ls's row prints its Error(), found by the fuzzer).
function printable(a: Val): Val {
	if (a !== null && a.type.kind === 'ptr') a = indirect(a)[0];
	if (a === null) return str('<no value>');
	if (!lookupMethod(a, 'Error', false) && !lookupMethod(a, 'String', false) && isAddressable(a) && (lookupMethod(a, 'Error', true) || lookupMethod(a, 'String', true))) {
		return {type: {kind: 'ptr', elem: a.type}, v: a};
	}
	return a;
}

export function htmlEscape(s: string): string {
	return s.replace(/[\0"'&<>]/g, c => ({'\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;'})[c]!);
}

export function jsEscape(s: string): string {
	let out = '';
	for (const ch of s) {
		const r = ch.codePointAt(0)!;
		switch (ch) {
			case '\\': out += '\\\\'; continue;
			case "'": out += "\\'"; continue;
			case '"': out += '\\"'; continue;
			case '<': out += '\\u003C'; continue;
			case '>': out += '\\u003E'; continue;
			case '&': out += '\\u0026'; continue;
			case '=': out += '\\u003D'; continue;
		}
		if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
		else if (r < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]/u.test(ch)) out += ch;
		else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
	}
	return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
	let out = '';
	for (const b of toBytes(s)) {
		const c = String.fromCharCode(b);
		if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
		else if (c === ' ') out += '+';
		else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}

const any = T.any;
export const builtins: Record<string, GoFunc> = {
	and: {params: [RV, RV], variadic: true, result: RV, call: a => a[a.length - 1]},
	or: {params: [RV, RV], variadic: true, result: RV, call: a => a[a.length - 1]},
	not: {params: [RV], result: T.bool, call: a => bool(!isTrue(indirectInterface(a[0]))[0])},
	len: {
		params: [RV], result: T.int,
		call: a => {
			const [v, isNil] = indirect(a[0]);
			if (isNil) err('len of nil pointer');
			if (v === null) err('reflect: call of reflect.Value.Type on zero Value');
			if (!['array', 'map', 'slice', 'string'].includes(v!.type.kind)) err(`len of type ${typeString(v!.type)}`);
			return {type: T.int, v: BigInt(lengthOf(v!))};
		},
	},
	index: {params: [RV, RV], variadic: true, result: RV, call: index},
	slice: {params: [RV, RV], variadic: true, result: RV, call: slice},
	print: {params: [any], variadic: true, result: T.string, call: a => str(sprint(a))},
	printf: {params: [T.string, any], variadic: true, result: T.string, call: a => str(sprintf(a[0]!.v as string, a.slice(1)))},
	println: {params: [any], variadic: true, result: T.string, call: a => str(sprintln(a))},
	html: {params: [any], variadic: true, result: T.string, call: a => str(htmlEscape(evalArgs(a)))},
	js: {params: [any], variadic: true, result: T.string, call: a => str(jsEscape(evalArgs(a)))},
	urlquery: {params: [any], variadic: true, result: T.string, call: a => str(queryEscape(evalArgs(a)))},
	eq: {params: [RV, RV], variadic: true, result: T.bool, call: eq},
	ne: {params: [RV, RV], result: T.bool, call: a => bool(!(eq(a)!.v as boolean))},
	lt: {params: [RV, RV], result: T.bool, call: a => bool(lt(a[0], a[1]))},
	le: {params: [RV, RV], result: T.bool, call: a => bool(le(a[0], a[1]))},
	gt: {params: [RV, RV], result: T.bool, call: a => bool(!le(a[0], a[1]))},
	ge: {params: [RV, RV], result: T.bool, call: a => bool(!lt(a[0], a[1]))},
	call: {params: [RV, RV], variadic: true, result: RV, call: callFn},
};

// call: the first argument is the callee's name (inserted by evalCall, as Go does).
function callFn(a: Val[]): Val {
	const name = a[0]!.v as string;
	const fn = indirectInterface(a[1]);
	if (fn === null) err('call of nil');
	if (fn!.type.kind !== 'func') err(`non-function ${name} of type ${typeString(fn!.type)}`);
	const f = fn!.v as GoFunc | ((...args: GoValue[]) => GoValue) | null;
	if (f === null) err('call of nil');
	const args = a.slice(2).map(indirectInterface);
	if (typeof f === 'function') return f(...args.map((x, i) => (x === null ? err(`arg ${i}: value is nil`) : x)));
	const fixed = f!.variadic ? f!.params.length - 1 : f!.params.length;
	if (f!.variadic ? args.length < fixed : args.length !== fixed) {
		err(`wrong number of args for ${name}: got ${args.length} want ${f!.variadic ? 'at least ' : ''}${fixed}`);
	}
	const prepared = args.map((x, i) => {
		const t = f!.params[Math.min(i, f!.params.length - 1)];
		if (t === RV) return x;
		try {
			return prepareArg(x, t);
		} catch (e) {
			return err(`arg ${i}: ${(e as Error).message}`);
		}
	});
	return f!.call(prepared);
}

export {compareKeys};

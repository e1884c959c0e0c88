// The Go value model core (types, constructors). values.ts is the public face;
// this file exists so time.ts and decode.ts can import it without a cycle.
// Values are tagged with their Go type so that printing (fmt), comparison and
// field resolution can follow Go's reflect-based rules exactly.

export type Kind =
	| 'bool' | 'string'
	| 'int' | 'int8' | 'int16' | 'int32' | 'int64'
	| 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64'
	| 'float32' | 'float64'
	| 'complex128'
	| 'slice' | 'array' | 'map' | 'ptr' | 'interface' | 'struct' | 'func';

export interface GoType {
	kind: Kind;
	/** Go's printed type name, e.g. 'json.Number', '*formatter.imageContext'. Unnamed types derive it. */
	name?: string;
	elem?: GoType;
	key?: GoType;
	len?: number;
	fields?: StructField[];
	/** Exported methods; on a struct type they may be marked ptrReceiver (callable through a pointer). */
	methods?: Record<string, GoMethod>;
	/** Optional custom zero value (opaque structs like time.Time). */
	zero?: () => GoValue;
}

export interface StructField {
	name: string;
	type: GoType;
	/** json tag name; '-' skips the field. */
	json?: string;
	omitEmpty?: boolean;
	embedded?: boolean;
}

export interface GoMethod {
	ptrReceiver?: boolean;
	params?: GoType[];
	/** Variadic: the last params entry is the element type of the ...T parameter. */
	variadic?: boolean;
	result: GoType;
	returnsError?: boolean;

	/** Throw GoError for an error return. MarshalJSON returns a string value holding the JSON text. */
	call(recv: GoValue, args: GoValue[]): GoValue;
}

export interface GoValue {
	type: GoType;
	v: unknown;
}

/** An error returned by a Go function or method (the `error` result). */
export class GoError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'GoError';
	}
}

export type MapKey = string | bigint | boolean | number;

const INT_KINDS = new Set<Kind>(['int', 'int8', 'int16', 'int32', 'int64']);
const UINT_KINDS = new Set<Kind>(['uint', 'uint8', 'uint16', 'uint32', 'uint64']);

export const isIntKind = (k: Kind): boolean => INT_KINDS.has(k);
export const isUintKind = (k: Kind): boolean => UINT_KINDS.has(k);
export const isIntegerKind = (k: Kind): boolean => INT_KINDS.has(k) || UINT_KINDS.has(k);
export const isFloatKind = (k: Kind): boolean => k === 'float32' || k === 'float64';
/** A complex128 value: its parts as float64s. */
export interface Complex {
	re: number;
	im: number;
}

const basic = (kind: Kind): GoType => ({kind, name: kind});

export const T = {
	bool: basic('bool'),
	string: basic('string'),
	int: basic('int'),
	int8: basic('int8'),
	int16: basic('int16'),
	int32: basic('int32'),
	int64: basic('int64'),
	uint: basic('uint'),
	uint8: basic('uint8'),
	uint16: basic('uint16'),
	uint32: basic('uint32'),
	uint64: basic('uint64'),
	float32: basic('float32'),
	float64: basic('float64'),
	complex128: basic('complex128'),
	any: {kind: 'interface', name: 'interface {}'} as GoType,
	error: {kind: 'interface', name: 'error'} as GoType,
	stringSlice: undefined as unknown as GoType,
	anySlice: undefined as unknown as GoType,
	mapStringAny: undefined as unknown as GoType,
	mapStringString: undefined as unknown as GoType,
	jsonNumber: {kind: 'string', name: 'json.Number'} as GoType,
};
T.stringSlice = sliceOf(T.string);
T.anySlice = sliceOf(T.any);
T.mapStringAny = mapOf(T.string, T.any);
T.mapStringString = mapOf(T.string, T.string);
// encoding/json's Number methods: String, Int64 and Float64 (errors worded like strconv's).
T.jsonNumber.methods = {
	String: {result: T.string, call: r => ({type: T.string, v: r.v})},
	Int64: {
		result: T.int64, returnsError: true,
		call: r => {
			const s = r.v as string;
			if (!/^[+-]?\d+$/.test(s)) throw new GoError(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
			const n = BigInt(s);
			if (n < -(1n << 63n) || n >= 1n << 63n) throw new GoError(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
			return {type: T.int64, v: n};
		},
	},
	Float64: {
		result: T.float64, returnsError: true,
		call: r => {
			const s = r.v as string;
			const f = Number(s);
			if (s.trim() === '' || Number.isNaN(f)) throw new GoError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
			return {type: T.float64, v: f};
		},
	},
};

export function sliceOf(elem: GoType): GoType {
	return {kind: 'slice', elem};
}
export function arrayOf(elem: GoType, len: number): GoType {
	return {kind: 'array', elem, len};
}
export function mapOf(key: GoType, elem: GoType): GoType {
	return {kind: 'map', key, elem};
}
export function ptrTo(elem: GoType): GoType {
	return {kind: 'ptr', elem};
}

/** Go's printed name of a type (%T, error messages). */
export function typeString(t: GoType): string {
	if (t.name !== undefined) return t.name;
	switch (t.kind) {
		case 'slice': return '[]' + typeString(t.elem!);
		case 'array': return `[${t.len ?? 0}]` + typeString(t.elem!);
		case 'map': return `map[${typeString(t.key!)}]` + typeString(t.elem!);
		case 'ptr': return '*' + typeString(t.elem!);
		case 'interface': return 'interface {}';
		case 'func': return 'func()';
		case 'struct': {
			const fs = (t.fields ?? []).map(f => (f.embedded ? typeString(f.type) : `${f.name} ${typeString(f.type)}`));
			return fs.length === 0 ? 'struct {}' : `struct { ${fs.join('; ')} }`;
		}
		default: return t.kind;
	}
}

// ---- constructors ----

export const goString = (s: string, type: GoType = T.string): GoValue => ({type, v: s});
export const goBool = (b: boolean): GoValue => ({type: T.bool, v: b});
export function goInt(n: number | bigint, kind: Kind | GoType = 'int'): GoValue {
	const type = typeof kind === 'string' ? (T as unknown as Record<string, GoType>)[kind] ?? basic(kind) : kind;
	return {type, v: wrapInt(BigInt(n), type.kind)};
}
export const goFloat = (n: number, type: GoType = T.float64): GoValue =>
	({type, v: type.kind === 'float32' ? Math.fround(n) : n});
export const goSlice = (elem: GoType, values: GoValue[] | null, type: GoType = sliceOf(elem)): GoValue =>
	({type, v: values});
export const goArray = (elem: GoType, values: GoValue[]): GoValue => ({type: arrayOf(elem, values.length), v: values});
export function goMap(key: GoType, elem: GoType, entries: Iterable<[MapKey, GoValue]> | null, type?: GoType): GoValue {
	return {type: type ?? mapOf(key, elem), v: entries === null ? null : new Map(entries)};
}
export const goStruct = (type: GoType, fields: Record<string, GoValue>): GoValue => ({type, v: fields});
export const goPtr = (value: GoValue, type: GoType = ptrTo(value.type)): GoValue => ({type, v: value});
export const goNil = (type: GoType): GoValue => ({type, v: null});
/** Box a value in an interface (or a nil interface for null). */
export const iface = (value: GoValue | null, type: GoType = T.any): GoValue =>
	({type, v: value !== null && value.type.kind === 'interface' ? value.v : value});
export const goFunc = (fn: (...args: GoValue[]) => GoValue, name = 'func()'): GoValue =>
	({type: {kind: 'func', name}, v: fn});

/** Truncate a bigint to the range of an integer kind, like a Go conversion. */
export function wrapInt(n: bigint, kind: Kind): bigint {
	switch (kind) {
		case 'int8': return BigInt.asIntN(8, n);
		case 'int16': return BigInt.asIntN(16, n);
		case 'int32': return BigInt.asIntN(32, n);
		case 'int': case 'int64': return BigInt.asIntN(64, n);
		case 'uint8': return BigInt.asUintN(8, n);
		case 'uint16': return BigInt.asUintN(16, n);
		case 'uint32': return BigInt.asUintN(32, n);
		case 'uint': case 'uint64': return BigInt.asUintN(64, n);
		default: return n;
	}
}

/** The zero value of a type. */
export function zeroValue(t: GoType): GoValue {
	switch (t.kind) {
		case 'bool': return {type: t, v: false};
		case 'string': return {type: t, v: ''};
		case 'float32': case 'float64': return {type: t, v: 0};
		case 'complex128': return {type: t, v: {re: 0, im: 0}};
		case 'array': return {type: t, v: Array.from({length: t.len ?? 0}, () => zeroValue(t.elem!))};
		case 'struct': {
			if (t.zero) return t.zero();
			const v: Record<string, GoValue> = {};
			for (const f of t.fields ?? []) v[f.name] = zeroValue(f.type);
			return {type: t, v};
		}
		case 'slice': case 'map': case 'ptr': case 'interface': case 'func': return {type: t, v: null};
		default: return {type: t, v: 0n};
	}
}

/** Is the value the nil of a nilable kind? */
export function isNil(x: GoValue): boolean {
	switch (x.type.kind) {
		case 'slice': case 'map': case 'ptr': case 'interface': case 'func': return x.v === null;
		default: return false;
	}
}

/** Strip interface boxes: the dynamic value, or null for a nil interface. */
export function unbox(x: GoValue): GoValue | null {
	let cur: GoValue | null = x;
	while (cur !== null && cur.type.kind === 'interface') cur = cur.v as GoValue | null;
	return cur;
}

// Go strings are bytes and may hold invalid UTF-8 (`truncate "héllo" 2` is
// "h\xc3"); JS strings are UTF-16. Such bytes travel as lone low surrogates
// U+DC80..U+DCFF (Python's "surrogateescape"): fromBytes makes them, toBytes
// turns them back into the bytes, so len, slice, printf and the final output
// (source/docker/host.ts writeAll) see Go's bytes.
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', {fatal: true});
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** The UTF-8 bytes of a string, escaped bytes (U+DC80..U+DCFF alone) as themselves. */
export function toBytes(s: string): Uint8Array {
	if (!ESCAPED_BYTE.test(s)) return utf8.encode(s);
	const out: number[] = [];
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff);
		if (lone) {
			out.push(c - 0xdc00);
			continue;
		}
		const cp = s.codePointAt(i)!;
		const ch = String.fromCodePoint(cp);
		i += ch.length - 1;
		for (const b of utf8.encode(ch)) out.push(b);
	}
	return Uint8Array.from(out);
}

/** Length in bytes (Go's len of a string). */
export const byteLen = (s: string): number => toBytes(s).length;

/** Bytes as a string: valid UTF-8 decoded, each byte of an invalid sequence escaped (see toBytes). */
export function fromBytes(b: Uint8Array): string {
	try {
		return strictUtf8.decode(b);
	} catch {
		// Go's utf8.DecodeRune: an invalid sequence is one byte.
	}
	let out = '';
	for (let i = 0; i < b.length; ) {
		const n = validSequence(b, i);
		if (n === 0) {
			out += String.fromCharCode(0xdc00 + b[i]);
			i++;
		} else {
			out += strictUtf8.decode(b.subarray(i, i + n));
			i += n;
		}
	}
	return out;
}

/** The length of the valid UTF-8 sequence at b[i] (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function validSequence(b: Uint8Array, i: number): number {
	const c = b[i];
	if (c < 0x80) return 1;
	const cont = (j: number, lo = 0x80, hi = 0xbf): boolean => j < b.length && b[j] >= lo && b[j] <= hi;
	if (c >= 0xc2 && c <= 0xdf) return cont(i + 1) ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
		return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
		return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
	}
	return 0;
}


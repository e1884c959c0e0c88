// encoding/json Marshal over GoValue: struct field order and tags, omitempty,
// embedded structs, MarshalJSON methods (their output compacted, not
// re-escaped), sorted map keys, []byte as base64, Go's float format and
// string escaping (HTML escaping optional; U+2028/2029 always escaped).
import type {GoType, GoValue, MapKey, StructField} from './core.js';
import {GoError, isFloatKind, isIntegerKind, typeString} from './core.js';
import {lookupMethod, isAddressable} from './methods.js';
import {compareKeys} from './sortkeys.js';
import {formatFloat} from './strconv.js';

export interface MarshalOptions {
	/** Escape <, > and & as \u003c etc. (json.Marshal does; docker's `json` function does not). */
	escapeHTML?: boolean;
}

const HEX = '0123456789abcdef';

/** Go's JSON string encoding. */
export function jsonString(s: string, escapeHTML: boolean): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (c < 0x20) {
			switch (c) {
				case 8: out += '\\b'; break;
				case 12: out += '\\f'; break;
				case 10: out += '\\n'; break;
				case 13: out += '\\r'; break;
				case 9: out += '\\t'; break;
				default: out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
			}
		} else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
		else if (c === 0x2028 || c === 0x2029) out += '\\u202' + HEX[c & 15];
		else if (c >= 0xd800 && c < 0xe000) out += '\\ufffd';
		else out += ch;
	}
	return out + '"';
}

function jsonFloat(f: number, bits: 32 | 64): string {
	if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
	const abs = Math.abs(f);
	let fmt = 'f';
	if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
	let s = formatFloat(f, fmt, -1, bits);
	if (fmt === 'e') s = s.replace(/e-0(\d)$/, 'e-$1');
	return s;
}

/** Remove insignificant whitespace from JSON text (json.Compact). */
export function compactJSON(text: string): string {
	let out = '';
	let inStr = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inStr) {
			out += c;
			if (c === '\\') out += text[++i];
			else if (c === '"') inStr = false;
		} else if (c === '"') {
			inStr = true;
			out += c;
		} else if (!' \t\r\n'.includes(c)) out += c;
	}
	return out;
}

const NUMBER_RE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function isEmptyValue(v: GoValue): boolean {
	const k = v.type.kind;
	switch (k) {
		case 'array': case 'slice': return v.v === null || (v.v as unknown[]).length === 0;
		case 'map': return v.v === null || (v.v as Map<unknown, unknown>).size === 0;
		case 'string': return v.v === '';
		case 'bool': return v.v === false;
		case 'ptr': case 'interface': case 'func': return v.v === null;
	}
	if (isIntegerKind(k)) return v.v === 0n;
	if (isFloatKind(k)) return v.v === 0;
	return false;
}

interface EncField {
	name: string;
	path: StructField[];
	omitEmpty: boolean;
}

// The encoded fields of a struct type, as encoding/json's typeFields: embedded
// structs are flattened, a shallower (or tagged) field hides deeper ones of the
// same name, and the result is in declaration (index) order.
function encFields(t: GoType): EncField[] {
	interface Cand extends EncField {
		index: number[];
		tagged: boolean;
	}
	const cands: Cand[] = [];
	const walk = (type: GoType, path: StructField[], index: number[], depth: number): void => {
		(type.fields ?? []).forEach((f, i) => {
			if (f.json === '-') return;
			const ft = f.type.kind === 'ptr' ? f.type.elem! : f.type;
			if (f.embedded && f.json === undefined && ft.kind === 'struct') {
				if (depth < 8) walk(ft, [...path, f], [...index, i], depth + 1);
				return;
			}
			if (!/^\p{Lu}/u.test(f.name)) return;
			cands.push({name: f.json ?? f.name, path: [...path, f], omitEmpty: f.omitEmpty ?? false, index: [...index, i], tagged: f.json !== undefined});
		});
	};
	walk(t, [], [], 0);
	const byName = new Map<string, Cand[]>();
	for (const c of cands) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
	const out: Cand[] = [];
	for (const group of byName.values()) {
		const min = Math.min(...group.map(c => c.index.length));
		const top = group.filter(c => c.index.length === min);
		const tagged = top.filter(c => c.tagged);
		if (top.length === 1) out.push(top[0]);
		else if (tagged.length === 1) out.push(tagged[0]);
	}
	const cmp = (a: number[], b: number[]): number => {
		for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
		return a.length - b.length;
	};
	return out.sort((a, b) => cmp(a.index, b.index));
}

function encode(v: GoValue | null, opts: Required<MarshalOptions>): string {
	if (v === null) return 'null';
	const t = v.type;
	// A MarshalJSON method (on the value, or on the pointer when addressable) wins.
	const m = lookupMethod(v, 'MarshalJSON', isAddressable(v));
	if (m && (m.method.params?.length ?? 0) === 0) {
		if (m.recv === null) return 'null';
		let out: GoValue;
		try {
			out = m.method.call(m.recv, []);
		} catch (e) {
			throw new GoError(`json: error calling MarshalJSON for type ${typeString(t)}: ${(e as Error).message}`);
		}
		const text = typeof out.v === 'string' ? out.v : new TextDecoder().decode(Uint8Array.from((out.v as GoValue[]).map(b => Number(b.v))));
		return compactJSON(text);
	}
	const k = t.kind;
	if (k === 'bool') return v.v ? 'true' : 'false';
	if (isIntegerKind(k)) return (v.v as bigint).toString();
	if (isFloatKind(k)) return jsonFloat(v.v as number, k === 'float32' ? 32 : 64);
	if (k === 'string') {
		if (t.name === 'json.Number') {
			const s = (v.v as string) || '0';
			if (!NUMBER_RE.test(s)) throw new GoError(`json: invalid number literal ${JSON.stringify(s)}`);
			return s;
		}
		return jsonString(v.v as string, opts.escapeHTML);
	}
	switch (k) {
		case 'struct': {
			const parts: string[] = [];
			for (const f of encFields(t)) {
				let cur: GoValue | null = v;
				for (const step of f.path) {
					if (cur !== null && cur.type.kind === 'ptr') cur = cur.v as GoValue | null;
					if (cur === null) break;
					cur = (cur.v as Record<string, GoValue>)[step.name] ?? null;
				}
				if (cur === null) continue;
				if (f.omitEmpty && isEmptyValue(cur)) continue;
				parts.push(jsonString(f.name, opts.escapeHTML) + ':' + encode(cur, opts));
			}
			return '{' + parts.join(',') + '}';
		}
		case 'map': {
			const m = v.v as Map<MapKey, GoValue> | null;
			if (m === null) return 'null';
			const entries = [...m.entries()].map(([key, val]) => [String(key), val] as const);
			entries.sort((a, b) => compareKeys(a[0], b[0]));
			return '{' + entries.map(([key, val]) => jsonString(key, opts.escapeHTML) + ':' + encode(val, opts)).join(',') + '}';
		}
		case 'slice': case 'array': {
			const items = v.v as GoValue[] | null;
			if (items === null) return 'null';
			if (k === 'slice' && t.elem?.kind === 'uint8') {
				return '"' + btoa(String.fromCharCode(...items.map(b => Number(b.v)))) + '"';
			}
			return '[' + items.map(it => encode(it, opts)).join(',') + ']';
		}
		case 'ptr': case 'interface': return encode(v.v as GoValue | null, opts);
	}
	throw new GoError(`json: unsupported type: ${typeString(t)}`);
}

/** json.Marshal (escapeHTML defaults to true, as in Go). Throws GoError like Go's error result. */
export function marshalJSON(v: GoValue | null, opts: MarshalOptions = {}): string {
	return encode(v, {escapeHTML: opts.escapeHTML ?? true});
}

// encoding/json's Unmarshal into a described Go type, over the value tree that
// decodeJSON produces (numbers kept as their JSON text, so int64 stays exact).
// docker's client decodes the daemon's answers this way before a template sees
// them: unknown keys are dropped, missing ones stay zero, null leaves a field
// zero (nil for pointers, slices and maps), keys match field names exactly or
// else case-insensitively, and embedded structs take their fields' keys.
import type {GoType, GoValue, MapKey, StructField} from '../template/index.js';
import {goTime, unbox, zeroValue} from '../template/index.js';

/** A type whose JSON form is decoded by its own UnmarshalJSON. */
export type Decoder = (json: GoValue | null, type: GoType) => GoValue;

/** Custom decoders by Go type name (time.Time, strslice.StrSlice...). */
const decoders = new Map<string, Decoder>();

export function registerDecoder(typeName: string, decode: Decoder): void {
	decoders.set(typeName, decode);
}

// time.Time: RFC 3339 text; a bad value is an error in Go, which docker would
// report; the zero time keeps the rest of the document usable here.
registerDecoder('time.Time', (json, type) => {
	if (json === null || json.type.kind !== 'string') return zeroValue(type);
	try {
		return goTime(json.v as string);
	} catch {
		return zeroValue(type);
	}
});

// strslice.StrSlice accepts a single string as well as an array of strings.
registerDecoder('strslice.StrSlice', (json, type) => {
	if (json !== null && json.type.kind === 'string') return {type, v: [{type: type.elem!, v: json.v}]};
	return decodeGeneric(type, json);
});

/** Decode a decodeJSON value (boxed or not) into a value of `type`. */
export function unmarshal(type: GoType, json: GoValue | null): GoValue {
	const j = json === null ? null : unbox(json);
	const custom = type.name === undefined ? undefined : decoders.get(type.name);
	if (custom) return custom(j, type);
	return decodeGeneric(type, j);
}

function decodeGeneric(type: GoType, j: GoValue | null): GoValue {
	if (j === null) return zeroValue(type);
	const jk = j.type.kind;
	const isObject = jk === 'map';
	const isArray = jk === 'slice';
	const isNumber = j.type.name === 'json.Number';
	switch (type.kind) {
		case 'ptr':
			return {type, v: unmarshal(type.elem!, j)};
		case 'interface':
			return {type, v: j};
		case 'struct':
			return isObject ? decodeStruct(type, j) : zeroValue(type);
		case 'map': {
			if (!isObject) return zeroValue(type);
			const out = new Map<MapKey, GoValue>();
			for (const [k, v] of j.v as Map<MapKey, GoValue>) out.set(k, unmarshal(type.elem!, v));
			return {type, v: out};
		}
		case 'slice': case 'array': {
			if (type.elem!.kind === 'uint8' && jk === 'string' && !isNumber) {
				// []byte is base64 text in JSON.
				const bytes = Buffer.from(j.v as string, 'base64');
				return {type, v: [...bytes].map(b => ({type: type.elem!, v: BigInt(b)}))};
			}
			if (!isArray) return zeroValue(type);
			return {type, v: (j.v as GoValue[]).map(e => unmarshal(type.elem!, e))};
		}
		case 'string':
			return jk === 'string' && !isNumber ? {type, v: j.v} : zeroValue(type);
		case 'bool':
			return jk === 'bool' ? {type, v: j.v} : zeroValue(type);
		case 'float32': case 'float64':
			return isNumber ? {type, v: Number(j.v)} : zeroValue(type);
		default:
			// Integer kinds: only integral JSON numbers fit (Go errors otherwise).
			return isNumber && /^-?\d+$/.test(j.v as string) ? {type, v: BigInt(j.v as string)} : zeroValue(type);
	}
}

interface KeyField {
	key: string;
	path: StructField[];
}

const keyCache = new WeakMap<GoType, KeyField[]>();

// The JSON keys of a struct type, flattening embedded structs without a json
// name (encoding/json's typeFields; shallower fields win).
function keyFields(t: GoType): KeyField[] {
	const cached = keyCache.get(t);
	if (cached) return cached;
	const out: KeyField[] = [];
	const seen = new Set<string>();
	let level: {path: StructField[]; type: GoType}[] = [{path: [], type: t}];
	while (level.length > 0) {
		const next: typeof level = [];
		const found: KeyField[] = [];
		for (const {path, type} of level) {
			for (const f of type.fields ?? []) {
				if (f.json === '-') continue;
				const ft = f.type.kind === 'ptr' ? f.type.elem! : f.type;
				if (f.embedded && f.json === undefined && ft.kind === 'struct') {
					next.push({path: [...path, f], type: ft});
					continue;
				}
				if (!/^\p{Lu}/u.test(f.name)) continue;
				found.push({key: f.json ?? f.name, path: [...path, f]});
			}
		}
		for (const kf of found) {
			if (!seen.has(kf.key)) out.push(kf);
		}
		for (const kf of found) seen.add(kf.key);
		level = next;
	}
	keyCache.set(t, out);
	return out;
}

function decodeStruct(type: GoType, j: GoValue): GoValue {
	const result = zeroValue(type);
	const fields = keyFields(type);
	for (const [k, v] of j.v as Map<MapKey, GoValue>) {
		const key = String(k);
		const kf = fields.find(f => f.key === key) ?? fields.find(f => f.key.toLowerCase() === key.toLowerCase());
		if (!kf) continue;
		let target = result.v as Record<string, GoValue>;
		for (const f of kf.path.slice(0, -1)) {
			// An embedded *Struct is allocated when one of its keys is set (as encoding/json does).
			if (f.type.kind === 'ptr') {
				if (target[f.name].v === null) target[f.name] = {type: f.type, v: zeroValue(f.type.elem!)};
				target = (target[f.name].v as GoValue).v as Record<string, GoValue>;
			} else target = target[f.name].v as Record<string, GoValue>;
		}
		const last = kf.path[kf.path.length - 1];
		// JSON null keeps the zero value (Go leaves the field untouched).
		target[last.name] = unmarshal(last.type, v);
	}
	return result;
}

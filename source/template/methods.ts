// Method sets as Go's reflect sees them. Methods live on the GoType that
// declares them; a method marked ptrReceiver is in the method set of *T (and
// of an addressable T), others in both T and *T. Calls receive the value the
// method was declared on: the pointee for methods of T, the pointer itself for
// methods declared on the pointer type.
import type {GoMethod, GoValue} from './core.js';

export interface BoundMethod {
	method: GoMethod;
	/** null when the receiver is a nil pointer (calling a method of T through it panics in Go). */
	recv: GoValue | null;
}

export function lookupMethod(v: GoValue, name: string, addressable: boolean): BoundMethod | null {
	const t = v.type;
	if (t.kind === 'interface') return null;
	if (t.kind === 'ptr') {
		const own = t.methods?.[name];
		if (own && Object.hasOwn(t.methods!, name)) return {method: own, recv: v};
		const em = t.elem?.methods;
		if (em && Object.hasOwn(em, name)) return {method: em[name], recv: (v.v as GoValue | null)};
		return null;
	}
	const m = t.methods;
	if (!m || !Object.hasOwn(m, name)) return null;
	if (m[name].ptrReceiver && !addressable) return null;
	return {method: m[name], recv: v};
}

/** The value is addressable (reached through a pointer or a slice element). */
export const isAddressable = (v: GoValue): boolean => (v as {addr?: boolean}).addr === true;
/**
 * v marked addressable. Its value is read through to v's, as an addressable
 * reflect.Value reads its memory when used: `{{ne .FieldsUsed .MarshalJSON}}`
 * in ps's pre-pass sees the map MarshalJSON's call of Size made after the field was read.
 */
export const addressable = (v: GoValue): GoValue => {
	if (isAddressable(v)) return v;
	const a = {type: v.type, addr: true} as unknown as GoValue;
	Object.defineProperty(a, 'v', {get: () => v.v, set: (x: unknown) => (v.v = x), enumerable: true});
	return a;
};

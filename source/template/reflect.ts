// reflect-like helpers used by exec and the builtins. null stands for Go's
// invalid reflect.Value (a missing value or the contents of a nil interface).
import type {GoType, GoValue} from './core.js';
import {byteLen, isFloatKind, isIntegerKind, typeString} from './core.js';
import {addressable} from './methods.js';

export type Val = GoValue | null;

/** Follow pointers and interfaces; stops at a nil one (returned with isNil). Pointees are addressable. */
export function indirect(v: Val): [Val, boolean] {
	while (v !== null && (v.type.kind === 'ptr' || v.type.kind === 'interface')) {
		if (v.v === null) return [v, true];
		v = v.type.kind === 'ptr' ? addressable(v.v as GoValue) : (v.v as GoValue);
	}
	return [v, false];
}

/** The concrete value inside an interface (null when nil); other values unchanged. */
export function indirectInterface(v: Val): Val {
	if (v === null || v.type.kind !== 'interface') return v;
	return v.v as GoValue | null;
}

/** Go's isTrue: [truth, ok]. */
export function isTrue(v: Val): [boolean, boolean] {
	if (v === null) return [false, true];
	const k = v.type.kind;
	switch (k) {
		case 'array': return [(v.v as unknown[]).length > 0, true];
		case 'slice': return [v.v !== null && (v.v as unknown[]).length > 0, true];
		case 'map': return [v.v !== null && (v.v as Map<unknown, unknown>).size > 0, true];
		case 'string': return [(v.v as string).length > 0, true];
		case 'bool': return [v.v as boolean, true];
		case 'func': case 'ptr': case 'interface': return [v.v !== null, true];
		case 'struct': return [true, true];
	}
	if (isIntegerKind(k)) return [(v.v as bigint) !== 0n, true];
	if (isFloatKind(k)) return [(v.v as number) !== 0, true];
	if (k === 'complex128') return [(v.v as {re: number}).re !== 0 || (v.v as {im: number}).im !== 0, true];
	return [false, false];
}

export const canBeNil = (t: GoType): boolean =>
	['func', 'interface', 'map', 'ptr', 'slice'].includes(t.kind) || t === REFLECT_VALUE;

/** Marker parameter type: the argument arrives unconverted (Go's reflect.Value parameters). */
export const REFLECT_VALUE: GoType = {kind: 'struct', name: 'reflect.Value'};

/** reflect's Len for arrays, slices, maps and strings (bytes). */
export function lengthOf(v: GoValue): number {
	switch (v.type.kind) {
		case 'string': return byteLen(v.v as string);
		case 'slice': case 'array': return v.v === null ? 0 : (v.v as unknown[]).length;
		case 'map': return v.v === null ? 0 : (v.v as Map<unknown, unknown>).size;
	}
	throw new Error(`len of type ${typeString(v.type)}`);
}

/** Type identity, approximated by the printed type name. */
export const sameType = (a: GoType, b: GoType): boolean => a === b || typeString(a) === typeString(b);

/** reflect's AssignableTo for the cases templates meet. */
export function assignable(from: GoType, to: GoType): boolean {
	if (sameType(from, to)) return true;
	// Identical underlying types where one side is unnamed (e.g. strslice.StrSlice to []string).
	if ((from.name === undefined || to.name === undefined) && from.kind === to.kind && underlying(from) === underlying(to)) return true;
	if (to.kind === 'interface') {
		if (to.name === 'error') return hasErrorMethod(from);
		return true;
	}
	return false;
}

const underlying = (t: GoType): string =>
	['slice', 'array', 'map', 'ptr', 'struct', 'func'].includes(t.kind) ? typeString({...t, name: undefined}) : t.kind;

function hasErrorMethod(t: GoType): boolean {
	if (t.methods && Object.hasOwn(t.methods, 'Error')) return true;
	return t.kind === 'ptr' && !!t.elem?.methods && Object.hasOwn(t.elem.methods, 'Error');
}

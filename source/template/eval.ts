// Expression evaluation from Go's exec.go: pipelines, commands, fields and
// methods, function calls with Go's argument conversion rules.
import type {GoType, GoValue, MapKey, StructField} from './core.js';
import {GoError, T, isFloatKind, isIntKind, isUintKind, typeString, wrapInt, zeroValue} from './core.js';
import type {State} from './exec.js';
import type {GoFunc} from './funcs.js';
import {addressable, isAddressable, lookupMethod, type BoundMethod} from './methods.js';
import type {ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, VariableNode} from './nodes.js';
import {nodeString} from './nodes.js';
import {assignable, canBeNil, indirect, isTrue, indirectInterface, REFLECT_VALUE, type Val} from './reflect.js';
import {quote} from './strconv.js';

/** The "no final argument" marker (Go's missingVal). */
export const MISSING = Symbol('missing');
type Final = Val | typeof MISSING;

const isEmptyInterface = (t: GoType): boolean => t.kind === 'interface' && t.name !== 'error';

export function evalPipeline(s: State, dot: Val, pipe: PipeNode | null): Val {
	if (pipe === null) return null;
	s.at(pipe);
	let value: Final = MISSING;
	for (const cmd of pipe.cmds) {
		value = evalCommand(s, dot, cmd, value);
		if (value !== null && isEmptyInterface(value.type)) value = value.v as GoValue | null;
	}
	const v = value === MISSING ? null : value;
	for (const variable of pipe.decl) {
		if (pipe.isAssign) s.setVar(variable.ident[0], v);
		else s.push(variable.ident[0], v);
	}
	return v;
}

function notAFunction(s: State, args: Node[] | null, final: Final): void {
	if ((args !== null && args.length > 1) || final !== MISSING) s.errorf(`can't give argument to non-function ${nodeString(args![0])}`);
}

function evalCommand(s: State, dot: Val, cmd: CommandNode, final: Final): Val {
	const first = cmd.args[0];
	switch (first.type) {
		case 'field': return evalFieldNode(s, dot, first, cmd.args, final);
		case 'chain': return evalChainNode(s, dot, first, cmd.args, final);
		case 'identifier': return evalFunction(s, dot, first, cmd, cmd.args, final);
		case 'pipe':
			notAFunction(s, cmd.args, final);
			return evalPipeline(s, dot, first);
		case 'variable': return evalVariableNode(s, dot, first, cmd.args, final);
	}
	s.at(first);
	notAFunction(s, cmd.args, final);
	switch (first.type) {
		case 'bool': return {type: T.bool, v: first.value};
		case 'dot': return dot;
		case 'nil': return s.errorf('nil is not a command');
		case 'number': return idealConstant(s, first);
		case 'string': return {type: T.string, v: first.text};
	}
	return s.errorf(`can't evaluate command ${quote(nodeString(first))}`);
}

function idealConstant(s: State, c: NumberNode): Val {
	s.at(c);
	const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
	// Go: reflect.ValueOf(constant.Complex128), "incontrovertible".
	if (c.isComplex) return {type: T.complex128, v: {re: c.re, im: c.im}};
	if (c.isFloat && !isHexInt && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) return {type: T.float64, v: c.float64};
	if (c.isInt) return {type: T.int, v: c.int64};
	if (c.isUint) s.errorf(`${c.text} overflows int`);
	return null;
}

function evalFieldNode(s: State, dot: Val, field: FieldNode, args: Node[] | null, final: Final): Val {
	s.at(field);
	return evalFieldChain(s, dot, dot, field, field.ident, args, final);
}

function evalChainNode(s: State, dot: Val, chain: ChainNode, args: Node[] | null, final: Final): Val {
	s.at(chain);
	if (chain.node.type === 'nil') s.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
	const pipe = evalArg(s, dot, null, chain.node);
	return evalFieldChain(s, dot, pipe, chain, chain.field, args, final);
}

function evalVariableNode(s: State, dot: Val, v: VariableNode, args: Node[] | null, final: Final): Val {
	s.at(v);
	const value = s.varValue(v.ident[0]);
	if (v.ident.length === 1) {
		notAFunction(s, args, final);
		return value;
	}
	return evalFieldChain(s, dot, value, v, v.ident.slice(1), args, final);
}

function evalFieldChain(s: State, dot: Val, receiver: Val, node: Node, ident: string[], args: Node[] | null, final: Final): Val {
	for (let i = 0; i < ident.length - 1; i++) receiver = evalField(s, dot, ident[i], node, null, MISSING, receiver);
	return evalField(s, dot, ident[ident.length - 1], node, args, final, receiver);
}

function evalFunction(s: State, dot: Val, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): Val {
	s.at(node);
	const f = s.opts.funcs.get(node.ident);
	if (f === undefined) return s.errorf(`${quote(node.ident)} is not a defined function`);
	return evalCall(s, dot, f.fn, f.builtin, cmd, node.ident, args, final);
}

// reflect's FieldByName: promoted fields of embedded structs, breadth first;
// two matches at the same depth are ambiguous (no field).
function findField(t: GoType, name: string): StructField[] | null {
	let level: {path: StructField[]; type: GoType}[] = [{path: [], type: t}];
	for (let depth = 0; depth < 8 && level.length > 0; depth++) {
		const next: typeof level = [];
		const found: StructField[][] = [];
		for (const {path, type} of level) {
			for (const f of type.fields ?? []) {
				if (f.name === name) found.push([...path, f]);
				if (f.embedded) {
					const ft = f.type.kind === 'ptr' ? f.type.elem! : f.type;
					if (ft.kind === 'struct') next.push({path: [...path, f], type: ft});
				}
			}
		}
		if (found.length > 0) return found.length === 1 ? found[0] : null;
		level = next;
	}
	return null;
}

const exported = (name: string): boolean => /^\p{Lu}/u.test(name);

function evalField(s: State, dot: Val, fieldName: string, node: Node, args: Node[] | null, final: Final, receiver: Val): Val {
	if (receiver === null) {
		if (s.opts.missingKey === 'error') s.errorf(`nil data; no entry for key ${quote(fieldName)}`);
		return null;
	}
	const typ = receiver.type;
	const [recv, isNil] = indirect(receiver);
	if (recv!.type.kind === 'interface' && isNil) s.errorf(`nil pointer evaluating ${typeString(typ)}.${fieldName}`);
	const bound = lookupMethod(recv!, fieldName, recv!.type.kind !== 'ptr' && isAddressable(recv!));
	if (bound) return evalCall(s, dot, bound, false, node, fieldName, args, final);
	const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
	const r = recv!;
	switch (r.type.kind) {
		case 'struct': {
			const path = findField(r.type, fieldName);
			if (path) {
				if (!exported(fieldName)) s.errorf(`${fieldName} is an unexported field of struct type ${typeString(typ)}`);
				let v: GoValue = r;
				for (const f of path) {
					if (v.type.kind === 'ptr') {
						if (v.v === null) s.errorf(`reflect: indirection through nil pointer to embedded struct field ${f.name}`);
						v = addressable(v.v as GoValue);
					}
					const fv = (v.v as Record<string, GoValue>)[f.name] ?? zeroValue(f.type);
					v = isAddressable(v) ? addressable(fv) : fv;
				}
				if (hasArgs) s.errorf(`${fieldName} has arguments but cannot be invoked as function`);
				return v;
			}
			break;
		}
		case 'map': {
			const kt = r.type.key!;
			if ((kt.kind === 'string' && (kt.name === undefined || kt.name === 'string')) || isEmptyInterface(kt)) {
				if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
				const m = r.v as Map<MapKey, GoValue> | null;
				const result = m?.get(fieldName);
				if (result === undefined) {
					if (s.opts.missingKey === 'error') s.errorf(`map has no entry for key ${quote(fieldName)}`);
					return null;
				}
				return result;
			}
			break;
		}
		case 'ptr': {
			const et = r.type.elem!;
			if (et.kind === 'struct' && !findField(et, fieldName)) break;
			if (isNil) s.errorf(`nil pointer evaluating ${typeString(typ)}.${fieldName}`);
		}
	}
	return s.errorf(`can't evaluate field ${fieldName} in type ${typeString(typ)}`);
}

interface Callee {
	params: GoType[];
	variadic: boolean;
	call(args: Val[]): Val;
}

function callee(fn: GoFunc | BoundMethod): Callee {
	if ('method' in fn) {
		const m = fn.method;
		return {
			params: m.params ?? [],
			variadic: m.variadic ?? false,
			call: args => {
				if (fn.recv === null) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
				return m.call(fn.recv, args as GoValue[]);
			},
		};
	}
	return {params: fn.params, variadic: fn.variadic ?? false, call: args => fn.call(args)};
}

/** reflect.Value.String(): a string's text, else `<TYPE Value>`. */
function valueString(v: Val): string {
	if (v === null) return '<invalid Value>';
	return v.type.kind === 'string' ? (v.v as string) : `<${typeString(v.type)} Value>`;
}

function evalCall(s: State, dot: Val, fn: GoFunc | BoundMethod, isBuiltin: boolean, node: Node, name: string, argNodes: Node[] | null, final: Final): Val {
	const args = argNodes === null ? [] : argNodes.slice(1);
	const f = callee(fn);
	const numIn = args.length + (final !== MISSING ? 1 : 0);
	let numFixed = args.length;
	if (f.variadic) {
		numFixed = f.params.length - 1;
		if (numIn < numFixed) s.errorf(`wrong number of args for ${name}: want at least ${f.params.length - 1} got ${args.length}`);
	} else if (numIn !== f.params.length) s.errorf(`wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);

	if (isBuiltin && (name === 'and' || name === 'or')) {
		let v: Val = null;
		for (const arg of args) {
			v = evalArg(s, dot, REFLECT_VALUE, arg);
			if (isTrue(indirectInterface(v))[0] === (name === 'or')) return v;
		}
		if (final !== MISSING) v = final;
		return v;
	}
	const argv: Val[] = [];
	let i = 0;
	for (; i < numFixed && i < args.length; i++) argv.push(evalArg(s, dot, f.params[i], args[i]));
	if (f.variadic) {
		const et = f.params[f.params.length - 1];
		for (; i < args.length; i++) argv.push(evalArg(s, dot, et, args[i]));
	}
	if (final !== MISSING) {
		let t = f.params[f.params.length - 1];
		if (f.variadic && numIn - 1 < numFixed) t = f.params[numIn - 1];
		argv.push(validateType(s, final, t));
	}
	// The callee's name for call's messages: the node's text, or in `X | call` reflect.Value.String() of X.
	if (isBuiltin && name === 'call') argv.unshift({type: T.string, v: args.length > 0 ? nodeString(args[0]) : valueString(final as Val)});
	try {
		return f.call(argv);
	} catch (e) {
		// Go's safeCall turns a function's error result or panic into this error.
		if (e instanceof Error && !(e instanceof RangeError && e.message.includes('call stack'))) {
			s.at(node);
			s.errorf(`error calling ${name}: ${e.message}`);
		}
		throw e;
	}
}

function validateType(s: State, value: Val, typ: GoType | null): Val {
	if (value === null) {
		if (typ === null) return null;
		if (canBeNil(typ)) return typ === REFLECT_VALUE || isEmptyInterface(typ) ? null : zeroValue(typ);
		s.errorf(`invalid value; expected ${typeString(typ)}`);
	}
	if (typ === null || typ === REFLECT_VALUE) return value;
	if (isEmptyInterface(typ)) return value.type.kind === 'interface' ? (value.v as GoValue | null) : value;
	if (!assignable(value.type, typ)) {
		if (value.type.kind === 'interface' && value.v !== null) {
			value = value.v as GoValue;
			if (assignable(value.type, typ)) return value;
		}
		if (value.type.kind === 'ptr' && assignable(value.type.elem!, typ)) {
			if (value.v === null) s.errorf(`dereference of nil pointer of type ${typeString(typ)}`);
			return value.v as GoValue;
		}
		if (typ.kind === 'ptr' && isAddressable(value) && assignable(value.type, typ.elem!)) return {type: typ, v: value};
		s.errorf(`wrong type for value; expected ${typeString(typ)}; got ${typeString(value.type)}`);
	}
	return value;
}

function evalArg(s: State, dot: Val, typ: GoType | null, n: Node): Val {
	s.at(n);
	switch (n.type) {
		case 'dot': return validateType(s, dot, typ);
		case 'nil':
			if (typ !== null && canBeNil(typ)) return typ === REFLECT_VALUE || isEmptyInterface(typ) ? null : zeroValue(typ);
			return s.errorf(`cannot assign nil to ${typ === null ? '<nil>' : typeString(typ)}`);
		case 'field': return validateType(s, evalFieldNode(s, dot, n, [n], MISSING), typ);
		case 'variable': return validateType(s, evalVariableNode(s, dot, n, null, MISSING), typ);
		case 'pipe': return validateType(s, evalPipeline(s, dot, n), typ);
		case 'identifier': return validateType(s, evalFunction(s, dot, n, n, null, MISSING), typ);
		case 'chain': return validateType(s, evalChainNode(s, dot, n, null, MISSING), typ);
	}
	if (typ === null) return s.errorf(`can't handle ${nodeString(n)} for arg of type <nil>`);
	const k = typ.kind;
	if (k === 'bool') {
		if (n.type === 'bool') return {type: typ, v: n.value};
		return s.errorf(`expected bool; found ${nodeString(n)}`);
	}
	if (isFloatKind(k)) {
		if (n.type === 'number' && n.isFloat) return {type: typ, v: k === 'float32' ? Math.fround(n.float64) : n.float64};
		return s.errorf(`expected float; found ${nodeString(n)}`);
	}
	if (isIntKind(k)) {
		if (n.type === 'number' && n.isInt) return {type: typ, v: wrapInt(n.int64, k)};
		return s.errorf(`expected integer; found ${nodeString(n)}`);
	}
	if (isUintKind(k)) {
		if (n.type === 'number' && n.isUint) return {type: typ, v: wrapInt(n.uint64, k)};
		return s.errorf(`expected unsigned integer; found ${nodeString(n)}`);
	}
	if (k === 'string') {
		if (n.type === 'string') return {type: typ, v: n.text};
		return s.errorf(`expected string; found ${nodeString(n)}`);
	}
	if (isEmptyInterface(typ) || typ === REFLECT_VALUE) return evalEmptyInterface(s, dot, n);
	return s.errorf(`can't handle ${nodeString(n)} for arg of type ${typeString(typ)}`);
}

function evalEmptyInterface(s: State, dot: Val, n: Node): Val {
	s.at(n);
	switch (n.type) {
		case 'bool': return {type: T.bool, v: n.value};
		case 'number': return idealConstant(s, n);
		case 'string': return {type: T.string, v: n.text};
	}
	return s.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
}

// Go's text/template/exec.go: walking the tree, control structures, variables,
// printing action results and error locations. Expression evaluation is in
// eval.ts. Output is collected in a string; on error it is discarded.
import type {GoValue, MapKey} from './core.js';
import {byteLen, typeString} from './core.js';
import {TemplateExecError} from './errors.js';
import type {GoFunc} from './funcs.js';
import {lookupMethod, isAddressable, addressable} from './methods.js';
import type {BranchNode, Node, TemplateNode} from './nodes.js';
import {nodeString} from './nodes.js';
import type {Tree} from './parse.js';
import {sprint} from './print.js';
import {indirect, indirectInterface, isTrue, type Val} from './reflect.js';
import {compareKeys} from './sortkeys.js';
import {quote} from './strconv.js';
import {evalPipeline} from './eval.js';

const MAX_EXEC_DEPTH = 100000;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

export interface ExecOptions {
	missingKey: 'default' | 'error';
	funcs: Map<string, {fn: GoFunc; builtin: boolean}>;
	trees: Map<string, Tree>;
}

interface Variable {
	name: string;
	value: Val;
}

/** An execution error before it gets its location prefix. */
class Abort {
	constructor(readonly err: TemplateExecError) {}
}

export class State {
	out = '';
	node: Node | null = null;
	vars: Variable[];
	depth = 0;

	constructor(public tree: Tree, readonly opts: ExecOptions, dot: Val) {
		this.vars = [{name: '$', value: dot}];
	}

	at(node: Node): void {
		this.node = node;
	}

	mark(): number {
		return this.vars.length;
	}

	pop(mark: number): void {
		this.vars.length = mark;
	}

	push(name: string, value: Val): void {
		this.vars.push({name, value});
	}

	setVar(name: string, value: Val): void {
		for (let i = this.vars.length - 1; i >= 0; i--) {
			if (this.vars[i].name === name) {
				this.vars[i].value = value;
				return;
			}
		}
		this.errorf(`undefined variable: ${name}`);
	}

	setTopVar(n: number, value: Val): void {
		this.vars[this.vars.length - n].value = value;
	}

	varValue(name: string): Val {
		for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
		return this.errorf(`undefined variable: ${name}`);
	}

	/** Raise an execution error located at the current node, worded like Go's state.errorf. */
	errorf(msg: string): never {
		const name = quote(this.tree.name);
		if (this.node === null) throw new Abort(new TemplateExecError(`template: ${this.tree.name}: ${msg}`, 0, 0));
		const text = this.tree.text.slice(0, this.node.pos);
		const nl = text.lastIndexOf('\n');
		const col = nl < 0 ? byteLen(text) : byteLen(text.slice(nl + 1));
		const line = 1 + (text.match(/\n/g)?.length ?? 0);
		const ctx = nodeString(this.node);
		throw new Abort(new TemplateExecError(
			`template: ${this.tree.parseName}:${line}:${col}: executing ${name} at <${ctx}>: ${msg}`, line, col, this.node.pos,
		));
	}

	walk(dot: Val, node: Node): void {
		this.at(node);
		switch (node.type) {
			case 'action': {
				const val = evalPipeline(this, dot, node.pipe);
				if (node.pipe.decl.length === 0) this.printValue(node, val);
				return;
			}
			case 'break': throw BREAK;
			case 'continue': throw CONTINUE;
			case 'if': case 'with': return this.walkIfOrWith(dot, node);
			case 'list': for (const n of node.nodes) this.walk(dot, n); return;
			case 'range': return this.walkRange(dot, node);
			case 'template': return this.walkTemplate(dot, node);
			case 'text': this.out += node.text; return;
		}
		this.errorf(`unknown node: ${nodeString(node)}`);
	}

	private walkIfOrWith(dot: Val, node: BranchNode): void {
		const mark = this.mark();
		try {
			const val = evalPipeline(this, dot, node.pipe);
			const [truth, ok] = isTrue(indirectInterface(val));
			if (!ok) this.errorf(`if/with can't use ${sprint([val])}`);
			if (truth) this.walk(node.type === 'with' ? val : dot, node.list);
			else if (node.elseList) this.walk(dot, node.elseList);
		} finally {
			this.pop(mark);
		}
	}

	private walkRange(dot: Val, r: BranchNode): void {
		this.at(r);
		const outer = this.mark();
		try {
			const [val] = indirect(evalPipeline(this, dot, r.pipe));
			const mark = this.mark();
			const decl = r.pipe.decl;
			const one = (index: Val, elem: Val): void => {
				if (decl.length > 0) {
					if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
					else this.setTopVar(1, elem);
				}
				if (decl.length > 1) {
					if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
					else this.setTopVar(2, index);
				}
				try {
					this.walk(elem, r.list);
				} catch (e) {
					if (e !== CONTINUE) throw e;
				} finally {
					this.pop(mark);
				}
			};
			const ran = this.iterate(val, r, one);
			if (!ran && r.elseList) this.walk(dot, r.elseList);
		} catch (e) {
			if (e !== BREAK) throw e;
		} finally {
			this.pop(outer);
		}
	}

	// Runs the iterations; false when there were none (so the else branch runs).
	private iterate(val: Val, r: BranchNode, one: (index: Val, elem: Val) => void): boolean {
		if (val === null) return false;
		const k = val.type.kind;
		const int = (i: number): GoValue => ({type: {kind: 'int', name: 'int'}, v: BigInt(i)});
		if (k === 'array' || k === 'slice') {
			const items = (val.v as GoValue[] | null) ?? [];
			items.forEach((item, i) => one(int(i), addressable(item)));
			return items.length > 0;
		}
		if (k === 'map') {
			const m = val.v as Map<MapKey, GoValue> | null;
			if (m === null || m.size === 0) return false;
			for (const key of [...m.keys()].sort(compareKeys)) one({type: val.type.key!, v: key}, m.get(key)!);
			return true;
		}
		if (k.startsWith('int') || k.startsWith('uint')) {
			if (r.pipe.decl.length > 1) this.errorf(`can't use ${sprint([val])} to iterate over more than one variable`);
			const n = val.v as bigint;
			for (let i = 0n; i < n; i++) one(null, {type: val.type, v: i});
			return n > 0n;
		}
		if (k === 'func') {
			return this.errorf(`range can't iterate over ${sprint([val])}`);
		}
		return this.errorf(`range can't iterate over ${sprint([val])}`);
	}

	private walkTemplate(dot: Val, t: TemplateNode): void {
		this.at(t);
		const tree = this.opts.trees.get(t.name);
		if (tree === undefined) this.errorf(`template ${quote(t.name)} not defined`);
		if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
		const newDot = t.pipe ? evalPipeline(this, dot, t.pipe) : null;
		const saved = {tree: this.tree, vars: this.vars};
		this.depth++;
		this.tree = tree!;
		this.vars = [{name: '$', value: newDot}];
		try {
			this.walk(newDot, tree!.root);
		} catch (e) {
			// JavaScript's stack ends long before Go's 100000 levels; report it the same way.
			if (!(e instanceof RangeError)) throw e;
			this.tree = saved.tree;
			this.at(t);
			this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
		} finally {
			this.depth--;
			this.tree = saved.tree;
			this.vars = saved.vars;
		}
	}

	/** text/template's printValue and printableValue. */
	printValue(n: Node, v: Val): void {
		this.at(n);
		if (v !== null && v.type.kind === 'ptr') v = indirect(v)[0];
		if (v === null) {
			this.out += '<no value>';
			return;
		}
		if (!lookupMethod(v, 'Error', false) && !lookupMethod(v, 'String', false)) {
			if (isAddressable(v) && (lookupMethod(v, 'Error', true) || lookupMethod(v, 'String', true))) {
				v = {type: {kind: 'ptr', elem: v.type}, v};
			} else if (v.type.kind === 'func') {
				this.errorf(`can't print ${nodeString(n)} of type ${typeString(v.type)}`);
			}
		}
		this.out += sprint([v.type.kind === 'interface' ? (v.v as GoValue | null) : v]);
	}
}

/** Run a parsed tree; returns the output or throws TemplateExecError. */
export function run(tree: Tree, opts: ExecOptions, data: Val): string {
	const s = new State(tree, opts, data);
	if (tree.root === null) throw new TemplateExecError(`template: ${tree.name}: ${quote(tree.name)} is an incomplete or empty template`, 0, 0);
	try {
		s.walk(data, tree.root);
	} catch (e) {
		// Go's executor streams: what it wrote before failing is on its writer. Kept for callers that print it.
		if (e instanceof Abort) throw Object.assign(e.err, {partial: s.out});
		if (e instanceof RangeError) {
			try {
				s.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
			} catch (a) {
				if (a instanceof Abort) throw a.err;
			}
		}
		throw e;
	}
	return s.out;
}


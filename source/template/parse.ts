// A port of Go's text/template/parse/parse.go (Go 1.24): the same three-token
// lookahead (so error line numbers match), the same contexts in messages.
import {Item, Lexer, type Token} from './lex.js';
import {parseNumber} from './literals.js';
import {ParserBase} from './parsebase.js';
import type {
	BranchNode, CommandNode, ElseNode, EndNode, ListNode, Node, PipeNode, TemplateNode, VariableNode,
} from './nodes.js';
import {nodeString} from './nodes.js';
import {quote} from './strconv.js';

export interface Tree {
	name: string;
	/** Name of the top-level template, used in error locations. */
	parseName: string;
	root: ListNode;
	text: string;
}

const MAX_STACK_DEPTH = 10000;

export function isEmptyTree(n: Node | null): boolean {
	if (n === null) return true;
	switch (n.type) {
		case 'list': return n.nodes.every(isEmptyTree);
		case 'text': return n.text.trim() === '';
		default: return false;
	}
}

class Parser extends ParserBase {
	// ---- grammar ----
	parse(): void {
		this.root = {type: 'list', pos: this.peek().pos, nodes: []};
		while (this.peek().typ !== Item.EOF) {
			if (this.peek().typ === Item.LeftDelim) {
				const delim = this.next();
				if (this.nextNonSpace().typ === Item.Define) {
					const sub = new Parser('definition', this.parseName, this.text, this.lex, this.hasFunction, this.treeSet);
					sub.parseDefinition();
					continue;
				}
				this.backup2(delim);
			}
			const n = this.textOrAction();
			if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
			this.root.nodes.push(n);
		}
	}

	add(): void {
		const tree = this.treeSet.get(this.name);
		if (tree === undefined || isEmptyTree(tree.root)) {
			this.treeSet.set(this.name, {name: this.name, parseName: this.parseName, root: this.root!, text: this.text});
			return;
		}
		if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
	}

	private parseDefinition(): void {
		const context = 'define clause';
		const t = this.nextNonSpace();
		if (t.typ !== Item.String && t.typ !== Item.RawString) this.unexpected(t, context);
		this.name = this.unquote(t);
		this.expect(Item.RightDelim, context);
		const [list, end] = this.itemList();
		this.root = list;
		if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
		this.add();
	}

	private itemList(): [ListNode, EndNode | ElseNode] {
		const list: ListNode = {type: 'list', pos: this.peekNonSpace().pos, nodes: []};
		while (this.peekNonSpace().typ !== Item.EOF) {
			const n = this.textOrAction();
			if (n.type === 'end' || n.type === 'else') return [list, n];
			list.nodes.push(n);
		}
		return this.errorf('unexpected EOF');
	}

	private textOrAction(): Node {
		const t = this.nextNonSpace();
		switch (t.typ) {
			case Item.Text: return {type: 'text', pos: t.pos, text: t.val};
			case Item.LeftDelim: {
				this.actionLine = t.line;
				try {
					return this.action();
				} finally {
					this.actionLine = 0;
				}
			}
		}
		return this.unexpected(t, 'input');
	}

	private action(): Node {
		const t = this.nextNonSpace();
		switch (t.typ) {
			case Item.Block: return this.blockControl();
			case Item.Break: return this.loopControl(t, 'break');
			case Item.Continue: return this.loopControl(t, 'continue');
			case Item.Else: return this.elseControl();
			case Item.End: return {type: 'end', pos: this.expect(Item.RightDelim, 'end').pos};
			case Item.If: return this.branch('if');
			case Item.Range: return this.branch('range');
			case Item.Template: return this.templateControl();
			case Item.With: return this.branch('with');
		}
		this.backup();
		const tok = this.peek();
		return {type: 'action', pos: tok.pos, line: tok.line, pipe: this.pipeline('command', Item.RightDelim)};
	}

	private loopControl(t: Token, kind: 'break' | 'continue'): Node {
		const n = this.nextNonSpace();
		if (n.typ !== Item.RightDelim) this.unexpected(n, `{{${kind}}}`);
		if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
		return {type: kind, pos: t.pos, line: t.line};
	}

	private pipeline(context: string, end: Item): PipeNode {
		const tok = this.peekNonSpace();
		const pipe: PipeNode = {type: 'pipe', pos: tok.pos, line: tok.line, isAssign: false, decl: [], cmds: []};
		decls: for (;;) {
			const v = this.peekNonSpace();
			if (v.typ !== Item.Variable) break;
			this.next();
			const after = this.peek();
			const next = this.peekNonSpace();
			if (next.typ === Item.Assign || next.typ === Item.Declare) {
				pipe.isAssign = next.typ === Item.Assign;
				this.nextNonSpace();
				pipe.decl.push({type: 'variable', pos: v.pos, ident: v.val.split('.')});
				this.vars.push(v.val);
			} else if (next.typ === Item.Char && next.val === ',') {
				this.nextNonSpace();
				pipe.decl.push({type: 'variable', pos: v.pos, ident: v.val.split('.')});
				this.vars.push(v.val);
				if (context === 'range' && pipe.decl.length < 2) {
					const p = this.peekNonSpace().typ;
					if (p === Item.Variable || p === Item.RightDelim || p === Item.RightParen) continue decls;
					this.errorf('range can only initialize variables');
				}
				this.errorf(`too many declarations in ${context}`);
			} else if (after.typ === Item.Space) {
				this.backup3(v, after);
			} else {
				this.backup2(v);
			}
			break;
		}
		for (;;) {
			const t = this.nextNonSpace();
			if (t.typ === end) {
				this.checkPipeline(pipe, context);
				return pipe;
			}
			switch (t.typ) {
				case Item.Bool: case Item.CharConstant: case Item.Complex: case Item.Dot: case Item.Field: case Item.Identifier:
				case Item.Number: case Item.Nil: case Item.RawString: case Item.String: case Item.Variable: case Item.LeftParen:
					this.backup();
					pipe.cmds.push(this.command());
					break;
				default:
					this.unexpected(t, context);
			}
		}
	}

	private checkPipeline(pipe: PipeNode, context: string): void {
		if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
		pipe.cmds.slice(1).forEach((c, i) => {
			const t = c.args[0].type;
			if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
				this.errorf(`non executable command in pipeline stage ${i + 2}`);
			}
		});
	}

	private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
		const mark = this.vars.length;
		try {
			const pipe = this.pipeline(context, Item.RightDelim);
			if (context === 'range') this.rangeDepth++;
			let [list, next] = this.itemList();
			if (context === 'range') this.rangeDepth--;
			let elseList: ListNode | null = null;
			if (next.type === 'else') {
				if ((context === 'if' && this.peek().typ === Item.If) || (context === 'with' && this.peek().typ === Item.With)) {
					this.next();
					elseList = {type: 'list', pos: next.pos, nodes: [this.branch(context)]};
				} else {
					[elseList, next] = this.itemList();
					if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
				}
			}
			return {type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList};
		} finally {
			this.vars.length = mark;
		}
	}

	private branch(context: 'if' | 'range' | 'with'): BranchNode {
		return this.parseControl(context);
	}

	private elseControl(): ElseNode {
		const peek = this.peekNonSpace();
		if (peek.typ === Item.If || peek.typ === Item.With) return {type: 'else', pos: peek.pos, line: peek.line};
		const t = this.expect(Item.RightDelim, 'else');
		return {type: 'else', pos: t.pos, line: t.line};
	}

	private blockControl(): TemplateNode {
		const context = 'block clause';
		const t = this.nextNonSpace();
		const name = this.templateName(t, context);
		const pipe = this.pipeline(context, Item.RightDelim);
		const block = new Parser(name, this.parseName, this.text, this.lex, this.hasFunction, this.treeSet);
		const [list, end] = block.itemList();
		block.root = list;
		if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
		block.add();
		return {type: 'template', pos: t.pos, line: t.line, name, pipe};
	}

	private templateControl(): TemplateNode {
		const context = 'template clause';
		const t = this.nextNonSpace();
		const name = this.templateName(t, context);
		let pipe: PipeNode | null = null;
		if (this.nextNonSpace().typ !== Item.RightDelim) {
			this.backup();
			pipe = this.pipeline(context, Item.RightDelim);
		}
		return {type: 'template', pos: t.pos, line: t.line, name, pipe};
	}

	private templateName(t: Token, context: string): string {
		if (t.typ === Item.String || t.typ === Item.RawString) return this.unquote(t);
		return this.unexpected(t, context);
	}

	private command(): CommandNode {
		const cmd: CommandNode = {type: 'command', pos: this.peekNonSpace().pos, args: []};
		for (;;) {
			this.peekNonSpace();
			const operand = this.operand();
			if (operand !== null) cmd.args.push(operand);
			const t = this.next();
			if (t.typ === Item.Space) continue;
			if (t.typ === Item.RightDelim || t.typ === Item.RightParen) this.backup();
			else if (t.typ !== Item.Pipe) this.unexpected(t, 'operand');
			break;
		}
		if (cmd.args.length === 0) this.errorf('empty command');
		return cmd;
	}

	private operand(): Node | null {
		const node = this.term();
		if (node === null) return null;
		if (this.peek().typ === Item.Field) {
			const pos = this.peek().pos;
			const fields: string[] = [];
			while (this.peek().typ === Item.Field) fields.push(this.next().val.slice(1));
			switch (node.type) {
				case 'field': return {type: 'field', pos, ident: [...node.ident, ...fields]};
				case 'variable': return {type: 'variable', pos, ident: [...node.ident, ...fields]};
				case 'bool': case 'string': case 'number': case 'nil': case 'dot':
					this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
			}
			return {type: 'chain', pos, node, field: fields};
		}
		return node;
	}

	private term(): Node | null {
		const t = this.nextNonSpace();
		switch (t.typ) {
			case Item.Identifier:
				if (!this.hasFunction(t.val)) this.errorf(`function ${quote(t.val)} not defined`);
				return {type: 'identifier', pos: t.pos, ident: t.val};
			case Item.Dot: return {type: 'dot', pos: t.pos};
			case Item.Nil: return {type: 'nil', pos: t.pos};
			case Item.Variable: return this.useVar(t.pos, t.val);
			case Item.Field: return {type: 'field', pos: t.pos, ident: t.val.slice(1).split('.')};
			case Item.Bool: return {type: 'bool', pos: t.pos, value: t.val === 'true'};
			case Item.CharConstant: case Item.Complex: case Item.Number: {
				const n = parseNumber(t.pos, t.val, t.typ === Item.CharConstant, t.typ === Item.Complex);
				if (typeof n === 'string') this.errorf(n);
				return n;
			}
			case Item.LeftParen: {
				if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
				this.stackDepth++;
				try {
					return this.pipeline('parenthesized pipeline', Item.RightParen);
				} finally {
					this.stackDepth--;
				}
			}
			case Item.String: case Item.RawString:
				return {type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t)};
		}
		this.backup();
		return null;
	}

	private useVar(pos: number, name: string): VariableNode {
		const ident = name.split('.');
		if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${quote(ident[0])}`);
		return {type: 'variable', pos, ident};
	}
}

/** Parse text into a set of trees: the top-level one under `name`, plus each define/block. */
export function parseTrees(name: string, text: string, hasFunction: (name: string) => boolean, treeSet = new Map<string, Tree>()): Map<string, Tree> {
	const lex = new Lexer(text, !hasFunction('break'), !hasFunction('continue'));
	const p = new Parser(name, name, text, lex, hasFunction, treeSet);
	p.parse();
	p.add();
	return treeSet;
}

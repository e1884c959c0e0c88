// The parser's token stream (three-token lookahead, as Go's parse.Tree) and
// error reporting; the grammar is in parse.ts.
import {TemplateParseError} from './errors.js';
import type {Lexer, Token} from './lex.js';
import {Item, tokenString} from './lex.js';
import {SyntaxError_, unquote} from './literals.js';
import type {ListNode} from './nodes.js';
import type {Tree} from './parse.js';

export class ParserBase {
	name: string;
	root: ListNode | null = null;
	protected token: Token[] = [];
	protected peekCount = 0;
	protected vars: string[] = ['$'];
	protected rangeDepth = 0;
	protected actionLine = 0;
	protected stackDepth = 0;

	constructor(
		name: string,
		protected readonly parseName: string,
		protected readonly text: string,
		protected readonly lex: Lexer,
		protected readonly hasFunction: (name: string) => boolean,
		protected readonly treeSet: Map<string, Tree>,
	) {
		this.name = name;
	}

	// ---- token stream ----
	protected next(): Token {
		if (this.peekCount > 0) this.peekCount--;
		else this.token[0] = this.lex.nextItem();
		return this.token[this.peekCount];
	}
	protected backup(): void {
		this.peekCount++;
	}
	protected backup2(t1: Token): void {
		this.token[1] = t1;
		this.peekCount = 2;
	}
	protected backup3(t2: Token, t1: Token): void {
		this.token[1] = t1;
		this.token[2] = t2;
		this.peekCount = 3;
	}
	protected peek(): Token {
		if (this.peekCount > 0) return this.token[this.peekCount - 1];
		this.peekCount = 1;
		this.token[0] = this.lex.nextItem();
		return this.token[0];
	}
	protected nextNonSpace(): Token {
		let t: Token;
		do t = this.next(); while (t.typ === Item.Space);
		return t;
	}
	protected peekNonSpace(): Token {
		const t = this.nextNonSpace();
		this.backup();
		return t;
	}

	// ---- errors ----
	errorf(msg: string, pos = this.token[0]?.pos ?? -1): never {
		this.root = null;
		throw new TemplateParseError(`template: ${this.parseName}:${this.token[0]?.line ?? 1}: ${msg}`, this.token[0]?.line ?? 1, pos);
	}
	protected expect(typ: Item, context: string): Token {
		const t = this.nextNonSpace();
		if (t.typ !== typ) this.unexpected(t, context);
		return t;
	}
	protected unexpected(t: Token, context: string): never {
		if (t.typ === Item.Error) {
			let extra = '';
			if (this.actionLine !== 0 && this.actionLine !== t.line) {
				extra = ` in action started at ${this.parseName}:${this.actionLine}`;
				if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
			}
			// The lexer stopped at the character it could not take (or the end).
			this.errorf(`${tokenString(t)}${extra}`, Math.max(t.pos, this.lex.pos));
		}
		this.errorf(`unexpected ${tokenString(t)} in ${context}`, t.pos);
	}
	protected unquote(t: Token): string {
		try {
			return unquote(t.val);
		} catch (e) {
			if (e instanceof SyntaxError_) this.errorf(e.message);
			throw e;
		}
	}
}

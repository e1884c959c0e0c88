// A port of Go's text/template/parse/lex.go (Go 1.24): same states, same
// error texts, same trim-marker and comment rules. Positions are JS string
// indices; callers convert to byte offsets where Go reports bytes.
import {Item, type Token, countNL, hasRightTrim, isAlphaNumeric, isSpace} from './tokens.js';
import {lexText} from './lexstates.js';

export {Item, tokenString, hashU, type Token} from './tokens.js';

export type State = ((l: Lexer) => State | null) | null;

export class Lexer {
	pos = 0;
	start = 0;
	width = 0;
	parenDepth = 0;
	line = 1;
	startLine = 1;
	private state: State = lexText;
	private pending: Token[] = [];
	readonly left = '{{';
	readonly right = '}}';

	constructor(readonly input: string, readonly breakOK = true, readonly continueOK = true) {}

	next(): string | undefined {
		if (this.pos >= this.input.length) {
			this.width = 0;
			return undefined;
		}
		const cp = this.input.codePointAt(this.pos)!;
		const c = String.fromCodePoint(cp);
		this.width = c.length;
		this.pos += this.width;
		if (c === '\n') this.line++;
		return c;
	}

	peek(): string | undefined {
		const c = this.next();
		this.backup();
		return c;
	}

	backup(): void {
		this.pos -= this.width;
		if (this.width === 1 && this.input[this.pos] === '\n') this.line--;
	}

	emit(typ: Item): null {
		this.pending.push({typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine});
		this.start = this.pos;
		this.startLine = this.line;
		return null;
	}

	ignore(): void {
		this.line += countNL(this.input.slice(this.start, this.pos));
		this.start = this.pos;
		this.startLine = this.line;
	}

	accept(valid: string): boolean {
		const c = this.next();
		if (c !== undefined && valid.includes(c)) return true;
		this.backup();
		return false;
	}

	acceptRun(valid: string): void {
		for (;;) {
			const c = this.next();
			if (c === undefined || !valid.includes(c)) break;
		}
		this.backup();
	}

	errorf(msg: string): State {
		this.pending.push({typ: Item.Error, pos: this.start, val: msg, line: this.startLine});
		this.state = null;
		return null;
	}

	nextItem(): Token {
		while (this.pending.length === 0) {
			if (this.state === null) return {typ: Item.EOF, pos: this.pos, val: '', line: this.startLine};
			this.state = this.state(this);
		}
		return this.pending.shift()!;
	}

	atRightDelim(): [boolean, boolean] {
		if (hasRightTrim(this.input, this.pos) && this.input.startsWith(this.right, this.pos + 2)) return [true, true];
		if (this.input.startsWith(this.right, this.pos)) return [true, false];
		return [false, false];
	}

	atTerminator(): boolean {
		const r = this.peek();
		if (isSpace(r)) return true;
		switch (r) {
			case undefined: case '.': case ',': case '|': case ':': case ')': case '(': return true;
		}
		return this.input.startsWith(this.right, this.pos);
	}

	scanNumber(): boolean {
		this.accept('+-');
		let digits = '0123456789_';
		if (this.accept('0')) {
			if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
			else if (this.accept('oO')) digits = '01234567_';
			else if (this.accept('bB')) digits = '01_';
		}
		this.acceptRun(digits);
		if (this.accept('.')) this.acceptRun(digits);
		if (digits.length === 11 && this.accept('eE')) {
			this.accept('+-');
			this.acceptRun('0123456789_');
		}
		if (digits.length === 23 && this.accept('pP')) {
			this.accept('+-');
			this.acceptRun('0123456789_');
		}
		this.accept('i');
		if (isAlphaNumeric(this.peek())) {
			this.next();
			return false;
		}
		return true;
	}
}


// The lexer's state functions (Go's lexText, lexInsideAction, ...).
import type {Lexer, State} from './lex.js';
import {Item, SPACE_RE, countNL, hasLeftTrim, hasRightTrim, hashU, isAlphaNumeric, isSpace} from './tokens.js';
import {quote} from './strconv.js';

const KEYWORDS: Record<string, Item> = {
	'.': Item.Dot, block: Item.Block, break: Item.Break, continue: Item.Continue, define: Item.Define,
	else: Item.Else, end: Item.End, if: Item.If, range: Item.Range, nil: Item.Nil, template: Item.Template, with: Item.With,
};


export function lexText(l: Lexer): State {
	l.width = 0;
	const x = l.input.indexOf(l.left, l.pos);
	if (x >= 0) {
		l.pos = x;
		let trim = 0;
		if (hasLeftTrim(l.input, l.pos + l.left.length)) trim = SPACE_RE.exec(l.input.slice(l.start, l.pos))![0].length;
		l.pos -= trim;
		if (l.pos > l.start) {
			l.line += countNL(l.input.slice(l.start, l.pos));
			l.emit(Item.Text);
		}
		l.pos += trim;
		l.ignore();
		return lexLeftDelim;
	}
	l.pos = l.input.length;
	if (l.pos > l.start) {
		l.line += countNL(l.input.slice(l.start, l.pos));
		l.emit(Item.Text);
		return lexEOF;
	}
	l.emit(Item.EOF);
	return null;
}

function lexEOF(l: Lexer): State {
	l.emit(Item.EOF);
	return null;
}

function lexLeftDelim(l: Lexer): State {
	l.pos += l.left.length;
	const trim = hasLeftTrim(l.input, l.pos);
	const after = trim ? 2 : 0;
	if (l.input.startsWith('/*', l.pos + after)) {
		l.pos += after;
		l.ignore();
		return lexComment;
	}
	l.emit(Item.LeftDelim);
	l.pos += after;
	l.ignore();
	l.parenDepth = 0;
	return lexInsideAction;
}

function lexComment(l: Lexer): State {
	l.pos += 2;
	const i = l.input.indexOf('*/', l.pos);
	if (i < 0) return l.errorf('unclosed comment');
	l.pos = i + 2;
	const [delim, trim] = l.atRightDelim();
	if (!delim) return l.errorf('comment ends before closing delimiter');
	if (trim) l.pos += 2;
	l.pos += l.right.length;
	if (trim) l.pos += l.input.slice(l.pos).length - l.input.slice(l.pos).replace(/^[ \t\r\n]+/, '').length;
	l.ignore();
	return lexText;
}

function lexRightDelim(l: Lexer): State {
	const trim = hasRightTrim(l.input, l.pos);
	if (trim) {
		l.pos += 2;
		l.ignore();
	}
	l.pos += l.right.length;
	l.emit(Item.RightDelim);
	if (trim) {
		l.pos += l.input.slice(l.pos).length - l.input.slice(l.pos).replace(/^[ \t\r\n]+/, '').length;
		l.ignore();
	}
	return lexText;
}

function lexInsideAction(l: Lexer): State {
	const [delim] = l.atRightDelim();
	if (delim) {
		if (l.parenDepth === 0) return lexRightDelim;
		return l.errorf('unclosed left paren');
	}
	const r = l.next();
	if (r === undefined) return l.errorf('unclosed action');
	if (isSpace(r)) {
		l.backup();
		return lexSpace;
	}
	switch (r) {
		case '=': l.emit(Item.Assign); return lexInsideAction;
		case ':':
			if (l.next() !== '=') return l.errorf('expected :=');
			l.emit(Item.Declare);
			return lexInsideAction;
		case '|': l.emit(Item.Pipe); return lexInsideAction;
		case '"': return lexQuote;
		case '`': return lexRawQuote;
		case '$': return lexVariable;
		case "'": return lexChar;
		case '(':
			l.emit(Item.LeftParen);
			l.parenDepth++;
			return lexInsideAction;
		case ')':
			l.parenDepth--;
			if (l.parenDepth < 0) return l.errorf('unexpected right paren');
			l.emit(Item.RightParen);
			return lexInsideAction;
	}
	if (r === '.') {
		const c = l.input[l.pos];
		if (l.pos < l.input.length && (c < '0' || c > '9')) return lexField;
	}
	if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
		l.backup();
		return lexNumber;
	}
	if (isAlphaNumeric(r)) {
		l.backup();
		return lexIdentifier;
	}
	if (r.codePointAt(0)! <= 0x7f && r >= ' ' && r !== '\x7f') {
		l.emit(Item.Char);
		return lexInsideAction;
	}
	return l.errorf(`unrecognized character in action: ${hashU(r)}`);
}

function lexSpace(l: Lexer): State {
	let n = 0;
	while (isSpace(l.peek())) {
		l.next();
		n++;
	}
	if (hasRightTrim(l.input, l.pos - 1) && l.input.startsWith(l.right, l.pos - 1 + 2)) {
		l.backup();
		if (n === 1) return lexRightDelim;
	}
	l.emit(Item.Space);
	return lexInsideAction;
}

function lexIdentifier(l: Lexer): State {
	for (;;) {
		const r = l.next();
		if (isAlphaNumeric(r)) continue;
		l.backup();
		const word = l.input.slice(l.start, l.pos);
		if (!l.atTerminator()) return l.errorf(`bad character ${hashU(r ?? '')}`);
		const kw = KEYWORDS[word];
		if (kw !== undefined && kw > Item.Keyword) {
			if ((kw === Item.Break && !l.breakOK) || (kw === Item.Continue && !l.continueOK)) l.emit(Item.Identifier);
			else l.emit(kw);
		} else if (word[0] === '.') l.emit(Item.Field);
		else if (word === 'true' || word === 'false') l.emit(Item.Bool);
		else l.emit(Item.Identifier);
		return lexInsideAction;
	}
}

const lexField = (l: Lexer): State => lexFieldOrVariable(l, Item.Field);

function lexVariable(l: Lexer): State {
	if (l.atTerminator()) {
		l.emit(Item.Variable);
		return lexInsideAction;
	}
	return lexFieldOrVariable(l, Item.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: Item): State {
	if (l.atTerminator()) {
		l.emit(typ === Item.Variable ? Item.Variable : Item.Dot);
		return lexInsideAction;
	}
	let r: string | undefined;
	for (;;) {
		r = l.next();
		if (!isAlphaNumeric(r)) {
			l.backup();
			break;
		}
	}
	if (!l.atTerminator()) return l.errorf(`bad character ${hashU(r ?? '')}`);
	l.emit(typ);
	return lexInsideAction;
}

function lexQuoted(l: Lexer, q: string, typ: Item, msg: string): State {
	for (;;) {
		const c = l.next();
		if (c === '\\') {
			const r = l.next();
			if (r !== undefined && r !== '\n') continue;
			return l.errorf(msg);
		}
		if (c === undefined || c === '\n') return l.errorf(msg);
		if (c === q) break;
	}
	l.emit(typ);
	return lexInsideAction;
}

const lexChar = (l: Lexer): State => lexQuoted(l, "'", Item.CharConstant, 'unterminated character constant');
const lexQuote = (l: Lexer): State => lexQuoted(l, '"', Item.String, 'unterminated quoted string');

function lexRawQuote(l: Lexer): State {
	for (;;) {
		const c = l.next();
		if (c === undefined) return l.errorf('unterminated raw quoted string');
		if (c === '`') break;
	}
	l.emit(Item.RawString);
	return lexInsideAction;
}

function lexNumber(l: Lexer): State {
	if (!l.scanNumber()) return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
	const sign = l.peek();
	if (sign === '+' || sign === '-') {
		if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
		l.emit(Item.Complex);
		return lexInsideAction;
	}
	l.emit(Item.Number);
	return lexInsideAction;
}

// Lexer items (Go's text/template/parse itemType) and character classes.
import {quote} from './strconv.js';

export enum Item {
	Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier,
	LeftDelim, LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
	// Keywords after this point.
	Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

export interface Token {
	typ: Item;
	pos: number;
	val: string;
	line: number;
}


/** Go's item.String(), used in "unexpected X in Y" messages. */
export function tokenString(t: Token): string {
	if (t.typ === Item.EOF) return 'EOF';
	if (t.typ === Item.Error) return t.val;
	if (t.typ > Item.Keyword) return `<${t.val}>`;
	const chars = [...t.val];
	if (chars.length > 10) return quote(chars.slice(0, 10).join('')) + '...';
	return quote(t.val);
}

export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
export const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
export const hasLeftTrim = (s: string, i: number): boolean => s[i] === '-' && isSpace(s[i + 1]);
export const hasRightTrim = (s: string, i: number): boolean => isSpace(s[i]) && s[i + 1] === '-';
export const SPACE_RE = /[ \t\r\n]*$/;

/** %#U formatting of a rune: U+0023 '#'. */
export function hashU(c: string): string {
	const r = c.codePointAt(0)!;
	const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
	return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c) ? `${hex} '${c}'` : hex;
}

export const countNL = (s: string): number => {
	let n = 0;
	for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
	return n;
};

/**
 * JSON with positions: the config file is read by this small parser rather
 * than JSON.parse so that every error (bad syntax, and later a bad value)
 * can name the line and column, on every node version (node 20's JSON.parse
 * gives only an offset, and no position at all for a value that is valid
 * JSON but wrong), and so that a key given twice is an error rather than
 * silently the last one. Strict RFC 8259: no comments, no trailing commas.
 */

export interface Position {
	line: number;
	column: number;
}

export type JsonNode =
	| {kind: 'object'; at: Position; entries: {key: string; keyAt: Position; value: JsonNode}[]}
	| {kind: 'array'; at: Position; items: JsonNode[]}
	| {kind: 'string'; at: Position; value: string}
	| {kind: 'number'; at: Position; value: number}
	| {kind: 'boolean'; at: Position; value: boolean}
	| {kind: 'null'; at: Position};

export class JsonError extends Error {
	constructor(
		message: string,
		readonly at: Position,
	) {
		super(message);
	}
}

export function parseJson(text: string): JsonNode {
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	let lineStart = i;
	const here = (): Position => ({line, column: i - lineStart + 1});
	const fail = (what: string, at = here()): never => {
		throw new JsonError(what, at);
	};
	const shown = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
	const space = () => {
		while (i < text.length) {
			const c = text[i];
			if (c === '\n') {
				i++;
				line++;
				lineStart = i;
			} else if (c === ' ' || c === '\t' || c === '\r') i++;
			else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not JSON');
			else break;
		}
	};
	const literal = (word: string) => {
		if (text.startsWith(word, i)) {
			i += word.length;
			return true;
		}
		return false;
	};
	const string = (): string => {
		const start = here();
		i++;
		let out = '';
		for (;;) {
			if (i >= text.length || text[i] === '\n') fail('a string that is not closed', start);
			const c = text[i];
			if (c === '"') {
				i++;
				return out;
			}
			if (c < ' ') fail('a control character in a string (write it as \\n, \\t or \\u00XX)');
			if (c !== '\\') {
				out += c;
				i++;
				continue;
			}
			const e = text[i + 1];
			const simple: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
			if (e in simple) {
				out += simple[e];
				i += 2;
			} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
				out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
				i += 6;
			} else fail(`an unknown escape \\${e ?? ''} in a string`);
		}
	};
	const value = (): JsonNode => {
		space();
		const at = here();
		const c = text[i];
		if (c === '{') {
			i++;
			const entries: {key: string; keyAt: Position; value: JsonNode}[] = [];
			space();
			if (text[i] === '}') {
				i++;
				return {kind: 'object', at, entries};
			}
			for (;;) {
				space();
				if (text[i] !== '"') fail(`expected a key in double quotes, found ${shown()}`);
				const keyAt = here();
				const key = string();
				if (entries.some((entry) => entry.key === key)) fail(`the key ${JSON.stringify(key)} is given twice`, keyAt);
				space();
				if (text[i] !== ':') fail(`expected ':' after the key ${JSON.stringify(key)}, found ${shown()}`);
				i++;
				entries.push({key, keyAt, value: value()});
				space();
				if (text[i] === ',') {
					i++;
					space();
					if (text[i] === '}') fail('a comma before } (trailing commas are not JSON)');
					continue;
				}
				if (text[i] === '}') {
					i++;
					return {kind: 'object', at, entries};
				}
				fail(`expected ',' or '}', found ${shown()}`);
			}
		}
		if (c === '[') {
			i++;
			const items: JsonNode[] = [];
			space();
			if (text[i] === ']') {
				i++;
				return {kind: 'array', at, items};
			}
			for (;;) {
				items.push(value());
				space();
				if (text[i] === ',') {
					i++;
					space();
					if (text[i] === ']') fail('a comma before ] (trailing commas are not JSON)');
					continue;
				}
				if (text[i] === ']') {
					i++;
					return {kind: 'array', at, items};
				}
				fail(`expected ',' or ']', found ${shown()}`);
			}
		}
		if (c === '"') return {kind: 'string', at, value: string()};
		const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
		if (number && /[-\d]/.test(c)) {
			i += number[0].length;
			return {kind: 'number', at, value: Number(number[0])};
		}
		if (literal('true')) return {kind: 'boolean', at, value: true};
		if (literal('false')) return {kind: 'boolean', at, value: false};
		if (literal('null')) return {kind: 'null', at};
		return fail(`expected a value, found ${shown()}`);
	};
	const root = value();
	space();
	if (i < text.length) fail(`more after the end of the JSON value: ${shown()}`);
	return root;
}

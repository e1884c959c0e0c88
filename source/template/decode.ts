// Go's json.Decoder with UseNumber() decoding into interface{}: objects become
// map[string]interface {}, arrays []interface {}, numbers json.Number (the text
// kept verbatim), null a nil interface. Own parser because JSON.parse loses
// number text (1.0 vs 1, big integers).
import type {GoValue, MapKey} from './core.js';
import {GoError, T} from './core.js';

export function decodeJSON(raw: string): GoValue {
	const p = new Parser(raw);
	p.ws();
	const v = p.value();
	p.ws();
	if (p.i < raw.length) p.fail(`invalid character ${p.quoteChar()} after top-level value`);
	return box(v);
}

const box = (v: GoValue | null): GoValue => ({type: T.any, v});

class Parser {
	i = 0;
	constructor(private readonly s: string) {}

	fail(msg: string): never {
		throw new GoError(msg);
	}

	quoteChar(): string {
		const c = this.s[this.i];
		return c === undefined ? 'EOF' : c === "'" ? `'\\''` : `'${c}'`;
	}

	ws(): void {
		while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
	}

	value(): GoValue | null {
		const c = this.s[this.i];
		if (c === undefined) this.fail('unexpected end of JSON input');
		if (c === '{') return this.object();
		if (c === '[') return this.array();
		if (c === '"') return {type: T.string, v: this.string()};
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		for (const [word, val] of [['true', true], ['false', false], ['null', null]] as const) {
			if (this.s.startsWith(word, this.i)) {
				this.i += word.length;
				return val === null ? null : {type: T.bool, v: val};
			}
		}
		return this.fail(`invalid character ${this.quoteChar()} looking for beginning of value`);
	}

	object(): GoValue {
		this.i++;
		const m = new Map<MapKey, GoValue>();
		this.ws();
		if (this.s[this.i] === '}') {
			this.i++;
			return {type: T.mapStringAny, v: m};
		}
		for (;;) {
			this.ws();
			if (this.s[this.i] !== '"') this.fail(`invalid character ${this.quoteChar()} looking for beginning of object key string`);
			const k = this.string();
			this.ws();
			if (this.s[this.i] !== ':') this.fail(`invalid character ${this.quoteChar()} after object key`);
			this.i++;
			this.ws();
			m.set(k, box(this.value()));
			this.ws();
			const c = this.s[this.i++];
			if (c === '}') return {type: T.mapStringAny, v: m};
			if (c !== ',') {
				this.i--;
				this.fail(`invalid character ${this.quoteChar()} after object key:value pair`);
			}
		}
	}

	array(): GoValue {
		this.i++;
		const a: GoValue[] = [];
		this.ws();
		if (this.s[this.i] === ']') {
			this.i++;
			return {type: T.anySlice, v: a};
		}
		for (;;) {
			this.ws();
			a.push(box(this.value()));
			this.ws();
			const c = this.s[this.i++];
			if (c === ']') return {type: T.anySlice, v: a};
			if (c !== ',') {
				this.i--;
				this.fail(`invalid character ${this.quoteChar()} after array element`);
			}
		}
	}

	number(): GoValue {
		const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
		if (!m) this.fail(`invalid character ${this.quoteChar()} in numeric literal`);
		this.i += m[0].length;
		return {type: T.jsonNumber, v: m[0]};
	}

	string(): string {
		this.i++;
		let out = '';
		for (;;) {
			const c = this.s[this.i++];
			if (c === undefined) this.fail('unexpected end of JSON input');
			if (c === '"') return out;
			if (c === '\\') {
				const e = this.s[this.i++];
				const simple: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
				if (e in simple) out += simple[e];
				else if (e === 'u') out += this.unicodeEscape();
				else this.fail(`invalid character ${JSON.stringify(e)} in string escape code`);
			} else if (c < ' ') {
				this.fail('invalid character in string literal');
			} else {
				out += c;
			}
		}
	}

	// Go replaces unpaired surrogates by U+FFFD.
	unicodeEscape(): string {
		const hex = (): number => {
			const h = this.s.slice(this.i, this.i + 4);
			if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('invalid character in \\u hexadecimal character escape');
			this.i += 4;
			return parseInt(h, 16);
		};
		const a = hex();
		if (a >= 0xd800 && a < 0xdc00) {
			if (this.s.startsWith('\\u', this.i)) {
				const save = this.i;
				this.i += 2;
				const b = hex();
				if (b >= 0xdc00 && b < 0xe000) return String.fromCharCode(a, b);
				this.i = save;
			}
			return '\uFFFD';
		}
		if (a >= 0xdc00 && a < 0xe000) return '\uFFFD';
		return String.fromCharCode(a);
	}
}

// Random templates from a grammar of Go's text/template as docker uses it.
// A template is a tree of pieces (a string, or a group of pieces): the text is
// the pieces joined, and each group is a unit the shrinker may drop or
// replace by one of its sub-groups. A seeded PRNG makes every case repeatable.
import type {Field, FuzzCommand, Kind} from './commands.js';
import {FLAGS, FLOATS, FUNCS, INTS, OTHERS, STRINGS, TEXTS, VERBS} from './literals.js';
import {Rng} from './rng.js';

export {Rng};

export type Piece = string | Piece[];

export const render = (p: Piece): string => (typeof p === 'string' ? p : p.map(render).join(''));

export interface FuzzCase {
	command: string;
	/** The --format text, as a tree (render() gives the text). */
	template: Piece;
	flags: string[];
	targets: string[];
	env?: Record<string, string>;
}

interface Scope {
	/** Fields reachable from dot, with their paths relative to it. */
	dot: Field[];
	/** The kind of dot itself. */
	dotKind: Kind;
	vars: {name: string; kind: Kind}[];
	inRange: boolean;
	defines: string[];
}

export class Generator {
	private budget = 0;
	/** A sloppy case writes the near misses (`{{-3`, `x-}}`, `{{{`, undeclared variables) that break parsing. */
	private sloppy = false;
	constructor(private readonly rng: Rng, private readonly command: FuzzCommand) {}

	case(): FuzzCase {
		const r = this.rng;
		const c = this.command;
		this.budget = 4 + r.int(22);
		this.sloppy = r.chance(0.12);
		const scope: Scope = {dot: c.fields, dotKind: 'o', vars: [], inRange: false, defines: []};
		let body: Piece[] = [];
		if (r.chance(0.15)) body.push(this.define(scope));
		body.push(...this.list(scope, 1 + r.int(4)));
		if (c.style === 'list') {
			const roll = r.next();
			if (roll < 0.35) body = ['table', r.pick([' ', '  ', '', ' \\t', '\t', 'x ']), ...body];
			else if (roll < 0.4) body = [r.pick(['json', 'table', 'raw', ''])];
		}
		if (r.chance(0.07)) body = this.broken(body);
		const targets = r.pick(c.targets);
		const flags = r.pick(c.flags);
		const out: FuzzCase = {command: c.name, template: body, flags, targets};
		if (r.chance(0.05)) out.env = {TZ: r.pick(['Asia/Kolkata', 'America/New_York', 'Nowhere/Unknown'])};
		return out;
	}

	private spend(): boolean {
		return this.budget-- > 0;
	}

	private list(scope: Scope, n: number): Piece[] {
		const out: Piece[] = [];
		for (let i = 0; i < n; i++) out.push(this.item(scope));
		return out;
	}

	private item(scope: Scope): Piece {
		const r = this.rng;
		if (!this.spend()) return r.chance(0.5) ? this.text() : this.action(scope);
		const roll = r.next();
		if (roll < 0.25) return this.text();
		if (roll < 0.55) return this.action(scope);
		if (roll < 0.65) return this.ifBlock(scope);
		if (roll < 0.75) return this.rangeBlock(scope);
		if (roll < 0.82) return this.withBlock(scope);
		if (roll < 0.86) return this.comment();
		if (roll < 0.9) return this.declare(scope);
		if (roll < 0.93 && scope.inRange) return this.open(r.pick(['break', 'continue']));
		if (roll < 0.96 && scope.defines.length) return this.open(`template "${r.pick(scope.defines)}"${r.chance(0.6) ? ' ' + render(this.operand(scope, '*')) : ''}`);
		return this.action(scope);
	}

	private text(): string {
		const t = this.rng.pick(TEXTS);
		return !this.sloppy && (t === '{' || t === '}') ? ' ' : t;
	}

	/** `{{` with an optional trim marker (or the marker's look-alikes), the body, `}}`. */
	private open(body: Piece): Piece {
		const r = this.rng;
		// Mostly valid delimiters; now and then `{{-3` or `x-}}`, which are not trim markers.
		const near = this.sloppy ? 0.15 : 0;
		const left = r.chance(near) ? '{{-' : r.pick(['{{', '{{', '{{', '{{- ', '{{ ']);
		const right = r.chance(near) ? '-}}' : r.pick(['}}', '}}', '}}', ' -}}', ' }}']);
		return [left, body, right];
	}

	private action(scope: Scope): Piece {
		return this.open(this.pipeline(scope, '*'));
	}

	private comment(): Piece {
		return this.rng.pick(['{{/* c */}}', '{{- /* c */ -}}', '{{/* a\nb */}}', '{{- /* x */}}', '{{/**/}}']);
	}

	private declare(scope: Scope): Piece {
		const r = this.rng;
		const name = `$${r.pick(['x', 'y', 'v'])}`;
		const known = scope.vars.some(v => v.name === name);
		const kind: Kind = r.pick(['s', 'n', 'l', 'm', 'o']);
		const value = this.operand(scope, kind);
		scope.vars.push({name, kind});
		return this.open([name, known && r.chance(0.5) ? ' = ' : ' := ', value]);
	}

	private define(scope: Scope): Piece {
		const r = this.rng;
		const name = r.pick(['t', 'row', 'x']);
		const inner: Scope = {dot: scope.dot, dotKind: 'o', vars: [], inRange: false, defines: []};
		const body = this.list(inner, 1 + r.int(2));
		scope.defines.push(name);
		if (r.chance(0.25)) return [`{{block "${name}" .}}`, body, '{{end}}'];
		return [`{{define "${name}"}}`, body, '{{end}}'];
	}

	private ifBlock(scope: Scope): Piece {
		const r = this.rng;
		const inner = {...scope, vars: [...scope.vars]};
		const parts: Piece[] = [this.open(['if ', this.pipeline(scope, '*')]), this.list(inner, 1 + r.int(2))];
		while (r.chance(0.25)) parts.push(this.open(['else if ', this.pipeline(scope, '*')]), this.list({...scope, vars: [...scope.vars]}, 1));
		if (r.chance(0.4)) parts.push(this.open('else'), this.list({...scope, vars: [...scope.vars]}, 1 + r.int(2)));
		parts.push(this.open('end'));
		return parts;
	}

	private withBlock(scope: Scope): Piece {
		const r = this.rng;
		const target = this.fieldOf(scope, r.chance(0.6) ? 'o' : '*');
		const inner: Scope = {...scope, vars: [...scope.vars], ...this.into(scope, target)};
		const decl = r.chance(0.2) ? '$w := ' : '';
		if (decl) inner.vars.push({name: '$w', kind: inner.dotKind});
		const parts: Piece[] = [this.open(['with ', decl, target.path]), this.list(inner, 1 + r.int(2))];
		if (r.chance(0.2)) parts.push(this.open(['else with ', this.pipeline(scope, '*')]), this.list({...scope, vars: [...scope.vars]}, 1));
		if (r.chance(0.3)) parts.push(this.open('else'), this.list({...scope, vars: [...scope.vars]}, 1));
		parts.push(this.open('end'));
		return parts;
	}

	private rangeBlock(scope: Scope): Piece {
		const r = this.rng;
		let head: Piece;
		let elem: Kind = 's';
		const roll = r.next();
		if (roll < 0.15) {
			head = r.pick(['3', '0', '2', '-1']);
			elem = 'n';
		} else if (roll < 0.3) {
			head = ['split ', this.operand(scope, 's'), ' ', this.rng.pick(STRINGS)];
		} else {
			// Never a number field: `range .Size` is 2.5 million rounds, and nested ones never end (in docker too).
			let target = this.fieldOf(scope, r.chance(0.8) ? r.pick(['l', 'm']) : '*');
			if (target.kind === 'n' || /Size|Unix|Nanosecond|Year|Seconds|Minutes|Retries/.test(target.path)) target = {path: '.', kind: scope.dotKind};
			head = target.path;
			elem = target.kind === 'm' ? 's' : target.kind === 'l' ? 's' : 'x';
		}
		const inner: Scope = {dot: [], dotKind: elem, vars: [...scope.vars], inRange: true, defines: scope.defines};
		const vars = r.pick(['', '', '$i := ', '$i, $e := ', '$k, $v := ', '$e := ']);
		for (const v of vars.match(/\$\w+/g) ?? []) inner.vars.push({name: v, kind: v === '$i' && vars.includes(',') ? 'n' : elem});
		const parts: Piece[] = [this.open(['range ', vars, head]), this.list(inner, 1 + r.int(2))];
		if (r.chance(0.3)) parts.push(this.open('else'), this.list({...scope, vars: [...scope.vars]}, 1));
		parts.push(this.open('end'));
		return parts;
	}

	/** Where dot goes inside `with FIELD`. */
	private into(scope: Scope, target: Field): Pick<Scope, 'dot' | 'dotKind'> {
		const prefix = target.path + '.';
		const dot = scope.dot.filter(x => x.path.startsWith(prefix)).map(x => ({...x, path: '.' + x.path.slice(prefix.length)}));
		return {dot, dotKind: target.kind};
	}

	private fieldOf(scope: Scope, kind: Kind | '*'): Field {
		const r = this.rng;
		const matching = kind === '*' ? scope.dot : scope.dot.filter(x => x.kind === kind);
		if (matching.length && r.chance(0.85)) {
			const field = r.pick(matching);
			return field.arg ? {...field, path: `${field.path} ${field.arg}`} : field;
		}
		if (r.chance(0.3)) return {path: '.', kind: scope.dotKind};
		const root = this.command.fields.filter(x => kind === '*' || x.kind === kind);
		if (root.length && r.chance(0.8)) {
			const field = r.pick(root);
			return {path: '$' + field.path, kind: field.kind};
		}
		return {path: r.pick(['.Nope', '.', '$', '$.Nope', '.Os.Nope']), kind: 'x'};
	}

	private pipeline(scope: Scope, kind: Kind | '*'): Piece {
		const r = this.rng;
		const cmds: Piece[] = [this.command_(scope, kind)];
		while (r.chance(0.2)) cmds.push(' | ', this.piped(scope));
		if (r.chance(0.06) && scope.vars.length === 0) return [`$p := `, ...cmds];
		return cmds;
	}

	/** A command after `|`: a function that gets the value as its last argument. */
	private piped(scope: Scope): Piece {
		const r = this.rng;
		const name = r.pick(['len', 'upper', 'lower', 'title', 'json', 'print', 'println', 'html', 'js', 'urlquery', 'not', 'printf "%q"', 'printf "%5.2v|"', 'printf "%s %v" "a"',
			'split ":"', 'join ","', 'index', 'slice', 'truncate 3', 'pad 1 1', 'eq "x"', 'and 1', 'or ""', 'call']);
		if (r.chance(0.1)) return this.operand(scope, '*');
		return name;
	}

	private command_(scope: Scope, kind: Kind | '*'): Piece {
		const r = this.rng;
		if (r.chance(0.45)) return this.operand(scope, kind);
		const fn = r.pick(FUNCS);
		const args: Piece[] = [fn.name];
		// Go allows any space between arguments, newlines included.
		const gap = (): string => (r.chance(0.04) ? r.pick(['\n', '\t', '  ']) : ' ');
		// pad's counts are literals: a count from a field (UnixMilli) makes docker allocate terabytes and die.
		for (const a of fn.args) args.push(gap(), a === 'fmt' ? this.printfFormat() : fn.name === 'pad' && a === 'n' ? r.pick(INTS) : this.argument(scope, a));
		if (fn.variadic) {
			const n = r.int(fn.name === 'printf' ? 4 : 3);
			for (let i = 0; i < n; i++) args.push(gap(), this.argument(scope, fn.variadic));
		}
		return args;
	}

	private argument(scope: Scope, kind: Kind | '*'): Piece {
		const r = this.rng;
		if (this.budget > 0 && r.chance(0.15)) {
			this.budget--;
			return ['(', this.pipeline(scope, kind), ')'];
		}
		// Mostly what fits, sometimes anything (Go's argument errors).
		return this.operand(scope, r.chance(0.9) ? kind : '*');
	}

	private operand(scope: Scope, kind: Kind | '*'): Piece {
		const r = this.rng;
		const vars = scope.vars.filter(v => kind === '*' || v.kind === kind);
		const roll = r.next();
		if (roll < 0.1 && vars.length) return r.pick(vars).name + (r.chance(0.2) ? r.pick(['.Os', '.Nope', '.ID']) : '');
		if (roll < 0.12 && r.chance(0.3)) return this.sloppy ? r.pick(['$x', '$']) : '$';
		if (roll < 0.16 && this.budget > 0) {
			// A field of a parenthesised result: (.Config).User, (index .RepoTags 0).Nope
			this.budget--;
			return ['(', this.pipeline(scope, 'o'), ')', r.pick(['.User', '.Nope', '.Os', '.ID', '.Labels', '.Tag'])];
		}
		if (roll < 0.6 || kind === 'o' || kind === 'l' || kind === 'm') return this.fieldOf(scope, kind).path;
		if (kind === 's') return r.pick(STRINGS);
		if (kind === 'n') return r.pick(INTS);
		if (kind === 'b') return r.pick(['true', 'false']);
		const lits = r.pick([STRINGS, INTS, FLOATS, OTHERS]);
		return r.pick(lits);
	}

	/** A printf format: every verb, flag, width, precision, argument index, and the broken forms. */
	private printfFormat(): string {
		const r = this.rng;
		let s = '';
		const n = 1 + r.int(3);
		for (let i = 0; i < n; i++) {
			if (r.chance(0.3)) s += r.pick(['a', ' ', '|', 'é', '\\t']);
			s += '%' + r.pick(FLAGS);
			if (r.chance(0.1)) s += `[${1 + r.int(3)}]`;
			if (r.chance(0.3)) s += r.pick(['3', '8', '12', '*', '03']);
			if (r.chance(0.25)) s += r.pick(['.0', '.2', '.5', '.*', '.']);
			s += r.chance(0.03) ? r.pick(['', '!', 'z', '☃']) : VERBS[r.int(VERBS.length)];
		}
		return JSON.stringify(s).replace(/\\\\/g, '\\');
	}

	/** Broken input: a piece dropped, a stray delimiter or keyword, or the text cut short. */
	private broken(body: Piece[]): Piece[] {
		const r = this.rng;
		const text = render(body);
		const roll = r.next();
		if (roll < 0.3) {
			const cut = r.int(text.length + 1);
			return [text.slice(0, cut)];
		}
		const junk = r.pick(['{{', '}}', '{{end}}', '{{else}}', ')', '(', '{{.}', '{{"', '{{`', '{{/*', '{{ }}', '{{-}}', '{{$z}}', '{{nope}}', '{{.X 1}}', '{{1 2}}', "{{'ab'}}", '{{break}}', '{{nil}}', '{{|}}', '{{define "t"}}']);
		const at = r.int(text.length + 1);
		return [text.slice(0, at), junk, text.slice(at)];
	}
}

export function generate(command: FuzzCommand, seed: number, count: number): FuzzCase[] {
	const rng = new Rng(seed);
	const g = new Generator(rng, command);
	return Array.from({length: count}, () => g.case());
}

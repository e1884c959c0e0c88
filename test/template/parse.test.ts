// Lexer and parser: token streams, trim markers, tree shapes via Node.String(),
// and Go's parse error texts (ported from parse/lex_test.go and parse_test.go).
import {describe, expect, it} from 'vitest';
import {Item, Lexer, type Token} from '../../source/template/lex.js';
import {nodeString} from '../../source/template/nodes.js';
import {parseTrees} from '../../source/template/parse.js';
import {builtins, dockerFuncs, parse, TemplateParseError} from '../../source/template/index.js';

function lex(input: string): string[] {
	const l = new Lexer(input);
	const out: string[] = [];
	for (;;) {
		const t: Token = l.nextItem();
		out.push(`${Item[t.typ]}:${t.val}`);
		if (t.typ === Item.EOF || t.typ === Item.Error) return out;
	}
}

describe('lexer (lex_test.go)', () => {
	const cases: [string, string, string[]][] = [
		['empty', '', ['EOF:']],
		['spaces', ' \t\n', ['Text: \t\n', 'EOF:']],
		['text', 'now is the time', ['Text:now is the time', 'EOF:']],
		['text with comment', 'hello-{{/* this is a comment */}}-world', ['Text:hello-', 'Text:-world', 'EOF:']],
		['punctuation', '{{,@% }}', ['LeftDelim:{{', 'Char:,', 'Char:@', 'Char:%', 'Space: ', 'RightDelim:}}', 'EOF:']],
		['parens', '{{((3))}}', ['LeftDelim:{{', 'LeftParen:(', 'LeftParen:(', 'Number:3', 'RightParen:)', 'RightParen:)', 'RightDelim:}}', 'EOF:']],
		['empty action', '{{}}', ['LeftDelim:{{', 'RightDelim:}}', 'EOF:']],
		['for', '{{for}}', ['LeftDelim:{{', 'Identifier:for', 'RightDelim:}}', 'EOF:']],
		['block', '{{block "foo" .}}', ['LeftDelim:{{', 'Block:block', 'Space: ', 'String:"foo"', 'Space: ', 'Dot:.', 'RightDelim:}}', 'EOF:']],
		['quote', '{{"abc \\n\\t\\" "}}', ['LeftDelim:{{', 'String:"abc \\n\\t\\" "', 'RightDelim:}}', 'EOF:']],
		['raw quote', '{{`abc\\n\\t\\" `}}', ['LeftDelim:{{', 'RawString:`abc\\n\\t\\" `', 'RightDelim:}}', 'EOF:']],
		['raw quote with newline', '{{`now is{{\n}}the time`}}', ['LeftDelim:{{', 'RawString:`now is{{\n}}the time`', 'RightDelim:}}', 'EOF:']],
		['numbers', '{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}', [
			'LeftDelim:{{', 'Number:1', 'Space: ', 'Number:02', 'Space: ', 'Number:0x14', 'Space: ', 'Number:0X14', 'Space: ', 'Number:-7.2i', 'Space: ',
			'Number:1e3', 'Space: ', 'Number:1E3', 'Space: ', 'Number:+1.2e-4', 'Space: ', 'Number:4.2i', 'Space: ', 'Complex:1+2i', 'Space: ', 'Number:1_2',
			'Space: ', 'Number:0x1.e_fp4', 'Space: ', 'Number:0X1.E_FP4', 'RightDelim:}}', 'EOF:']],
		['characters', "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}", [
			'LeftDelim:{{', "CharConstant:'a'", 'Space: ', "CharConstant:'\\n'", 'Space: ', "CharConstant:'\\''", 'Space: ', "CharConstant:'\\\\'", 'Space: ',
			"CharConstant:'\\u00FF'", 'Space: ', "CharConstant:'\\xFF'", 'Space: ', "CharConstant:'本'", 'RightDelim:}}', 'EOF:']],
		['bools', '{{true false}}', ['LeftDelim:{{', 'Bool:true', 'Space: ', 'Bool:false', 'RightDelim:}}', 'EOF:']],
		['dot', '{{.}}', ['LeftDelim:{{', 'Dot:.', 'RightDelim:}}', 'EOF:']],
		['nil', '{{nil}}', ['LeftDelim:{{', 'Nil:nil', 'RightDelim:}}', 'EOF:']],
		['dots', '{{.x . .2 .x.y.z}}', ['LeftDelim:{{', 'Field:.x', 'Space: ', 'Dot:.', 'Space: ', 'Number:.2', 'Space: ', 'Field:.x', 'Field:.y', 'Field:.z', 'RightDelim:}}', 'EOF:']],
		['keywords', '{{range if else end with}}', ['LeftDelim:{{', 'Range:range', 'Space: ', 'If:if', 'Space: ', 'Else:else', 'Space: ', 'End:end', 'Space: ', 'With:with', 'RightDelim:}}', 'EOF:']],
		['variables', '{{$c := printf $ $hello $23 $ $var.Field .Method}}', [
			'LeftDelim:{{', 'Variable:$c', 'Space: ', 'Declare::=', 'Space: ', 'Identifier:printf', 'Space: ', 'Variable:$', 'Space: ', 'Variable:$hello', 'Space: ',
			'Variable:$23', 'Space: ', 'Variable:$', 'Space: ', 'Variable:$var', 'Field:.Field', 'Space: ', 'Field:.Method', 'RightDelim:}}', 'EOF:']],
		['variable invocation', '{{$x 23}}', ['LeftDelim:{{', 'Variable:$x', 'Space: ', 'Number:23', 'RightDelim:}}', 'EOF:']],
		['pipeline', 'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro', [
			'Text:intro ', 'LeftDelim:{{', 'Identifier:echo', 'Space: ', 'Identifier:hi', 'Space: ', 'Number:1.2', 'Space: ', 'Pipe:|', 'Identifier:noargs', 'Pipe:|',
			'Identifier:args', 'Space: ', 'Number:1', 'Space: ', 'String:"hi"', 'RightDelim:}}', 'Text: outro', 'EOF:']],
		['declaration', '{{$v := 3}}', ['LeftDelim:{{', 'Variable:$v', 'Space: ', 'Declare::=', 'Space: ', 'Number:3', 'RightDelim:}}', 'EOF:']],
		['2 declarations', '{{$v , $w := 3}}', ['LeftDelim:{{', 'Variable:$v', 'Space: ', 'Char:,', 'Space: ', 'Variable:$w', 'Space: ', 'Declare::=', 'Space: ', 'Number:3', 'RightDelim:}}', 'EOF:']],
		['field of parenthesized expression', '{{(.X).Y}}', ['LeftDelim:{{', 'LeftParen:(', 'Field:.X', 'RightParen:)', 'Field:.Y', 'RightDelim:}}', 'EOF:']],
		['trimming spaces before and after', 'hello- {{- 3 -}} -world', ['Text:hello-', 'LeftDelim:{{', 'Number:3', 'RightDelim:}}', 'Text:-world', 'EOF:']],
		['trimming spaces before and after comment', 'hello- {{- /* hello */ -}} -world', ['Text:hello-', 'Text:-world', 'EOF:']],
		['trim marker needs a space', '{{-3}}', ['LeftDelim:{{', 'Number:-3', 'RightDelim:}}', 'EOF:']],
		['newline trim marker', 'a \n{{-\n3\n-}}\n b', ['Text:a', 'LeftDelim:{{', 'Number:3', 'RightDelim:}}', 'Text:b', 'EOF:']],
		['assignment', '{{$x = 1}}', ['LeftDelim:{{', 'Variable:$x', 'Space: ', 'Assign:=', 'Space: ', 'Number:1', 'RightDelim:}}', 'EOF:']],
		['break and continue', '{{break}}{{continue}}', ['LeftDelim:{{', 'Break:break', 'RightDelim:}}', 'LeftDelim:{{', 'Continue:continue', 'RightDelim:}}', 'EOF:']],
		// errors
		['badchar', '#{{\x01}}', ['Text:#', 'LeftDelim:{{', 'Error:unrecognized character in action: U+0001']],
		['unclosed action', '{{', ['LeftDelim:{{', 'Error:unclosed action']],
		['EOF in action', '{{range', ['LeftDelim:{{', 'Range:range', 'Error:unclosed action']],
		['unclosed quote', '{{"\n"}}', ['LeftDelim:{{', 'Error:unterminated quoted string']],
		['unclosed raw quote', '{{`xx}}', ['LeftDelim:{{', 'Error:unterminated raw quoted string']],
		['unclosed char constant', "{{'\n}}", ['LeftDelim:{{', 'Error:unterminated character constant']],
		['bad number', '{{3k}}', ['LeftDelim:{{', 'Error:bad number syntax: "3k"']],
		['unclosed paren', '{{(3}}', ['LeftDelim:{{', 'LeftParen:(', 'Number:3', 'Error:unclosed left paren']],
		['extra right paren', '{{3)}}', ['LeftDelim:{{', 'Number:3', 'Error:unexpected right paren']],
		['long pipeline deer', '{{|||||}}', ['LeftDelim:{{', 'Pipe:|', 'Pipe:|', 'Pipe:|', 'Pipe:|', 'Pipe:|', 'RightDelim:}}', 'EOF:']],
		['text with bad comment', 'hello-{{/*/}}-world', ['Text:hello-', 'Error:unclosed comment']],
		['text with comment close separated from delim', 'hello-{{/* */ }}-world', ['Text:hello-', 'Error:comment ends before closing delimiter']],
		['unmatched right delimiter', 'hello-{.}}-world', ['Text:hello-{.}}-world', 'EOF:']],
		['bad identifier character', '{{a#}}', ['LeftDelim:{{', "Error:bad character U+0023 '#'"]],
	];
	for (const [name, input, want] of cases) it(name, () => expect(lex(input)).toEqual(want));

	it('reports lines of items', () => {
		const l = new Lexer('a\n{{\n.X\n}}\nb');
		const lines: number[] = [];
		for (let t = l.nextItem(); t.typ !== Item.EOF; t = l.nextItem()) lines.push(t.line);
		expect(lines).toEqual([1, 2, 2, 3, 3, 4, 4]); // newlines inside actions are Space items
	});
});

const has = (n: string): boolean => n in builtins || n in dockerFuncs || ['printf', 'echo', 'noargs', 'args'].includes(n);
const tree = (text: string): string => nodeString(parseTrees('', text, has).get('')!.root);

describe('parser (parse_test.go shapes)', () => {
	const cases: [string, string][] = [
		['', ''],
		['{{/*\n\n\n*/}}', ''],
		[' \t\n', ' \t\n'],
		['some text', 'some text'],
		['{{.X}}', '{{.X}}'],
		['{{printf}}', '{{printf}}'],
		['{{$}}', '{{$}}'],
		['{{with $x := 3}}{{$x 23}}{{end}}', '{{with $x := 3}}{{$x 23}}{{end}}'],
		['{{$.I}}', '{{$.I}}'],
		['{{printf `%d` 23}}', '{{printf `%d` 23}}'],
		['{{.X|.Y}}', '{{.X | .Y}}'],
		['{{$x := .X|.Y}}', '{{$x := .X | .Y}}'],
		['{{$x := 1}}{{$x = 2}}', '{{$x := 1}}{{$x = 2}}'],
		['{{(.X).Y}}', '{{(.X).Y}}'],
		['{{(.Y .Z).Field}}', '{{(.Y .Z).Field}}'],
		['{{.X.Y.Z}}', '{{.X.Y.Z}}'],
		['{{if .X}}hello{{end}}', '{{if .X}}hello{{end}}'],
		['{{if .X}}true{{else}}false{{end}}', '{{if .X}}true{{else}}false{{end}}'],
		['{{if .X}}true{{else if .Y}}false{{end}}', '{{if .X}}true{{else}}{{if .Y}}false{{end}}{{end}}'],
		['+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+', '+{{if .X}}X{{else}}{{if .Y}}Y{{else}}{{if .Z}}Z{{end}}{{end}}{{end}}+'],
		['{{with .X}}a{{else with .Y}}b{{end}}', '{{with .X}}a{{else}}{{with .Y}}b{{end}}{{end}}'],
		['{{range .SI}}{{.}}{{end}}', '{{range .SI}}{{.}}{{end}}'],
		['{{range $x := .SI}}{{.}}{{end}}', '{{range $x := .SI}}{{.}}{{end}}'],
		['{{range $x, $y := .SI}}{{.}}{{end}}', '{{range $x, $y := .SI}}{{.}}{{end}}'],
		['{{range .SI}}{{.}}{{break}}{{continue}}{{end}}', '{{range .SI}}{{.}}{{break}}{{continue}}{{end}}'],
		['{{range .X}}true{{else}}false{{end}}', '{{range .X}}true{{else}}false{{end}}'],
		['{{range .X|.M}}true{{else}}false{{end}}', '{{range .X | .M}}true{{else}}false{{end}}'],
		['{{range .SI}}{{.}}{{else}}{{.}}{{end}}', '{{range .SI}}{{.}}{{else}}{{.}}{{end}}'],
		['{{range $x := .SI}}{{$x}}{{end}}', '{{range $x := .SI}}{{$x}}{{end}}'],
		['{{template `x`}}', '{{template "x"}}'],
		['{{template `x` .Y}}', '{{template "x" .Y}}'],
		['{{.X | printf "%d" | printf "%q"}}', '{{.X | printf "%d" | printf "%q"}}'],
		['{{(printf .X) | printf}}', '{{(printf .X) | printf}}'],
		["{{'a'}} {{0x1F}} {{1e3}} {{`raw`}} {{true}} {{nil | printf}}", "{{'a'}} {{0x1F}} {{1e3}} {{`raw`}} {{true}} {{nil | printf}}"],
		['{{- 3 -}}', '{{3}}'],
		['{{block "foo" .}}hello{{end}}', '{{template "foo" .}}'],
	];
	for (const [input, want] of cases) it(input, () => expect(tree(input)).toBe(want));

	it('defines and blocks become separate trees', () => {
		const trees = parseTrees('', '{{define "a"}}A{{.}}{{end}}x{{block "b" .}}B{{end}}', has);
		expect([...trees.keys()].sort()).toEqual(['', 'a', 'b']);
		expect(nodeString(trees.get('a')!.root)).toBe('A{{.}}');
		expect(nodeString(trees.get('b')!.root)).toBe('B');
		expect(nodeString(trees.get('')!.root)).toBe('x{{template "b" .}}');
	});
	it('an empty redefinition does not replace a template', () => {
		const trees = parseTrees('', '{{define "a"}}A{{end}}{{define "a"}} {{end}}', has);
		expect(nodeString(trees.get('a')!.root)).toBe('A');
	});
	it('a trailing pipe is accepted', () => expect(tree('{{.X 1 2|}}')).toBe('{{.X 1 2}}'));
	it('break and continue are plain identifiers when defined as functions', () => {
		expect(() => parse('{{break}}', {funcs: {break: builtins.print}})).not.toThrow();
	});
});

describe('parse errors (parse_test.go errorTests, Go 1.24 texts)', () => {
	const errs: [string, string][] = [
		['{{if .X}}hello', 'template: t:1: unexpected EOF'],
		['{{range .X}}hello', 'template: t:1: unexpected EOF'],
		['{{end}}', 'template: t:1: unexpected {{end}}'],
		['{{else}}', 'template: t:1: unexpected {{else}}'],
		['{{ $x := 1 }}{{ $y }}', 'template: t:1: undefined variable "$y"'],
		['{{with $x := 4}}{{end}}{{$x}}', 'template: t:1: undefined variable "$x"'],
		['{{template $v}}', 'template: t:1: unexpected "$v" in template clause'],
		['{{define "a"}}a{{end}}{{define "a"}}b{{end}}', 'template: t:1: template: multiple definition of template "a"'],
		['{{printf 3, 4}}', 'template: t:1: unexpected "," in operand'],
		['{{range .X}}{{break 1}}{{end}}', 'template: t:1: unexpected "1" in {{break}}'],
		['{{break}}', 'template: t:1: {{break}} outside {{range}}'],
		['{{continue}}', 'template: t:1: {{continue}} outside {{range}}'],
		['{{range $x, $y, $z := .}}{{end}}', 'template: t:1: too many declarations in range'],
		['{{range $x, 2 := .}}{{end}}', 'template: t:1: range can only initialize variables'],
		['{{with $x, $y := .}}{{end}}', 'template: t:1: too many declarations in with'],
		['{{.X|3}}', 'template: t:1: non executable command in pipeline stage 2'],
		['{{.X|.Y|nil}}', 'template: t:1: non executable command in pipeline stage 3'],
		['{{nope}}', 'template: t:1: function "nope" not defined'],
		['{{if}}', 'template: t:1: missing value for if'],
		['{{}}', 'template: t:1: missing value for command'],
		['{{(1)}}{{()}}', 'template: t:1: missing value for parenthesized pipeline'],
		['{{"x".Y}}', 'template: t:1: unexpected . after term "\\"x\\""'],
		['{{1e}}', 'template: t:1: illegal number syntax: "1e"'],
		['{{089}}', 'template: t:1: integer overflow: "089"'],
		["{{''}}", 'template: t:1: invalid syntax'],
		['{{"\\z"}}', 'template: t:1: invalid syntax'],
		['a\n{{.X\n', 'template: t:3: unclosed action started at t:2'],
		['{{if .X}}\n{{else}}\n{{else}}{{end}}', 'template: t:3: expected end; found {{else}}'],
		['{{define "x"}}{{else}}{{end}}', 'template: t:1: unexpected {{else}} in define clause'],
		['{{define x}}{{end}}', 'template: t:1: unexpected "x" in define clause'],
		['{{block "x"}}{{end}}', 'template: t:1: missing value for block clause'],
		['{{template "x" "y" | "z"}}', 'template: t:1: non executable command in pipeline stage 2'],
		['{{range .}}\n\n{{(end}}', 'template: t:3: unexpected <end> in parenthesized pipeline'],
		['{{$x := 1 := 2}}', 'template: t:1: unexpected ":=" in operand'],
		['{{.X\n .Y\n  "x}}', 'template: t:3: unterminated quoted string in action started at t:1'],
		['{{\n\n(', 'template: t:3: unclosed action started at t:1'],
	];
	for (const [input, want] of errs) {
		it(JSON.stringify(input), () => {
			let msg = '';
			try {
				parse(input, {name: 't', funcs: dockerFuncs});
			} catch (e) {
				expect(e).toBeInstanceOf(TemplateParseError);
				msg = (e as Error).message;
			}
			expect(msg).toBe(want);
		});
	}
});

// The fuzzer's own parts, without an engine: the generator is repeatable and
// covers the grammar, the shrinker finds a small case that keeps a property.
import {describe, expect, it} from 'vitest';
import {COMMANDS, commandNamed} from './fuzz/commands.js';
import {generate, render, type FuzzCase} from './fuzz/generate.js';
import type {Verdict} from './fuzz/run.js';
import {shrink, tokenize} from './fuzz/shrink.js';

const texts = (name: string, seed: number, n: number): string[] => generate(commandNamed(name), seed, n).map(c => render(c.template));

describe('fuzz generator', () => {
	it('gives the same cases for the same seed, and others for another', () => {
		expect(texts('inspect', 5, 50)).toEqual(texts('inspect', 5, 50));
		expect(texts('inspect', 5, 50)).not.toEqual(texts('inspect', 6, 50));
	});

	it('reaches every part of the grammar within a few thousand cases', () => {
		const all = COMMANDS.flatMap(c => texts(c.name, 1, 1500)).join('\n');
		const wanted = ['json', 'split', 'join', 'title', 'lower', 'upper', 'pad', 'truncate', 'and', 'or', 'not', 'len', 'index', 'slice', 'print ', 'printf',
			'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'call', '{{range', '{{break', '{{continue', '{{else', '{{with', '{{if', 'else if',
			'else with', '{{define', '{{block', '{{template', '{{/*', '{{- ', ' -}}', ':=', ' = ', '|', '(', 'table', '%[', '%*', '.Nope'];
		for (const w of wanted) expect(all, w).toContain(w);
		for (const c of COMMANDS) for (const f of c.fields) expect(all, f.path).toContain(f.path.split('.').pop());
	});
});

describe('fuzz shrinker', () => {
	it('shrinks to a small case that keeps the difference', async () => {
		// A stand-in for "docker and imgscope differ": the text has a printf and an if.
		const differs = (c: FuzzCase): boolean => render(c.template).includes('printf "') && render(c.template).includes('{{if');
		const start = generate(commandNamed('inspect'), 3, 400).find(differs)!;
		expect(start).toBeDefined();
		const sides = {docker: {stdout: Buffer.from(''), stderr: '', code: 0}, imgscope: {stdout: Buffer.from('x'), stderr: '', code: 0}};
		const check = async (c: FuzzCase): Promise<Verdict> => (differs(c) ? {same: false, settled: true, sides} : {same: true, code: 0});
		const {c} = await shrink(start, sides, check);
		expect(differs(c)).toBe(true);
		expect(render(c.template).length).toBeLessThan(Math.min(40, render(start.template).length));
		expect(c.targets.length).toBe(1);
	});

	it('tokenizes delimiters, trim markers and literals whole', () => {
		expect(tokenize('a {{- printf "%d x" 1 -}}}')).toEqual(['a', ' ', '{{- ', 'printf', ' ', '"%d x"', ' ', '1', ' -}}', '}']);
	});
});

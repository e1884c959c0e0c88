/**
 * The modules import downward: no import cycle in source/ spans more than
 * a file and its own helper (two files). Every import counts: type-only
 * ones too (they are erased at build, but a type knot ties the modules as
 * tightly for whoever reads or changes them) and `import()` calls.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../../source');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

/** The files of source/ a file imports: statements (types too) and `import()` calls. */
function imports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found: string[] = [];
	const specifiers = [
		...[...text.matchAll(/^(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm)].map((match) => match[1]),
		...[...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((match) => match[1]),
	];
	for (const specifier of specifiers) {
		const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '');
		for (const candidate of [`${target}.ts`, `${target}.tsx`]) if (candidate.startsWith(root) && statSync(candidate, {throwIfNoEntry: false})) found.push(candidate);
	}
	return found;
}

/** Strongly connected components (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const stack: string[] = [];
	const meta = new Map<string, {index: number; low: number; on: boolean}>();
	const out: string[][] = [];
	const visit = (node: string) => {
		meta.set(node, {index, low: index, on: true});
		index++;
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			if (!meta.has(next)) {
				visit(next);
				meta.get(node)!.low = Math.min(meta.get(node)!.low, meta.get(next)!.low);
			} else if (meta.get(next)!.on) meta.get(node)!.low = Math.min(meta.get(node)!.low, meta.get(next)!.index);
		}
		if (meta.get(node)!.low === meta.get(node)!.index) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				meta.get(member)!.on = false;
				component.push(member);
			} while (member !== node);
			if (component.length > 1) out.push(component.map((file) => path.relative(root, file)).sort());
		}
	};
	for (const node of graph.keys()) if (!meta.has(node)) visit(node);
	return out;
}

describe('source/ imports', () => {
	it('hold no cycle of more than two files', () => {
		const graph = new Map(files(root).map((file) => [file, imports(file)]));
		const found = cycles(graph);
		expect(found.filter((component) => component.length > 2)).toEqual([]);
	});
});

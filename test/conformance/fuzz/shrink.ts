// Shrinks a case that differs to a small one that still differs: fewer
// targets and flags, then hierarchical delta debugging on the template's tree
// (drop a group, or put one of its sub-groups in its place), then ddmin on the
// tokens of its text. Every trial runs both clients, so the budget is bounded.
import type {Sides, Verdict} from './run.js';
import {render, type FuzzCase, type Piece} from './generate.js';

const BUDGET = 200;

type Check = (c: FuzzCase) => Promise<Verdict>;

export async function shrink(start: FuzzCase, sides: Sides, check: Check): Promise<{c: FuzzCase; sides: Sides}> {
	let best = {c: start, sides};
	let trials = 0;
	const seen = new Set<string>();
	const tryCase = async (c: FuzzCase): Promise<boolean> => {
		const key = JSON.stringify([c.flags, c.targets, c.env, render(c.template)]);
		if (seen.has(key) || trials >= BUDGET) return false;
		seen.add(key);
		trials++;
		const v = await check(c);
		if (v.same || !v.settled) return false;
		best = {c, sides: v.sides};
		return true;
	};

	// Arguments first: one target, no flags, no environment.
	if (best.c.targets.length > 1) {
		for (const t of best.c.targets) if (await tryCase({...best.c, targets: [t]})) break;
	}
	if (best.c.flags.length) {
		if (!(await tryCase({...best.c, flags: []}))) {
			for (const f of best.c.flags) if (await tryCase({...best.c, flags: [f]})) break;
		}
	}
	if (best.c.env) {
		const {env: _drop, ...rest} = best.c;
		await tryCase(rest);
	}

	// The tree: until no single change helps.
	for (let progress = true; progress && trials < BUDGET; ) {
		progress = false;
		for (const candidate of treeCandidates(best.c.template)) {
			if (await tryCase({...best.c, template: candidate})) {
				progress = true;
				break;
			}
		}
	}

	// The tokens of the text (this also shrinks broken input, which has no tree).
	let tokens = tokenize(render(best.c.template));
	for (let n = 2; tokens.length > 1 && trials < BUDGET; ) {
		const size = Math.ceil(tokens.length / n);
		let removed = false;
		for (let i = 0; i < tokens.length; i += size) {
			const rest = [...tokens.slice(0, i), ...tokens.slice(i + size)];
			if (await tryCase({...best.c, template: rest.join('')})) {
				tokens = rest;
				n = Math.max(n - 1, 2);
				removed = true;
				break;
			}
		}
		if (!removed) {
			if (size === 1) break;
			n = Math.min(n * 2, tokens.length);
		}
	}
	return best;
}

/** Every tree one step smaller: a group removed, or replaced by one of its sub-groups. Largest first. */
function* treeCandidates(root: Piece): Generator<Piece> {
	const paths: number[][] = [];
	const walk = (p: Piece, path: number[]): void => {
		if (typeof p === 'string') return;
		if (path.length) paths.push(path);
		p.forEach((child, i) => walk(child, [...path, i]));
	};
	walk(root, []);
	const size = (path: number[]): number => render(at(root, path)).length;
	paths.sort((a, b) => size(b) - size(a));
	for (const path of paths) yield replace(root, path, '');
	for (const path of paths) {
		const group = at(root, path);
		if (typeof group === 'string') continue;
		for (const child of group) if (typeof child !== 'string') yield replace(root, path, child);
	}
}

function at(p: Piece, path: number[]): Piece {
	return path.reduce((q, i) => (q as Piece[])[i]!, p);
}

function replace(p: Piece, path: number[], by: Piece): Piece {
	if (path.length === 0) return by;
	const copy = [...(p as Piece[])];
	copy[path[0]!] = replace(copy[path[0]!]!, path.slice(1), by);
	return copy;
}

/** Template text in lexical pieces: delimiters with their trim markers, quoted literals, names, spaces, single characters. */
export function tokenize(text: string): string[] {
	return text.match(/\{\{- |\{\{|\s-\}\}|\}\}|"(?:[^"\\\n]|\\.)*"|`[^`]*`|[\w$.]+|\s+|[\s\S]/g) ?? [];
}

/**
 * README's keys table and the list specs say the same: every key a list's
 * spec binds (its actions, Enter, the keys of the other lists) is in a row
 * of the table for that list ("every list" and "everywhere" rows count for
 * all), and the first key of each row for a list is bound there.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bindings, displayKey} from '../../source/ui/keymap.js';
import type {Context} from '../../source/ui/key-names.js';
import {specs} from '../../source/ui/lists/registry.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Keys'), readme.indexOf('\n## ', readme.indexOf('## Keys') + 3));
const rows = table
	.split('\n')
	.filter((line) => line.startsWith('| ') && !line.startsWith('| where') && !line.startsWith('| ---'))
	.map((line) => {
		const [where, keys] = line.slice(2).split(' | ');
		return {where: where.split(',').map((part) => part.trim()), keys: [...keys.matchAll(/`([^`]+)`/g)].map((match) => match[1])};
	});
const shown = (key: string) => displayKey(key);
/** Keys as the table writes them: `↑`/`k` is two keys, `Ctrl+C` one. */
const keysOf = (row: {keys: string[]}) => row.keys.flatMap((key) => (key.length > 1 ? key.split('/') : [key]));

describe('README keys table', () => {
	it('names every key each list binds, in a row for that list', () => {
		for (const spec of specs) {
			const ours = rows.filter((row) => row.where.some((where) => where === spec.title || where === 'every list' || where === 'everywhere'));
			const listed = new Set(ours.flatMap(keysOf));
			for (const binding of bindings.filter((b) => b.contexts !== 'all' && b.contexts.includes(spec.id as Context))) {
				expect(
					binding.keys.some((key) => listed.has(shown(key)) || listed.has(key)),
					`${spec.title}: ${binding.action} (${binding.keys.join(' ')}) is not in README's keys table`,
				).toBe(true);
			}
		}
	});

	it("binds the first key of every list's row", () => {
		for (const spec of specs) {
			for (const row of rows.filter((candidate) => candidate.where.length === 1 && candidate.where[0] === spec.title)) {
				const first = keysOf(row)[0];
				const bound = bindings.some((b) => b.contexts !== 'all' && b.contexts.includes(spec.id as Context) && b.keys.some((key) => key === first || shown(key) === first));
				expect(bound, `README says ${spec.title} binds ${first}`).toBe(true);
			}
		}
	});
});

/**
 * The whole keymap table (source/ui/keymap.ts, the lists' rows generated
 * from their specs included): in no context does one key do two actions
 * (the first row would win and the other never run). `all` rows count in
 * every context. The config's validator (source/config/bindings.ts) must
 * accept the table as it is, and find a clash when one is made.
 */
import {describe, expect, it} from 'vitest';
import {applyKeyOverrides} from '../../source/config/bindings.js';
import {bindings} from '../../source/ui/keymap.js';

const contexts = [...new Set(bindings.flatMap((row) => (row.contexts === 'all' ? [] : row.contexts)))];

describe('the keymap has no clash', () => {
	it('no key does two actions in one context', () => {
		const clashes: string[] = [];
		for (const context of contexts) {
			const owner = new Map<string, string>();
			for (const row of bindings.filter((candidate) => candidate.contexts === 'all' || candidate.contexts.includes(context))) {
				for (const key of row.keys) {
					const other = owner.get(key);
					if (other !== undefined && other !== row.action) clashes.push(`${context}: ${JSON.stringify(key)} is ${other} and ${row.action}`);
					owner.set(key, row.action);
				}
			}
		}
		expect(contexts.length).toBeGreaterThanOrEqual(20);
		expect(clashes).toEqual([]);
	});

	it('the renumbered list keys: 1 images, 2 containers, 3 volumes, 4 disk, 5 engines; Volumes e extracts, i restores; x is the menu; R is free for a registry', () => {
		const keyOf = (action: string, context: string) => bindings.find((row) => row.action === action && row.contexts !== 'all' && row.contexts.includes(context as never))?.keys;
		expect(keyOf('showImages', 'containers')).toEqual(['1']);
		expect(keyOf('showContainers', 'images')).toEqual(['2']);
		expect(keyOf('showVolumes', 'images')).toEqual(['3']);
		expect(keyOf('showDisk', 'images')).toEqual(['4']);
		expect(keyOf('showEngines', 'images')).toEqual(['5']);
		expect(keyOf('extractVolumeFile', 'volumes')).toEqual(['e']);
		expect(keyOf('importVolume', 'volumes')).toEqual(['i']);
		for (const list of ['images', 'containers', 'volumes', 'disk', 'engines']) {
			expect(keyOf('menu', list)).toEqual(['x']);
		}
		// R opens a registry (the remote explorer), from Images only; no other list binds it.
		expect(keyOf('openRemote', 'images')).toEqual(['R']);
		for (const list of ['containers', 'volumes', 'disk', 'engines']) expect(bindings.some((row) => row.contexts !== 'all' && row.contexts.includes(list as never) && row.keys.includes('R'))).toBe(false);
	});

	it("the config's validator agrees: the table passes as it is; a key moved onto another's is refused", () => {
		expect(applyKeyOverrides(bindings, []).problems).toEqual([]);
		expect(applyKeyOverrides(bindings, [{action: 'importVolume', keys: ['e']}]).problems.map((problem) => problem.message)).toEqual(['"e" is also bound to "extractVolumeFile" in volumes']);
	});
});

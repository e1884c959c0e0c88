import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const fixtures = fileURLToPath(new URL('../layers/fixtures.sh', import.meta.url));

describe.skipIf(!haveEngine)('the Files tab in a real terminal', () => {
	beforeAll(() => {
		execFileSync(fixtures, {stdio: 'pipe'});
	});

	it('opens an image, goes to Files, closes and opens a directory and sees its files (NO_COLOR: marks, not colours)', async () => {
		// Without colour: the change marks still say added / modified / removed.
		const term = new Terminal(`node ${bin}`, 100, 30, {NO_COLOR: '1'});
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('/');
			term.type('test-layers/waste');
			await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));
			term.keys('Enter');
			term.keys('Enter');
			await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('chmod 600'), 20_000);
			// Layer 1 in the Layers tab, then Tab to History, Inspect, Files.
			term.keys('j');
			await term.waitFor((s) => /layer 1 {2}sha256:/.test(s));
			term.keys('Tab', 'Tab', 'Tab');
			let screen = await term.waitFor((s) => s.includes('Layer 1 of 0–10') && s.includes('over.txt'), 20_000);
			expect(screen).toMatch(/\+ ▾ w\/ +50B/);
			// Close everything: only w/ is left; Enter opens it and its files show.
			term.keys('c');
			// (over.txt is still in the layer's command, on the line under the header.)
			screen = await term.waitFor((s) => /\+ ▸ w\/ +50B/.test(s) && !/ over\.txt +4B/.test(s));
			term.keys('Enter');
			screen = await term.waitFor((s) => /\+ {5}over\.txt +4B/.test(s));
			expect(screen).toMatch(/\+ {3}▸ dir\/ +5B/);
			// → on dir opens it.
			term.keys('j', 'j', 'Right');
			screen = await term.waitFor((s) => /\+ {7}a +2B/.test(s));
			expect(screen).toMatch(/\+ {3}▾ dir\//);
			// A search jumps into a closed directory.
			term.keys('/');
			term.type('keep/f');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('/w/opq/keep/f · file 5 bytes'));
			term.keys('q');
			screen = await term.waitFor((s) => s.includes('[exit 0]'));
			expect(screen).not.toContain('Layer 1 of');
		} finally {
			term.close();
		}
	});
});

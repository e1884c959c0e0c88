/**
 * The lists in a real terminal (tmux, bin/imgscope: `npm run build` first):
 * Containers filtered by name as you type (the letters never act: `/bars-c1`
 * once stopped a container and committed it as `1:latest`), the filtered
 * container committed, a stop that asks first, and the mouse: real SGR
 * reports written to the terminal scroll the list, select a row and open it.
 */
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const first = 'lists-bars-c1';
const second = 'lists-bars-c2';
const committed = 'lists-committed:1';

function cleanup(): void {
	for (const name of [first, second]) {
		try {
			docker(['rm', '-f', name]);
		} catch {}
	}
	try {
		docker(['rmi', committed]);
	} catch {}
}

const running = (name: string) => docker(['inspect', '--format', '{{.State.Running}}', name]).trim() === 'true';

describe.skipIf(!haveEngine)('the lists in a real terminal', () => {
	beforeAll(() => {
		cleanup();
		for (const name of [first, second]) docker(['run', '-d', '--network', 'none', '--label', 'imgscope.test=lists', '--name', name, 'fixture/base:1', 'sleep', '600']);
	});
	afterAll(cleanup);

	it('filters Containers by name as typed, commits the filtered one, and stops it only after its question', async () => {
		const term = new Terminal(`node ${bin}`, 120, 30);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('2');
			await term.waitFor((s) => s.includes(first) && s.includes(second));
			term.type(`/${first}`);
			let screen = await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s) && s.includes(`/${first}`));
			expect(screen).not.toContain(second);
			// Typing s, c and 1 went into the filter: nothing stopped, no commit form, still Containers.
			expect(screen).not.toContain('Commit container');
			expect(running(first)).toBe(true);
			term.keys('Enter');
			await term.waitFor((s) => s.includes('/ edits, esc clears'));

			term.keys('c');
			await term.waitFor((s) => s.includes(`Commit container ${first}`));
			term.type(committed);
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes(`Committed ${first} as ${committed}`), 60_000);
			expect(docker(['image', 'inspect', '--format', '{{.Id}}', committed]).trim()).toMatch(/^sha256:/);

			term.keys('2');
			await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s));
			term.keys('S');
			await term.waitFor((s) => s.includes(`Stop container ${first}?`));
			// Any other key: nothing happens.
			term.keys('n');
			await term.waitFor((s) => !s.includes('Stop container'));
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(running(first)).toBe(true);
			term.keys('S');
			await term.waitFor((s) => s.includes(`Stop container ${first}?`));
			term.keys('y');
			await term.waitFor((s) => s.includes(`Stopped ${first}`), 30_000);
			expect(running(first)).toBe(false);
			expect(running(second)).toBe(true);
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	}, 120_000);

	it('scrolls with the wheel, selects a row with a click and opens it with a second click (SGR reports)', async () => {
		// Eight lines: the list shows five rows, fewer than the images there are.
		const term = new Terminal(`node ${bin}`, 100, 9);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			const rowsOf = (screen: string) => screen.split('\n').slice(2, 7).map((line) => line.trim().split(/\s+/)[0]);
			const before = rowsOf(term.screen());
			// Wheel down over the list (column 5, row 4): the window moves three rows.
			term.type('\x1b[<65;5;4M');
			const after = rowsOf(await term.waitFor((s) => rowsOf(s)[0] !== before[0]));
			expect(after[0]).toBe(before[3]);
			// A click on the third row shown (terminal row 5: title, header, then rows), then a second one: it opens.
			term.type('\x1b[<0;5;5M\x1b[<0;5;5m');
			const name = after[2];
			term.type('\x1b[<0;5;5M\x1b[<0;5;5m');
			const opened = await term.waitFor((s) => s.includes('Layers') && s.includes('History'));
			expect(opened.split('\n')[0]).toContain(`Image ${name}`);
			// A click on the History tab switches to it.
			term.type('\x1b[<0;12;2M');
			await term.waitFor((s) => s.includes('CREATED BY') && s.includes('COMMENT'));
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	}, 60_000);
});

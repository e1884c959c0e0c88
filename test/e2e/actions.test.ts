/**
 * Run with attach in a real terminal (tmux): the explorer steps aside, the
 * container gets the terminal (its output shows, typed keys reach it),
 * and the explorer comes back, keys working, when the container exits or
 * Ctrl+P Ctrl+Q detaches.
 */
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const exited = 'ui-actions-e2e';
const detached = 'ui-actions-e2e-detach';

function removeContainers() {
	for (const name of [exited, detached]) {
		try {
			docker(['rm', '-f', name]);
		} catch {}
	}
}

function running(name: string): boolean {
	return docker(['inspect', '--format', '{{.State.Running}}', name]).trim() === 'true';
}

/** Opens the run form on fixture/base:1 and fills it: command, name, env, network none, attach on. */
async function runAttached(term: Terminal, command: string, name: string, env = ''): Promise<void> {
	term.keys('r');
	await term.waitFor((s) => s.includes('Run a container from fixture/base:1'));
	term.type(command);
	term.keys('Tab');
	term.type(name);
	term.keys('Tab');
	if (env) term.type(env);
	term.keys('Tab', 'Tab', 'Tab');
	term.type('none');
	term.keys('Tab', 'Tab', 'Space');
	await term.waitFor((s) => /Attach\s+\[x\] yes/.test(s) && s.includes(name));
	term.keys('Enter');
}

describe.skipIf(!haveEngine)('run attached, in a real terminal', () => {
	beforeAll(removeContainers);
	afterAll(removeContainers);

	it('steps aside for the container and comes back when it exits or detaches', async () => {
		const term = new Terminal(`node ${bin}`, 100, 30);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('/');
			term.type('fixture/base:1');
			term.keys('Enter');
			await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));

			await runAttached(term, `sh -c 'echo "hello $WHO from the container"; read line; echo "got $line"'`, exited, 'WHO=tmux');
			let screen = await term.waitFor((s) => s.includes('hello tmux from the container'), 20_000);
			// The explorer is out of the way: the container's output on the terminal's own screen.
			expect(screen).toContain(`[imgscope] attached to ${exited}: Ctrl+P Ctrl+Q detaches`);
			expect(screen).not.toContain('REPOSITORY');
			term.type('typed-by-a-person');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('Press any key to return to imgscope'));
			expect(screen).toContain('got typed-by-a-person');
			expect(screen).toContain(`${exited} exited with code 0`);
			term.keys('x');
			screen = await term.waitFor((s) => s.includes('REPOSITORY') && s.includes(`✓ ${exited} exited with code 0`));
			expect(screen).not.toContain('hello tmux from the container');

			// Keys reach the explorer again.
			term.keys('2');
			screen = await term.waitFor((s) => s.includes('Containers (') && s.includes(exited));
			term.keys('1');
			await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));

			await runAttached(term, `sh -c 'echo still-here; sleep 120'`, detached);
			// (The form itself shows the command: wait for the output on a line of its own.)
			await term.waitFor((s) => s.includes(`attached to ${detached}`) && /^still-here$/m.test(s), 20_000);
			term.keys('C-p', 'C-q');
			screen = await term.waitFor((s) => s.includes('REPOSITORY') && s.includes(`Detached from ${detached}: it keeps running`), 20_000);
			expect(running(detached)).toBe(true);

			term.keys('q');
			screen = await term.waitFor((s) => s.includes('[exit 0]'));
			expect(screen).not.toContain('REPOSITORY');
		} finally {
			term.close();
		}
	});
});

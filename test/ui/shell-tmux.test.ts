/**
 * `E` in Containers, in a real terminal (tmux, bin/imgscope: `npm run build` first): a shell in the
 * running container takes the terminal (the explorer steps aside, as for an attached run), what is typed
 * runs in the container, and after `exit` (the end said) a key brings the explorer back on the same list.
 */
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const name = `shell-tmux-${process.pid}`;

function cleanup(): void {
	try {
		docker(['rm', '-f', name]);
	} catch {}
}

describe.skipIf(!haveEngine)('a shell in a running container', () => {
	beforeAll(() => {
		cleanup();
		docker(['run', '-d', '--network', 'none', '--label', 'imgscope.test=shell', '--name', name, 'fixture/base:1', 'sleep', '600']);
	});
	afterAll(cleanup);

	it('E opens /bin/sh in it, and exit comes back to Containers', async () => {
		const term = new Terminal(`node ${bin}`, 120, 30);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('2');
			await term.waitFor((s) => s.includes(name));
			term.type(`/${name}`);
			term.keys('Enter');
			await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s));
			term.keys('E');
			// The explorer has left the screen: the shell's prompt, and the hostname is the container's.
			await term.waitFor((s) => /[#$] *$/m.test(s) && !s.includes('REPOSITORY') && !/Containers \(/.test(s), 20_000, 'no shell prompt');
			term.type('echo in-$((6*7)) $(hostname)');
			term.keys('Enter');
			const id = docker(['inspect', '--format', '{{.Config.Hostname}}', name]).trim();
			const screen = await term.waitFor((s) => s.includes(`in-42 ${id}`), 10_000, 'the command did not run in the container');
			expect(screen).toContain(`in-42 ${id}`);
			term.type('exit');
			term.keys('Enter');
			// As lazydocker does after a command: the shell's end is said, and a key returns.
			await term.waitFor((s) => s.includes(`${name} (/bin/sh) exited with code 0. Press any key to return to imgscope.`), 20_000, 'the end was not said');
			term.keys('Space');
			await term.waitFor((s) => /Containers \(1 of \d+\)/.test(s) && s.includes(name), 20_000, 'the explorer did not come back');
			expect(docker(['inspect', '--format', '{{.State.Running}}', name]).trim()).toBe('true');
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	}, 90_000);
});

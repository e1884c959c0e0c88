import {describe, expect, it} from 'vitest';
import {fileURLToPath} from 'node:url';
import {haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));

describe.skipIf(!haveEngine)('bin/imgscope in a real terminal', () => {
	it('filters, opens an image, reads its layers, history and inspect, and quits cleanly', async () => {
		const term = new Terminal(`node ${bin}`);
		try {
			// Other images (a benchmark's 2,000 tags) may push the fixtures off the first page: wait for the list, then filter.
			await term.waitFor((s) => s.includes('REPOSITORY') && /Images \([1-9]/.test(s), 20_000);
			term.keys('/');
			term.type('fixture/app:1');
			let screen = await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));
			term.keys('Enter');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('dd if=/dev/zero'));
			expect(screen).toMatch(/524kB\s+2\.51MB\s+\/bin\/sh -c dd if=\/dev\/zero/);
			expect(screen).toContain('busybox base for imgscope tests');
			term.keys('j', 'j');
			screen = await term.waitFor((s) => /layer 2 {2}sha256:[0-9a-f]{64}/.test(s));
			expect(screen).toContain('count=512');
			term.keys('Tab');
			screen = await term.waitFor((s) => s.includes('COMMENT'));
			expect(screen).toMatch(/<missing>|[0-9a-f]{12}/);
			term.keys('Tab');
			screen = await term.waitFor((s) => s.includes('"Id": "sha256:'));
			term.keys('?');
			await term.waitFor((s) => s.includes('Show or hide this help'));
			term.keys('Escape');
			term.keys('Escape');
			await term.waitFor((s) => s.includes('REPOSITORY'));
			term.keys('q');
			screen = await term.waitFor((s) => s.includes('[exit 0]'));
			// The alternate screen is gone: the explorer's frame is not left behind.
			expect(screen).not.toContain('REPOSITORY');
		} finally {
			term.close();
		}
	});

	it('fits 80x24, survives 40x10 and a resize, and Ctrl+C restores the terminal', async () => {
		const term = new Terminal(`node ${bin}`, 80, 24);
		try {
			let screen = await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
			term.resize(40, 10);
			screen = await term.waitFor((s) => s.includes('REPOSITORY') && s.split('\n').length <= 11);
			expect(screen.split('\n').every((line) => line.length <= 40)).toBe(true);
			term.resize(120, 40);
			screen = await term.waitFor((s) => s.includes('LAYERS'));
			term.keys('C-c');
			screen = await term.waitFor((s) => s.includes('[exit'));
			expect(screen).not.toContain('REPOSITORY');
		} finally {
			term.close();
		}
	});

	it('prints the plain list with a hint when there is no terminal to draw on', async () => {
		const {execFileSync} = await import('node:child_process');
		const result = execFileSync('setsid', ['node', bin], {encoding: 'utf8', env: {...process.env, IMGSCOPE_NO_TTY: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
		expect(result).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\n/);
		expect(result).toContain('fixture/app');
	});
});

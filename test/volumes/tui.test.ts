// The Volumes view in a real terminal (tmux): the list with sizes, a volume
// opened (inspect, mounts), its files in the Files tab's tree (search, x), extract, remove with its question (the
// container using it named; F removes it first), and prune on a private
// dockerd. Needs the bundle: npm run build.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {BASE, cleanupVolumes, createTestVolume, fill, leftoverHelpers} from './support.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));

describe.skipIf(!haveEngine)('the Volumes view', () => {
	let dir: string;
	let browsed: string;
	let used: string;
	const user = `imgscope-vt-tui-${process.pid}`;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-vt-tui-'));
		browsed = createTestVolume('tui');
		fill(browsed, 'echo hello > /v/plain; mkdir /v/dir; echo deep > /v/dir/deep; busybox ln -s plain /v/link; echo x > "/v/$(busybox printf "esc\\033[31mred")"; busybox chmod 4755 /v/plain');
		used = createTestVolume('tui-used');
		docker(['create', '--network', 'none', '--name', user, '--label', 'imgscope.test=volumes', '-v', `${used}:/data`, BASE, 'true']);
	}, 60_000);

	afterAll(() => {
		try {
			execFileSync('docker', ['rm', '-f', user], {stdio: 'ignore'});
		} catch {}
		cleanupVolumes();
		rmSync(dir, {recursive: true, force: true});
	});

	it('lists, opens a volume, extracts a file, and removes a used volume only after its container', async () => {
		const term = new Terminal(`sh -c 'cd ${dir} && exec node ${bin}'`, 120, 40);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY'), 20_000);
			term.keys('3');
			await term.waitFor((s) => s.includes('VOLUME') || (s.includes('NAME') && s.includes('DRIVER') && s.includes('LINKS')));
			term.keys('/');
			term.type(browsed);
			let screen = await term.waitFor((s) => s.includes(browsed) && /Volumes \(1 of \d+\)/.test(s) && /\d+B\s+0\s/.test(s), 30_000);
			expect(screen).toMatch(new RegExp(`${browsed}\\s+local\\s+local\\s+\\d+B\\s+0`));
			term.keys('Enter');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('Mounted by no container.') && s.includes('f on the list opens its files'), 30_000);
			expect(screen).toContain('"Name": "' + browsed + '"');
			term.keys('Escape');
			await term.waitFor((s) => !s.includes('Mounted by no container.'));
			// f: the files in the Files tab's tree (through a helper container).
			term.keys('f');
			screen = await term.waitFor((s) => s.includes(`Volume ${browsed}  sort: name`) && s.includes('deep'), 30_000);
			expect(screen).toMatch(/link → plain/);
			// The escape in a name is drawn visibly, not obeyed.
			expect(screen).not.toContain('\x1b');
			expect(screen).toMatch(/esc.*\[31mred/);
			term.keys('/');
			term.type('plain');
			term.keys('Enter');
			screen = await term.waitFor((s) => s.includes('/plain · file 6 bytes · -rwsr-xr-x 0:0'));
			// x: extract the selected file to a path typed in the form.
			term.keys('x');
			await term.waitFor((s) => s.includes(`Extract plain (6 bytes) from volume ${browsed}`));
			term.keys('C-u');
			term.type('from-tree');
			term.keys('Enter');
			await term.waitFor((s) => s.includes('Wrote from-tree (6B)'), 20_000);
			expect(readFileSync(path.join(dir, 'from-tree'), 'utf8')).toBe('hello\n');
			term.keys('Escape');
			// Escape then a key at once reads as Alt+key: wait for the list first.
			await term.waitFor((s) => !s.includes(`Volume ${browsed}  sort`) && s.includes('DRIVER'));
			term.keys('e');
			await term.waitFor((s) => s.includes('Extract a file of'));
			term.type('dir/deep');
			term.keys('Tab');
			term.type('got-it');
			term.keys('Enter');
			await term.waitFor((s) => s.includes('Wrote got-it (5B)'), 20_000);
			expect(readFileSync(path.join(dir, 'got-it'), 'utf8')).toBe('deep\n');
			// Never over a file.
			term.keys('e');
			await term.waitFor((s) => s.includes('Extract a file of'));
			term.type('plain');
			term.keys('Tab');
			term.type('got-it');
			term.keys('Enter');
			await term.waitFor((s) => s.includes('already exists'), 20_000);
			term.keys('Escape');
			await term.waitFor((s) => !s.includes('Extract a file of'));
			// The used volume: the question names the container; y is refused, F removes it first.
			term.keys('/');
			term.keys('C-u');
			term.type(used);
			await term.waitFor((s) => /Volumes \(1 of \d+\)/.test(s) && s.includes(used));
			term.keys('Enter');
			term.keys('d');
			screen = await term.waitFor((s) => s.includes(`Remove volume ${used}?`));
			expect(screen).toContain(`used by container ${user} (created)`);
			term.keys('y');
			await term.waitFor((s) => s.includes('is in use by container'), 20_000);
			term.keys('F');
			await term.waitFor((s) => s.includes(`Removed container ${user}, then volume ${used}`), 20_000);
			expect(() => docker(['volume', 'inspect', used])).toThrow();
			expect(() => docker(['inspect', user])).toThrow();
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
		expect(existsSync(path.join(dir, 'got-it'))).toBe(true);
		expect(leftoverHelpers()).toEqual([]);
	}, 120_000);
});

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('the Volumes view: prune (private dockerd)', () => {
	const daemon = suitePrivateDaemon([BASE]);

	it('asks, lists what goes with its size, removes only the anonymous volume', async () => {
		daemon.docker(['volume', 'create', 'named-stays']);
		const anonymous = daemon.docker(['volume', 'create']).trim();
		execFileSync('dd', ['if=/dev/zero', `of=${path.join(daemon.dir, 'data', 'volumes', anonymous, '_data', 'z')}`, 'bs=1k', 'count=300'], {stdio: 'ignore'});
		const term = new Terminal(`node ${bin} -H ${daemon.url}`, 120, 40);
		try {
			await term.waitFor((s) => s.includes('REPOSITORY') || s.includes('No images'), 20_000);
			term.keys('3');
			await term.waitFor((s) => s.includes(anonymous.slice(0, 20)) && /307\.2kB\s+0/.test(s), 30_000);
			term.keys('P');
			const screen = await term.waitFor((s) => s.includes('Remove unused volumes?'));
			expect(screen).toContain('y: 1 anonymous volume, 307.2kB');
			expect(screen).toContain(anonymous);
			expect(screen).toContain('A: all 2 unused volumes (named ones too), 307.2kB');
			term.keys('y');
			await term.waitFor((s) => s.includes('Removed 1 volume, 307.2kB reclaimed'), 20_000);
			expect(daemon.docker(['volume', 'ls', '-q']).trim()).toBe('named-stays');
			term.keys('q');
		} finally {
			term.close();
		}
	}, 120_000);
});

/**
 * The Containers view (`2`): `c` commit, `l` logs, `s` stop, `d` remove,
 * on the real engine, each checked through the engine afterwards.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../../helpers/engine.js';
import {exists, flat, inspect, keys, openApp, scoped, selectContainer, tick} from './helpers.js';

const {prefix, imagePrefix, cleanup} = scoped('ctr');
const worker = `${prefix}worker`;
const committed = `${imagePrefix}commit:1`;

describe.skipIf(!haveEngine)('the Containers view', () => {
	beforeAll(() => {
		cleanup();
		docker(['run', '-d', '--network', 'none', '--name', worker, 'fixture/base:1', 'sh', '-c', 'echo changed > /changed.txt; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done']);
	});
	afterAll(cleanup);

	it('c commits the container: the image holds its change, its history shows the message, the changes apply; Images shows it selected', async () => {
		const app = await openApp();
		try {
			await selectContainer(app, worker);
			await app.write('c');
			await app.waitFor((f) => f.includes(`Commit container ${worker}`) && /Pause\s+\[x\] yes/.test(f));
			await app.fill(committed, 'made by the ui test', 'UI Test <ui@example.com>', 'CMD ["cat", "/changed.txt"]; ENV UI_ACTIONS=1; LABEL ui.step="a\\;b"');
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes(`Committed ${worker} as ${committed}`));
			// Images, with the new row.
			expect(frame).toMatch(/Images \(/);
			expect(frame).toContain('fixture/ui-actions-ctr-com');
			const info = inspect(committed);
			expect(info.Comment).toBe('made by the ui test');
			expect(info.Author).toBe('UI Test <ui@example.com>');
			expect(info.Config.Cmd).toEqual(['cat', '/changed.txt']);
			expect(info.Config.Env).toContain('UI_ACTIONS=1');
			expect(info.Config.Labels['ui.step']).toBe('a;b');
			expect(docker(['history', '--format', '{{.Comment}}', committed]).split('\n')[0]).toBe('made by the ui test');
			expect(docker(['run', '--rm', '--network', 'none', committed])).toBe('changed\n');
		} finally {
			app.unmount();
		}
	});

	it('c refuses an unknown instruction in the changes and a bad reference next to their fields; nothing is committed', async () => {
		const app = await openApp();
		try {
			await selectContainer(app, worker);
			await app.write('c');
			await app.waitFor((f) => f.includes(`Commit container ${worker}`));
			await app.fill(`${imagePrefix}Nope:1`, '', '', 'ENV A=1; RUN rm -rf /');
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('✗ invalid change'));
			expect(frame).toContain('✗ invalid reference: repository name');
			expect(flat(frame)).toContain('✗ invalid change in entry 2: RUN is not allowed in a commit');
			await tick(200);
			expect(docker(['image', 'ls', '-q', `${imagePrefix}nope`])).toBe('');
		} finally {
			app.unmount();
		}
	});

	it('l shows the log, following it; scrolling up holds it; Esc goes back', async () => {
		const app = await openApp();
		try {
			await selectContainer(app, worker);
			await app.write('l');
			const first = await app.waitFor((f) => f.includes(`Log of ${worker}`) && /tick \d+/.test(f));
			const last = (frame: string) => Math.max(...[...frame.matchAll(/tick (\d+)/g)].map((m) => Number(m[1])));
			const seen = last(first);
			// Following: newer lines arrive by themselves.
			await app.waitFor((f) => last(f) > seen + 2, 10_000);
			// g holds the top even while the log still fits: the lines that come go below.
			await app.write('g');
			const top = await app.waitFor((f) => /lines 1-\d+ of \d+ {2}/.test(f));
			expect(top).toMatch(/^tick 0$/m);
			await tick(600);
			// Held where it was while new lines keep coming.
			expect(app.frame()).toMatch(/^tick 0$/m);
			await app.write(keys.escape);
			await app.waitFor((f) => f.includes('Containers (') && !f.includes('Log of'));
		} finally {
			app.unmount();
		}
	});

	it('S asks first and stops the container on y; d asks first: any other key keeps it, y removes it', async () => {
		const app = await openApp();
		try {
			await selectContainer(app, worker);
			await app.write('S');
			await app.waitFor((f) => f.includes(`Stop container ${worker}?`));
			await app.write('x');
			await app.waitFor((f) => !f.includes('Stop container'));
			await tick(300);
			expect(inspect(worker).State.Running).toBe(true);
			await app.write('S');
			await app.waitFor((f) => f.includes(`Stop container ${worker}?`));
			await app.write('y');
			await app.waitFor((f) => f.includes(`Stopped ${worker}`), 30_000);
			expect(inspect(worker).State.Running).toBe(false);
			await app.write('d');
			const asked = await app.waitFor((f) => f.includes(`Remove container ${worker}?`));
			expect(asked).toContain('y remove');
			await app.write('x');
			await app.waitFor((f) => !f.includes('Remove container'));
			await tick(300);
			expect(exists('container', worker)).toBe(true);
			await app.write('d');
			await app.waitFor((f) => f.includes(`Remove container ${worker}?`));
			await app.write('y');
			await app.waitFor((f) => f.includes(`Removed container ${worker}`));
			expect(exists('container', worker)).toBe(false);
		} finally {
			app.unmount();
		}
	});

	it('a container that no longer exists: the engine says so in the form, and nothing is made', async () => {
		const ghost = `${prefix}ghost`;
		docker(['create', '--network', 'none', '--name', ghost, 'fixture/base:1', 'true']);
		const app = await openApp();
		try {
			await selectContainer(app, ghost);
			await app.write('c');
			await app.waitFor((f) => f.includes(`Commit container ${ghost}`));
			docker(['rm', ghost]);
			await app.fill(`${imagePrefix}ghost:1`);
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('✗ '));
			expect(flat(frame)).toMatch(/No such container/i);
			expect(exists('image', `${imagePrefix}ghost:1`)).toBe(false);
		} finally {
			app.unmount();
		}
	});
});

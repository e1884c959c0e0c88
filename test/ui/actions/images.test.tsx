/**
 * `r` run and `d` remove from the Images view, on the real engine, each
 * checked through the engine afterwards. Containers use network none (the
 * bridge is not available on every machine); the form's Network field
 * carries it, as a person would type it.
 */
import {EventEmitter} from 'node:events';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Suspend, Terminal} from '../../../source/ui/actions/terminal.js';
import {docker, haveEngine} from '../../helpers/engine.js';
import {expectRunVolumes, runVolumes} from '../../helpers/mounts.js';
import {type Driven, exists, flat, inspect, keys, openApp, scoped, selectImage, tick} from './helpers.js';

const {prefix, imagePrefix, cleanup, uniqueImage} = scoped('img');

/** A stand-in for the real terminal: keys are emitted, output collected. */
function fakeTerminal() {
	const input = new EventEmitter();
	let output = '';
	let handedOver = 0;
	let returned = 0;
	const terminal: Terminal = {input, write: (data) => void (output += Buffer.from(data).toString('utf8')), columns: () => 91, rows: () => 27, onResize: () => () => undefined};
	const suspend: Suspend = async (work) => {
		handedOver++;
		try {
			await work(terminal);
		} finally {
			returned++;
		}
	};
	return {
		suspend,
		type: (text: string) => input.emit('data', text),
		output: () => output,
		counts: () => ({handedOver, returned}),
		async waitOutput(predicate: (output: string) => boolean, timeout = 15_000) {
			const start = Date.now();
			while (!predicate(output)) {
				if (Date.now() - start > timeout) throw new Error(`the terminal never showed it; it has:\n${output}`);
				await tick(30);
			}
		},
	};
}

/** Selects fixture/base:1 and opens its run form with `r`. */
async function openRunForm(app: Driven): Promise<void> {
	await selectImage(app, 'fixture/base:1');
	await app.write('r');
	await app.waitFor((f) => f.includes('Run a container'));
}

describe.skipIf(!haveEngine)('r: run a container from the selected image', () => {
	beforeAll(cleanup);
	afterAll(cleanup);

	it('detached: the container runs the typed command with the env, ports and mounts, and shows in Containers', async () => {
		const app = await openApp();
		try {
			await openRunForm(app);
			await app.waitFor((f) => f.includes('Run a container from fixture/base:1'));
			await app.fill(`sh -c 'echo "$GREETING" > /data/out; sleep 60'`, `${prefix}run`, 'GREETING="hello world" EMPTY=', '127.0.0.1:18181:80 9100-9101:90-91/udp', runVolumes(`${prefix}vol`), 'none');
			await app.write(keys.enter);
			await app.waitFor((f) => f.includes(`Started ${prefix}run`));
			const info = inspect(`${prefix}run`);
			expect(info.State.Running).toBe(true);
			expect(info.Config.Image).toBe('fixture/base:1');
			expect(info.Config.Cmd).toEqual(['sh', '-c', 'echo "$GREETING" > /data/out; sleep 60']);
			expect(info.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello world', 'EMPTY=']));
			expect(info.HostConfig.PortBindings).toEqual({
				'80/tcp': [{HostIp: '127.0.0.1', HostPort: '18181'}],
				'90/udp': [{HostIp: '', HostPort: '9100'}],
				'91/udp': [{HostIp: '', HostPort: '9101'}],
			});
			expectRunVolumes(info, `${prefix}vol`);
			expect(info.HostConfig.AutoRemove).toBe(false);
			expect(info.Config.Tty).toBe(false);
			expect(docker(['exec', `${prefix}run`, 'cat', '/data/out'])).toBe('hello world\n');
			await app.write('2');
			await app.waitFor((f) => f.includes('Containers (') && f.includes(`${prefix}run`));
		} finally {
			app.unmount();
		}
	});

	it('refuses a bad port, a bad name, an unterminated quote and a bad env entry next to their fields; nothing is created', async () => {
		// Other tests make containers meanwhile: look for one with this command.
		const made = () => docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).split('\n').filter((command) => command.includes('oops'));
		const app = await openApp();
		try {
			await openRunForm(app);
			await app.fill(`sh -c 'oops`, '-bad', '=nokey', '99999:80', 'relative:/x');
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => f.includes('invalid port'));
			expect(frame).toContain('✗ invalid command: unterminated single quote');
			expect(frame).toContain('✗ invalid name "-bad"');
			expect(frame).toContain('✗ invalid environment entry "=nokey"');
			expect(frame).toMatch(/✗ invalid port "99999:80": host port "99999" is not a port/);
			// "relative" is a volume name: that entry is fine.
			expect(frame).not.toContain('✗ invalid volume');
			await tick(300);
			expect(made()).toEqual([]);
			// Esc: nothing was made.
			await app.write(keys.escape);
			await app.waitFor((f) => !f.includes('Run a container'));
		} finally {
			app.unmount();
		}
		expect(made()).toEqual([]);
	});

	it('shows the engine error for a command that does not exist, and leaves no container behind', async () => {
		const app = await openApp();
		try {
			await openRunForm(app);
			await app.fill('no-such-command-here', `${prefix}nocmd`, '', '', '', 'none');
			await app.write(keys.enter);
			const frame = await app.waitFor((f) => /✗ .*(executable file not found|no such file)/.test(flat(f)));
			expect(frame).toContain('Run a container');
			expect(exists('container', `${prefix}nocmd`)).toBe(false);
		} finally {
			app.unmount();
		}
	});

	it('attached: the explorer hands over the terminal; typed keys reach the container; it comes back when the container exits', async () => {
		const terminal = fakeTerminal();
		const app = await openApp({suspend: terminal.suspend});
		try {
			await openRunForm(app);
			await app.fill(`sh -c 'echo "ready $WHO"; read line; echo "got $line"; exit 3'`, `${prefix}attached`, 'WHO=ui', '', '', 'none');
			// Remove on exit stays off; Attach on.
			await app.write(keys.tab);
			await app.write(' ');
			await app.waitFor((f) => /Attach\s+\[x\] yes/.test(f));
			await app.write(keys.enter);
			await terminal.waitOutput((o) => o.includes('ready ui'));
			expect(terminal.output()).toContain(`attached to ${prefix}attached`);
			expect(inspect(`${prefix}attached`).Config.Tty).toBe(true);
			terminal.type('hello\r');
			await terminal.waitOutput((o) => o.includes('got hello'));
			await terminal.waitOutput((o) => o.includes('exited with code 3. Press any key'));
			expect(terminal.counts()).toEqual({handedOver: 1, returned: 0});
			terminal.type('x');
			await app.waitFor((f) => f.includes(`${prefix}attached exited with code 3`));
			expect(terminal.counts()).toEqual({handedOver: 1, returned: 1});
			expect(inspect(`${prefix}attached`).State.ExitCode).toBe(3);
		} finally {
			app.unmount();
		}
	});

	it('attached: Ctrl+P Ctrl+Q detaches and the container keeps running', async () => {
		const terminal = fakeTerminal();
		const app = await openApp({suspend: terminal.suspend});
		try {
			await openRunForm(app);
			await app.fill(`sh -c 'echo waiting; sleep 120'`, `${prefix}detach`, '', '', '', 'none', '');
			await app.write(' ');
			await app.write(keys.enter);
			await terminal.waitOutput((o) => o.includes('waiting'));
			terminal.type('\x10');
			terminal.type('\x11');
			await app.waitFor((f) => f.includes(`Detached from ${prefix}detach: it keeps running`));
			expect(inspect(`${prefix}detach`).State.Running).toBe(true);
		} finally {
			app.unmount();
		}
	});
});

describe.skipIf(!haveEngine)('d: remove an image, after a question that names what goes', () => {
	const ref = `${imagePrefix}rm:a`;
	const other = `${imagePrefix}rm:b`;
	let id = '';
	beforeAll(() => {
		cleanup();
		id = uniqueImage(ref);
		docker(['tag', ref, other]);
	});
	afterAll(cleanup);

	it('any other key cancels and leaves everything in place', async () => {
		const app = await openApp();
		try {
			await selectImage(app, ref);
			await app.write('d');
			const frame = await app.waitFor((f) => f.includes(`Remove ${ref}?`));
			expect(flat(frame)).toContain(`y: the tag ${ref} only; image ${id.slice(7, 19)} stays, with ${other}`);
			expect(flat(frame)).toContain(`a: image ${id.slice(7, 19)} and all its 2 tags: ${ref}, ${other}`);
			expect(frame).toContain('F force');
			await app.write('n');
			await app.waitFor((f) => !f.includes(`Remove ${ref}?`));
			await tick(300);
			expect(exists('image', ref)).toBe(true);
			expect(exists('image', other)).toBe(true);
		} finally {
			app.unmount();
		}
	});

	// The second question counts the tags left: the list drops the removed tag when the engine answers, not
	// when the event's reload comes (up to a second later: the question then still named it).
	it('y removes the selected tag only; then, the last tag, the image', async () => {
		const app = await openApp();
		try {
			await selectImage(app, ref);
			await app.write('d');
			await app.waitFor((f) => f.includes(`Remove ${ref}?`));
			await app.write('y');
			await app.waitFor((f) => f.includes(`Removed: untagged ${ref}`));
			expect(exists('image', ref)).toBe(false);
			expect(exists('image', other)).toBe(true);
			await app.write(keys.escape);
			await selectImage(app, other);
			await app.write('d');
			const frame = await app.waitFor((f) => f.includes(`Remove ${other}?`));
			expect(flat(frame)).toContain(`y: image ${id.slice(7, 19)} and its tag ${other}`);
			await app.write('y');
			await app.waitFor((f) => f.includes(`deleted image ${id.slice(7, 19)}`));
			expect(exists('image', id)).toBe(false);
		} finally {
			app.unmount();
		}
	});
	it('a container using it: the engine refuses with its message; F forces', async () => {
		const used = `${imagePrefix}rm-used:a`;
		const usedToo = `${imagePrefix}rm-used:b`;
		uniqueImage(used);
		docker(['tag', used, usedToo]);
		docker(['create', '--network', 'none', '--name', `${prefix}rm-user`, used, 'true']);
		const app = await openApp();
		try {
			await selectImage(app, used);
			await app.write('d');
			await app.waitFor((f) => f.includes(`used by container ${prefix}rm-user`));
			await app.write('a');
			const frame = await app.waitFor((f) => f.includes('✗ '));
			expect(flat(frame)).toMatch(/✗ .*conflict: unable to delete [0-9a-f]{12} \(must be forced\) - image is being used by stopped container/);
			expect(exists('image', used)).toBe(true);
			expect(exists('image', usedToo)).toBe(true);
			await app.write('F');
			await app.waitFor((f) => f.includes('Removed: untagged'));
			expect(exists('image', used)).toBe(false);
			expect(exists('image', usedToo)).toBe(false);
		} finally {
			app.unmount();
		}
	});
});

/**
 * `imgscope IMAGE`: the explorer opens on that image's screen (as `dive
 * IMAGE`), Esc goes to the list with it selected; a word that is neither a
 * command nor a local image is one usage error saying both were tried.
 */
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {hasStackTrace, runCli} from '../helpers/cli.js';
import {haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
/** The screen with its colours (tmux capture-pane -e). */
class ColourTerminal extends Terminal {
	coloured(): string {
		return this.tmux(['capture-pane', '-e', '-p', '-t', 'main']);
	}
}

let terminal: ColourTerminal | undefined;
afterEach(() => terminal?.close());

describe.skipIf(!haveEngine)('imgscope IMAGE', () => {
	it("opens the image's screen, and Esc goes to the list with that image selected", async () => {
		terminal = new ColourTerminal(`${bin} fixture/app:1`, 110, 30);
		const screen = await terminal.waitFor((text) => text.includes('DIFF ID') && text.includes('CREATED BY'), 15_000, 'no Layers tab');
		const id = execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1'], {encoding: 'utf8'}).trim().slice(7, 19);
		expect(screen.split('\n')[0]).toMatch(new RegExp(`^imgscope  Image fixture/app:1  ${id}`));
		terminal.keys('Escape');
		await terminal.waitFor((text) => text.includes('REPOSITORY') && text.includes('fixture/app'), 10_000, 'Esc did not show the list');
		// The selected row is drawn in reverse video: it is fixture/app:1's (the list may draw its rows a frame
		// before the cursor lands on the image, so the test waits for the reverse-video row).
		const selectedRow = () =>
			terminal!
				.coloured()
				.split('\n')
				.find((line) => line.includes('\x1b[7m'))
				?.replace(/\x1b\[[0-9;]*m/g, '');
		const start = Date.now();
		while (!/^fixture\/app\s+1\s/.test(selectedRow() ?? '') && Date.now() - start < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(selectedRow()).toMatch(/^fixture\/app\s+1\s/);
		terminal.keys('q');
		await terminal.waitFor((text) => text.includes('[exit 0]'), 10_000, 'q did not end it');
	});

	it('takes a name as the list shows it: alpine is alpine:latest', async () => {
		terminal = new ColourTerminal(`${bin} fixture/app`, 110, 30);
		const screen = await terminal.waitFor((text) => text.includes('DIFF ID'), 15_000, 'no Layers tab');
		expect(screen.split('\n')[0]).toContain('Image fixture/app:latest');
	});
});

describe('a first word that is neither a command nor an image', () => {
	it.skipIf(!haveEngine)('says both were tried, exit 2', async () => {
		const result = await runCli(['nosuch-command-or-image']);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`imgscope: unknown command "nosuch-command-or-image" for "imgscope", nor a local image on unix:///var/run/docker.sock\nSee 'imgscope --help'.\n`);
	});

	it('says so too when the engine cannot be asked, exit 2', async () => {
		const result = await runCli(['nosuch-command-or-image'], {env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}});
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^imgscope: unknown command "nosuch-command-or-image" for "imgscope", and no local image could be looked up on unix:\/\/\/nonexistent\/docker\.sock: Cannot connect/);
		expect(hasStackTrace(result.stderr)).toBe(false);
	});

	it.skipIf(!haveEngine)('an image with nowhere to draw: a clear error, exit 1', async () => {
		const result = await runCli(['fixture/app:1'], {env: {IMGSCOPE_NO_TTY: '1'}});
		expect(result).toMatchObject({code: 1, stdout: ''});
		expect(result.stderr).toBe("imgscope: no terminal to draw the explorer on; for the image \"fixture/app:1\" see 'imgscope layers fixture/app:1' and 'imgscope inspect fixture/app:1'\n");
	});
});

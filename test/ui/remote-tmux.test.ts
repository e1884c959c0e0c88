/**
 * The registry explorer in a real terminal (tmux, bin/imgscope: `npm run
 * build` first), against the registry on 127.0.0.1:5000: `imgscope --remote`
 * on a tag (its Layers and Files tabs), the platform switched on the
 * multi-platform index, and `imgscope REF` for a registry image the engine
 * does not have. Nothing is pulled: the first runs have no engine at all
 * (DOCKER_HOST a socket that is not there), the last one leaves the engine
 * without the image it showed.
 */
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';
import {haveRegistries, plain} from '../registry/support.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const noEngine = {DOCKER_HOST: 'unix:///nonexistent/docker.sock', IMGSCOPE_NO_MOUSE: '1'};

function isLocal(ref: string): boolean {
	try {
		docker(['image', 'inspect', ref]);
		return true;
	} catch {
		return false;
	}
}

describe.skipIf(!haveRegistries)('the registry explorer in a real terminal', () => {
	it('opens a remote tag on its Layers tab, then Files; q quits', async () => {
		const term = new Terminal(`${bin} --remote ${plain}/registry-test/app:1`, 120, 30, noEngine);
		try {
			let screen = await term.waitFor((s) => s.includes('DIFF ID') && s.includes('mkdir -p /app/data'), 20_000);
			expect(screen).toContain(`Image ${plain}/registry-test/app:1`);
			expect(screen).toContain('linux/amd64');
			term.keys('Tab', 'Tab', 'Tab');
			screen = await term.waitFor((s) => s.includes('changes:') && s.includes('busybox'), 30_000);
			term.keys('Escape');
			screen = await term.waitFor((s) => s.includes('Images (1)'));
			expect(screen).toContain('(registry, no engine)');
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	});

	it('switches platform on the multi-platform index with O: the chooser lists the platforms with their sizes', async () => {
		const term = new Terminal(`${bin} --remote ${plain}/registry-test/multi:1`, 120, 30, noEngine);
		try {
			let screen = await term.waitFor((s) => s.includes('DIFF ID') && s.includes('5 layers'), 20_000);
			expect(screen).toContain('O platform');
			term.keys('O');
			screen = await term.waitFor((s) => s.includes(`Platform of ${plain}/registry-test/multi:1`) && s.includes('linux/arm64/v8  '), 20_000);
			expect(screen).toMatch(/• linux\/amd64 +\S+ compressed \(layers \+ config\)/);
			term.keys('2');
			screen = await term.waitFor((s) => s.includes('platform linux/arm64/v8') && s.includes('1 layer '), 20_000);
			term.keys('Escape');
			screen = await term.waitFor((s) => s.includes('Images (1)'));
			expect(screen).toContain('linux/arm64/v8');
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
		} finally {
			term.close();
		}
	});

	it('a wrong tag is one line and exit 1, before any screen', async () => {
		const term = new Terminal(`${bin} --remote ${plain}/registry-test/app:nope`, 120, 10, noEngine);
		try {
			const screen = await term.waitFor((s) => s.includes('[exit 1]'), 20_000);
			expect(screen).toMatch(/imgscope: .*registry-test\/app:nope/);
			expect(screen).not.toMatch(/at .*\.js:\d+/);
		} finally {
			term.close();
		}
	});

	it.skipIf(!haveEngine)('imgscope REF for a registry image the engine does not have opens it from the registry, and pulls nothing', async (context) => {
		const ref = `${plain}/registry-test/buildah:1`;
		if (isLocal(ref)) context.skip();
		const term = new Terminal(`${bin} ${ref}`, 140, 30, {IMGSCOPE_NO_MOUSE: '1'});
		try {
			const screen = await term.waitFor((s) => s.includes('DIFF ID'), 20_000);
			expect(screen).toContain(`Image ${ref}`);
			term.keys('Escape');
			expect(await term.waitFor((s) => s.includes('Images (1)'))).toContain('not in the engine');
			term.keys('q');
			await term.waitFor((s) => s.includes('[exit 0]'));
			expect(isLocal(ref)).toBe(false);
		} finally {
			term.close();
		}
	});

	it.skipIf(!haveEngine)('imgscope REF that neither the engine nor its registry has: one usage error naming both, exit 2', async () => {
		const term = new Terminal(`${bin} ${plain}/registry-test/app:nope`, 160, 10, {IMGSCOPE_NO_MOUSE: '1'});
		try {
			const screen = await term.waitFor((s) => s.includes('[exit 2]'), 20_000);
			expect(screen.replace(/\n/g, '')).toContain(`unknown command "${plain}/registry-test/app:nope" for "imgscope", nor a local image on`);
			expect(screen).toContain('nor in its registry');
		} finally {
			term.close();
		}
	});
});

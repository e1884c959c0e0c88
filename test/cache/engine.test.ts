/**
 * The layer index cache against the real engine: the layer commands give the
 * same bytes with a cold cache, a warm one and none; a warm cache asks the
 * engine for no export at all; a damaged entry is noticed, read again and
 * rewritten. The requests are seen through a proxy in front of the engine.
 */
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {decodeIndex} from '../../source/cache/index-format.js';
import {runCli} from '../helpers/cli.js';
import {docker, haveEngine, imageExists} from '../helpers/engine.js';
import {EngineProxy} from '../helpers/proxy.js';

const fixtures = ['fixture/app:1', 'test-layers/waste:1', 'fixture/zero-layer:1', 'fixture/committed:1', 'hostile/tabs:1'];

describe.skipIf(!haveEngine)('layer index cache on the engine', () => {
	const proxy = new EngineProxy();
	let cacheHome: string;
	const exports = () => proxy.requests.filter((r) => /^GET \S*\/images\/\S+\/get$/.test(r)).length;
	const run = (args: string[], cache: 'on' | 'off' = 'on') =>
		runCli(['-H', proxy.url, ...(cache === 'off' ? ['--no-cache'] : []), ...args], {env: {XDG_CACHE_HOME: cacheHome, IMGSCOPE_NO_CACHE: undefined}, timeout: 60_000});

	beforeAll(async () => {
		for (const ref of fixtures) expect(imageExists(ref), `${ref} (test/fixtures/build.sh, test/layers/fixtures.sh)`).toBe(true);
		cacheHome = mkdtempSync(path.join(tmpdir(), 'imgscope-cache-home-'));
		await proxy.start();
	});
	afterAll(async () => {
		await proxy.stop();
		rmSync(cacheHome, {recursive: true, force: true});
	});

	const commands: string[][] = [];
	for (const ref of fixtures) commands.push(['files', ref, '--json'], ['files', ref, '--layer', '0', '--aggregate', '--json'], ['check', ref, '--json']);
	commands.push(['diff', 'fixture/app:1', 'test-layers/waste:1', '--json']);

	it('gives the same bytes and exit status cold, warm and with --no-cache; warm asks for no export', async () => {
		for (const args of commands) {
			const none = await run(args, 'off');
			const cold = await run(args);
			const before = exports();
			const warm = await run(args);
			const label = args.join(' ');
			expect(none.stderr, label).toBe('');
			expect({code: cold.code, stdout: cold.stdout, stderr: cold.stderr}, label).toEqual({code: none.code, stdout: none.stdout, stderr: none.stderr});
			expect({code: warm.code, stdout: warm.stdout, stderr: warm.stderr}, label).toEqual({code: none.code, stdout: none.stdout, stderr: none.stderr});
			expect(exports() - before, `${label}: exports asked with a warm cache`).toBe(0);
			expect(exports(), 'the proxy sees the exports').toBeGreaterThan(0);
		}
		const layers = readdirSync(path.join(cacheHome, 'imgscope', 'layers'));
		expect(layers.length).toBeGreaterThan(5);
		for (const name of layers) expect(decodeIndex(readFileSync(path.join(cacheHome, 'imgscope', 'layers', name))).diffId).toBe(`sha256:${name.replace('.idx', '')}`);
		// Three runs of every command over every fixture: a minute alone, more on a loaded machine.
	}, 300_000);

	it('--no-cache neither reads nor writes the index', async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'imgscope-cache-none-'));
		try {
			const result = await runCli(['-H', proxy.url, '--no-cache', 'files', 'fixture/app:1', '--json'], {env: {XDG_CACHE_HOME: home, IMGSCOPE_NO_CACHE: undefined}});
			expect(result.code).toBe(0);
			// The launcher's V8 code cache lives in the same directory (bin/imgscope); the index would be layers/ and configs/.
			const made = existsSync(path.join(home, 'imgscope')) ? readdirSync(path.join(home, 'imgscope')) : [];
			expect(made.filter((name) => name === 'layers' || name === 'configs')).toEqual([]);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});

	it('notices a damaged entry, reads the export again and rewrites it whole', async () => {
		const ref = 'test-layers/waste:1';
		const args = ['files', ref, '--json'];
		const expected = await run(args, 'off');
		await run(args);
		const layers = JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref])) as string[];
		const file = (diffId: string) => path.join(cacheHome, 'imgscope', 'layers', `${diffId.slice(7)}.idx`);
		// One cut in half, one altered in place at the same length.
		const cut = file(layers[1]!);
		writeFileSync(cut, readFileSync(cut).subarray(0, readFileSync(cut).length >> 1));
		const altered = file(layers[layers.length - 1]!);
		const bytes = readFileSync(altered);
		bytes[bytes.length >> 1]! ^= 0xff;
		writeFileSync(altered, bytes);
		for (const damaged of [cut, altered]) expect(() => decodeIndex(readFileSync(damaged))).toThrow();

		const before = exports();
		const again = await run(args);
		expect({code: again.code, stdout: again.stdout, stderr: again.stderr}).toEqual({code: expected.code, stdout: expected.stdout, stderr: expected.stderr});
		expect(exports() - before).toBe(1);
		for (const damaged of [cut, altered]) expect(decodeIndex(readFileSync(damaged)).entries.length).toBeGreaterThanOrEqual(0);
		const warm = await run(args);
		expect(warm.stdout).toBe(expected.stdout);
		expect(exports() - before).toBe(1);
	});
});

describe.skipIf(!haveEngine)('readImageLayers (what the Files tab and the layer commands call)', () => {
	it('serves an image from the index exactly as its export reads, with no export', async () => {
		const {Engine} = await import('../../source/engine/engine.js');
		const {resolveEndpoint} = await import('../../source/engine/endpoint.js');
		const {LayerCache} = await import('../../source/cache/layer-cache.js');
		const {readImageLayers} = await import('../../source/engine/cached-read.js');
		const proxy = new EngineProxy();
		await proxy.start();
		const root = mkdtempSync(path.join(tmpdir(), 'imgscope-cache-read-'));
		const engine = new Engine(resolveEndpoint({host: proxy.url}));
		try {
			const ref = 'test-layers/waste:1';
			const inspect = (await engine.inspectImage(ref)).value;
			const plain = await readImageLayers(engine, ref, inspect, {});
			const cold = await readImageLayers(engine, ref, inspect, {cache: new LayerCache(root)});
			const seen = proxy.requests.length;
			const warm = await readImageLayers(engine, ref, inspect, {cache: new LayerCache(root)});
			expect([plain.fromCache, cold.fromCache, warm.fromCache]).toEqual([false, false, true]);
			expect(proxy.requests.length).toBe(seen);
			for (const read of [cold, warm]) {
				expect(read.archive.configRaw.equals(plain.archive.configRaw)).toBe(true);
				expect(read.archive.layers.map((l) => [l.diffId, l.tarBytes, l.entries, l.anomalyCount])).toEqual(plain.archive.layers.map((l) => [l.diffId, l.tarBytes, l.entries, l.anomalyCount]));
			}
			expect(warm.archive.warnings).toEqual([]);
		} finally {
			engine.close();
			await proxy.stop();
			rmSync(root, {recursive: true, force: true});
		}
	});
});

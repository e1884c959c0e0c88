/**
 * The layer index cache against the real engine: the layer commands give the
 * same bytes with a cold cache, a warm one and none; a warm cache asks the
 * engine for no export at all; a damaged entry is noticed, read again and
 * rewritten. The requests are seen through a proxy in front of the engine.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {decodeIndex, encodeIndex} from '../../source/cache/index-format.js';
import {ExportNames} from '../../source/engine/archive/export-names.js';
import {runCli} from '../helpers/cli.js';
import {buildImage, docker, haveEngine, imageExists} from '../helpers/engine.js';
import {EngineProxy} from '../helpers/proxy.js';

// Built here: names that differ only in bytes that are not UTF-8 (caf\xe9, caf\xe8 and a real
// caf\xef\xbf\xbd), overwritten by a second layer: the index must keep them apart, as bytes.
const byteNames = `cache-bytes:${process.pid}`;
const fixtures = ['fixture/app:1', 'test-layers/waste:1', 'fixture/zero-layer:1', 'fixture/committed:1', 'hostile/tabs:1', byteNames];

function buildByteNames() {
	return buildImage(byteNames, (ctx) => {
		const put = (dir: string, name: number[], data: string) => writeFileSync(Buffer.concat([Buffer.from(`${ctx}/${dir}/`), Buffer.from(name)]), data);
		for (const dir of ['base', 'top']) mkdirSync(`${ctx}/${dir}`);
		put('base', [0x63, 0x61, 0x66, 0xe9], '0123456789');
		put('base', [0x63, 0x61, 0x66, 0xe8], 'abcdefghij');
		put('base', [...Buffer.from('caf\ufffd')], 'x'.repeat(1003));
		put('top', [0x63, 0x61, 0x66, 0xe9], 'new');
		put('top', [0x62, 0x61, 0x63, 0x6b, 0x5c, 0x73, 0x6c, 0x61, 0x73, 0x68], 'back\\slash');
		writeFileSync(`${ctx}/Dockerfile`, 'FROM scratch\nCOPY base/ /\nCOPY top/ /\nLABEL imgscope.test=cache\n');
	});
}

// Every describe below reads it: built once for the file.
let built: ReturnType<typeof buildImage> | undefined;
beforeAll(() => {
	if (haveEngine) built = buildByteNames();
}, 120_000);
afterAll(() => built?.remove());

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
	}, 120_000);
	afterAll(async () => {
		await proxy.stop();
		rmSync(cacheHome, {recursive: true, force: true});
	});

	const commands: string[][] = [];
	for (const ref of fixtures) commands.push(['files', ref, '--json'], ['files', ref, '--layer', '0', '--aggregate', '--json'], ['check', ref, '--json']);
	commands.push(['diff', 'fixture/app:1', 'test-layers/waste:1', '--json'], ['diff', 'test-layers/waste:1', byteNames, '--json']);

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

describe.skipIf(!haveEngine)('an index holding some of the layers', () => {
	const proxy = new EngineProxy();
	let cacheHome: string;
	const exports = () => proxy.requests.filter((r) => /^GET \S*\/images\/\S+\/get$/.test(r)).length;
	const run = (args: string[], cache: 'on' | 'off' = 'on') =>
		runCli(['-H', proxy.url, ...(cache === 'off' ? ['--no-cache'] : []), ...args], {env: {XDG_CACHE_HOME: cacheHome, IMGSCOPE_NO_CACHE: undefined}, timeout: 60_000});
	const layerFile = (diffId: string) => path.join(cacheHome, 'imgscope', 'layers', `${diffId.slice(7)}.idx`);
	const configFile = (ref: string) => path.join(cacheHome, 'imgscope', 'configs', `${docker(['image', 'inspect', '--format', '{{.Id}}', ref]).trim().slice(7)}.json`);
	const diffIdsOf = (ref: string) => JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref])) as string[];

	beforeAll(async () => {
		cacheHome = mkdtempSync(path.join(tmpdir(), 'imgscope-cache-part-'));
		await proxy.start();
	});
	afterAll(async () => {
		await proxy.stop();
		rmSync(cacheHome, {recursive: true, force: true});
	});

	it("names every layer blob of this engine's export by its position", () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-names-'));
		try {
			for (const ref of fixtures) {
				const file = path.join(dir, 'export.tar');
				execFileSync('sh', ['-c', 'docker save "$1" > "$2"', 'sh', ref, file]);
				const members = execFileSync('tar', ['-tf', file], {encoding: 'utf8'}).split('\n');
				const jsons = members.filter((m) => /^[0-9a-f]{64}\/json$/.test(m));
				execFileSync('tar', ['-xf', file, '-C', dir, 'manifest.json', ...jsons]);
				const [manifest] = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Array<{Layers: string[]}>;
				const diffIds = diffIdsOf(ref);
				const names = new ExportNames(diffIds);
				const json = (p: string) => (existsSync(path.join(dir, p)) ? readFileSync(path.join(dir, p)) : undefined);
				manifest!.Layers.forEach((blob, i) => {
					const position = names.position(blob, json);
					// The legacy layout (docker up to 24) is named whole; an OCI blob by its diff_id when it is stored uncompressed.
					if (/^[0-9a-f]{64}\/layer\.tar$/.test(blob)) expect(position, `${ref} ${blob}`).toBe(i);
					else if (position !== undefined) expect(diffIds[position], `${ref} ${blob}`).toBe(diffIds[i]);
				});
				rmSync(dir, {recursive: true, force: true});
				execFileSync('mkdir', ['-p', dir]);
			}
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}, 120_000);

	it('reads the export for the missing layers only and gives the same bytes as --no-cache', async () => {
		const ref = 'test-layers/waste:1';
		const diffIds = diffIdsOf(ref);
		const commands = [['files', ref, '--json'], ['check', ref, '--json'], ['diff', 'fixture/app:1', ref, '--json']];
		const expected = await Promise.all(commands.map((args) => run(args, 'off')));
		await run(['files', ref, '--json']);
		await run(['files', 'fixture/app:1', '--json']);
		// The top layer missing (an image built on an indexed one), then one below, then only the config.
		for (const drop of [[diffIds.at(-1)!], [diffIds[3]!], []]) {
			for (const [k, args] of commands.entries()) {
				for (const d of drop) rmSync(layerFile(d), {force: true});
				rmSync(configFile(ref), {force: true});
				const before = exports();
				const got = await run(args);
				const label = `${args.join(' ')} without ${drop.length ? drop.map((d) => d.slice(7, 19)).join(', ') : 'the config'}`;
				expect({code: got.code, stdout: got.stdout, stderr: got.stderr}, label).toEqual({code: expected[k]!.code, stdout: expected[k]!.stdout, stderr: expected[k]!.stderr});
				expect(exports() - before, label).toBe(1);
				for (const d of drop) expect(decodeIndex(readFileSync(layerFile(d))).diffId, label).toBe(d);
				expect(existsSync(configFile(ref)), label).toBe(true);
			}
		}
	}, 300_000);

	it('takes the known layers from the index unread', async () => {
		const {Engine} = await import('../../source/engine/engine.js');
		const {resolveEndpoint} = await import('../../source/engine/endpoint.js');
		const {LayerCache} = await import('../../source/cache/layer-cache.js');
		const {readImageLayers} = await import('../../source/engine/cached-read.js');
		const engine = new Engine(resolveEndpoint({host: proxy.url}));
		const root = path.join(cacheHome, 'imgscope');
		try {
			const ref = 'test-layers/waste:1';
			const inspect = (await engine.inspectImage(ref)).value;
			const diffIds = inspect.RootFS!.Layers!;
			const plain = await readImageLayers(engine, ref, inspect, {});
			await readImageLayers(engine, ref, inspect, {cache: new LayerCache(root)});
			// An entry no read of that layer gives, in an index file that is otherwise whole: seen only if the layer was not read.
			const marked = diffIds[2]!;
			const entry = decodeIndex(readFileSync(layerFile(marked)));
			writeFileSync(layerFile(marked), encodeIndex({...entry, entries: [...entry.entries, {path: 'from-the-index', type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0}]}));
			unlinkSync(layerFile(diffIds.at(-1)!));
			const partial = await readImageLayers(engine, ref, inspect, {cache: new LayerCache(root)});
			expect(partial.fromCache).toBe(false);
			expect(partial.archive.layers[2]!.entries.at(-1)!.path).toBe('from-the-index');
			const others = (read: typeof plain) => read.archive.layers.filter((_l, i) => i !== 2).map((l) => [l.diffId, l.tarBytes, l.entries, l.anomalyCount, l.blobPath]);
			expect(others(partial)).toEqual(others(plain));
			expect(partial.archive.layers[2]!.blobPath).toBe(plain.archive.layers[2]!.blobPath);
			expect(partial.archive.warnings).toEqual([]);
			// The marked entry was not written over: known layers are not stored again.
			expect(decodeIndex(readFileSync(layerFile(marked))).entries.at(-1)!.path).toBe('from-the-index');
		} finally {
			engine.close();
		}
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

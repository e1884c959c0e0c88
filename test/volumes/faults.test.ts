// Bad input and faults on the real engine: hostile tars are refused before
// anything is written; a non-empty volume is refused unless asked; a full disk
// while exporting leaves no partial file; a volume in use is said; the engine
// going away mid-copy gives a clear error and leaves no helper; names the
// engine refuses; a volume that is gone.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {EngineError} from '../../source/engine/errors.js';
import {BackupError, createVolume, exportVolume, extractVolumeFile, importVolume, readVolumeFiles, removeVolume, VolumeInUseError} from '../../source/engine/volumes/index.js';
import {docker, engine as makeEngine, haveEngine, requireEngine} from '../helpers/engine.js';
import {EngineProxy} from '../helpers/proxy.js';
import {BASE, cleanupVolumes, createTestVolume, fill, leftoverHelpers, listing, volumeName} from './support.js';
import {tar, type Entry} from './tar-writer.js';

const volumeExists = (name: string) => {
	try {
		docker(['volume', 'inspect', name]);
		return true;
	} catch {
		return false;
	}
};

describe.skipIf(!haveEngine)('volume faults', () => {
	const engine = makeEngine();
	let dir: string;
	let filled: string;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'imgscope-vt-faults-'));
		filled = createTestVolume('filled');
		fill(filled, 'echo one > /v/one; mkdir /v/sub; echo two > /v/sub/two; busybox dd if=/dev/urandom of=/v/blob bs=1M count=4 2>/dev/null');
	}, 60_000);

	afterAll(() => {
		cleanupVolumes();
		rmSync(dir, {recursive: true, force: true});
		engine.close();
	});

	const hostile: [string, Entry[], RegExp][] = [
		['a ../ name', [{name: './ok', data: 'fine'}, {name: '../escape', data: 'x'}], /"\.\.\/escape" has a "\.\." part/],
		['a name climbing back in', [{name: 'a/../../b', data: 'x'}], /has a "\.\." part/],
		['an absolute name', [{name: '/etc/cron.d/evil', data: 'x'}], /"\/etc\/cron.d\/evil" is an absolute path/],
		['a hard link out', [{name: 'h', type: '1', linkname: '../../etc/shadow'}], /hard link out of the volume/],
		['an absolute hard link', [{name: 'h', type: '1', linkname: '/etc/shadow'}], /hard link out of the volume/],
		['a symlink leading out', [{name: 'd/s', type: '2', linkname: '../../outside'}], /symlink that leads out of the volume/],
		['a device node', [{name: 'sda', type: '3'}], /is a device node/],
		['an unknown entry type', [{name: 'odd', type: 'Z'}], /entry type imgscope does not import/],
	];
	for (const [what, entries, message] of hostile) {
		it(`refuses a tar with ${what}, before anything is written`, async () => {
			const file = path.join(dir, `hostile-${what.replace(/\W+/g, '-')}.tar`);
			writeFileSync(file, tar(entries));
			const target = volumeName('hostile');
			const error = await importVolume(engine, file, target).catch(e => e);
			expect(error).toBeInstanceOf(BackupError);
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/nothing was written/);
			expect(volumeExists(target)).toBe(false);
		});
	}

	it('refuses a truncated or non-tar file', async () => {
		const file = path.join(dir, 'cut.tar');
		writeFileSync(file, tar([{name: 'a', data: 'x'.repeat(2000)}]).subarray(0, 1000));
		expect((await importVolume(engine, file, volumeName('cut')).catch(e => e)).message).toMatch(/not a valid tar \(truncated tar/);
		writeFileSync(file, 'hello, not a tar at all'.repeat(40));
		expect((await importVolume(engine, file, volumeName('cut')).catch(e => e)).message).toMatch(/not a valid tar/);
	});

	it('refuses a volume with files unless asked, and then adds to it', async () => {
		const file = path.join(dir, 'small.tar');
		writeFileSync(file, tar([{name: 'added', data: 'new'}, {name: 'one', data: 'replaced'}]));
		const before = listing(filled);
		const error = await importVolume(engine, file, filled).catch(e => e);
		expect(error.message).toMatch(/volume .* is not empty/);
		expect(listing(filled)).toBe(before);
		const empty = createTestVolume('empty');
		expect(await importVolume(engine, file, empty)).toMatchObject({created: false, entries: 2});
		const into = createTestVolume('into');
		fill(into, 'echo keep > /v/keep');
		await importVolume(engine, file, into, {intoNonEmpty: true});
		expect(listing(into)).toMatch(/6b656570\|regular file/); // "keep" stays
		expect(listing(into)).toMatch(/6164646564\|regular file/); // "added" came
	});

	it('says when running containers use a volume being exported, and exports it', async () => {
		const name = `imgscope-vt-runner-${process.pid}`;
		docker(['run', '-d', '--rm', '--network', 'none', '--name', name, '--label', 'imgscope.test=volumes', '-v', `${filled}:/data`, BASE, 'sleep', '60']);
		try {
			let told: string[] = [];
			const result = await exportVolume(engine, filled, path.join(dir, 'in-use.tar'), {onInUse: users => (told = users.map(u => `${u.name} ${u.destination} ${u.rw}`))});
			expect(told).toEqual([`${name} /data true`]);
			expect(result.inUse.map(u => u.name)).toEqual([name]);
			// Removal is refused while it is used, naming the container.
			const refused = await removeVolume(engine, filled).catch(e => e);
			expect(refused).toBeInstanceOf(VolumeInUseError);
			expect(refused.message).toContain(name);
		} finally {
			execFileSync('docker', ['rm', '-f', name], {stdio: 'ignore'});
		}
	}, 60_000);

	it('force removes the containers first, then the volume, and says so', async () => {
		const victim = createTestVolume('victim');
		const name = `imgscope-vt-user-${process.pid}`;
		docker(['create', '--network', 'none', '--name', name, '--label', 'imgscope.test=volumes', '-v', `${victim}:/data`, BASE, 'true']);
		const result = await removeVolume(engine, victim, {force: true});
		expect(result.removedContainers).toEqual([name]);
		expect(volumeExists(victim)).toBe(false);
	});

	it('names the engine refuses come back with its message', async () => {
		for (const bad of ['a', 'bad/name', '-dash', 'sp ace']) {
			const error = await createVolume(engine, {name: bad}).catch(e => e);
			expect(error).toBeInstanceOf(EngineError);
			expect(error.message).toMatch(/^Error response from daemon: create .*(includes invalid characters for a local volume name|volume name is too short)/);
		}
	});

	it('a volume that is gone: a clear error and no helper', async () => {
		const gone = volumeName('gone');
		for (const attempt of [() => readVolumeFiles(engine, gone), () => exportVolume(engine, gone, path.join(dir, 'gone.tar')), () => extractVolumeFile(engine, gone, 'x', dir, 'x')]) {
			const error = await attempt().catch(e => e);
			expect(error.message).toMatch(/no such volume/);
		}
		expect(volumeExists(gone)).toBe(false); // mounting it would have created it
		expect(readdirSync(dir).filter(f => f.startsWith('gone'))).toEqual([]);
	});

	it('extract refuses a path outside the directory and an existing file', async () => {
		const out = path.join(dir, 'extract');
		mkdirSync(out);
		expect((await extractVolumeFile(engine, filled, 'one', out, '../one').catch(e => e)).message).toMatch(/outside/);
		writeFileSync(path.join(out, 'exists'), 'mine');
		expect((await extractVolumeFile(engine, filled, 'one', out, 'exists').catch(e => e)).message).toMatch(/already exists/);
		expect((await extractVolumeFile(engine, filled, 'sub', out, 'sub').catch(e => e)).message).toMatch(/is a dir, not a regular file/);
		expect((await extractVolumeFile(engine, filled, 'nope', out, 'nope').catch(e => e)).message).toMatch(/nope is not in volume/);
		const done = await extractVolumeFile(engine, filled, 'sub/two', out, 'two');
		expect(done.bytes).toBe(4);
		expect(readdirSync(out).sort()).toEqual(['exists', 'two']);
	});

	it('the engine going away mid-copy: a clear error, no partial file, no helper', async () => {
		const proxy = new EngineProxy();
		await proxy.start();
		const cut = new Engine(resolveEndpoint({host: proxy.url}));
		const file = path.join(dir, 'cut-off.tar');
		let stopped = false;
		const error = await exportVolume(cut, filled, file, {
			onProgress: bytes => {
				if (stopped || bytes < 1 << 20) return;
				stopped = true;
				// The engine goes away, then comes back a moment later (the helper's removal retries).
				void proxy.stop().then(() => setTimeout(() => void proxy.start(), 300));
			},
		}).catch(e => e);
		expect(stopped).toBe(true);
		expect(error).toBeInstanceOf(EngineError);
		expect(error.message).toMatch(/cut while|closed the connection/);
		expect(readdirSync(dir).filter(f => f.includes('cut-off'))).toEqual([]);
		await proxy.stop();
		cut.close();
	}, 60_000);

	const root = process.getuid?.() === 0;
	if (!root && requireEngine) throw new Error('IMGSCOPE_REQUIRE_ENGINE=1: the full-disk test mounts a tmpfs and needs root');
	it.skipIf(!root)('a full disk while exporting: says so, and the partial file is removed', async () => {
		const tiny = path.join(dir, 'tiny');
		mkdirSync(tiny);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', tiny]);
		try {
			const error = await exportVolume(engine, filled, path.join(tiny, 'full.tar')).catch(e => e);
			expect(error).toBeInstanceOf(BackupError);
			expect(error.message).toMatch(/no space left on the device \(the partial file was removed\)/);
			expect(readdirSync(tiny)).toEqual([]);
		} finally {
			execFileSync('umount', [tiny]);
		}
	}, 60_000);

	it('leaves no helper container behind', () => {
		expect(leftoverHelpers()).toEqual([]);
	});
});

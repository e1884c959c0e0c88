// On a private dockerd populated by support/populate.ts (df and prune cover
// the whole engine: never the machine's shared one):
//   - the shared-layers core from the engine's own answers gives every
//     image's SharedSize as GET /system/df does;
//   - `builder du` says plainly that this engine has no build cache;
//   - the prune commands against docker's, byte for byte: each case sets the
//     engine up, runs docker, sets it up again the same way (a `docker load`
//     gives back the same IDs), runs imgscope, and compares.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {readDiskUsage} from '../../source/engine/disk-usage.js';
import {loadSharingImages} from '../../source/engine/layer-sharing.js';
import {computeSharing} from '../../source/layers/sharing.js';
import {DOCKER_CLI, imgscopeCommand, run, type RunResult} from '../conformance/harness.js';
import {haveEngine} from '../helpers/engine.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {BASE, populate} from './support/populate.js';

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('disk use, sharing and prune on a private dockerd', () => {
	const daemon = suitePrivateDaemon([BASE]);
	let engine: Engine;
	let imgscope: string[];
	let tars: string;
	const env = (): Record<string, string> => ({DOCKER_HOST: daemon.url, DOCKER_CONTEXT: ''});

	beforeAll(async () => {
		populate(daemon);
		engine = new Engine(resolveEndpoint({host: daemon.url}));
		imgscope = await imgscopeCommand();
		tars = mkdtempSync('/tmp/imgscope-df-tars-');
		// What the prune cases remove and put back: a labelled image saved by ID
		// (loaded, it is dangling) and a labelled tagged one.
		const dir = mkdtempSync('/tmp/imgscope-df-ctx-');
		try {
			execFileSync('sh', ['-c', `printf 'FROM ${BASE}\\nLABEL imgscope.df=prune\\nRUN dd if=/dev/zero of=/p bs=1024 count=30 2>/dev/null\\n' > ${dir}/Dockerfile`]);
			daemon.docker(['build', '-q', '-t', 'df/prune-me:1', dir]);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
		const id = daemon.docker(['image', 'inspect', '--format', '{{.Id}}', 'df/prune-me:1']).trim();
		daemon.docker(['save', '-o', path.join(tars, 'tagged.tar'), 'df/prune-me:1']);
		daemon.docker(['save', '-o', path.join(tars, 'dangling.tar'), id]);
		daemon.docker(['rmi', 'df/prune-me:1']);
	}, 300_000);

	afterAll(() => {
		engine?.close();
		if (tars) rmSync(tars, {recursive: true, force: true});
	});

	it('computes every image\'s SharedSize and Size from its layers as the daemon does', async () => {
		const {value} = await readDiskUsage(engine);
		const images = value.Images ?? [];
		expect(images.length).toBeGreaterThanOrEqual(7);
		const sharing = computeSharing(await loadSharingImages(engine, images));
		for (const image of images) {
			const mine = sharing.images.get(image.Id)!;
			expect({tags: image.RepoTags, size: mine.size, shared: mine.shared, unique: mine.unique}).toEqual({tags: image.RepoTags, size: image.Size, shared: image.SharedSize, unique: image.Size - image.SharedSize});
		}
		// A layer of df/l1 is held by l1's children and no one else.
		const l1 = images.find((i) => i.RepoTags?.includes('df/l1:1'))!;
		const tags = (id: string): string => images.find((i) => i.Id === id)!.RepoTags![0];
		expect(sharing.images.get(l1.Id)!.layers[1].others.map(tags).sort()).toEqual(['df/l2:1', 'df/l3:1', 'df/sib:1']);
	});

	it('builder du says plainly that this engine has no build cache', async () => {
		const r = await run(process.execPath, [...imgscope, 'builder', 'du'], env());
		expect(r.code).toBe(0);
		expect(r.stdout.toString()).toMatch(/^No build cache: the engine reports none/);
	});

	const load = (tar: string): void => {
		daemon.docker(['load', '-q', '-i', path.join(tars, tar)]);
	};
	const exited = (): void => {
		for (const name of ['df-prune-a', 'df-prune-b']) {
			try {
				daemon.docker(['rm', '-f', name]);
			} catch {
				// not there: the case before removed it
			}
			daemon.docker(['run', '--network', 'none', '--name', name, '--label', 'imgscope.df=prune', BASE, 'sh', '-c', 'dd if=/dev/zero of=/w bs=1024 count=8 2>/dev/null']);
		}
	};
	// Container IDs are new each time: compared as <id>, in sorted order (the daemon's is a map's).
	const normal = (r: RunResult, ids: boolean): string => {
		const text = r.stdout.toString('utf8');
		return `exit ${r.code}\n` + (ids ? text.replace(/\b[0-9a-f]{64}\b/g, '<id>') : text).split('\n').sort().join('\n');
	};

	const cases: {args: string[]; input?: string; setup?: () => void; ids?: boolean}[] = [
		{args: ['image', 'prune'], input: 'n\n', setup: () => load('dangling.tar')},
		{args: ['image', 'prune'], input: '', setup: () => load('dangling.tar')},
		{args: ['image', 'prune'], input: ' Y \n', setup: () => load('dangling.tar')},
		{args: ['image', 'prune', '-f'], setup: () => load('dangling.tar')},
		{args: ['image', 'prune', '-f', '--filter', 'label=imgscope.df=prune'], setup: () => load('dangling.tar')},
		{args: ['image', 'prune', '-f', '--filter', 'label=imgscope.df=nothing']},
		{args: ['image', 'prune', '-a', '-f', '--filter', 'label=imgscope.df=prune'], setup: () => load('tagged.tar')},
		{args: ['image', 'prune', '-a'], input: 'nope\n', setup: () => load('tagged.tar')},
		{args: ['image', 'prune', '-f', '--filter', 'until=2000-01-01T00:00:00Z']},
		{args: ['image', 'prune', '-f', '--filter', 'bogus=1']},
		{args: ['image', 'prune', '-f', '--filter', 'bad']},
		{args: ['image', 'prune', 'extra']},
		{args: ['container', 'prune'], input: 'N\n', setup: exited, ids: true},
		{args: ['container', 'prune', '-f', '--filter', 'label=imgscope.df=prune'], setup: exited, ids: true},
		{args: ['container', 'prune', '-f', '--filter', 'label=imgscope.df=nothing']},
		{args: ['container', 'prune'], input: 'y\n', setup: exited, ids: true},
		{args: ['builder', 'prune', '-f']},
		{args: ['builder', 'prune', '-a', '-f']},
		{args: ['builder', 'prune', '-f', '--filter', 'until=24h']},
		{args: ['builder', 'prune', '-f', '--keep-storage', '1GB']},
		{args: ['builder', 'prune'], input: 'n\n'},
		{args: ['builder', 'prune', '-a'], input: ''},
		{args: ['builder', 'prune', '-f', '--keep-storage', 'lots']},
	];

	describe('prune', () => {
		// Each case must start from the same engine for docker and for imgscope:
		// the populated engine's own dangling image and stopped containers go first.
		beforeAll(() => {
			daemon.docker(['image', 'prune', '-f']);
			daemon.docker(['container', 'prune', '-f']);
		}, 120_000);

		it.each(cases.map((c) => [c.args.join(' ') + (c.input === undefined ? '' : ` < ${JSON.stringify(c.input)}`), c] as const))('%s: as docker', async (_name, c) => {
			// A question that is answered no (or not at all) must leave the engine as it was.
			const before = daemon.docker(['system', 'df', '--format', '{{.TotalCount}}']);
			c.setup?.();
			const setUp = daemon.docker(['system', 'df', '--format', '{{.TotalCount}}']);
			const docker = await run(DOCKER_CLI, c.args, env(), c.input);
			c.setup?.();
			const mine = await run(process.execPath, [...imgscope, ...c.args], env(), c.input);
			expect(normal(mine, Boolean(c.ids)), `stderr: docker ${docker.stderr} / imgscope ${mine.stderr}`).toBe(normal(docker, Boolean(c.ids)));
			const cancelled = c.input !== undefined && !/^\s*y\s*$/i.test(c.input);
			if (cancelled) {
				expect(mine.stdout.toString()).toMatch(/\[y\/N\] $/);
				// Answered no: nothing went.
				expect(daemon.docker(['system', 'df', '--format', '{{.TotalCount}}'])).toBe(setUp);
			}
			// Clean up what a cancelled case left (docker's and ours), so each case starts alike.
			if (c.setup) {
				daemon.docker(['container', 'prune', '-f', '--filter', 'label=imgscope.df=prune']);
				daemon.docker(['image', 'prune', '-a', '-f', '--filter', 'label=imgscope.df=prune']);
			}
			expect(daemon.docker(['system', 'df', '--format', '{{.TotalCount}}'])).toBe(before);
		});
	});
});

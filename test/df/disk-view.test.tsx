// The Disk view and the Layers tab's sharing marks, on a private dockerd
// populated by support/populate.ts (the view's prune keys change the whole
// engine): figures against `docker system df`, the questions before a prune,
// and what a prune answered yes to does. Pure parts on the captured answer.
import {readFileSync} from 'node:fs';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {DiskUsageJSON} from '../../source/engine/disk-usage.js';
import {App} from '../../source/ui/App.js';
import {pruneConfirm} from '../../source/ui/actions/prune.js';
import {bar, diskCompare, diskRows} from '../../source/ui/lists/disk-rows.js';
import {haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {BASE, populate} from './support/populate.js';

const report = JSON.parse(readFileSync(new URL('./fixtures/system-df.json', import.meta.url), 'utf8')) as DiskUsageJSON;

describe('Disk view rows and questions (pure)', () => {
	it('puts the four totals first, then the images by what removing each frees', () => {
		const rows = diskRows(report).sort(diskCompare('unique'));
		expect(rows.slice(0, 4).map((r) => (r.kind === 'total' ? r.totals.kind : ''))).toEqual(['Images', 'Containers', 'Local Volumes', 'Build Cache']);
		const uniques = rows.slice(4).map((r) => (r.kind === 'image' ? r.unique : -1));
		expect(uniques).toEqual([...uniques].sort((a, b) => b - a));
		expect(bar(1, 4, 8)).toBe('██░░░░░░');
		expect(bar(0, 0, 8)).toBe('');
	});

	it('asks before a prune, naming what goes and the bytes; says so when there is nothing', () => {
		const dangling = pruneConfirm('pruneDangling', report);
		expect('confirm' in dangling && dangling.confirm.lines[1]).toBe('frees at least 6B (their unique bytes; layers only they share go too)');
		const containers = pruneConfirm('pruneContainers', report);
		expect('confirm' in containers && containers.confirm.lines[0]).toBe('df-created, df-exited');
		expect(pruneConfirm('pruneBuildCache', {...report, BuildCache: null})).toEqual({notice: 'No build cache: the engine reports none (the legacy builder keeps no cache records)'});
		expect(pruneConfirm('pruneDangling', {...report, Images: []})).toEqual({notice: 'No dangling images to remove'});
		// Names from the engine are made visible in the question.
		const hostile = pruneConfirm('pruneUnused', {...report, Images: [{Id: 'sha256:ab', RepoTags: ['x\x1b[2J:1'], Size: 10, SharedSize: 0, Containers: 0}]});
		expect('confirm' in hostile && hostile.confirm.lines[0]).toBe('x\\x1b[2J:1');
	});
});

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('Disk view on a private dockerd', () => {
	const daemon = suitePrivateDaemon([BASE]);
	let engine: Engine;
	beforeAll(() => {
		populate(daemon);
		engine = new Engine(resolveEndpoint({host: daemon.url}));
	}, 300_000);
	afterAll(() => engine?.close());

	it('shows docker system df\'s totals and each image\'s shared and unique bytes', async () => {
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		app.stdin.write('4');
		const frame = await waitFor(app.lastFrame, (f) => /Disk \(\d+\)/.test(f) && f.includes('Local Volumes'), 15_000);
		const summary = daemon.docker(['system', 'df', '--format', '{{.Type}}|{{.Size}}|{{.Reclaimable}}']).trim().split('\n');
		for (const line of summary) {
			const [kind, size, reclaimable] = line.split('|');
			expect(frame).toMatch(new RegExp(`${kind}\\s.*${size.replace('.', '\\.')}\\s+${reclaimable.replace(/[.()]/g, (c) => `\\${c}`)}`));
		}
		const l3 = daemon.docker(['system', 'df', '-v', '--format', '{{range .Images}}{{if eq .Repository "df/l3"}}{{.SharedSize}} {{.UniqueSize}}{{end}}{{end}}']).trim().split(' ');
		expect(frame).toMatch(new RegExp(`df/l3:1\\s+[\\d.]+\\w+\\s+${l3[0].replace('.', '\\.')}\\s+${l3[1].replace('.', '\\.')}`));
		app.unmount();
	}, 60_000);

	it('agrees with docker image ls and docker system df -v: the list\'s SIZE and its UNIQUE column (U; the Disk view\'s totals: the test above)', async () => {
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		const sizes = daemon.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}} {{.Size}} {{.ID}}']).trim().split('\n').filter((l) => l.startsWith('df/'));
		const uniques = new Map(daemon.docker(['system', 'df', '-v', '--format', '{{range .Images}}{{.ID}} {{.UniqueSize}}\n{{end}}']).trim().split('\n').map((l) => l.replace(/^sha256:/, '').split(' ')).map(([id, size]) => [id.slice(0, 12), size] as [string, string]));
		const row = (frame: string, ref: string): string[] => {
			const [repo, tag] = ref.split(':');
			const line = frame.split('\n').find((l) => new RegExp(`^\\W*${repo.replace('/', '\\/')}\\s+${tag}\\s`).test(l));
			expect(line, ref).toBeDefined();
			return line!.trim().split(/\s{2,}/);
		};
		expect(app.lastFrame()).not.toContain('UNIQUE');
		app.stdin.write('z');
		const frame = await waitFor(app.lastFrame, (f) => f.includes('UNIQUE') && !/df\/\S+.*…/.test(f), 15_000);
		expect(sizes.length).toBeGreaterThan(4);
		for (const line of sizes) {
			// df -v has one row per image (its first tag), image ls one per tag: matched by image ID.
			const [ref, size, id] = line.split(' ');
			const cells = row(frame, ref);
			// REPOSITORY TAG ID CREATED SIZE UNIQUE …: SIZE as docker image ls prints it, UNIQUE as docker system df -v.
			expect(cells[4], `${ref} SIZE`).toBe(size);
			expect(cells[5], `${ref} UNIQUE`).toBe(uniques.get(id));
			expect(cells[2]).toBe(id);
		}
		await tick();
		app.stdin.write('z');
		await waitFor(app.lastFrame, (f) => !f.includes('UNIQUE'));
		app.unmount();
	}, 60_000);

	it('tells in a rebuilt image\'s Layers tab which layers it shares with its FROM and with an earlier build (before the dangling prune below)', async () => {
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		// A rebuild: its first layer is its base's (FROM), its dd step came from the cache of the first build (now dangling).
		app.stdin.write('/');
		await tick();
		app.stdin.write('df/rebuilt');
		app.stdin.write(keys.enter);
		await tick();
		app.stdin.write(keys.enter);
		await waitFor(app.lastFrame, (f) => f.includes('fixture/base:1 (FROM)'), 15_000);
		app.stdin.write('j');
		await waitFor(app.lastFrame, (f) => /also in 1 other image: [0-9a-f]{12} \(earlier build\)/.test(f));
		app.unmount();
	}, 60_000);

	it('asks before pruning dangling images: no keeps them, yes removes them and says what the engine freed', async () => {
		const dangling = () => daemon.docker(['image', 'ls', '-q', '--filter', 'dangling=true']).trim();
		expect(dangling()).not.toBe('');
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		app.stdin.write('4');
		await waitFor(app.lastFrame, (f) => f.includes('Local Volumes'), 15_000);
		app.stdin.write('p');
		await waitFor(app.lastFrame, (f) => f.includes('Remove 1 dangling image?') && f.includes('frees at least'));
		app.stdin.write('n');
		await tick(300);
		expect(dangling()).not.toBe('');
		app.stdin.write('p');
		await waitFor(app.lastFrame, (f) => f.includes('Remove 1 dangling image?'));
		app.stdin.write('y');
		await waitFor(app.lastFrame, (f) => /total reclaimed space: [\d.]+\w*B/.test(f), 15_000);
		expect(dangling()).toBe('');
		app.stdin.write('b');
		await waitFor(app.lastFrame, (f) => f.includes('No build cache: the engine reports none'));
		app.unmount();
	}, 60_000);

	it('marks in the Layers tab how many other local images hold each layer, and names them', async () => {
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		app.stdin.write('/');
		await tick();
		app.stdin.write('df/l3');
		app.stdin.write(keys.enter);
		await tick();
		app.stdin.write(keys.enter);
		await waitFor(app.lastFrame, (f) => f.includes('SHARED') && /\+\d/.test(f), 15_000);
		app.stdin.write('j');
		const frame = await waitFor(app.lastFrame, (f) => f.includes('also in 3 other images'));
		expect(frame).toMatch(/also in 3 other images: .*df\/l1:1/);
		// The image df/l3 was built on (its FROM) is marked as such.
		expect(frame).toContain("df/l2:1 (FROM)");
		// w: the menu of those images (source/ui/holders-menu.ts); its digit opens one on its Layers tab.
		app.stdin.write('w');
		const menu = await waitFor(app.lastFrame, (f) => f.includes('Layer 1 is also in 3 other images: open one'));
		const items = menu.split('\n').filter((line) => /df\/(l1|l2|sib):1/.test(line) && !line.includes('also in'));
		expect(items.map((line) => line.match(/df\/\w+:\w+/)![0]).sort()).toEqual(['df/l1:1', 'df/l2:1', 'df/sib:1']);
		await tick();
		app.stdin.write(String(items.findIndex((line) => line.includes('df/sib:1')) + 1));
		const sib = await waitFor(app.lastFrame, (f) => f.includes(' Layers ') && f.includes('df/sib:1') && f.includes('SHARED') && /\+\d/.test(f), 15_000);
		expect(sib).not.toContain('open one');
		// Its top layer (its own dd step) is in no other image: w says so instead of a menu.
		app.stdin.write('G');
		await waitFor(app.lastFrame, (f) => f.includes('no other local image holds this layer'));
		app.stdin.write('w');
		await waitFor(app.lastFrame, (f) => /No other local image holds layer \d/.test(f));
		app.unmount();
	}, 60_000);

	it('V asks before pruning unused volumes, naming them with their sizes as docker system df -v counts them; A removes the named ones too and says what the engine freed', async () => {
		const sizes = new Map(daemon.docker(['system', 'df', '-v', '--format', '{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}}\n{{end}}']).trim().split('\n').map((l) => l.split(' ')).map(([name, links, size]) => [name, {links, size}]));
		const unused = [...sizes].filter(([, v]) => v.links === '0').map(([name]) => name).sort();
		expect(unused).toEqual(['df-empty', 'df-idle']);
		const app = render(<App engine={engine} />);
		await waitFor(app.lastFrame, (f) => /Images \([1-9]/.test(f), 15_000);
		app.stdin.write('4');
		await waitFor(app.lastFrame, (f) => f.includes('Local Volumes'), 15_000);
		// The volumes' sizes are counted in the background: the question waits for them.
		await tick(2000);
		app.stdin.write('V');
		const question = await waitFor(app.lastFrame, (f) => f.includes('Remove unused volumes?') && f.includes('A: all 2 unused volumes'), 15_000);
		for (const name of unused) expect(question).toMatch(new RegExp(`${name}\\s+${sizes.get(name)!.size.replace('.', '\\.')}`));
		app.stdin.write('A');
		await waitFor(app.lastFrame, (f) => /Removed 2 volumes, [\d.]+k?B reclaimed/.test(f), 15_000);
		expect(daemon.docker(['volume', 'ls', '-q']).trim().split('\n').sort()).toEqual(['df-used']);
		app.unmount();
	}, 60_000);
});

// Prune on a PRIVATE dockerd (it removes every unused volume of the engine it
// talks to): `imgscope volume prune` prints docker's question and output
// byte for byte (a 1.41 engine: the "all" question, -a refused), and the
// adapter prunes anonymous volumes only unless all, on 1.41 as from 1.42.
import {execFile} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {prunePlan, pruneVolumes} from '../../source/engine/volumes/index.js';
import {haveEngine} from '../helpers/engine.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from '../hardening/support/daemon.js';
import {DOCKER_CLI, imgscopeCommand} from '../conformance/harness.js';
import {BASE} from './support.js';

interface Ran {
	stdout: string;
	code: number;
}

function run(file: string, args: string[], host: string, input: string): Promise<Ran> {
	return new Promise(resolve => {
		const child = execFile(file, args, {encoding: 'utf8', timeout: 60_000, env: {...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: ''}}, (error, stdout) => {
			resolve({stdout, code: error ? (typeof error.code === 'number' ? error.code : -1) : 0});
		});
		child.stdin!.end(input);
	});
}

/** Deleted volumes come in the engine's order: compare them as a set. */
const canonical = (s: string) => {
	const lines = s.split('\n');
	const start = lines.findIndex(line => line.endsWith('Deleted Volumes:'));
	if (start < 0) return s;
	const end = lines.indexOf('', start);
	return [...lines.slice(0, start + 1), ...lines.slice(start + 1, end).sort(), ...lines.slice(end)].join('\n');
};

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('volume prune (private dockerd)', () => {
	const daemon = suitePrivateDaemon([BASE]);

	/** The same engine state before each run: two named unused volumes with bytes in them, one labelled; one in use. */
	function reset(): void {
		for (const c of daemon.docker(['ps', '-aq']).split('\n').filter(Boolean)) daemon.docker(['rm', '-f', c]);
		for (const v of daemon.docker(['volume', 'ls', '-q']).split('\n').filter(Boolean)) daemon.docker(['volume', 'rm', '-f', v]);
		daemon.docker(['volume', 'create', 'p-one']);
		daemon.docker(['volume', 'create', '--label', 'keep=1', 'p-two']);
		daemon.docker(['volume', 'create', 'p-used']);
		daemon.docker(['create', '--network', 'none', '-v', 'p-used:/v', BASE, 'true']);
		const data = (name: string) => path.join(daemon.dir, 'data', 'volumes', name, '_data');
		writeFileSync(path.join(data('p-one'), 'blob'), Buffer.alloc(300_000, 1));
		mkdirSync(path.join(data('p-two'), 'd'));
		writeFileSync(path.join(data('p-two'), 'd', 'f'), 'twelve bytes');
	}

	const scenarios: {args: string[]; input: string}[] = [
		{args: ['-f'], input: ''},
		{args: [], input: 'y\n'},
		{args: [], input: 'Y  \n'},
		{args: [], input: 'n\n'},
		{args: [], input: ''},
		{args: [], input: 'yes\n'},
		{args: ['--force', '--filter', 'label=keep=1'], input: ''},
		{args: ['-f', '--filter', 'label!=keep'], input: ''},
		{args: ['-f', '--filter', 'nope=1'], input: ''},
		{args: ['-a'], input: 'y\n'},
		{args: ['-a', '-f'], input: ''},
		{args: ['extra'], input: ''},
	];

	for (const s of scenarios) {
		it(`prune ${JSON.stringify(s.args)} answered ${JSON.stringify(s.input)}: docker's bytes and status`, async () => {
			reset();
			const docker = await run(DOCKER_CLI, ['volume', 'prune', ...s.args], daemon.url, s.input);
			const left = daemon.docker(['volume', 'ls', '-q']);
			reset();
			const [node, ...script] = [process.execPath, ...(await imgscopeCommand())];
			const mine = await run(node, [...script, 'volume', 'prune', ...s.args], daemon.url, s.input);
			expect({stdout: canonical(mine.stdout), code: mine.code}).toEqual({stdout: canonical(docker.stdout), code: docker.code});
			expect(daemon.docker(['volume', 'ls', '-q'])).toBe(left);
		}, 60_000);
	}

	it('the adapter: anonymous volumes only unless all, on a 1.41 engine too, with the bytes they freed', async () => {
		reset();
		const anonymous = daemon.docker(['volume', 'create']).trim();
		writeFileSync(path.join(daemon.dir, 'data', 'volumes', anonymous, '_data', 'x'), Buffer.alloc(5000));
		const engine = new Engine(resolveEndpoint({host: daemon.url}));
		try {
			const plan = await prunePlan(engine);
			expect(plan.map(p => [p.volume.Name, p.size])).toEqual([[anonymous, 5000]]);
			expect(await pruneVolumes(engine)).toEqual({deleted: [anonymous], reclaimed: 5000});
			expect(daemon.docker(['volume', 'ls', '-q']).split('\n').filter(Boolean).sort()).toEqual(['p-one', 'p-two', 'p-used']);
			const all = await pruneVolumes(engine, {all: true, filters: {label: ['keep=1']}});
			expect(all.deleted).toEqual(['p-two']);
			const rest = await pruneVolumes(engine, {all: true});
			expect(rest.deleted).toEqual(['p-one']);
			expect(rest.reclaimed).toBe(300_000);
			expect(daemon.docker(['volume', 'ls', '-q']).trim()).toBe('p-used');
		} finally {
			engine.close();
		}
	}, 60_000);
});

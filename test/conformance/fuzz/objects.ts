// The objects the fuzzer's container, volume, context and df cases look at,
// all its own: containers and volumes labelled imgscope.test=fuzz2-RUN (every ps
// and volume ls case filters on that label, so what other suites create on
// the shared engine never shows), a private DOCKER_CONFIG with a few contexts,
// and a private dockerd for df, which reports the whole engine. Made once per
// run, removed after it.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {canRunPrivateDaemon, PrivateDaemon} from '../../hardening/support/daemon.js';
import {DOCKER_CLI} from '../harness.js';

// Named per run (the process id): two runs at once on the shared engine (the CI
// seed in a vitest fork, fuzz-found's replays, `npm run fuzz`) would otherwise
// remove each other's objects, each setting up and disposing the same names.
const RUN = process.env.IMGSCOPE_FUZZ_RUN ?? String(process.pid);
export const FUZZ_LABEL = `imgscope.test=fuzz2-${RUN}`;
export const CONTAINERS = [`imgscope-fuzz2-${RUN}-a`, `imgscope-fuzz2-${RUN}.b`];
export const VOLUMES = [`imgscope-fuzz2-${RUN}-v1`, `imgscope-fuzz2-${RUN}-v2`];
const IMAGE = 'fixture/base:1';

/** Environment names a command entry asks for (FuzzCommand.env), made here. */
export type EnvName = 'contexts' | 'daemon';

export interface FuzzObjects {
	env: Partial<Record<EnvName, Record<string, string>>>;
	dispose(): Promise<void>;
}

const docker = (args: string[], env: Record<string, string> = {}): string =>
	execFileSync(DOCKER_CLI, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...env}});

const quietly = (f: () => unknown): void => {
	try {
		f();
	} catch {
		// not there
	}
};

function removeShared(): void {
	quietly(() => docker(['rm', '-f', '-v', ...CONTAINERS]));
	quietly(() => docker(['volume', 'rm', ...VOLUMES]));
}

export async function setUpFuzzObjects(options: {daemon: boolean}): Promise<FuzzObjects> {
	removeShared();
	const label = ['--label', FUZZ_LABEL];
	// One label each (unstable.ts rule 3: ps's and volume ls's .Labels is in Go's map order).
	docker(['volume', 'create', ...label, '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', VOLUMES[0]!]);
	docker(['volume', 'create', ...label, VOLUMES[1]!]);
	// Created, never started: their status stays "Created"; one mount each (the daemon lists mounts in map order).
	docker(['create', ...label, '--name', CONTAINERS[0]!, '-p', '127.0.0.1:18190:80/tcp', '--expose', '9000-9001',
		'-e', 'A=1', '-v', `${VOLUMES[0]}:/data`, '--restart', 'on-failure:2', '--health-cmd', 'true', '--health-interval', '1h', IMAGE, 'sh', '-c', 'echo "a command longer than twenty"']);
	docker(['create', ...label, '--name', CONTAINERS[1]!, '--network', 'none', '--workdir', '/tmp', IMAGE, 'true']);

	const contexts = mkdtempSync(path.join(tmpdir(), 'imgscope-fuzz2-contexts-'));
	const env = {DOCKER_CONFIG: contexts};
	docker(['context', 'create', 'a1', '--description', 'first one', '--docker', 'host=tcp://127.0.0.1:2399'], env);
	docker(['context', 'create', 'B2', '--docker', 'host=unix:///var/run/docker.sock'], env);
	docker(['context', 'create', 'c3', '--description', 'with <html> & "quotes", é', '--docker', 'host=ssh://me@127.0.0.1:2222'], env);
	docker(['context', 'use', 'a1'], env);

	let daemon: PrivateDaemon | undefined;
	if (options.daemon && canRunPrivateDaemon()) {
		daemon = new PrivateDaemon();
		await daemon.start();
		daemon.load([IMAGE]);
		// One of each: the daemon lists df's volumes in Go's map order, a new one each time, and one row has no order.
		daemon.docker(['volume', 'create', '--label', 'k=v', 'dfvol']);
		daemon.docker(['create', '--name', 'dfc', '--network', 'none', '-v', 'dfvol:/d', IMAGE, 'true']);
	}
	return {
		env: {contexts: env, ...(daemon ? {daemon: {DOCKER_HOST: daemon.url, DOCKER_CONTEXT: ''}} : {})},
		async dispose() {
			removeShared();
			rmSync(contexts, {recursive: true, force: true});
			await daemon?.dispose();
		},
	};
}

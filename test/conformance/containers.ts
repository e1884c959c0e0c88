// Conformance cases for `ps`, `container inspect` and `context ls`, and the
// containers and contexts they look at. The containers carry the label
// imgscope.test=cli-containers and every `ps` case filters on it, so the
// containers other suites create on the same engine cannot make the two runs
// differ. Cases whose output holds a relative time ("Up 3 seconds") are marked
// `clock`: they run once the containers are over a minute old, when those
// words change once a minute instead of once a second.
import {execFileSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Case} from './cases.js';
import {DOCKER_CLI} from './harness.js';
import {seeded} from './fuzz/rng.js';

export const LABEL = 'imgscope.test=cli-containers';
const MINE = ['-f', `label=${LABEL}`];
const BASE = 'fixture/base:1';
const VOLUME = 'imgscope-cli-containers-vol';

/** The containers, by state; names with the characters docker allows beyond letters (. _ -). */
export const CONTAINERS = {created: 'imgscope-cc.created', running: 'imgscope-cc_Running-1', exited: 'imgscope-cc.exited_3', host: 'imgscope-cc-host'};
const ALL = Object.values(CONTAINERS);

/** A private DOCKER_CONFIG holding contexts made by `docker context create`. */
export const CONTEXT_DIR = path.join(tmpdir(), `imgscope-cc-contexts-${process.pid}`);
const OTHER_DIR = `${CONTEXT_DIR}-current`;

const docker = (args: string[], env: Record<string, string> = {}): string =>
	execFileSync(DOCKER_CLI, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...env}});

const removeContainers = (): void => {
	try {
		docker(['rm', '-f', '-v', ...ALL]);
	} catch {
		// some did not exist
	}
	try {
		docker(['volume', 'rm', VOLUME]);
	} catch {
		// it did not exist
	}
};

/** When the containers were made (ms): the clock cases wait until they are over a minute old. */
let createdAt = 0;

// One mount each at most: the daemon lists a container's mounts in Go's random map order.
export function setUpContainers(): void {
	removeContainers();
	const label = ['--label', LABEL];
	docker([
		'create', ...label, '--name', CONTAINERS.created, '--label', 'odd=a,b=c', '--label', 'uni=héllo wörld', '--label', 'empty=',
		'-p', '127.0.0.1:18080-18081:80-81/tcp', '-p', '18053:53/udp', '--expose', '9000-9002', '-v', '/tmp:/hosttmp:ro', '-e', 'A=1',
		BASE, 'sh', '-c', 'echo "a long command line that docker cuts at twenty"',
	]);
	docker(['run', '-d', ...label, '--network', 'none', '--name', CONTAINERS.running, '-v', `${VOLUME}:/data`, '--restart', 'on-failure:3',
		// A health check that will not have run yet: State.Health stays "starting", Config.Healthcheck has durations.
		'--health-cmd', 'true', '--health-interval', '1h', '--health-timeout', '90s', BASE, 'sleep', '3600']);
	docker(['create', ...label, '--network', 'none', '--name', CONTAINERS.exited, '--workdir', '/tmp', BASE, 'sh', '-c', 'exit 3']);
	docker(['start', CONTAINERS.exited]);
	docker(['wait', CONTAINERS.exited]);
	docker(['run', '-d', ...label, '--network', 'host', '--name', CONTAINERS.host, '--hostname', 'h', '--mount', 'type=tmpfs,destination=/scratch,tmpfs-mode=1770', BASE, 'sleep', '3600']);
	createdAt = Date.now();

	for (const dir of [CONTEXT_DIR, OTHER_DIR]) {
		rmSync(dir, {recursive: true, force: true});
		mkdirSync(dir, {recursive: true});
	}
	const env = {DOCKER_CONFIG: CONTEXT_DIR};
	docker(['context', 'create', 'a1', '--description', 'first one', '--docker', 'host=tcp://127.0.0.1:2399'], env);
	docker(['context', 'create', 'A2', '--docker', 'host=unix:///var/run/docker.sock'], env);
	const ca = path.join(CONTEXT_DIR, 'ca.pem');
	const key = path.join(CONTEXT_DIR, 'key.pem');
	try {
		// Any PEM certificate will do: docker only checks that the files parse.
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', ca, '-days', '2', '-subj', '/CN=imgscope'], {stdio: 'ignore'});
		docker(['context', 'create', 'ctx10', '--description', 'tls ones', '--docker', `host=tcp://127.0.0.1:2376,ca=${ca},cert=${ca},key=${key}`], env);
		docker(['context', 'create', 'ctx9', '--docker', `host=tcp://[::1]:2376,ca=${ca},skip-tls-verify=true`], env);
	} catch {
		// No openssl: the store has no TLS contexts, and both clients list the same store.
	}
	docker(['context', 'create', 'sshy', '--description', 'a very long description that goes on and on and on, with <html> & "quotes"', '--docker', 'host=ssh://me@127.0.0.1:2222'], env);
	docker(['context', 'create', 'nod', '--docker', 'host='], env);
	// A context without a docker endpoint, as another tool might leave one: docker lists it with its error.
	const odd = path.join(CONTEXT_DIR, 'contexts', 'meta', 'not-a-hash');
	mkdirSync(odd, {recursive: true});
	writeFileSync(path.join(odd, 'meta.json'), '{"Name":"noep","Metadata":{"Description":"d"}}');
	docker(['context', 'use', 'a1'], env);
	writeFileSync(path.join(OTHER_DIR, 'config.json'), '{"currentContext":"gone"}');
}

export function tearDownContainers(): void {
	removeContainers();
	for (const dir of [CONTEXT_DIR, OTHER_DIR]) rmSync(dir, {recursive: true, force: true});
}

/**
 * Resolves when the clock cases can run: the containers over a minute old,
 * and just past the moment their ages tick to the next minute, so that the
 * next tick is most of a minute away even on a loaded machine.
 */
export async function settled(): Promise<void> {
	let target = createdAt + 62_000;
	while (target < Date.now()) target += 60_000;
	// Already inside the quiet part of a minute: no need to wait for the next one.
	if (target - Date.now() > 45_000 && target - 60_000 >= createdAt + 62_000) target -= 60_000;
	const wait = target - Date.now();
	if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
}

// ---- templates ----

/** The formatter columns of `docker ps` (ContainerContext). */
const PS_STABLE = ['{{.ID}}', '{{.Image}}', '{{.Command}}', '{{.CreatedAt}}', '{{.Ports}}', '{{.State}}', '{{.Size}}', '{{.Names}}', '{{.Labels}}', '{{.Label "odd"}}', '{{.Label "nope"}}', '{{.Mounts}}', '{{.Networks}}', '{{.LocalVolumes}}', '{{.Platform}}'];
const PS_CLOCK = ['{{.RunningFor}}', '{{.Status}}'];

const PS_FORMATS = [
	...PS_STABLE,
	'table {{.Names}}\t{{.State}}', 'table {{.ID}}\t{{.Labels}}', 'table {{.Names}}\t{{.Size}}', '{{json .Labels}}', '{{.Names | upper}}',
	'{{printf "%T" .}}', '{{.FieldsUsed}}', '{{.Size}}{{.FieldsUsed}}', '{{printf "%+v" .FullHeader}}', '{{if eq .State "running"}}up{{else}}down{{end}}',
	'{{split .Labels ","}}', '{{join (split .Names "-") "+"}}', '{{len .Mounts}}', '{{truncate .ID 4}}', '{{pad .State 2 2}}|', '{{.Label}}', '{{.Nope}}',
	'{{.Names.Nope}}', '{{', '{{.Label "a" "b"}}', '{{index .Labels 0}}', 'table {{.Nope}}', '{{range .Names}}x{{end}}', '{{.Command | len}}',
];
const PS_CLOCK_FORMATS = [...PS_CLOCK, '', 'table', 'raw', 'json', 'table {{.Names}}\t{{.Status}}\t{{.RunningFor}}', '{{json .}}', '{{.}}'];

/** container.InspectResponse fields (typed pass) and raw keys (second pass). */
const INSPECT_FIELDS = [
	'{{.Id}}', '{{.ID}}', '{{.Name}}', '{{.Created}}', '{{.Path}}', '{{.Args}}', '{{.State}}', '{{.State.Status}}', '{{.State.Running}}', '{{.State.ExitCode}}',
	'{{.State.Pid}}', '{{.State.StartedAt}}', '{{.State.Health}}', '{{.Image}}', '{{.ResolvConfPath}}', '{{.LogPath}}', '{{.RestartCount}}', '{{.Driver}}',
	'{{.Platform}}', '{{.MountLabel}}', '{{.AppArmorProfile}}', '{{.ExecIDs}}', '{{.HostConfig.Binds}}', '{{.HostConfig.NetworkMode}}', '{{.HostConfig.PortBindings}}',
	'{{.HostConfig.RestartPolicy}}', '{{.HostConfig.RestartPolicy.Name}}', '{{.HostConfig.ConsoleSize}}', '{{.HostConfig.CapAdd}}', '{{.HostConfig.Dns}}',
	'{{.HostConfig.DNS}}', '{{.HostConfig.Memory}}', '{{.HostConfig.CpuShares}}', '{{.HostConfig.CPUShares}}', '{{.HostConfig.PidsLimit}}', '{{.HostConfig.Mounts}}',
	'{{.HostConfig.MaskedPaths}}', '{{.HostConfig.LogConfig}}', '{{.HostConfig.Init}}', '{{.HostConfig.Resources.Ulimits}}', '{{json .HostConfig}}',
	'{{.GraphDriver.Name}}', '{{.GraphDriver.Data.MergedDir}}', '{{.SizeRw}}', '{{.SizeRootFs}}', '{{.Mounts}}', '{{json .Mounts}}', '{{range .Mounts}}{{.Type}}:{{.Destination}};{{end}}',
	'{{.Config.Hostname}}', '{{.Config.Env}}', '{{.Config.Cmd}}', '{{.Config.Labels}}', '{{.Config.ExposedPorts}}', '{{.Config.WorkingDir}}', '{{json .Config}}',
	'{{.Config.Image}}', '{{.Config.StopTimeout}}', '{{.NetworkSettings.Ports}}', '{{.NetworkSettings.SandboxKey}}', '{{.NetworkSettings.IPAddress}}',
	'{{json .NetworkSettings}}', '{{json .NetworkSettings.Networks}}', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}',
	'{{.ImageManifestDescriptor}}', '{{printf "%T" .ContainerJSONBase}}', '{{.ContainerJSONBase.Name}}', '{{printf "%T" .HostConfig.ConsoleSize}}',
	'{{printf "%T %T" .State .Config.Cmd}}', '{{.State.Nope}}', '{{.Nope}}', '{{.HostConfig.Nope}}', '{{index .Config.Labels "odd"}}', '{{.Config.Labels.odd}}',
	'{{range .HostConfig.Mounts}}{{.TmpfsOptions}} {{.TmpfsOptions.Mode}}{{end}}', '{{.Config.Healthcheck}}', '{{.Config.Healthcheck.Interval}}', '{{json .Config.Healthcheck}}',
	'{{.State.Health.Status}}', '{{json .State.Health}}', '{{printf "%T" .State.Health}}',
	'{{json .}}', '{{json .State}}', '{{.Node}}', '{{.HostConfig.KernelMemory}}', '{{.HostConfig.CpuCount}}', '', 'json', '{{',
];


const WRAPS = [(x: string) => x, (x: string) => `{{upper ${x}}}`, (x: string) => `{{json ${x}}}`, (x: string) => `{{len ${x}}}`, (x: string) => `{{printf "%q" ${x}}}`, (x: string) => `{{if ${x}}}y{{else}}n{{end}}`, (x: string) => `[{{pad ${x} 1 1}}]`];
const SEPS = ['\t', ' ', '|', '\\t', '\\n', ','];

/** Random templates over `fields` (their `.X` parts): wrapped, joined, some as tables. */
function randomTemplates(fields: string[], count: number, seed: number): string[] {
	const next = seeded(seed);
	const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
	const names = fields.map(f => /^\{\{(\.[^{}]*)\}\}$/.exec(f)?.[1]).filter((f): f is string => f !== undefined && !f.includes('"'));
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const parts = Array.from({length: 1 + Math.floor(next() * 3)}, () => {
			const wrap = pick(WRAPS);
			const inner = wrap === WRAPS[0] ? `{{${pick(names)}}}` : wrap(pick(names));
			return inner;
		});
		const body = parts.join(pick(SEPS));
		out.push(next() < 0.3 ? `table ${body}` : body);
	}
	return out;
}

type Add = (args: string[], extra?: Partial<Case>) => void;

export function addContainerCases(add: Add): void {
	const [created, running, exited, host] = [CONTAINERS.created, CONTAINERS.running, CONTAINERS.exited, CONTAINERS.host];

	// ---- ps (always on our label, with -a unless the case is about the running ones) ----
	for (const f of PS_FORMATS) add(['ps', '-a', ...MINE, '--format', f]);
	for (const f of PS_CLOCK_FORMATS) add(['ps', '-a', ...MINE, '--format', f], {clock: true});
	for (const f of randomTemplates(PS_STABLE, 30, 11)) add(['ps', '-a', ...MINE, '--format', f]);
	for (const f of randomTemplates([...PS_STABLE, ...PS_CLOCK], 10, 12)) add(['ps', '-a', ...MINE, '--format', f], {clock: true});
	const flagSets = [[], ['-a'], ['-q'], ['-aq'], ['-a', '--no-trunc'], ['-a', '-s'], ['-a', '-s', '--no-trunc'], ['-n', '2'], ['-l'], ['-n', '-1'], ['-a', '-n', '0']];
	for (const flags of flagSets) {
		add(['ps', ...flags, ...MINE], {clock: true});
		add(['ps', ...flags, ...MINE, '--format', '{{.Names}} {{.Size}}']);
		add(['container', 'ls', ...flags, ...MINE, '--format', 'table {{.ID}}\t{{.Names}}']);
	}
	add(['container', 'list', '-a', ...MINE, '--format', '{{.Names}}']);
	add(['container', 'ps', '-a', ...MINE, '--format', '{{.Names}}']);
	add(['ps', '-a', '-q', ...MINE, '--format', '{{.Names}}']);
	add(['ps', '-a', '-s=false', ...MINE, '--format', '{{.Size}}']);
	add(['ps', '-a', ...MINE, '-f', 'status=exited', '--format', '{{.Names}} {{.State}}']);
	add(['ps', '-a', ...MINE, '-f', 'status=created', '-f', 'status=running', '--format', '{{.Names}}']);
	add(['ps', '-a', ...MINE, '-f', `name=${running}`, '--format', '{{.Names}}']);
	add(['ps', '-a', ...MINE, '-f', 'label=odd=a,b=c', '--format', '{{.Names}}']);
	add(['ps', '-a', ...MINE, '-f', `volume=${VOLUME}`, '--format', '{{.Names}} {{.Mounts}}']);
	add(['ps', '-a', ...MINE, '-f', 'exited=3', '--format', '{{.Names}}']);
	add(['ps', '-a', ...MINE, '-f', 'network=host', '--format', '{{.Names}} {{.Networks}}']);
	add(['ps', '-a', ...MINE, '-f', ' Status = exited ', '--format', '{{.Names}}']);
	add(['ps', '-f', 'foo=bar']);
	add(['ps', '-f', 'status=weird']);
	add(['ps', '-f', 'badformat']);
	add(['ps', 'extra']);
	add(['ps', '-n', 'x']);

	// ---- container inspect ----
	const each = [created, running, exited, host];
	for (const f of INSPECT_FIELDS) add(['container', 'inspect', '-f', f, ...each]);
	for (const f of randomTemplates(INSPECT_FIELDS, 30, 21)) add(['container', 'inspect', '-f', f, ...each]);
	for (const name of each) {
		add(['container', 'inspect', name]);
		add(['container', 'inspect', '--format', 'json', name]);
		add(['container', 'inspect', '-s', '-f', '{{.SizeRw}} {{.SizeRootFs}}', name]);
	}
	add(['container', 'inspect', ...each]);
	add(['container', 'inspect', '-s', created]);
	add(['container', 'inspect', 'nope']);
	add(['container', 'inspect', '-f', '{{.Name}}', 'nope', created, 'nope2']);
	add(['container', 'inspect', '-f', '{{.Name}}{{.Nope}}', created, running]);
	add(['container', 'inspect', '-f', '{{.Config.Labels.odd}}', created, running]);
	add(['container', 'inspect']);

	// ---- context ls (a private DOCKER_CONFIG; none of these contacts an engine) ----
	const contexts = {DOCKER_CONFIG: CONTEXT_DIR};
	const CONTEXT_FORMATS = ['', 'json', '{{json .}}', '{{.}}', '{{.Name}} {{.Current}}', 'table {{.Name}}\t{{.Error}}', 'table', '{{printf "%T" .}}', '{{.Nope}}', '{{', '{{if .Current}}*{{end}}{{.Name}}', '{{.DockerEndpoint | len}}'];
	for (const f of CONTEXT_FORMATS) add(['context', 'ls', '--format', f], {env: contexts});
	for (const f of randomTemplates(['{{.Name}}', '{{.Description}}', '{{.DockerEndpoint}}', '{{.Current}}', '{{.Error}}'], 15, 31)) add(['context', 'ls', '--format', f], {env: contexts});
	add(['context', 'ls'], {env: contexts});
	add(['context', 'ls', '-q'], {env: contexts});
	add(['context', 'list'], {env: contexts});
	add(['context', 'ls'], {env: {...contexts, DOCKER_CONTEXT: 'ctx10'}});
	add(['context', 'ls'], {env: {...contexts, DOCKER_HOST: 'tcp://127.0.0.1:9'}});
	add(['context', 'ls'], {env: {...contexts, DOCKER_HOST: '127.0.0.1:9'}});
	add(['context', 'ls'], {env: {...contexts, DOCKER_HOST: 'tcp://[::1]'}});
	add(['--context', 'nope', 'context', 'ls'], {env: contexts});
	add(['-H', 'unix:///tmp/x.sock', 'context', 'ls'], {env: contexts});
	add(['context', 'ls'], {env: {DOCKER_CONFIG: OTHER_DIR}});
	add(['context', 'ls', 'extra'], {env: contexts});
}

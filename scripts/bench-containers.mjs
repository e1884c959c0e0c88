// The Containers list at scale, for npm run bench (scripts/bench.mjs runs it;
// alone: node scripts/bench-containers.mjs after npm run build). 2,000
// containers are created on a PRIVATE dockerd of its own (its own data root
// and socket, no bridge, no iptables: the machine's engine is never touched),
// which is stopped and deleted after, also on Ctrl+C. Prints one line per
// figure, PASS or FAIL against 50 ms: key press to new frame, p95, moving in
// Containers with 2,000 containers, and moving and typing in a filtered list.
//
//   BENCH_CONTAINERS=2000 BENCH_RUNS=3 node scripts/bench-containers.mjs
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {startPrivateDockerd} from './lib/private-dockerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = process.env.BENCH_BIN || `${root}bin/imgscope`;
const count = Number(process.env.BENCH_CONTAINERS) || 2000;
const runs = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
const size = process.env.BENCH_SIZE || '120x40';
const image = 'fixture/base:1';

// The private dockerd (scripts/lib/private-dockerd.mjs): stopped and deleted at exit, also on Ctrl+C.
const daemon = await startPrivateDockerd({prefix: '/tmp/isb-'});
const {socket, api} = daemon;
daemon.load(image);

const percentile = (values, p) => {
	const sorted = values.slice().sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : Infinity;
};

const made = performance.now();
let next = 0;
const worker = async () => {
	while (next < count) {
		const index = next++;
		const answer = await api('POST', `/containers/create?name=lists-bench-${String(index).padStart(4, '0')}`, {Image: image, Cmd: ['true'], Labels: {'imgscope.test': 'lists'}, HostConfig: {NetworkMode: 'none'}});
		if (answer.status !== 201) throw new Error(`create failed: ${answer.body}`);
	}
};
await Promise.all(Array.from({length: 8}, worker));
console.log(`created ${count} containers on a private dockerd in ${((performance.now() - made) / 1000).toFixed(1)} s`);

// Containers (2), then moving; then a filter typed (/lists-bench-1: a tenth of them) and moving in it.
const moves = [...Array(10)].map(() => ['move', 'j']).concat([...Array(3)].map(() => ['move', 'k']), [['move', '\x1b[6~']], [['move', 'G']], [['move', 'g']]);
const filtered = [['type', '/'], ...[...'lists-bench-1'].map((c) => ['type', c]), ['type', '\r'], ...[...Array(6)].map(() => ['filtered', 'j']), ['filtered', '\x1b[6~'], ['filtered', 'G'], ['filtered', 'g']];
// `2` is timed until the rows show (a container's name): the list of 2,000 loads then, and a key pressed
// before it is there times the load (the engine's answers), not the key; the moves start on the loaded list.
const keys = [['switch', '2', 'lists-bench-'], ...moves, ...filtered];
const latencies = {switch: [], move: [], type: [], filtered: []};
let missed = 0;
for (let i = 0; i < runs; i++) {
	const result = spawnSync('python3', [`${root}scripts/pty-probe.py`, '--size', size, '--ready', 'REPOSITORY', '--keys', JSON.stringify(keys), '--', bin], {encoding: 'utf8', maxBuffer: 1 << 26, env: {...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONTEXT: ''}});
	if (result.status !== 0) throw new Error(`pty-probe failed: ${result.stderr}`);
	for (const [label, seconds] of JSON.parse(result.stdout).keys) {
		if (!latencies[label]) continue;
		if (seconds === null) missed++;
		else latencies[label].push(seconds * 1000);
	}
}
let failed = 0;
for (const [label, name] of [['move', `Containers with ${count} containers: key press to new frame, p95 (j k PgDn G g)`], ['type', `Containers with ${count} containers: typing in the filter, p95`], ['filtered', `Containers filtered to ${Math.round(count / 10)}: key press to new frame, p95 (j PgDn G g)`]]) {
	const p95 = percentile(latencies[label], 0.95);
	const ok = p95 <= 50 && !missed;
	if (!ok) failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${p95.toFixed(1)} ms (target 50 ms; ${latencies[label].length} presses${missed ? `, ${missed} drew nothing` : ''})`);
}
console.log(`Containers shown after 2 (the list of ${count} loaded), median: ${(percentile(latencies.switch, 0.5) / 1000).toFixed(2)} s (not a target)`);
// Exit (the private dockerd is stopped and deleted on 'exit') rather than wait for it.
process.exit(failed ? 1 : 0);

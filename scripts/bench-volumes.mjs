#!/usr/bin/env node
// Volumes at scale, for npm run bench (scripts/bench.mjs runs it; alone:
// node scripts/bench-volumes.mjs after npm run build). On a PRIVATE dockerd of
// its own (own data root and socket, no bridge, no iptables: the machine's
// engine is never touched; stopped and deleted after, also on Ctrl+C):
// 500 volumes, and one more holding 100,000 files (100 directories of 1,000,
// written straight into its _data directory). Figures, in a real terminal
// (scripts/pty-probe.py):
//   - `3` to the Volumes view's first frame with the 501 volumes, once the lists are
//     loaded (PASS/FAIL, 50 ms), and pressed at imgscope's first frame (INFO);
//   - `f` on the big volume to its tree in the Files tab (helper container,
//     GET archive, entries, tree, frame), against
//     `docker run --rm -v V:/v fixture/base:1 busybox tar c /v > /dev/null` (INFO);
//   - key press to new frame in that tree, p95 (PASS/FAIL, 50 ms): moving,
//     opening and closing directories, sort, search typed, n / N.
//
//   BENCH_VOLUMES=500 BENCH_VOLUME_FILES=100000 BENCH_RUNS=3 node scripts/bench-volumes.mjs
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startPrivateDockerd} from './lib/private-dockerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = process.env.BENCH_BIN || `${root}bin/imgscope`;
const count = Number(process.env.BENCH_VOLUMES) || 500;
const files = Number(process.env.BENCH_VOLUME_FILES) || 100_000;
const runs = Math.max(1, Number(process.env.BENCH_RUNS) || 3);
const size = process.env.BENCH_SIZE || '120x40';
const image = 'fixture/base:1';
const big = 'vbench-big';

// The private dockerd (scripts/lib/private-dockerd.mjs): stopped and deleted at exit, also on Ctrl+C.
const daemon = await startPrivateDockerd({prefix: '/tmp/isv-'});
const {socket, api} = daemon;
daemon.load(image);

const percentile = (values, p) => {
	const sorted = values.slice().sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : Infinity;
};
const median = (values) => percentile(values, 0.5);
const env = {...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONTEXT: ''};

const made = performance.now();
let next = 0;
const worker = async () => {
	while (next < count) {
		const index = next++;
		const answer = await api('POST', '/volumes/create', {Name: `vbench-${String(index).padStart(4, '0')}`, Labels: {'imgscope.test': 'volumes'}});
		if (answer.status !== 201) throw new Error(`volume create failed: ${answer.body}`);
	}
};
await Promise.all(Array.from({length: 8}, worker));
const created = await api('POST', '/volumes/create', {Name: big, Labels: {'imgscope.test': 'volumes'}});
if (created.status !== 201) throw new Error(`volume create failed: ${created.body}`);
// The local driver's volume is a directory of the private data root: filled directly, in seconds.
const data = JSON.parse(created.body).Mountpoint;
const per = Math.ceil(files / 100);
for (let d = 1; d <= 100; d++) {
	mkdirSync(`${data}/d${d}`);
	for (let f = 1; f <= per && (d - 1) * per + f <= files; f++) writeFileSync(`${data}/d${d}/f${f}`, `${f}\n`);
}
console.log(`created ${count} volumes and one of ${files} files on a private dockerd in ${((performance.now() - made) / 1000).toFixed(1)} s`);

// docker's own reading of the same files, the floor for `f`.
const dockerTimes = [];
for (let i = 0; i < runs; i++) {
	const began = performance.now();
	const result = spawnSync('sh', ['-c', `docker run --rm --network none -v ${big}:/v ${image} busybox tar c /v > /dev/null`], {env});
	if (result.status !== 0) throw new Error(`docker run failed: ${result.stderr}`);
	dockerTimes.push(performance.now() - began);
}

// 3 (the Volumes view), a filter to the big volume, f (its tree), then keys in the tree.
const inTree = [
	...[...Array(8)].map(() => ['tree', 'j']),
	['tree', '\x1b[C'],
	...[...Array(4)].map(() => ['tree', 'j']),
	['tree', '\x1b[D'],
	['tree', '\x1b[6~'],
	['tree', 'G'],
	['tree', 'g'],
	['tree', 's'],
	['tree', 's'],
	['tree', '/'],
	...[...'f999'].map((c) => ['tree', c]),
	['tree', '\r'],
	['tree', 'n'],
	['tree', 'N'],
];
// `3` at once (the rows wait for the engine's first answers), back to Images, then `3` with the lists loaded.
const keys = [['start', '3', 'vbench-0000'], ['away', '1', 'fixture/base'], ['volumes', '3', 'vbench-0000'], ['type', '/'], ...[...big].map((c) => ['type', c]), ['type', '\r'], ['open', 'f', 'whole filesystem:'], ...inTree];
const latencies = {start: [], volumes: [], open: [], tree: []};
let missed = 0;
let rss = 0;
/** The slowest press of each key in the tree, to say which one is over. */
const slowest = new Map();
for (let i = 0; i < runs; i++) {
	const result = spawnSync('python3', [`${root}scripts/pty-probe.py`, '--size', size, '--ready', 'fixture/base', '--keys', JSON.stringify(keys), '--', bin], {encoding: 'utf8', maxBuffer: 1 << 26, env});
	if (result.status !== 0) throw new Error(`pty-probe failed: ${result.stderr}`);
	const probe = JSON.parse(result.stdout);
	rss = Math.max(rss, probe.peak_rss ?? 0);
	probe.keys.forEach(([label, seconds], index) => {
		if (label === 'tree' && seconds !== null) slowest.set(keys[index][1], Math.max(slowest.get(keys[index][1]) ?? 0, seconds * 1000));
	});
	for (const [label, seconds] of probe.keys) {
		if (!latencies[label]) continue;
		if (seconds === null) missed++;
		else latencies[label].push(seconds * 1000);
	}
}
let failed = 0;
const line = (ok, text) => {
	if (!ok) failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${text}`);
};
const volumes = percentile(latencies.volumes, 0.95);
console.log(`INFO Volumes with ${count + 1} volumes: 3 pressed at imgscope's first frame to the rows: ${median(latencies.start).toFixed(0)} ms (median of ${latencies.start.length}; the lists wait for the engine's first answers, df up to 2 s)`);
line(volumes <= 50 && latencies.volumes.length === runs, `Volumes with ${count + 1} volumes: 3 to the first frame with its rows, the lists loaded, p95: ${volumes.toFixed(1)} ms (target 50 ms; ${latencies.volumes.length} runs)`);
const open = median(latencies.open);
const floor = median(dockerTimes);
console.log(`INFO volume of ${files} files: f to its tree ${open.toFixed(0)} ms (median of ${latencies.open.length}: ${latencies.open.map((t) => t.toFixed(0)).join(', ')}), docker run --rm -v V:/v busybox tar c /v > /dev/null ${floor.toFixed(0)} ms (${dockerTimes.map((t) => t.toFixed(0)).join(', ')}), ratio ${(open / floor).toFixed(2)}x, peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB`);
if (latencies.open.length < runs) line(false, `volume of ${files} files: the tree did not show in ${runs - latencies.open.length} of ${runs} runs`);
const tree = percentile(latencies.tree, 0.95);
line(tree <= 50 && !missed, `the tree of ${files} files: key press to new frame, p95 (j → ← PgDn G g s / n N): ${tree.toFixed(1)} ms (target 50 ms; ${latencies.tree.length} presses${missed ? `, ${missed} drew nothing` : ''})`);
console.log(`     slowest press per key in the tree: ${[...slowest].sort((a, b) => b[1] - a[1]).map(([key, ms]) => `${JSON.stringify(key)} ${ms.toFixed(0)} ms`).join(', ')}`);
process.exitCode = failed ? 1 : 0;

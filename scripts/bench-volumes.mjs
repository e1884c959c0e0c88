#!/usr/bin/env node
// The files of a volume with 100,000 files: imgscope's read (helper container
// created, GET archive streamed into the entries and the tree, helper removed;
// what the Volumes view waits for between Enter and the files) against
// `docker run --rm -v V:/v fixture/base:1 busybox tar c /v > /dev/null`. Median of
// 3 runs each, in-process times for imgscope (node already started).
// Run: node scripts/bench-volumes.mjs   (uses tsx for the sources; needs the engine)
import {execFileSync, spawnSync} from 'node:child_process';

const FILES = Number(process.env.BENCH_VOLUME_FILES) || 100_000;
const volume = `imgscope-bench-volume-${FILES}`;
const docker = (args, opts = {}) => execFileSync('docker', args, {encoding: 'utf8', maxBuffer: 256 << 20, ...opts});

function ensureVolume() {
	try {
		if (docker(['volume', 'inspect', '-f', '{{index .Labels "imgscope.bench.files"}}', volume]).trim() === String(FILES)) return;
		docker(['volume', 'rm', volume]);
	} catch {}
	docker(['volume', 'create', '--label', 'imgscope.test=volumes', '--label', `imgscope.bench.files=${FILES}`, volume]);
	// 100 directories of FILES/100 small files each.
	const per = Math.ceil(FILES / 100);
	docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, 'fixture/base:1', 'sh', '-c', `cd /v && for d in $(busybox seq 1 100); do mkdir d$d; cd d$d; for f in $(busybox seq 1 ${per}); do echo $f > f$f; done; cd ..; done`], {stdio: 'ignore'});
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

ensureVolume();
const dockerTimes = [];
for (let i = 0; i < 3; i++) {
	const start = process.hrtime.bigint();
	const r = spawnSync('sh', ['-c', `docker run --rm --network none -v ${volume}:/v fixture/base:1 busybox tar c /v > /dev/null`]);
	if (r.status !== 0) throw new Error(`docker run failed: ${r.stderr}`);
	dockerTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const probe = `
import {Engine} from './source/engine/engine.ts';
import {resolveEndpoint} from './source/engine/endpoint.ts';
import {readVolumeFiles} from './source/engine/volumes/files.ts';
const engine = new Engine(resolveEndpoint());
const times = [];
let entries = 0;
for (let i = 0; i < 3; i++) {
	const start = performance.now();
	const files = await readVolumeFiles(engine, ${JSON.stringify(volume)});
	times.push(performance.now() - start);
	entries = files.entries.length;
}
engine.close();
console.log(JSON.stringify({times, entries, rss: process.memoryUsage().rss}));
`;
const out = execFileSync('npx', ['tsx', '--input-type=module', '-e', probe], {encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname});
const {times, entries, rss} = JSON.parse(out.trim().split('\n').pop());
const mine = median(times);
const theirs = median(dockerTimes);
console.log(`volume files, ${entries} entries: imgscope read to tree ${mine.toFixed(0)} ms (median of 3; ${times.map((t) => t.toFixed(0)).join(', ')}), ` + `docker run tar c ${theirs.toFixed(0)} ms (${dockerTimes.map((t) => t.toFixed(0)).join(', ')}), ratio ${(mine / theirs).toFixed(2)}x, RSS ${(rss / 2 ** 20).toFixed(0)} MiB`);
// The engine is shared: the volume goes unless asked to keep it for the next run.
if (!process.env.BENCH_KEEP) docker(['volume', 'rm', volume]);

// npm run bench: imgscope's speed as a user meets it, each figure a ratio to
// `node -e 0` measured in the same run (this machine is shared and noisy).
// Creates what it needs on the engine (2,000 tags) and removes it after.
import {execFileSync, spawnSync} from 'node:child_process';
import {cpus, totalmem} from 'node:os';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}bin/imgscope`;
const runs = Number(process.env.BENCH_RUNS) || 7;
const tagCount = Number(process.env.BENCH_TAGS) || 2000;
const results = [];

function median(values) {
	const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}
function p95(values) {
	const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] : NaN;
}
function timeCommand(command, args, options = {}) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {stdio: ['ignore', 'ignore', 'pipe'], ...options});
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
	return Number(process.hrtime.bigint() - start) / 1e9;
}
function probe(marker, keys = [], size = [100, 30]) {
	const out = execFileSync('python3', [`${root}scripts/pty-probe.py`, String(size[0]), String(size[1]), marker, JSON.stringify(keys), '--', 'node', bin], {encoding: 'utf8'});
	return JSON.parse(out);
}
function report(name, value, floor, target, unit = 'ratio') {
	const ratio = value / floor;
	const ok = unit === 'ratio' ? ratio <= target : value <= target;
	results.push({name, value, floor, ratio, target, unit, ok});
	const shown = unit === 'ratio' ? `${(value * 1000).toFixed(0)} ms = ${ratio.toFixed(2)}x floor (${(floor * 1000).toFixed(0)} ms); target <= ${target}x` : `${value.toFixed(unit === 'MiB' ? 0 : 1)} ${unit}; target <= ${target} ${unit}`;
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${shown}`);
}

console.log(`imgscope bench: ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${runs} runs each (medians)\n`);
const floorRuns = Array.from({length: runs}, () => timeCommand('node', ['-e', '0']));
const floor = median(floorRuns);

// 1. TUI: process start to the first frame that shows the image list.
const firstFrames = Array.from({length: runs}, () => probe('fixture/base').first_frame);
report('TUI first frame (image list)', median(firstFrames), floor, 3);

// 2. A piped subcommand.
const piped = Array.from({length: runs}, () => timeCommand('node', [bin, 'inspect', '--format', '{{.Id}}', 'fixture/app:1']));
report("piped `imgscope inspect --format '{{.Id}}' IMAGE`", median(piped), floor, 1.5);

// 3. Scale: 2,000 tags.
const refs = Array.from({length: tagCount}, (_, i) => `imgscope-bench/tag:${i}`);
console.log(`\ncreating ${tagCount} tags…`);
execFileSync('node', [`${root}scripts/bench-tags.mjs`, 'create', String(tagCount)], {stdio: 'inherit'});
try {
	const scaled = Array.from({length: runs}, () => probe('imgscope-bench/tag', [...Array(20)].map(() => ['j', null]).concat([['/', null], ['t', null], ['a', null], ['g', null], [':', null], ['1', null]])));
	report(`TUI first frame with ${tagCount} tags`, median(scaled.map((r) => r.first_frame)), floor, 4);
	const latencies = scaled.flatMap((r) => r.latencies);
	report('key press to new frame, p95 (moving, typing in the filter)', p95(latencies) * 1000, 1, 50, 'ms');
	report('peak RSS with 2,000 tags', Math.max(...scaled.map((r) => r.peak_rss)) / 2 ** 20, 1, 200, 'MiB');

	// 4. inspect --format over 2,000 references, imgscope against docker.
	const format = '{{.Id}} {{len .RootFS.Layers}}';
	const mine = [];
	const theirs = [];
	for (let i = 0; i < Math.min(runs, 3); i++) {
		theirs.push(timeCommand('docker', ['image', 'inspect', '--format', format, ...refs]));
		mine.push(timeCommand('node', [bin, 'inspect', '--format', format, ...refs]));
	}
	report(`inspect --format over ${tagCount} refs vs docker`, median(mine), median(theirs), 1);
} finally {
	execFileSync('node', [`${root}scripts/bench-tags.mjs`, 'remove', String(tagCount)], {stdio: 'inherit'});
}

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} of ${results.length} targets met`);

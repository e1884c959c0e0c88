// Layer reading speed and memory (issue 5): `imgscope check test-layers/big:1`
// against `docker save test-layers/big:1 > /dev/null`, the engine's own export
// (imgscope reads exactly that stream, so it cannot beat it). Medians of
// BENCH_RUNS (default 5) runs each, interleaved, after one warm-up of each;
// peak RSS of the imgscope process from /usr/bin/time (or /proc polling).
// Targets: time ratio <= 1.25, peak RSS < 200 MiB. Always exits 0 (a report,
// not a gate); `--json` prints one JSON object instead of the text.
//
// `check` reads without hashing file contents (its figures never compare
// them). For reference, a read that hashes every file (what `files`, `diff`
// and the Files tab do) is timed too, BENCH_LAYERS_FULL_RUNS times (default
// 3, 0 to skip), without a target.
//
// Needs `npm run build` first (runs bin/imgscope) and the image, built by
// `bash test/layers/fixtures.sh --big` (about 200 MB in about 41,000 files).
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, openSync, closeSync, readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}bin/imgscope`;
const image = process.env.BENCH_LAYERS_IMAGE || 'test-layers/big:1';
const runs = Number(process.env.BENCH_RUNS) || 5;
const asJson = process.argv.includes('--json');
const TIME_TARGET = 1.25;
const MEM_TARGET_MIB = 200;
const log = (line) => asJson || console.log(line);

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function finish(result) {
	if (asJson) console.log(JSON.stringify(result));
	process.exit(0);
}

const haveTime = existsSync('/usr/bin/time');

/** Runs a command with stdout to /dev/null; resolves {seconds, peakKiB, code}. */
function run(command, args, {measureMemory = false, okCodes = [0], quietStderr = false} = {}) {
	return new Promise((resolve, reject) => {
		const devnull = openSync('/dev/null', 'w');
		const wrapped = measureMemory && haveTime ? ['/usr/bin/time', ['-f', '%M', command, ...args]] : [command, args];
		const start = process.hrtime.bigint();
		const child = spawn(wrapped[0], wrapped[1], {stdio: ['ignore', devnull, 'pipe'], env: {...process.env, CI: undefined}});
		closeSync(devnull);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		// Without /usr/bin/time: poll the high-water mark while it runs.
		let peakKiB = 0;
		const poll = measureMemory && !haveTime ? setInterval(() => {
			try {
				const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
				if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
			} catch {}
		}, 20) : undefined;
		child.on('error', reject);
		child.on('close', (code) => {
			const seconds = Number(process.hrtime.bigint() - start) / 1e9;
			if (poll) clearInterval(poll);
			let text = stderr;
			if (measureMemory && haveTime) {
				const lines = stderr.trimEnd().split('\n');
				const last = lines.pop() ?? '';
				if (/^\d+$/.test(last)) peakKiB = Number(last);
				text = lines.join('\n');
				// /usr/bin/time reports the child's failure as its own line.
				text = text.replace(/^Command exited with non-zero status \d+$/m, '').trim();
			}
			// imgscope writes nothing on stderr off a terminal unless something went wrong.
			if (!okCodes.includes(code) || (quietStderr && text.trim() !== '')) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${text.trim()}`));
			else resolve({seconds, peakKiB, code});
		});
	});
}

try {
	execFileSync('docker', ['image', 'inspect', image], {stdio: 'ignore'});
} catch {
	log(`SKIP  layer reading: ${image} is not on the engine (build it with: bash test/layers/fixtures.sh --big)`);
	finish({name: 'layers', skipped: true, reason: `${image} missing`});
}
if (!existsSync(`${root}dist/imgscope.js`)) {
	log('SKIP  layer reading: no build (run npm run build first)');
	finish({name: 'layers', skipped: true, reason: 'no build'});
}

const save = () => run('docker', ['save', image]);
// check exits 1 when a rule fails (dive's default rules fail on this image): still a good run.
const check = () => run(bin, ['check', image], {measureMemory: true, okCodes: [0, 1], quietStderr: true});

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
log(`imgscope check ${image} vs docker save ${image} > /dev/null: ${runs} runs each, interleaved (medians); load average ${loadBefore}`);

// A failed run is reported, not thrown: this script is a report and always exits 0.
let figures;
try {
	await save();
	await check();
	const saveTimes = [];
	const checkTimes = [];
	const peaks = [];
	for (let i = 0; i < runs; i++) {
		saveTimes.push((await save()).seconds);
		const c = await check();
		checkTimes.push(c.seconds);
		peaks.push(c.peakKiB);
	}
	const saveMedian = median(saveTimes);
	const checkMedian = median(checkTimes);
	const ratio = checkMedian / saveMedian;
	const peakMiB = Math.max(...peaks) / 1024;
	const timeOk = ratio <= TIME_TARGET;
	const memOk = peakMiB < MEM_TARGET_MIB;
	log(`  docker save: ${saveTimes.map((t) => t.toFixed(2)).join(' ')} s, median ${saveMedian.toFixed(2)} s`);
	log(`  imgscope check: ${checkTimes.map((t) => t.toFixed(2)).join(' ')} s, median ${checkMedian.toFixed(2)} s`);
	log(`${timeOk ? 'PASS' : 'FAIL'}  imgscope check / docker save: ${ratio.toFixed(2)}x; target <= ${TIME_TARGET}x`);
	log(`${memOk ? 'PASS' : 'FAIL'}  imgscope check peak RSS: ${peakMiB.toFixed(0)} MiB (max of ${runs} runs); target < ${MEM_TARGET_MIB} MiB`);

	// For reference: a read that hashes every file's contents.
	const fullRuns = Number(process.env.BENCH_LAYERS_FULL_RUNS ?? 3);
	let full;
	if (fullRuns > 0) {
		const fullTimes = [];
		const fullPeaks = [];
		for (let i = 0; i < fullRuns; i++) {
			const r = await run(bin, ['files', image, '--json'], {measureMemory: true, quietStderr: true});
			fullTimes.push(r.seconds);
			fullPeaks.push(r.peakKiB);
		}
		full = {seconds: median(fullTimes), ratio: median(fullTimes) / saveMedian, peakRssMiB: Math.max(...fullPeaks) / 1024};
		log(`INFO  imgscope files ${image} --json (hashes every file): median ${full.seconds.toFixed(2)} s = ${full.ratio.toFixed(2)}x docker save, peak RSS ${full.peakRssMiB.toFixed(0)} MiB (${fullRuns} runs, no target)`);
	}
	log(`load average after: ${load()}`);
	figures = {saveMedian, checkMedian, ratio, peakMiB, timeOk, memOk, full};
} catch (error) {
	log(`FAIL  layer reading: ${error?.message ?? error}`);
	finish({name: 'layers', image, error: String(error?.message ?? error), pass: false});
}
const {saveMedian, checkMedian, ratio, peakMiB, timeOk, memOk, full} = figures;
finish({
	name: 'layers',
	image,
	runs,
	dockerSaveSeconds: saveMedian,
	checkSeconds: checkMedian,
	ratio,
	ratioTarget: TIME_TARGET,
	peakRssMiB: peakMiB,
	peakRssTargetMiB: MEM_TARGET_MIB,
	pass: timeOk && memOk,
	full,
	loadAverage: {before: loadBefore, after: load()},
});

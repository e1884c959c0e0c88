// npm run bench: imgscope's speed as a person meets it. Every figure is a
// ratio to a floor measured in the same run, interleaved with it run by run
// (the machine is shared and noisy): `node -e 0` started the same way (in a
// pseudo-terminal for the TUI, with piped stdio for subcommands), or the
// docker client doing the same work. Medians of BENCH_RUNS runs (default 7).
// Creates what it needs on the engine (one image with 2,000 tags) and
// removes it after, also on Ctrl+C.
//
//   npm run bench                       (builds first)
//   node scripts/bench.mjs [--markdown] (the table also as Markdown, for BENCHMARKS.md)
//   BENCH_RUNS=9 BENCH_TAGS=2000 BENCH_SKIP=layers,refs,plain,files node scripts/bench.mjs
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {cpus, loadavg, tmpdir, totalmem} from 'node:os';
import {fileURLToPath} from 'node:url';
import {createBenchTags, removeBenchImages} from './bench-tags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/imgscope.cjs`)) {
	console.error('bench: no build in dist/ (npm run bench builds first; or npm run build)');
	process.exit(2);
}
// The build just made, as installed: bin/, dist/ and package.json copied to a
// directory of the bench's own (node_modules linked), so that a rebuild by
// other work on this machine cannot change or remove it half-way through.
const install = mkdtempSync(`${tmpdir()}/imgscope-bench-`);
cpSync(`${root}bin`, `${install}/bin`, {recursive: true});
cpSync(`${root}dist`, `${install}/dist`, {recursive: true, filter: (source) => !source.includes('/.cache')});
cpSync(`${root}package.json`, `${install}/package.json`);
symlinkSync(`${root}node_modules`, `${install}/node_modules`);
process.on('exit', () => rmSync(install, {recursive: true, force: true}));
const bin = `${install}/bin/imgscope`;
const runs = Math.max(5, Number(process.env.BENCH_RUNS) || 7);
const refRuns = Math.max(5, Number(process.env.BENCH_REF_RUNS) || 5);
const tagCount = Number(process.env.BENCH_TAGS) || 2000;
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
// BENCH_ONLY=huge,volumes runs those sections and no other (names: startup, plain, big, huge, tags,
// layers, registry, containers, df, volumes, scale, idle): one figure measured before and after a change.
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
/** Whether a section runs: named in BENCH_ONLY when that is set, else none of its names in BENCH_SKIP. */
const wanted = (name, ...skipNames) => (only.size ? only.has(name) : ![name, ...skipNames].some((s) => skip.has(s)));
const markdown = process.argv.includes('--markdown');
const size = process.env.BENCH_SIZE || '120x40';
const results = [];

// ---- measuring -----------------------------------------------------------

const sorted = (values) => values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
function median(values) {
	const s = sorted(values);
	if (!s.length) return NaN;
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function percentile(values, p) {
	const s = sorted(values);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)] : NaN;
}

/** Wall time of a command with stdin closed and stdout/stderr piped (as in `imgscope ... | cat`). */
function timed(command, args, env = process.env) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, env: {...env, CI: ''}});
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 4).join(' ')}… exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
	return {seconds, stdout: result.stdout};
}

/** One run of scripts/pty-probe.py: a program in a pseudo-terminal as a person's terminal runs it. */
function probe(options, command, env = process.env) {
	const args = [`${root}scripts/pty-probe.py`, '--size', size];
	for (const text of options.ready ?? []) args.push('--ready', text);
	if (options.then) args.push('--then', ...options.then);
	if (options.keys) args.push('--keys', JSON.stringify(options.keys));
	if (options.exit) args.push('--exit');
	const result = spawnSync('python3', [...args, '--', ...command], {encoding: 'utf8', maxBuffer: 1 << 26, env});
	if (result.status !== 0) throw new Error(`pty-probe failed: ${result.stderr}`);
	const answer = JSON.parse(result.stdout);
	if (!options.exit && answer.first_frame === null) throw new Error(`no first frame showing ${JSON.stringify(options.ready)}; the screen ended with:\n${answer.screen_tail}`);
	return answer;
}
const ptyFloor = (env) => probe({exit: true}, ['node', '-e', '0'], env).exit;

// ---- reporting -----------------------------------------------------------

function ms(seconds) {
	return `${(seconds * 1000).toFixed(0)} ms`;
}
/** A figure held as a ratio to its floor. */
function ratio(name, value, floor, target, floorName) {
	const r = value / floor;
	const row = {name, value: ms(value), floor: `${ms(floor)} (${floorName})`, ratio: `${r.toFixed(2)}x`, target: `≤ ${target}x`, ok: r <= target};
	results.push(row);
	print(row);
}
/** A figure with no target, shown for what it tells. */
function info(name, value, floor, floorName) {
	const row = {name, value: ms(value), floor: `${ms(floor)} (${floorName})`, ratio: `${(value / floor).toFixed(2)}x`, target: 'none', ok: true, info: true};
	results.push(row);
	console.log(`INFO  ${name}: ${row.value} = ${row.ratio} of ${row.floor}`);
}
/** A figure held as an absolute amount (latency, memory). */
function absolute(name, value, unit, target, note = '') {
	const shown = unit === 'ms' ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ${unit}`;
	const row = {name, value: shown, floor: note, ratio: '', target: `≤ ${target} ${unit}`, ok: value <= target};
	results.push(row);
	print(row);
}
function print(row) {
	console.log(`${row.ok ? 'PASS' : 'FAIL'}  ${row.name}: ${row.value}${row.ratio ? ` = ${row.ratio} of ${row.floor}` : row.floor ? ` (${row.floor})` : ''}; target ${row.target}`);
}

// ---- the machine ---------------------------------------------------------

const engineVersion = (() => {
	const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {encoding: 'utf8'});
	return result.status === 0 ? result.stdout.trim() : 'unknown';
})();
const machine = `${cpus().length} x ${cpus()[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, docker engine ${engineVersion}, ${process.platform}/${process.arch}`;
const loadBefore = loadavg().map((v) => v.toFixed(2)).join(' ');
console.log(`imgscope bench: ${machine}`);
console.log(`load average at start: ${loadBefore}; ${runs} runs per figure (${refRuns} for the ${tagCount}-ref inspect), medians, each interleaved with its floor\n`);

// Warm-up, not counted: disk caches, and imgscope's code cache for each path
// (bin/imgscope writes it after a mode's first run, as it does for a user).
const inspectArgs = ['inspect', '--format', '{{.Id}}', 'fixture/app:1'];
timed('node', ['-e', '0']);
timed(bin, [...inspectArgs]);
probe({ready: ['REPOSITORY', 'fixture/base']}, [bin]);

// ---- 1. the TUI's first frame ---------------------------------------------

if (wanted('startup')) {
	const floors = [];
	const frames = [];
	const ready = [];
	for (let i = 0; i < runs; i++) {
		floors.push(ptyFloor());
		// `?` pressed as soon as the list shows: its help is drawn once the explorer takes keys.
		const answer = probe({ready: ['REPOSITORY', 'fixture/base'], then: ['?', 'Move down']}, [bin]);
		frames.push(answer.first_frame);
		ready.push(answer.then);
	}
	ratio('TUI: start to the first frame showing the image list', median(frames), median(floors), 3, 'node -e 0 in a pty');
	info('TUI: start until a key pressed at the first frame is answered (ready for keys)', median(ready), median(floors), 'node -e 0 in a pty');
}

// ---- 2. a piped subcommand -----------------------------------------------

if (wanted('startup')) {
	const floors = [];
	const times = [];
	for (let i = 0; i < runs; i++) {
		floors.push(timed('node', ['-e', '0']).seconds);
		times.push(timed(bin, [...inspectArgs]).seconds);
	}
	ratio("piped `imgscope inspect --format '{{.Id}}' IMAGE`", median(times), median(floors), 1.5, 'node -e 0 piped');
}

// ---- 2b. the same two without NODE_EXTRA_CA_CERTS --------------------------
// Node reads that file at every start (before any JS runs): where it names a
// system bundle, as on this machine, that is most of `node -e 0`. imgscope
// does not pay it (bin/imgscope starts node without it), the floor above
// does: those ratios are as a person here meets them. These are the same
// start-ups with the variable unset on both sides: imgscope's own cost over
// a bare node (targets: 2x and 1.5x).

if (process.env.NODE_EXTRA_CA_CERTS && wanted('plain')) {
	const plain = {...process.env};
	delete plain.NODE_EXTRA_CA_CERTS;
	const floors = [];
	const frames = [];
	const pipeFloors = [];
	const piped = [];
	const oneRequest = [];
	for (let i = 0; i < runs; i++) {
		floors.push(ptyFloor(plain));
		frames.push(probe({ready: ['REPOSITORY', 'fixture/base']}, [bin], plain).first_frame);
		pipeFloors.push(timed('node', ['-e', '0'], plain).seconds);
		piped.push(timed(bin, [...inspectArgs], plain).seconds);
		oneRequest.push(timed('node', [`${root}scripts/lib/one-request.cjs`, `/images/${encodeURIComponent(inspectArgs.at(-1))}/json`], plain).seconds);
	}
	console.log(`\nwithout NODE_EXTRA_CA_CERTS (set here to ${process.env.NODE_EXTRA_CA_CERTS}):`);
	// Targets since issue 16 (honest floors): imgscope's own start-up over a bare node.
	ratio('  TUI first frame, NODE_EXTRA_CA_CERTS unset', median(frames), median(floors), 2, 'node -e 0 in a pty, unset too');
	ratio("  piped inspect --format '{{.Id}}', NODE_EXTRA_CA_CERTS unset", median(piped), median(pipeFloors), 1.5, 'node -e 0 piped, unset too');
	// What no node program that asks the engine goes under: node, its http client and the one request.
	info('    a bare node making the same request (GET /images/REF/json, the body printed)', median(oneRequest), median(pipeFloors), 'node -e 0 piped, unset too');
}

// ---- 2c. the Files tab on a big image (the layers issue) ------------------
// test-layers/big:1 (208 MB, ~41,000 files; bash test/layers/fixtures.sh --big):
// open it, go to the Files tab on its big layer (the engine's export is read),
// then keys a person uses there, each timed to its frame: moving, opening a
// directory of 1,000 files, the whole filesystem (a) of this layer and the
// next, the sort, the change filter, search as you type, every directory
// open (e) and closed (c), the waste view. Peak RSS over the whole run.

const bigImage = process.env.BENCH_LAYERS_IMAGE || 'test-layers/big:1';
const hugeImage = 'imgscope-real/huge:1';
const nav = (text) => ['nav', text];
const key = (text) => ['key', text];
const opening = (image) => [nav('/'), nav(image.replace(/:.*$/, '')), nav('\r'), nav('\r'), nav('j'), nav('\t'), nav('\t'), ['open', '\t', 'changes:']];

/**
 * Opens the Files tab of IMAGE (filesRuns times, docker save before each) and
 * presses KEYS. cold: the layer index is emptied before each run (a private
 * XDG_CACHE_HOME), so the key to the tree is a first analysis.
 */
function filesTab(image, keys, {cold = false} = {}) {
	const filesRuns = Number(process.env.BENCH_FILES_RUNS) || 3;
	const cache = cold ? mkdtempSync(`${tmpdir()}/imgscope-bench-files-`) : undefined;
	const env = cold ? {...process.env, XDG_CACHE_HOME: cache, PTY_PROBE_MARKER_S: '300'} : process.env;
	const opens = [];
	const saves = [];
	const latencies = [];
	let missed = 0;
	let peak = 0;
	try {
		for (let i = 0; i < filesRuns; i++) {
			saves.push(timed('sh', ['-c', `docker save '${image}' > /dev/null`]).seconds);
			if (cold) rmSync(`${cache}/imgscope/layers`, {recursive: true, force: true});
			const answer = probe({ready: ['REPOSITORY'], keys}, [bin], env);
			for (const [label, seconds] of answer.keys) {
				if (label === 'open') opens.push(seconds ?? Infinity);
				else if (label === 'key') seconds === null ? missed++ : latencies.push(seconds * 1000);
			}
			peak = Math.max(peak, answer.peak_rss);
		}
	} finally {
		if (cache) rmSync(cache, {recursive: true, force: true});
	}
	const note = `${latencies.length} presses, median ${median(latencies).toFixed(1)} ms, slowest ${Math.max(...latencies).toFixed(1)} ms${missed ? `, ${missed} drew nothing` : ''}`;
	return {opens: median(opens), saves: median(saves), p95: missed ? Infinity : percentile(latencies, 0.95), note, peak, filesRuns};
}

if (wanted('big', 'files')) {
	if (spawnSync('docker', ['image', 'inspect', bigImage], {stdio: 'ignore'}).status !== 0) {
		console.log(`\nSKIP  Files tab: ${bigImage} is not on the engine (bash test/layers/fixtures.sh --big)`);
	} else {
		const keys = [
			...opening(bigImage),
			key('j'), key('j'), key('j'), key('\r'), key('j'), key('\x1b[6~'), key('G'), key('g'),
			key('a'), key('a'), key(']'), key('a'), key('['), key('s'), key('s'),
			key('e'), key('G'), key('c'), key('f'), key('f'), key('f'), key('f'),
			key('/'), key('f'), key('0'), key('1'), key('\x1b'), key('w'), key('w'),
		];
		const r = filesTab(bigImage, keys);
		console.log(`\nthe Files tab on ${bigImage} (${r.filesRuns} runs):`);
		info('Files tab: the key to the tree (layer index as the user has it)', r.opens, r.saves, `docker save ${bigImage} > /dev/null`);
		absolute('Files tab on 41,000 files: key press to new frame, p95 (move, open, a, [ ], sort, filter, search, e, c, w)', r.p95, 'ms', 50, r.note);
		absolute('peak RSS of the TUI reading and browsing it', r.peak / 2 ** 20, 'MiB', 200, `VmHWM, the largest of ${r.filesRuns} runs`);
	}
}

// ---- 2d. the Files tab on one 2 GB layer of 300,000 files (issue 16) --------
// imgscope-real/huge:1 (bash test/layers/fixtures.sh --real), with an empty
// layer index each run: the same keys but ] [ (it has one layer).

if (wanted('huge', 'files', 'scale')) {
	if (spawnSync('docker', ['image', 'inspect', hugeImage], {stdio: 'ignore'}).status !== 0) {
		console.log(`\nSKIP  Files tab at 300,000 files: ${hugeImage} is not on the engine (bash test/layers/fixtures.sh --real)`);
	} else {
		const keys = [
			...opening(hugeImage),
			key('j'), key('j'), key('\r'), key('j'), key('\x1b[6~'), key('G'), key('g'),
			key('a'), key('a'), key('s'), key('s'),
			key('e'), key('G'), key('c'), key('f'), key('f'), key('f'), key('f'),
			key('/'), key('f'), key('0'), key('1'), key('\x1b'), key('w'), key('w'),
		];
		const r = filesTab(hugeImage, keys, {cold: true});
		console.log(`\nthe Files tab on ${hugeImage} (${r.filesRuns} runs, empty layer index):`);
		ratio('Files tab at 300,000 files: the key to the tree, first analysis', r.opens, r.saves, 1.1, `docker save ${hugeImage} > /dev/null`);
		absolute('Files tab at 300,000 files: key press to new frame, p95 (move, open, a, sort, filter, search, e, c, w)', r.p95, 'ms', 50, r.note);
		absolute('peak RSS of the TUI at 300,000 files', r.peak / 2 ** 20, 'MiB', 250, `VmHWM, the largest of ${r.filesRuns} runs`);
	}
}

// ---- 3. scale: 2,000 tags --------------------------------------------------

let interrupted = false;
const cleanUp = async () => {
	try {
		const untagged = await removeBenchImages();
		if (untagged) console.log(`removed the bench image and its ${untagged} tags`);
	} catch (error) {
		console.log(`could not remove the bench image (${error.message}): node scripts/bench-tags.mjs remove`);
	}
};
process.on('SIGINT', () => {
	if (interrupted) process.exit(130);
	interrupted = true;
	console.log('\ninterrupted: removing the bench tags…');
	cleanUp().finally(() => process.exit(130));
});

if (wanted('tags')) {
	console.log(`\ncreating ${tagCount} tags of one image…`);
	const made = performance.now();
	const {refs} = await createBenchTags(tagCount);
	console.log(`created ${refs.length} tags in ${((performance.now() - made) / 1000).toFixed(1)} s\n`);
	try {
		// Moving the selection, then typing in the filter: each key after the
		// previous frame is complete and ~60 ms of quiet (a fast typist).
		const moves = [...Array(12)].map(() => ['move', 'j']).concat([...Array(4)].map(() => ['move', 'k']), [['move', '\x1b[6~']], [['move', 'G']], [['move', 'g']]);
		const typing = [['type', '/'], ...[...'tag:1'].map((c) => ['type', c]), ['type', '9'], ['type', '\x7f'], ['type', '\x7f'], ['type', '2'], ['type', '\x1b']];
		const keys = [...moves, ...typing];
		probe({ready: ['REPOSITORY', 'imgscope-bench/tag']}, [bin]);
		const floors = [];
		const frames = [];
		const latencies = {move: [], type: []};
		const missed = {move: 0, type: 0};
		let peak = 0;
		for (let i = 0; i < runs; i++) {
			floors.push(ptyFloor());
			const answer = probe({ready: ['REPOSITORY', 'imgscope-bench/tag'], keys}, [bin]);
			frames.push(answer.first_frame);
			for (const [label, seconds] of answer.keys) {
				if (seconds === null) missed[label]++;
				else latencies[label].push(seconds * 1000);
			}
			peak = Math.max(peak, answer.peak_rss);
		}
		ratio(`TUI with ${tagCount} tags: start to the first frame`, median(frames), median(floors), 4, 'node -e 0 in a pty');
		for (const [label, name] of [['move', 'moving the selection (j k PgDn G g)'], ['type', 'typing in the filter (/ text ⌫ esc)']]) {
			const note = `${latencies[label].length} presses, median ${median(latencies[label]).toFixed(1)} ms${missed[label] ? `, ${missed[label]} drew nothing` : ''}`;
			absolute(`key press to new frame, p95, ${name}`, missed[label] ? Infinity : percentile(latencies[label], 0.95), 'ms', 50, note);
		}
		absolute(`peak RSS of the TUI with ${tagCount} tags`, peak / 2 ** 20, 'MiB', 200, `VmHWM, the largest of ${runs} runs`);

		// 4. inspect --format over all the refs, against the docker client.
		if (!skip.has('refs')) {
			const format = '{{.Id}} {{.Created}} {{len .RootFS.Layers}}';
			const docker = [];
			const mine = [];
			for (let i = 0; i < refRuns; i++) {
				const theirs = timed('docker', ['image', 'inspect', '--format', format, ...refs]);
				const ours = timed(bin, ['inspect', '--format', format, ...refs]);
				if (!ours.stdout.equals(theirs.stdout)) throw new Error('imgscope inspect and docker image inspect printed different bytes');
				docker.push(theirs.seconds);
				mine.push(ours.seconds);
			}
			ratio(`\`imgscope inspect --format T\` over ${tagCount} refs (same bytes as docker's)`, median(mine), median(docker), 1, '`docker image inspect --format T` with the same args');
		}

		// 4b. `imgscope ls` over the same images against `docker image ls`, and history (issue 16).
		if (!skip.has('ls')) {
			const docker = [];
			const mine = [];
			const dockerHistory = [];
			const mineHistory = [];
			// A bare node making the same one request (and printing its body), no CA file read:
			// how much of a miss is node's start and http client, how much is imgscope's.
			const bareNode = [];
			const bareNodeHistory = [];
			const oneRequest = `${root}scripts/lib/one-request.cjs`;
			const {NODE_EXTRA_CA_CERTS: _, ...bareEnv} = process.env;
			const historyPath = `/images/${encodeURIComponent(refs[0])}/history`;
			for (let i = 0; i < refRuns; i++) {
				docker.push(timed('docker', ['image', 'ls']).seconds);
				mine.push(timed(bin, ['ls']).seconds);
				bareNode.push(timed('node', [oneRequest, '/images/json'], bareEnv).seconds);
				dockerHistory.push(timed('docker', ['history', refs[0]]).seconds);
				mineHistory.push(timed(bin, ['history', refs[0]]).seconds);
				bareNodeHistory.push(timed('node', [oneRequest, historyPath], bareEnv).seconds);
			}
			ratio(`\`imgscope ls\` with ${tagCount}+ images`, median(mine), median(docker), 1, '`docker image ls`');
			info('  a bare node making the same request, GET /images/json', median(bareNode), median(docker), '`docker image ls`');
			info('  `imgscope ls` against that bare node', median(mine), median(bareNode), 'node scripts/lib/one-request.cjs /images/json');
			ratio('`imgscope history IMAGE`', median(mineHistory), median(dockerHistory), 1.5, '`docker history IMAGE`');
			info('  a bare node making the same request, GET /images/REF/history', median(bareNodeHistory), median(dockerHistory), '`docker history IMAGE`');
			info('  `imgscope history` against that bare node', median(mineHistory), median(bareNodeHistory), 'node scripts/lib/one-request.cjs /images/REF/history');
		}
	} finally {
		await cleanUp();
	}
}

// ---- 5. layer analysis (scripts/bench-layers.mjs, when it exists) ---------

if (wanted('layers') && existsSync(`${root}scripts/bench-layers.mjs`)) {
	console.log('\nscripts/bench-layers.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-layers.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env});
	process.stdout.write(result.stdout ?? '');
	// Its PASS/FAIL lines count with ours.
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
	if (result.status !== 0) results.push({name: `scripts/bench-layers.mjs exited ${result.status}`, value: '', floor: '', ratio: '', target: '', ok: false, external: true});
}

// ---- 6. registry reading (scripts/bench-registry.mjs) ----------------------

if (wanted('registry') && existsSync(`${root}scripts/bench-registry.mjs`)) {
	console.log('\nscripts/bench-registry.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-registry.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env});
	process.stdout.write(result.stdout ?? '');
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
}

// ---- 7. Containers at scale (scripts/bench-containers.mjs: 2,000 containers on a private dockerd) ----

if (wanted('containers') && existsSync(`${root}scripts/bench-containers.mjs`)) {
	console.log('\nscripts/bench-containers.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-containers.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, BENCH_BIN: bin, BENCH_SIZE: size}});
	process.stdout.write(result.stdout ?? '');
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
	if (result.status !== 0 && !(result.stdout ?? '').includes('FAIL')) results.push({name: `scripts/bench-containers.mjs exited ${result.status}`, value: '', floor: '', ratio: '', target: '', ok: false, external: true});
}

// ---- 8. Disk use at scale (scripts/bench-df.mjs: 2,000 images on a private dockerd) ----

if (wanted('df') && existsSync(`${root}scripts/bench-df.mjs`)) {
	const images = process.env.BENCH_DF_IMAGES || '2000';
	console.log(`\nscripts/bench-df.mjs (${images} images):`);
	const result = spawnSync('node', [`${root}scripts/bench-df.mjs`, images, '3'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env});
	process.stdout.write(result.stdout ?? '');
	let figures;
	try {
		figures = JSON.parse((result.stdout ?? '').trim().split('\n').pop());
	} catch {
		figures = undefined;
	}
	if (result.status !== 0 || !figures) results.push({name: `scripts/bench-df.mjs exited ${result.status}`, value: '', floor: '', ratio: '', target: '', ok: false, external: true});
	else {
		// imgscope df -v against docker system df -v on the same engine: the same bytes (the time is a figure, no target yet).
		results.push({name: `df -v with ${figures.images} images (docker system df -v's bytes)`, value: `${figures.imgscopeDfVerboseMs} ms`, floor: `${figures.dockerDfVerboseMs} ms`, ratio: figures.ratio, target: 'same bytes', ok: figures.sameOutput});
		results.push({name: `Disk view with ${figures.images} images: key 4 to its totals drawn (list first frame ${figures.listFirstFrameMs} ms)`, value: `${figures.diskViewAfterKeyMs} ms`, floor: `${figures.dockerDfVerboseMs} ms`, ratio: figures.diskViewAfterKeyMs === null ? '' : Number((figures.diskViewAfterKeyMs / figures.dockerDfVerboseMs).toFixed(2)), target: '', ok: figures.diskViewAfterKeyMs !== null, info: true});
	}
}

// ---- 9. Volumes at scale (scripts/bench-volumes.mjs: 500 volumes and one of 100,000 files on a private dockerd) ----

if (wanted('volumes') && existsSync(`${root}scripts/bench-volumes.mjs`)) {
	console.log('\nscripts/bench-volumes.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-volumes.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, BENCH_BIN: bin, BENCH_SIZE: size}});
	process.stdout.write(result.stdout ?? '');
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
	if (result.status !== 0 && !(result.stdout ?? '').includes('FAIL')) results.push({name: `scripts/bench-volumes.mjs exited ${result.status}`, value: '', floor: '', ratio: '', target: '', ok: false, external: true});
}

// ---- 10. real images at scale (scripts/bench-scale.mjs; bash test/layers/fixtures.sh --real) ----

if (wanted('scale') && existsSync(`${root}scripts/bench-scale.mjs`)) {
	console.log('\nscripts/bench-scale.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-scale.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, BENCH_BIN: bin}});
	process.stdout.write(result.stdout ?? '');
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
}

// ---- 11. an explorer left open while builds run (scripts/bench-idle.mjs: a private dockerd) ----

if (wanted('idle') && existsSync(`${root}scripts/bench-idle.mjs`)) {
	console.log('\nscripts/bench-idle.mjs:');
	const result = spawnSync('node', [`${root}scripts/bench-idle.mjs`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, BENCH_BIN: bin}});
	process.stdout.write(result.stdout ?? '');
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^(PASS|FAIL)\s+(.*)$/.exec(line.trim());
		if (match) results.push({name: match[2], value: '', floor: '', ratio: '', target: '', ok: match[1] === 'PASS', external: true});
	}
}

// ---- summary ---------------------------------------------------------------

const failed = results.filter((r) => !r.ok);
const targets = results.filter((r) => !r.info);
console.log(`\nload average at the end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log(`${targets.length - failed.length} of ${targets.length} targets met${failed.length ? `; over: ${failed.map((r) => r.name).join('; ')}` : ''}`);
if (markdown) {
	console.log('\n| figure | measured | floor | ratio | target | |');
	console.log('| --- | --- | --- | --- | --- | --- |');
	for (const r of results) console.log(`| ${r.name} | ${r.value} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.info ? 'info' : r.ok ? 'PASS' : 'FAIL'} |`);
}
process.exitCode = failed.length ? 1 : 0;

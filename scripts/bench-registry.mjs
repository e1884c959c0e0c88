// Registry reading (issue 14), medians of BENCH_RUNS (default 5) interleaved runs after a warm-up:
// - opening a remote tag: `imgscope layers --manifest-only REF` (manifest, config, the Layers rows),
//   and the explorer (`imgscope --remote REF` in tmux, to its Layers frame), against
//   `docker manifest inspect --insecure REF` plus a curl of the config blob;
// - `imgscope check REF` straight from the registry against `imgscope check` of the same image on
//   the engine (target <= 1.25), and, for scale, `skopeo copy` of it to a directory (a pull's
//   download and digest checks, without unpacking) and `docker pull` of it into a private dockerd
//   that holds none of its layers (the machine's engine has them: its pull would download nothing),
//   the image removed after each pull.
// Needs `npm run build`, the registry fixtures (test/registry/fixtures.sh) and, for the second,
// 127.0.0.1:5000/registry-test/big:1 (`bash test/registry/fixtures.sh --big`). Prints PASS/FAIL/INFO
// lines for scripts/bench.mjs and always exits 0.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {fileURLToPath} from 'node:url';
import {privateDockerd} from './lib/private-dockerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}bin/imgscope`;
const runs = Number(process.env.BENCH_RUNS) || 5;
const registry = '127.0.0.1:5000';
const small = `${registry}/registry-test/app:1`;
const big = `${registry}/registry-test/big:1`;
const localBig = process.env.BENCH_LAYERS_IMAGE || 'test-layers/big:1';

function timed(command, args, okCodes = [0]) {
	const start = process.hrtime.bigint();
	const r = spawnSync(command, args, {stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: {...process.env, CI: undefined}});
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	if (!okCodes.includes(r.status)) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
	return seconds;
}
const median = (values) => {
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Median seconds of each command, interleaved, after one warm-up each. */
function compare(commands) {
	for (const c of commands) c();
	const times = commands.map(() => []);
	for (let i = 0; i < runs; i++) commands.forEach((c, j) => times[j].push(c()));
	return times.map(median);
}
const ms = (s) => `${Math.round(s * 1000)} ms`;

/** Seconds from starting `imgscope --remote REF` in a fresh tmux server until its screen shows the Layers rows. */
let frames = 0;
function toLayersFrame(ref) {
	// A server of its own each time: a new session on the name of one just killed can meet it still going away
	// (the session dies with it, and the screen stays empty: the "no frame" of earlier loaded runs).
	const server = `imgscope-bench-remote-${process.pid}-${frames++}`;
	const tmux = (...args) => spawnSync('tmux', ['-L', server, ...args], {encoding: 'utf8'});
	const start = process.hrtime.bigint();
	tmux('new-session', '-d', '-x', '120', '-y', '30', '-s', 'main', `env -u CI IMGSCOPE_NO_MOUSE=1 ${bin} --remote ${ref}; sleep 60`);
	try {
		for (;;) {
			const screen = tmux('capture-pane', '-p', '-t', 'main').stdout ?? '';
			if (screen.includes('DIFF ID') && screen.includes('CUMULATIVE') && /\n\s+0\s+[0-9a-f]{12}/.test(screen)) return Number(process.hrtime.bigint() - start) / 1e9;
			if (Number(process.hrtime.bigint() - start) > 30e9) throw new Error(`imgscope --remote ${ref} drew no Layers frame in 30 s:\n${screen}`);
			spawnSync('sleep', ['0.01']);
		}
	} finally {
		tmux('kill-server');
	}
}

if (!existsSync(`${root}dist/imgscope.js`) || spawnSync('curl', ['-fs', `http://${registry}/v2/registry-test/app/tags/list`]).status !== 0) {
	console.log('SKIP  registry: no build or no registry fixtures (npm run build; bash test/registry/fixtures.sh)');
	process.exit(0);
}

try {
	const configCurl = `d=$(curl -s -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' http://${registry}/v2/registry-test/app/manifests/1 | grep -o 'sha256:[0-9a-f]*' | head -1); curl -s -o /dev/null http://${registry}/v2/registry-test/app/blobs/$d`;
	const [ours, theirs] = compare([() => timed(bin, ['layers', '--manifest-only', small]), () => timed('sh', ['-c', `docker manifest inspect --insecure ${small} >/dev/null && ${configCurl}`])]);
	console.log(`INFO  open a remote tag (layers --manifest-only): ${ms(ours)} vs docker manifest inspect + curl of the config ${ms(theirs)} (${(ours / theirs).toFixed(2)}x; node's start-up is most of ours)`);
	// The explorer itself: `imgscope --remote REF` in a real terminal (tmux), from the start to the frame showing the Layers rows.
	if (spawnSync('tmux', ['-V'], {stdio: 'ignore'}).status === 0) {
		const [frame] = compare([() => toLayersFrame(small)]);
		console.log(`INFO  open a remote tag in the explorer (imgscope --remote, to the Layers frame): ${ms(frame)} vs docker manifest inspect + curl of the config ${ms(theirs)} (${(frame / theirs).toFixed(2)}x)`);
	}
} catch (e) {
	console.log(`FAIL  open a remote tag: ${e.message}`);
}

if (spawnSync('curl', ['-fs', '-o', '/dev/null', `http://${registry}/v2/registry-test/big/manifests/1`, '-H', 'Accept: application/vnd.docker.distribution.manifest.v2+json']).status !== 0) {
	console.log(`SKIP  check --remote: ${big} is not pushed (bash test/registry/fixtures.sh --big)`);
	process.exit(0);
}
try {
	const dir = mkdtempSync(`${tmpdir()}/imgscope-bench-registry-`);
	const skopeo = () => {
		rmSync(`${dir}/x`, {recursive: true, force: true});
		return timed('skopeo', ['copy', '-q', '--src-tls-verify=false', `docker://${big}`, `dir:${dir}/x`]);
	};
	const empty = privateDockerd({prefix: '/tmp/isr-'});
	await empty.start();
	const pull = () => {
		const seconds = timed('docker', ['-H', empty.url, 'pull', '-q', big]);
		timed('docker', ['-H', empty.url, 'rmi', big]);
		return seconds;
	};
	const haveLocal = spawnSync('docker', ['image', 'inspect', localBig], {stdio: 'ignore'}).status === 0;
	// Both checks without the layer index (--no-cache): a first analysis each, or the engine's check reads only the index.
	const commands = [() => timed(bin, ['check', '--no-cache', big], [0, 1]), ...(haveLocal ? [() => timed(bin, ['check', '--no-cache', localBig], [0, 1])] : []), skopeo, pull];
	const times = compare(commands);
	const [remote, local, copy, pulled] = [times[0], haveLocal ? times[1] : undefined, times[times.length - 2], times[times.length - 1]];
	await empty.stop();
	rmSync(dir, {recursive: true, force: true});
	if (local !== undefined) console.log(`${remote / local <= 1.25 ? 'PASS' : 'FAIL'}  check --remote on ${big}: ${ms(remote)} vs check on the engine ${ms(local)} (${(remote / local).toFixed(2)}x, target <= 1.25)`);
	console.log(`INFO  check --remote on ${big}: ${ms(remote)} vs skopeo copy to a directory ${ms(copy)} (${(remote / copy).toFixed(2)}x; skopeo neither unpacks nor reads the tars)`);
	console.log(`INFO  check --remote on ${big}: ${ms(remote)} vs docker pull of it into an empty engine ${ms(pulled)} (${(remote / pulled).toFixed(2)}x; the pull downloads, checks and unpacks; check downloads, checks and reads every file)`);
} catch (e) {
	console.log(`FAIL  check --remote: ${e.message}`);
}

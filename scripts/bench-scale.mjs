// Real images at real scale (issue 16, item 3): first and second analysis of
// the `--real` fixtures (bash test/layers/fixtures.sh --real) against the
// engine's own export, and 120 layers against `docker history`.
//
// - first analysis: `imgscope check IMAGE` with an empty layer index (its
//   directory removed before each run) against `docker save IMAGE > /dev/null`,
//   interleaved; peak RSS from /usr/bin/time. Targets <= 1.1x, <= 250 MiB.
// - second analysis: the same with the index warm (the run before wrote it),
//   and imgscope-real/node:2 (node:1 plus one small layer) with only node:1's
//   layers indexed. Target <= 0.1x docker save of that image.
// - imgscope-real/layers120:1: `layers --json` against `docker history`, <= 1.5x.
// The layer index lives in a temporary XDG_CACHE_HOME (removed at the end), so
// the user's cache is neither read nor changed. BENCH_BIN is the imgscope to
// run (bench.mjs passes its installed copy). Always exits 0: a report.
import {spawn} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {fileURLToPath} from 'node:url';
import {spawnSync} from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = process.env.BENCH_BIN || `${root}bin/imgscope`;
const runs = Number(process.env.BENCH_SCALE_RUNS) || 3;
const cacheHome = mkdtempSync(`${tmpdir()}/imgscope-bench-scale-`);
const env = {...process.env, CI: '', XDG_CACHE_HOME: cacheHome};
const dropIndex = () => rmSync(`${cacheHome}/imgscope/layers`, {recursive: true, force: true});

const median = (values) => {
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const have = (image) => spawnSync('docker', ['image', 'inspect', image], {stdio: 'ignore'}).status === 0;

/** Runs a command with stdout to /dev/null; resolves {seconds, peakKiB}. check exits 1 when a rule fails: still a run. */
function run(command, args, {memory = false, env: runEnv = env} = {}) {
	return new Promise((resolve, reject) => {
		const devnull = openSync('/dev/null', 'w');
		const [cmd, argv] = memory ? ['/usr/bin/time', ['-f', '%M', command, ...args]] : [command, args];
		const start = process.hrtime.bigint();
		const child = spawn(cmd, argv, {stdio: ['ignore', devnull, 'pipe'], env: runEnv});
		closeSync(devnull);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
		child.on('error', reject);
		child.on('close', (code) => {
			const seconds = Number(process.hrtime.bigint() - start) / 1e9;
			const last = stderr.trimEnd().split('\n').pop() ?? '';
			if (code !== 0 && code !== 1) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().slice(0, 400)}`));
			else resolve({seconds, peakKiB: memory && /^\d+$/.test(last) ? Number(last) : 0});
		});
	});
}
const line = (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
const save = (image) => run('sh', ['-c', `docker save '${image}' > /dev/null`]);
const check = (image) => run(bin, ['check', image], {memory: true});

async function analysis(image, {files} = {}) {
	await save(image);
	const saves = [];
	const cold = [];
	const warm = [];
	const peaks = [];
	for (let i = 0; i < runs; i++) {
		saves.push((await save(image)).seconds);
		dropIndex();
		const c = await check(image);
		cold.push(c.seconds);
		peaks.push(c.peakKiB);
		const w = await check(image);
		warm.push(w.seconds);
		peaks.push(w.peakKiB);
	}
	const s = median(saves);
	const first = median(cold);
	const second = median(warm);
	const peak = Math.max(...peaks) / 1024;
	const label = files ? `${image} (${files})` : image;
	line(first / s <= 1.1, `first analysis, check ${label}: ${ms(first)} = ${(first / s).toFixed(2)}x of ${ms(s)} (docker save > /dev/null); target ≤ 1.1x`);
	line(peak <= 250, `peak RSS of check ${label}: ${peak.toFixed(0)} MiB (max of ${runs * 2} runs); target ≤ 250 MiB`);
	line(second / s <= 0.1, `second analysis (warm layer index), check ${label}: ${ms(second)} = ${(second / s).toFixed(3)}x of ${ms(s)} (docker save); target ≤ 0.1x`);
}

try {
	if (!have('imgscope-real/huge:1') || !have('imgscope-real/node:1')) {
		console.log('SKIP  real images: build them with bash test/layers/fixtures.sh --real');
	} else {
		console.log(`imgscope check vs docker save, ${runs} runs each, interleaved (medians); layer index in ${cacheHome}`);
		await analysis('imgscope-real/huge:1', {files: 'one 2 GB layer, 300,000 files'});
		await analysis('imgscope-real/node:1', {files: 'Debian, node, npm tree'});
		if (have('imgscope-real/node:2')) {
			const saves = [];
			const times = [];
			for (let i = 0; i < runs; i++) {
				saves.push((await save('imgscope-real/node:2')).seconds);
				dropIndex();
				await check('imgscope-real/node:1');
				times.push((await check('imgscope-real/node:2')).seconds);
			}
			const s = median(saves);
			const t = median(times);
			line(t / s <= 0.1, `second analysis of an image sharing all but its last small layer (node:2 after node:1): ${ms(t)} = ${(t / s).toFixed(3)}x of ${ms(s)} (docker save node:2); target ≤ 0.1x`);
		}
	}
	if (have('imgscope-real/layers120:1')) {
		const image = 'imgscope-real/layers120:1';
		const theirs = [];
		const ours = [];
		await run('docker', ['history', image]);
		await run(bin, ['layers', image, '--json']);
		// A bare node making the one request docker history makes (scripts/lib/one-request.cjs): node's share of a miss.
		const bare = [];
		const {NODE_EXTRA_CA_CERTS: _, ...bareEnv} = env;
		const oneRequest = [`${root}scripts/lib/one-request.cjs`, `/images/${encodeURIComponent(image)}/history`];
		for (let i = 0; i < Math.max(runs, 5); i++) {
			theirs.push((await run('docker', ['history', image])).seconds);
			ours.push((await run(bin, ['layers', image, '--json'])).seconds);
			bare.push((await run('node', oneRequest, {env: bareEnv})).seconds);
		}
		const r = median(ours) / median(theirs);
		line(r <= 1.5, `120 layers: imgscope layers --json ${ms(median(ours))} = ${r.toFixed(2)}x of ${ms(median(theirs))} (docker history); target ≤ 1.5x`);
		console.log(`INFO    a bare node making docker history's request: ${ms(median(bare))} = ${(median(bare) / median(theirs)).toFixed(2)}x of docker history; layers --json = ${(median(ours) / median(bare)).toFixed(2)}x of that bare node`);
	}
} catch (error) {
	line(false, `scale: ${error?.message ?? error}`);
} finally {
	rmSync(cacheHome, {recursive: true, force: true});
}

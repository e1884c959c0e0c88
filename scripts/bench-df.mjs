// `imgscope df -v` against `docker system df -v` with N images (default 2000)
// on a private dockerd (df covers the whole engine: never the shared one).
// The images are made in one `docker load` of an archive written here: every
// image sits on fixture/base:1's layer, groups of 10 share a second layer, and
// each has a small layer of its own, with its own creation second (so the
// daemon's order is one). Prints one JSON line: the medians of R runs of
// each, whether the outputs are the same bytes, and the Disk view's first
// frame (the explorer in a pseudo-terminal: 4 pressed as the list appears,
// until the totals are drawn).
//
//   node scripts/bench-df.mjs [N] [R]        (root; dockerd on the PATH; npm run build first)
import {execFileSync, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {createWriteStream} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import tar from 'tar-stream';
import {privateDockerd} from './lib/private-dockerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const count = Number(process.argv[2]) || 2000;
const runs = Number(process.argv[3]) || 5;
const base = 'fixture/base:1';
const docker = process.env.IMGSCOPE_DOCKER_CLI || '/usr/local/bin/docker';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** A tar (as bytes) of the given files. */
function tarOf(files) {
	return new Promise((resolve, reject) => {
		const pack = tar.pack();
		const chunks = [];
		pack.on('data', (chunk) => chunks.push(chunk));
		pack.on('end', () => resolve(Buffer.concat(chunks)));
		pack.on('error', reject);
		for (const [name, content] of files) pack.entry({name, mode: 0o644, mtime: new Date(0)}, content);
		pack.finalize();
	});
}

/** The base image's layer and diff_id, from `docker save` of the machine's engine. */
async function baseLayer() {
	const saved = execFileSync(docker, ['-H', 'unix:///var/run/docker.sock', 'save', base], {maxBuffer: 1 << 30});
	const extract = tar.extract();
	const entries = new Map();
	await new Promise((resolve, reject) => {
		extract.on('entry', (header, stream, next) => {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				entries.set(header.name, Buffer.concat(chunks));
				next();
			});
		});
		extract.on('finish', resolve);
		extract.on('error', reject);
		extract.end(saved);
	});
	const manifest = JSON.parse(entries.get('manifest.json').toString());
	const layer = entries.get(manifest[0].Layers[0]);
	return {layer, diffId: `sha256:${sha256(layer)}`};
}

/** Writes the archive of `count` images to `file`. */
async function writeArchive(file) {
	const {layer: baseTar, diffId: baseDiff} = await baseLayer();
	const out = tar.pack();
	const done = new Promise((resolve, reject) => {
		const stream = createWriteStream(file);
		stream.on('finish', resolve);
		stream.on('error', reject);
		out.pipe(stream);
	});
	const add = (name, content) => new Promise((resolve, reject) => out.entry({name, mode: 0o644}, content, (error) => (error ? reject(error) : resolve())));
	await add('base/layer.tar', baseTar);
	const groups = new Map();
	const manifest = [];
	for (let i = 0; i < count; i++) {
		const g = Math.floor(i / 10);
		if (!groups.has(g)) {
			const layer = await tarOf([[`bench/group-${g}.bin`, Buffer.alloc(1024, g % 251)]]);
			groups.set(g, {diffId: `sha256:${sha256(layer)}`, path: `group-${g}/layer.tar`});
			await add(`group-${g}/layer.tar`, layer);
		}
		const own = await tarOf([[`bench/image-${i}.txt`, `${i}\n`]]);
		const ownDiff = `sha256:${sha256(own)}`;
		await add(`image-${i}/layer.tar`, own);
		const created = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z');
		const config = JSON.stringify({
			architecture: 'amd64',
			os: 'linux',
			created,
			config: {Labels: {'imgscope.bench': 'df'}},
			history: [{created, created_by: 'base'}, {created, created_by: `group ${g}`}, {created, created_by: `image ${i}`}],
			rootfs: {type: 'layers', diff_ids: [baseDiff, groups.get(g).diffId, ownDiff]},
		});
		const configName = `${sha256(config)}.json`;
		await add(configName, config);
		manifest.push({Config: configName, RepoTags: [`bench/df-${i}:1`], Layers: ['base/layer.tar', groups.get(g).path, `image-${i}/layer.tar`]});
	}
	await add('manifest.json', JSON.stringify(manifest));
	out.finalize();
	await done;
}

/** Median wall time (ms) of `runs` runs, and the last stdout. */
function time(command, args, env) {
	const times = [];
	let stdout = '';
	for (let i = 0; i < runs; i++) {
		const started = process.hrtime.bigint();
		const result = spawnSync(command, args, {env: {...process.env, ...env}, maxBuffer: 1 << 28});
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
		if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
		stdout = result.stdout.toString();
	}
	times.sort((a, b) => a - b);
	return {ms: Math.round(times[Math.floor(times.length / 2)]), stdout};
}

// The private dockerd (scripts/lib/private-dockerd.mjs); its directory first holds the archive, written
// before the daemon starts (so that its start-up is not in the archive's time).
const daemon = privateDockerd({prefix: '/tmp/isd-bench-df-'});
try {
	const archive = path.join(daemon.dir, 'images.tar');
	let started = Date.now();
	await writeArchive(archive);
	const wrote = Date.now() - started;
	await daemon.start();
	const env = {DOCKER_HOST: daemon.url, DOCKER_CONTEXT: ''};
	started = Date.now();
	execFileSync(docker, ['load', '-q', '-i', archive], {env: {...process.env, ...env}, stdio: 'ignore'});
	const loaded = Date.now() - started;
	const images = execFileSync(docker, ['image', 'ls', '-q'], {env: {...process.env, ...env}, encoding: 'utf8'}).split('\n').filter(Boolean).length;
	const dockerRun = time(docker, ['system', 'df', '-v'], env);
	const mine = time(process.execPath, [path.join(root, 'bin/imgscope'), 'df', '-v'], env);
	// The Disk view's first frame: the explorer started in a terminal, 4 pressed as soon as the list shows,
	// timed until the view's totals are drawn (GET /system/df answered and the rows made; scripts/pty-probe.py).
	const disk = [];
	for (let i = 0; i < runs; i++) {
		const probe = spawnSync('python3', [path.join(root, 'scripts/pty-probe.py'), '--size', '120x40', '--ready', 'REPOSITORY', '--then', '4', 'Local Volumes', '--', process.execPath, path.join(root, 'bin/imgscope')], {encoding: 'utf8', maxBuffer: 1 << 26, env: {...process.env, ...env}});
		if (probe.status !== 0) throw new Error(`pty-probe failed: ${probe.stderr}`);
		const answer = JSON.parse(probe.stdout);
		if (answer.first_frame !== null && answer.then !== null) disk.push({list: answer.first_frame * 1000, disk: answer.then * 1000});
	}
	const median = (values) => (values.length ? Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]) : null);
	// Ages move on between the two runs; the rest must be the same bytes.
	const stable = (s) => s.replace(/\d+ (seconds|minutes|hours|days|weeks|months|years) ago|About an? \w+ ago|Less than a second ago/g, 'AGO').replace(/ +/g, ' ');
	console.log(
		JSON.stringify({
			images,
			archiveMs: wrote,
			loadMs: loaded,
			dockerDfVerboseMs: dockerRun.ms,
			imgscopeDfVerboseMs: mine.ms,
			ratio: Number((mine.ms / dockerRun.ms).toFixed(2)),
			listFirstFrameMs: median(disk.map((d) => d.list)),
			diskViewAfterKeyMs: median(disk.map((d) => d.disk)),
			diskViewFrames: disk.length,
			sameOutput: stable(dockerRun.stdout) === stable(mine.stdout),
			runs,
		}),
	);
} finally {
	// SIGTERM and waited for: dockerd unmounts its data root on the way out; then the directory is deleted.
	await daemon.stop();
}

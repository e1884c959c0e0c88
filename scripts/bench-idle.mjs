// An explorer left open while another process builds and tags images (issue
// 16): a PRIVATE dockerd (its own data root and socket, no bridge; stopped and
// deleted after) holds fixture/base:1 tagged 2,000 times; for BENCH_IDLE_SECONDS
// (default 60) a loop builds a one-step image on it and tags it, first without
// imgscope, then with the explorer open in a pseudo-terminal. Reported: the
// engine's CPU over each minute, imgscope's own CPU, and the list reloads
// imgscope asked for (GET /images/json and /containers/json, counted by a
// proxy in front of the engine's socket) against the seconds. Targets: at most
// one reload a second; the engine's CPU with imgscope at most 1.5x without
// (the same builds). Alone: node scripts/bench-idle.mjs after npm run build.
import {spawn, spawnSync, execSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {fileURLToPath} from 'node:url';
import {privateDockerd} from './lib/private-dockerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = process.env.BENCH_BIN || `${root}bin/imgscope`;
const seconds = Number(process.env.BENCH_IDLE_SECONDS) || 60;
const tagCount = Number(process.env.BENCH_TAGS) || 2000;
const image = 'fixture/base:1';
// The private dockerd (scripts/lib/private-dockerd.mjs): deleted after, at the latest at exit, also on Ctrl+C.
const daemon = privateDockerd({prefix: '/tmp/isi-'});
const {dir, socket, api} = daemon;
const front = `${dir}/front.sock`;
const clientEnv = {...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONTEXT: '', DOCKER_BUILDKIT: '0'};
/** utime + stime of a process, in seconds. */
function cpu(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}

// The proxy: imgscope talks to front.sock; each request line is counted.
const requests = [];
const proxy = net.createServer((client) => {
	const upstream = net.connect(socket);
	client.on('data', (chunk) => {
		for (const m of chunk.toString('latin1').matchAll(/(?:^|\n)(GET|POST|HEAD|DELETE|PUT) (\/\S*) HTTP\/1\.[01]\r\n/g)) requests.push({at: Date.now(), method: m[1], path: m[2]});
		upstream.write(chunk);
	});
	upstream.pipe(client);
	client.on('error', () => upstream.destroy());
	upstream.on('error', () => client.destroy());
	client.on('close', () => upstream.destroy());
});

/** Builds and tags images on the private engine for `seconds`; resolves the number built. */
async function churn(tagBase) {
	const context = `${dir}/ctx`;
	execSync(`mkdir -p ${context}`);
	const end = Date.now() + seconds * 1000;
	let built = 0;
	while (Date.now() < end) {
		writeFileSync(`${context}/Dockerfile`, `FROM ${image}\nRUN echo ${tagBase}-${built} > /built\n`);
		await new Promise((resolve) => {
			const child = spawn('docker', ['build', '-q', '--network=none', '-t', `imgscope-idle/built:${tagBase}-${built}`, context], {stdio: 'ignore', env: clientEnv});
			child.on('close', resolve);
		});
		spawnSync('docker', ['tag', `imgscope-idle/built:${tagBase}-${built}`, `imgscope-idle/also:${tagBase}-${built}`], {stdio: 'ignore', env: clientEnv});
		built++;
	}
	return built;
}

try {
	await daemon.start();
	await new Promise((resolve) => proxy.listen(front, resolve));
	daemon.load(image);
	const id = JSON.parse(execSync(`docker -H unix://${socket} image inspect ${image}`, {env: clientEnv}).toString())[0].Id;
	let next = 0;
	await Promise.all(Array.from({length: 16}, async () => {
		while (next < tagCount) {
			const i = ++next;
			await api('POST', `/images/${id}/tag?repo=imgscope-bench/tag&tag=${i}`);
		}
	}));
	console.log(`private dockerd with ${tagCount} tags of ${image}; ${seconds} s of builds and tags, without imgscope and then with the explorer open`);

	// Without imgscope.
	let engine0 = cpu(daemon.pid);
	const builtAlone = await churn('a');
	const engineAlone = cpu(daemon.pid) - engine0;

	// With the explorer open in a pseudo-terminal (python's pty), output drained.
	const tui = spawn('python3', ['-c', `import os,pty,sys,select,time
pid,fd=pty.fork()
if pid==0:
    os.execvp(sys.argv[1],sys.argv[1:])
print(pid,flush=True)
while True:
    r,_,_=select.select([fd],[],[],1)
    if r:
        try: os.read(fd,65536)
        except OSError: break
`, bin], {stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, DOCKER_HOST: `unix://${front}`, DOCKER_CONTEXT: '', TERM: 'xterm-256color', COLUMNS: '120', LINES: '40', CI: ''}});
	const tuiPid = await new Promise((resolve) => tui.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
	// Its start-up (the first lists, the layer counts) is not the idle minute.
	await new Promise((resolve) => setTimeout(resolve, 5000));
	const startRequests = requests.length;
	const tui0 = cpu(tuiPid);
	engine0 = cpu(daemon.pid);
	const startedAt = Date.now();
	const builtWith = await churn('b');
	const engineWith = cpu(daemon.pid) - engine0;
	const tuiCpu = cpu(tuiPid) - tui0;
	const elapsed = (Date.now() - startedAt) / 1000;
	try {
		process.kill(tuiPid, 'SIGTERM');
	} catch {}
	tui.kill();
	const during = requests.slice(startRequests).filter((r) => r.at >= startedAt);
	const lists = during.filter((r) => r.method === 'GET' && /\/(images|containers)\/json(\?|$)/.test(r.path.replace(/^\/v[\d.]+/, '')));
	const imageLists = lists.filter((r) => /\/images\/json/.test(r.path));
	// Reloads a second: list requests grouped by the second they started in.
	const perSecond = new Map();
	for (const r of imageLists) perSecond.set(Math.floor((r.at - startedAt) / 1000), (perSecond.get(Math.floor((r.at - startedAt) / 1000)) ?? 0) + 1);
	const worst = Math.max(0, ...perSecond.values());
	const kinds = new Map();
	for (const r of during) {
		const key = `${r.method} ${r.path.replace(/^\/v[\d.]+/, '').replace(/\?.*$/, '')}`.replace(/\/(images|containers)\/[^/]+\/json/, '/$1/ID/json');
		kinds.set(key, (kinds.get(key) ?? 0) + 1);
	}
	console.log(`  builds: ${builtAlone} without imgscope, ${builtWith} with it; requests imgscope made in the minute: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} x${n}`).join(', ')}`);
	const perBuildAlone = engineAlone / Math.max(1, builtAlone);
	const perBuildWith = engineWith / Math.max(1, builtWith);
	const engineRatio = perBuildWith / perBuildAlone;
	console.log(`INFO  explorer open for ${elapsed.toFixed(0)} s with ${tagCount} images while builds run: imgscope's own CPU ${tuiCpu.toFixed(2)} s (${((tuiCpu / elapsed) * 100).toFixed(1)}% of a core)`);
	console.log(`${engineRatio <= 1.5 ? 'PASS' : 'FAIL'}  the engine's CPU per build with the explorer open: ${(perBuildWith * 1000).toFixed(0)} ms = ${engineRatio.toFixed(2)}x of ${(perBuildAlone * 1000).toFixed(0)} ms without it (${engineWith.toFixed(1)} s / ${builtWith} builds vs ${engineAlone.toFixed(1)} s / ${builtAlone}); target ≤ 1.5x`);
	console.log(`${worst <= 1 ? 'PASS' : 'FAIL'}  list reloads while builds run: ${imageLists.length} image lists in ${elapsed.toFixed(0)} s, at most ${worst} in one second; target ≤ 1 a second`);
} catch (error) {
	console.log(`FAIL  explorer open while builds run: ${error?.message ?? error}`);
} finally {
	proxy.close();
	daemon.stopNow();
}

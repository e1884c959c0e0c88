// A PRIVATE dockerd for the bench scripts (bench-containers, bench-volumes,
// bench-idle, bench-df): its own data root, exec root, pidfile and socket in a
// fresh /tmp directory, no bridge, no iptables, so the machine's engine (and
// its networks and firewall) is never touched, however much the bench makes or
// deletes. The directory, and the daemon in it, are removed after: by stop(),
// or at the latest when node exits, also on Ctrl+C.
//
//   const daemon = await startPrivateDockerd({prefix: '/tmp/isb-'});
//   await daemon.api('POST', '/volumes/create', {Name: 'v'});   // {status, body}
//   DOCKER_HOST=daemon.url for the docker CLI and imgscope
//
// or, when the directory is wanted before the daemon runs (bench-df writes its
// image archive there first): privateDockerd({prefix}), then await daemon.start().
import {spawn, spawnSync, execSync} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';

/** Daemons not yet stopped: the exit handler stops what is left of them. */
const live = new Set();
let handlersInstalled = false;
function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	// 'exit' handlers must be synchronous: stopNow() kills, unmounts and deletes without waiting.
	process.on('exit', () => {
		for (const daemon of live) daemon.stopNow();
	});
	// Without a handler node dies of SIGINT without running 'exit' handlers, and the daemon (detached,
	// in a process group of its own, so Ctrl+C does not reach it) would be left running.
	process.on('SIGINT', () => process.exit(130));
}

/** The mount points at or under `dir`, deepest first. */
function mountsUnder(dir) {
	let text = '';
	try {
		text = readFileSync('/proc/mounts', 'utf8');
	} catch {}
	return text
		.split('\n')
		.map((line) => line.split(' ')[1])
		.filter((point) => point && (point === dir || point.startsWith(`${dir}/`)))
		.sort()
		.reverse();
}

/**
 * A private dockerd in a new directory mkdtemp(prefix) (made now; the daemon starts with start()).
 * extraArgs are added to dockerd's arguments.
 */
export function privateDockerd({prefix, extraArgs = []}) {
	installHandlers();
	const dir = mkdtempSync(prefix);
	const socket = `${dir}/docker.sock`;
	const logFile = `${dir}/dockerd.log`;
	let child;
	let removed = false;

	/** One request to the daemon's socket: resolves {status, body} (the body as text; a JSON body is sent as JSON). */
	function api(method, path, body) {
		return new Promise((resolve, reject) => {
			const request = http.request({socketPath: socket, method, path, headers: body ? {'Content-Type': 'application/json'} : {}}, (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => resolve({status: response.statusCode, body: Buffer.concat(chunks).toString()}));
			});
			request.on('error', reject);
			request.end(body ? JSON.stringify(body) : undefined);
		});
	}

	// Its own connection and a time limit: a socket that accepts but does not answer yet is asked again.
	function ping() {
		return new Promise((resolve) => {
			const request = http.request({socketPath: socket, path: '/_ping', agent: false, timeout: 1000}, (response) => {
				response.resume();
				resolve(response.statusCode === 200);
			});
			request.on('error', () => resolve(false));
			request.on('timeout', () => {
				request.destroy();
				resolve(false);
			});
			request.end();
		});
	}

	function logTail() {
		try {
			return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
		} catch {
			return '';
		}
	}

	const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

	// After the daemon is gone: what it left mounted (its containers' mounts when it was killed) is
	// unmounted lazily, and the directory is deleted only when nothing is mounted under it any more
	// (rm -r would otherwise go down into a mount and delete what is not ours).
	function removeDir() {
		if (removed) return;
		const mounts = mountsUnder(dir);
		if (mounts.length) spawnSync('umount', ['-l', ...mounts]);
		const left = mountsUnder(dir);
		if (left.length) {
			console.error(`private dockerd: ${dir} kept, still mounted under it: ${left.join(' ')}`);
			return;
		}
		rmSync(dir, {recursive: true, force: true});
		removed = true;
	}

	const daemon = {
		dir,
		socket,
		url: `unix://${socket}`,
		/** The daemon's process id (for its CPU in /proc), once started. */
		get pid() {
			return child?.pid;
		},
		api,

		/** Starts dockerd and waits until it answers /_ping (30 s at most; throws with its log's last lines). */
		async start() {
			const log = openSync(logFile, 'a');
			child = spawn(
				'dockerd',
				['--data-root', `${dir}/data`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/dockerd.pid`, '-H', `unix://${socket}`, '--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--storage-driver=overlay2', ...extraArgs],
				{detached: true, stdio: ['ignore', log, log]},
			);
			closeSync(log);
			// Not waited for: a script ends when its figures are out, and the exit handler stops the daemon
			// (a referenced child kept node, and so `npm run bench`, waiting after the last line). stop() refs it again.
			child.unref();
			const deadline = Date.now() + 30_000;
			for (;;) {
				if (await ping()) return;
				if (!running() || Date.now() > deadline) throw new Error(`the private dockerd did not start; the end of its log:\n${logTail()}`);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		},

		/** Copies images from the machine's engine (docker save there, load here: the machine's engine is only read). */
		load(images) {
			execSync(`docker save ${[images].flat().join(' ')} | docker -H unix://${socket} load -q`, {stdio: 'pipe', env: {...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: ''}});
		},

		/** Stops the daemon the gentle way (SIGTERM: it unmounts what it mounted; SIGKILL after 15 s), then deletes the directory. */
		async stop() {
			if (running()) {
				child.ref();
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			live.delete(daemon);
			removeDir();
		},

		/** Stops it at once (SIGKILL), unmounts what it left and deletes the directory; synchronous, for exit handlers. */
		stopNow() {
			try {
				if (running()) child.kill('SIGKILL');
			} catch {}
			live.delete(daemon);
			removeDir();
		},
	};
	// The directory exists from now on: deleted at exit even when start() is never reached.
	live.add(daemon);
	return daemon;
}

/** privateDockerd(options), started. */
export async function startPrivateDockerd(options) {
	const daemon = privateDockerd(options);
	await daemon.start();
	return daemon;
}

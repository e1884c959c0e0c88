/**
 * A private dockerd for the tests that flood an engine (5,000 tags, an event
 * storm) or put hostile containers on it: they must not disturb the other
 * test files, which share the machine's engine and follow its events.
 *
 * It is a second real dockerd (the same binary .ci/run installs) with its own
 * data root, exec root and socket, no bridge and no iptables. Images are
 * copied in from the main engine with `docker save | docker load`; 5,000
 * tags are seeded in its reference store while it is stopped, which takes a
 * second where tagging through the API takes minutes (and removing them,
 * more): stopping the daemon and deleting its directory removes them all.
 */
import {execFileSync, execSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {requireEngine} from '../../helpers/engine.js';

function which(command: string): string | undefined {
	try {
		return execFileSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'}).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Whether a private dockerd can run here: the binary exists and we are root. */
export function canRunPrivateDaemon(): boolean {
	const ok = Boolean(which('dockerd')) && process.getuid?.() === 0;
	if (!ok && requireEngine) throw new Error('IMGSCOPE_REQUIRE_ENGINE=1 but a private dockerd cannot run here (needs the dockerd binary and root): see test/hardening/support/daemon.ts');
	return ok;
}

const live = new Set<PrivateDaemon>();
process.on('exit', () => {
	for (const daemon of live) daemon.killNow();
});

export class PrivateDaemon {
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private madeDir?: string;

	/** Made on first use: a daemon made for a describe block that is skipped leaves no directory behind. */
	get dir(): string {
		// Short: Unix socket paths are limited to 108 bytes (containerd's live under exec/).
		this.madeDir ??= mkdtempSync('/tmp/isd-');
		return this.madeDir;
	}

	get socketPath(): string {
		return path.join(this.dir, 'docker.sock');
	}

	get url(): string {
		return `unix://${this.socketPath}`;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	async start(): Promise<void> {
		const log = openSync(path.join(this.dir, 'dockerd.log'), 'a');
		const child = spawn(
			'dockerd',
			['--data-root', path.join(this.dir, 'data'), '--exec-root', path.join(this.dir, 'exec'), '--pidfile', path.join(this.dir, 'dockerd.pid'), '-H', this.url, '--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--storage-driver=overlay2'],
			{detached: true, stdio: ['ignore', log, log]},
		);
		closeSync(log);
		this.child = child;
		live.add(this);
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`private dockerd exited at start:\n${this.log()}`);
			if (await this.ping()) return;
			if (Date.now() > deadline) throw new Error(`private dockerd did not answer in 30 s:\n${this.log()}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	log(): string {
		try {
			return readFileSync(path.join(this.dir, 'dockerd.log'), 'utf8').split('\n').slice(-20).join('\n');
		} catch {
			return '';
		}
	}

	private ping(): Promise<boolean> {
		return new Promise((resolve) => {
			const req = http.request({socketPath: this.socketPath, path: '/_ping', agent: false, timeout: 1000}, (res) => {
				res.resume();
				resolve(res.statusCode === 200);
			});
			req.on('error', () => resolve(false));
			req.on('timeout', () => {
				req.destroy();
				resolve(false);
			});
			req.end();
		});
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		await this.exited;
		clearTimeout(timer);
		this.child = undefined;
		live.delete(this);
	}

	killNow(): void {
		try {
			if (this.child?.pid && this.child.exitCode === null) process.kill(this.child.pid, 'SIGKILL');
		} catch {}
	}

	async dispose(): Promise<void> {
		await this.stop();
		// dockerd unmounts its data root on the way out; anything still mounted under it is not ours to delete.
		const dir = this.madeDir;
		if (!dir) return;
		const mounts = readFileSync('/proc/mounts', 'utf8');
		if (!mounts.includes(dir)) rmSync(dir, {recursive: true, force: true});
	}

	/** `docker` against this daemon. */
	docker(args: string[], input?: string): string {
		return execFileSync('docker', ['-H', this.url, ...args], {encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: '', DOCKER_CONTEXT: ''}});
	}

	/** Copies images from the machine's engine. */
	load(refs: string[]): void {
		execSync(`docker save ${refs.join(' ')} | docker -H ${this.url} load -q`, {stdio: 'pipe', env: {...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: ''}});
	}

	/**
	 * Adds `count` tags REPO:tNNNN of `source` by writing the reference store
	 * while the daemon is stopped, then restarts it.
	 */
	async seedTags(source: string, repo: string, count: number): Promise<void> {
		const id = this.docker(['image', 'inspect', '--format', '{{.Id}}', source]).trim();
		await this.stop();
		const file = path.join(this.dir, 'data', 'image', 'overlay2', 'repositories.json');
		if (!existsSync(file)) throw new Error(`no reference store at ${file}`);
		const store = JSON.parse(readFileSync(file, 'utf8')) as {Repositories: Record<string, Record<string, string>>};
		const tags: Record<string, string> = store.Repositories[repo] ?? {};
		for (let i = 0; i < count; i++) tags[`${repo}:t${String(i).padStart(4, '0')}`] = id;
		store.Repositories[repo] = tags;
		writeFileSync(file, JSON.stringify(store));
		await this.start();
	}

	/** One API request; resolves with the status code. */
	request(method: string, requestPath: string): Promise<number> {
		return new Promise((resolve, reject) => {
			const req = http.request({socketPath: this.socketPath, method, path: requestPath, agent: false}, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.on('error', reject);
			req.end();
		});
	}

	/** `docker image ls` rows as REPOSITORY:TAG (what the explorer lists, one row each). */
	imageRows(): string[] {
		return this.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(Boolean);
	}
}

/** The private dockerd of one describe block: started with `images` copied in from the machine's engine before its tests, disposed after them. */
export function suitePrivateDaemon(images: string[]): PrivateDaemon {
	const daemon = new PrivateDaemon();
	beforeAll(async () => {
		await daemon.start();
		daemon.load(images);
	}, 120_000);
	afterAll(() => daemon.dispose());
	return daemon;
}

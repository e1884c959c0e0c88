// Client side of imgscope-server.mjs: a small pool of long-lived imgscope
// processes, each running one case at a time.
import {fork, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {RunResult} from '../harness.js';

const bundle = new URL('../../../dist/imgscope.js', import.meta.url);

interface Server {
	child: ChildProcess;
	busy: boolean;
	pending: Map<number, (r: RunResult) => void>;
}

export class ImgscopePool {
	private servers: Server[] = [];
	private waiting: (() => void)[] = [];
	private nextId = 1;

	static available(): boolean {
		return existsSync(fileURLToPath(bundle));
	}

	constructor(size: number) {
		for (let i = 0; i < size; i++) {
			const server: Server = {child: undefined as unknown as ChildProcess, busy: false, pending: new Map()};
			this.start(server);
			this.servers.push(server);
		}
	}

	/** (Re)starts a server's process. */
	private start(server: Server): void {
		const child = fork(fileURLToPath(new URL('imgscope-server.mjs', import.meta.url)), [bundle.href], {
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
			env: {...process.env, NO_COLOR: '1'},
		});
		child.on('message', (m: {id?: number; code: number; stdout: string; stderr: string}) => {
			if (m.id === undefined) return;
			const resolve = server.pending.get(m.id);
			server.pending.delete(m.id);
			resolve?.({code: m.code, stdout: Buffer.from(m.stdout, 'base64'), stderr: m.stderr});
		});
		child.unref();
		server.child = child;
	}

	private replace(server: Server): void {
		server.child.kill('SIGKILL');
		server.pending.clear();
		this.start(server);
	}

	async run(argv: string[], env?: Record<string, string>): Promise<RunResult> {
		let server = this.servers.find(s => !s.busy);
		while (!server) {
			await new Promise<void>(resolve => this.waiting.push(resolve));
			server = this.servers.find(s => !s.busy);
		}
		server.busy = true;
		try {
			const id = this.nextId++;
			return await new Promise<RunResult>(resolve => {
				// As harness.ts's processes: a case still running after 60 s is stopped (exit -1), and its server replaced.
				const timer = setTimeout(() => {
					server!.pending.delete(id);
					this.replace(server!);
					resolve({code: -1, stdout: Buffer.alloc(0), stderr: ''});
				}, 60_000);
				server!.pending.set(id, r => {
					clearTimeout(timer);
					resolve(r);
				});
				server!.child.send({id, argv, env});
			});
		} finally {
			server.busy = false;
			this.waiting.shift()?.();
		}
	}

	close(): void {
		for (const s of this.servers) s.child.kill();
	}
}

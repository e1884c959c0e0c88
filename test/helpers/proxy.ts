/**
 * A proxy on a Unix socket in front of the real dockerd, which a test can
 * stop and start (the engine "dies" and "comes back"), slow down, or make
 * answer garbage. The engine behind it is real; only the pipe is ours.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type Fault = 'none' | 'delay' | 'drop' | 'half' | 'garbage';

export class EngineProxy {
	readonly socketPath: string;
	private server?: net.Server;
	private sockets = new Set<net.Socket>();
	fault: Fault = 'none';
	/** The request lines that went through (`GET /v1.41/images/x/get`), for tests that check what was asked. */
	readonly requests: string[] = [];
	delayMs = 0;

	constructor(readonly target = '/var/run/docker.sock') {
		this.socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'imgscope-proxy-')), 'docker.sock');
	}

	get url(): string {
		return `unix://${this.socketPath}`;
	}

	async start(): Promise<void> {
		rmSync(this.socketPath, {force: true});
		this.server = net.createServer((client) => this.handle(client));
		await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
	}

	/** Closes the socket and cuts every open connection, as a dying daemon does. */
	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
		this.server = undefined;
		rmSync(this.socketPath, {force: true});
	}

	private handle(client: net.Socket): void {
		this.sockets.add(client);
		client.on('close', () => this.sockets.delete(client));
		client.on('error', () => undefined);
		if (this.fault === 'drop') {
			client.destroy();
			return;
		}
		if (this.fault === 'garbage') {
			client.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{garbage!');
			return;
		}
		const upstream = net.connect(this.target);
		this.sockets.add(upstream);
		upstream.on('close', () => this.sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
		client.on('data', (chunk) => {
			for (const m of chunk.toString('latin1').matchAll(/^(GET|HEAD|POST|PUT|DELETE) (\S+) HTTP\/1\.[01]\r$/gm)) this.requests.push(`${m[1]} ${m[2]}`);
			const send = () => upstream.write(chunk);
			if (this.fault === 'delay') setTimeout(send, this.delayMs);
			else send();
		});
		let forwarded = 0;
		upstream.on('data', (chunk) => {
			if (this.fault === 'half') {
				// Forward half of the first response, then cut.
				client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
				client.destroy();
				upstream.destroy();
				return;
			}
			forwarded += chunk.length;
			client.write(chunk);
		});
		upstream.on('end', () => client.end());
		client.on('end', () => upstream.end());
	}
}

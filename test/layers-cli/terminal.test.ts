/**
 * The progress line in a real terminal (tmux), against a fake engine on a
 * unix socket whose export is slow: "waiting for the engine's export" while
 * the engine prepares it, then bytes and layer n of m, and nothing left on
 * the screen once the output is printed. Ctrl+C during the read stops it at
 * once (exit 130) and clears the line.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Terminal} from '../helpers/tmux.js';
import {layer, legacyArchive} from '../archive/helpers.js';
import {bin} from '../helpers/cli.js';

class SlowEngine {
	readonly dir = mkdtempSync(path.join(tmpdir(), 'imgscope-slow-engine-'));
	readonly socketPath = path.join(this.dir, 'docker.sock');
	private server?: http.Server;
	archive: Buffer = Buffer.alloc(0);
	/** Milliseconds before the export's first byte, and between its pieces. */
	prepareMs = 1500;
	pieceMs = 100;
	hang = false;

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const url = req.url ?? '';
			if (url.endsWith('/json') && url.startsWith('/images/')) {
				const body = JSON.stringify({Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['slow/image:1'], Size: this.archive.length, RootFS: {Type: 'layers', Layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64)]}});
				res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
				return res.end(body);
			}
			if (url.endsWith('/get') && url.startsWith('/images/')) {
				if (this.hang) return; // preparing forever
				setTimeout(() => {
					res.writeHead(200, {'Content-Type': 'application/x-tar'});
					let off = 0;
					const piece = Math.ceil(this.archive.length / 20);
					const next = () => {
						if (res.destroyed) return;
						if (off >= this.archive.length) return res.end();
						res.write(this.archive.subarray(off, off + piece));
						off += piece;
						setTimeout(next, this.pieceMs);
					};
					next();
				}, this.prepareMs);
				return;
			}
			if (url === '/_ping') return res.end('OK');
			res.writeHead(404, {'Content-Type': 'application/json'});
			res.end('{"message":"page not found"}');
		});
		await new Promise<void>(resolve => this.server!.listen(this.socketPath, resolve));
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>(resolve => this.server?.close(() => resolve()));
		rmSync(this.dir, {recursive: true, force: true});
	}
}

describe('the progress line in a terminal', () => {
	const engine = new SlowEngine();
	let terminal: Terminal | undefined;

	beforeAll(async () => {
		const layers = [await layer([{name: 'etc/', type: 'directory'}, {name: 'etc/a', data: Buffer.alloc(400_000, 1)}]), await layer([{name: 'etc/.wh.a'}, {name: 'b', data: 'bb'}])];
		engine.archive = await legacyArchive(layers, {tags: ['slow/image:1']});
		await engine.start();
	});
	afterAll(async () => {
		terminal?.close();
		await engine.stop();
	});

	const run = (args: string) => new Terminal(`node ${bin} ${args}`, 100, 20, {DOCKER_HOST: `unix://${engine.socketPath}`});

	it('says what it waits for, then bytes and layers, and is gone when the output comes', async () => {
		engine.hang = false;
		terminal = run('files slow/image:1 --layer 1');
		await terminal.waitFor(s => s.includes("reading slow/image:1: waiting for the engine's export (2 layers, "));
		const reading = await terminal.waitFor(s => /reading slow\/image:1: (layer \d of 2|\d of 2 layers begun), [\d.]+k?B read/.test(s));
		expect(reading.split('\n').filter(l => l.includes('reading')).length).toBe(1);
		const done = await terminal.waitFor(s => s.includes('[exit 0]'));
		expect(done).not.toContain('reading');
		expect(done).toMatch(/^CHANGE +TYPE +SIZE +PATH\n/);
		expect(done).toContain('removed   file   400kB   etc/a');
		expect(done).toContain('added     file   2B      b');
		terminal.close();
	});

	it('Ctrl+C while reading: exit 130 at once, the line cleared, no stack', async () => {
		engine.hang = true;
		terminal = run('check slow/image:1');
		await terminal.waitFor(s => s.includes('waiting for the engine'));
		const t = Date.now();
		terminal.keys('C-c');
		const after = await terminal.waitFor(s => s.includes('[exit 130]'), 5000);
		expect(Date.now() - t).toBeLessThan(2000);
		expect(after).not.toContain('reading');
		expect(after).not.toMatch(/\bat .*:\d+:\d+/);
		terminal.close();
	});
});

/**
 * An HTTP front on 127.0.0.1 before the real registry (127.0.0.1:5000): it
 * forwards every request, or breaks one kind of answer the way a faulty
 * registry or CDN would. The registry behind it is real; only the pipe is ours.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type FrontFault =
	| 'none'
	| 'html' // every answer an HTML page (a login portal, a web server that is no registry)
	| 'redirect-loop' // blobs redirect to themselves
	| 'redirect-blobs' // blobs redirect (302) to the registry itself, as CDNs do
	| 'huge-manifest' // manifests of 6 MiB
	| 'corrupt-blob' // layer blobs with one byte changed, same length
	| 'cut-blob' // layer blobs cut halfway
	| 'wrong-manifest-digest' // Docker-Content-Digest that is not the bytes'
	| 'rate-limit' // 429 with rate-limit headers
	| 'low-rate' // answers carry a low ratelimit-remaining
	| 'paged-tags' // tags/list pages of n with Link headers (registry 2.8 does not page)
	| 'slow-blobs'; // layer blobs trickle in, 16 KiB every 100 ms

export class RegistryFront {
	fault: FrontFault = 'none';
	requests: string[] = [];
	private server?: http.Server;
	port = 0;

	constructor(readonly upstream = {host: '127.0.0.1', port: 5000}) {}

	get host(): string {
		return `127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server!.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const url = req.url ?? '/';
		this.requests.push(url);
		const isBlob = /\/blobs\/sha256:/.test(url);
		const isManifest = /\/manifests\//.test(url);
		if (this.fault === 'html') {
			res.writeHead(200, {'Content-Type': 'text/html'}).end('<!DOCTYPE html><html><body>Welcome</body></html>');
			return;
		}
		if (this.fault === 'rate-limit' && url !== '/v2/') {
			res.writeHead(429, {'Content-Type': 'application/json', 'RateLimit-Limit': '100;w=21600', 'RateLimit-Remaining': '0;w=21600', 'Retry-After': '60'}).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"too many requests"}]}');
			return;
		}
		if (isBlob && this.fault === 'redirect-loop') {
			res.writeHead(307, {Location: url}).end();
			return;
		}
		if (isBlob && this.fault === 'redirect-blobs' && !url.includes('redirected=1')) {
			res.writeHead(302, {Location: `http://${this.host}${url}?redirected=1`}).end();
			return;
		}
		if (isManifest && this.fault === 'huge-manifest') {
			const padding = 'x'.repeat(6 << 20);
			res.writeHead(200, {'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json'}).end(`{"schemaVersion":2,"pad":"${padding}"}`);
			return;
		}
		const tagsPage = this.fault === 'paged-tags' && /\/tags\/list/.test(url);
		const path = tagsPage ? url.replace(/\?.*$/, '') : url.replace(/[?&]redirected=1$/, '');
		const upstream = http.request({...this.upstream, path, method: req.method, headers: {...req.headers, host: `${this.upstream.host}:${this.upstream.port}`}}, (up) => {
			const headers = {...up.headers};
			if (this.fault === 'low-rate') Object.assign(headers, {'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '3;w=21600'});
			if (isManifest && this.fault === 'wrong-manifest-digest') headers['docker-content-digest'] = `sha256:${'0'.repeat(64)}`;
			if (tagsPage) return this.page(url, up, res);
			const layerBlob = isBlob && Number(up.headers['content-length']) > 100_000; // layer 0 (1 MB), not the config
			if (layerBlob && this.fault === 'corrupt-blob') {
				const parts: Buffer[] = [];
				up.on('data', (c: Buffer) => parts.push(c));
				up.on('end', () => {
					const body = Buffer.concat(parts);
					body[body.length - 20] ^= 0xff;
					res.writeHead(up.statusCode ?? 500, headers).end(body);
				});
				return;
			}
			if (layerBlob && this.fault === 'cut-blob') {
				const total = Number(up.headers['content-length']);
				res.writeHead(up.statusCode ?? 500, headers);
				let sent = 0;
				up.on('data', (c: Buffer) => {
					if (sent >= total / 2) return;
					res.write(c.subarray(0, Math.max(0, Math.min(c.length, Math.floor(total / 2) - sent))));
					sent += c.length;
					if (sent >= total / 2) res.destroy();
				});
				return;
			}
			res.writeHead(up.statusCode ?? 500, headers);
			if (layerBlob && this.fault === 'slow-blobs') {
				const parts: Buffer[] = [];
				up.on('data', (c: Buffer) => parts.push(c));
				up.on('end', () => {
					const body = Buffer.concat(parts);
					let at = 0;
					const drip = () => {
						if (res.destroyed) return;
						res.write(body.subarray(at, at + 16384));
						at += 16384;
						if (at < body.length) setTimeout(drip, 100);
						else res.end();
					};
					drip();
				});
				return;
			}
			up.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	}

	/** The registry's whole tag list, served n at a time with `Link: <...?n=N&last=T>; rel="next"`. */
	private page(url: string, up: http.IncomingMessage, res: http.ServerResponse): void {
		const parts: Buffer[] = [];
		up.on('data', (c: Buffer) => parts.push(c));
		up.on('end', () => {
			const doc = JSON.parse(Buffer.concat(parts).toString('utf8')) as {name: string; tags: string[]};
			const q = new URL(url, 'http://x').searchParams;
			const n = Number(q.get('n') ?? 2);
			const sorted = [...doc.tags].sort();
			const last = q.get('last');
			const from = last === null ? 0 : sorted.indexOf(last) + 1;
			const tags = sorted.slice(from, from + n);
			const headers: Record<string, string> = {'Content-Type': 'application/json'};
			if (from + n < sorted.length) headers.Link = `</v2/${doc.name}/tags/list?n=${n}&last=${encodeURIComponent(tags[tags.length - 1])}>; rel="next"`;
			res.writeHead(200, headers).end(JSON.stringify({name: doc.name, tags}));
		});
	}
}

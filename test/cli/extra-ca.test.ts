/**
 * bin/imgscope starts node without NODE_EXTRA_CA_CERTS (a start-up cost) and
 * hands the file to the one place that needs it: a TLS engine with no ca.pem.
 * Here a real TLS front (certificate signed by a CA of our own, known only
 * through NODE_EXTRA_CA_CERTS) relays to the real engine.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, haveEngine} from '../helpers/engine.js';
import {relayToEngine} from '../helpers/relay.js';

const bin = new URL('../../bin/imgscope', import.meta.url).pathname;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{status: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn(bin, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		child.on('close', (status) => resolve({status, stdout, stderr}));
	});
}

describe.skipIf(!haveEngine)('NODE_EXTRA_CA_CERTS', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-ca-'));
	const certPath = path.join(dir, 'client'); // DOCKER_CERT_PATH with no ca.pem
	let server: tls.Server;
	let port = 0;

	beforeAll(async () => {
		const ssl = (args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: 'pipe'});
		ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=imgscope test CA']);
		ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
		writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
		ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
		mkdirSync(certPath);
		server = tls.createServer({key: readFileSync(path.join(dir, 'server.key')), cert: readFileSync(path.join(dir, 'server.pem'))}, (front) => relayToEngine(front));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as net.AddressInfo).port;
	});
	afterAll(() => server?.close());

	const tlsEnv = (extra: NodeJS.ProcessEnv) => {
		const env: NodeJS.ProcessEnv = {...process.env, DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath, ...extra};
		delete env.IMGSCOPE_EXTRA_CA_CERTS;
		if (extra.NODE_EXTRA_CA_CERTS === undefined) delete env.NODE_EXTRA_CA_CERTS;
		return env;
	};

	it('is trusted for a TLS engine with no ca.pem, as node would trust it', async () => {
		const id = docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1']);
		const result = await run(['inspect', '--format', '{{.Id}}', 'fixture/app:1'], tlsEnv({NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem')}));
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(id);
		expect(result.status).toBe(0);
		for (const args of [['ls'], ['history', 'fixture/app:1'], ['layers', 'fixture/app:1']]) {
			const overTls = await run(args, tlsEnv({NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem')}));
			const overSocket = await run(args, {...process.env, DOCKER_HOST: 'unix:///var/run/docker.sock'});
			expect({args, stderr: overTls.stderr, status: overTls.status}).toEqual({args, stderr: '', status: 0});
			// Sorted: images created in the same second come in the daemon's order, which varies.
			expect(overTls.stdout.split('\n').sort()).toEqual(overSocket.stdout.split('\n').sort());
		}
	});

	it('without it, the same engine is refused with a clear message and no stack trace', async () => {
		const result = await run(['inspect', '--format', '{{.Id}}', 'fixture/app:1'], tlsEnv({}));
		expect(result.status).not.toBe(0);
		expect(result.stdout.trim()).toBe(''); // docker too prints one empty line when it cannot reach the engine
		expect(result.stderr).toMatch(/certificate/i);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('goes back into the environment of what imgscope starts (credential helpers)', async () => {
		// A probe loaded before bin/imgscope's code reads the environment as the process ends.
		const probe = path.join(dir, 'probe.cjs');
		const seen = path.join(dir, 'seen');
		writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, String(process.env.NODE_EXTRA_CA_CERTS)));`);
		const env: NodeJS.ProcessEnv = {...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), NODE_OPTIONS: `--require ${probe}`};
		delete env.IMGSCOPE_EXTRA_CA_CERTS;
		const result = await run(['--version'], env);
		expect(result.status).toBe(0);
		expect(readFileSync(seen, 'utf8')).toBe(path.join(dir, 'ca.pem'));
	});
});

/**
 * ssh:// endpoints: imgscope opens an ssh session and runs `docker system
 * dial-stdio` in it, as the docker CLI does. A small ssh server (ssh2's) on
 * loopback plays the remote host: it accepts any user and pipes dial-stdio
 * to the local engine's socket.
 */
import {createRequire} from 'node:module';
import net from 'node:net';
import {userInfo} from 'node:os';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {haveEngine} from '../helpers/engine.js';

const require = createRequire(import.meta.url);
const ssh2 = require('ssh2') as typeof import('ssh2');

describe.skipIf(!haveEngine)('an ssh:// endpoint', () => {
	let server: import('ssh2').Server;
	let port: number;
	const users: string[] = [];
	const commands: string[] = [];
	beforeAll(async () => {
		const key = ssh2.utils.generateKeyPairSync('ed25519');
		server = new ssh2.Server({hostKeys: [key.private]}, (client) => {
			client.on('authentication', (context) => {
				users.push(context.username);
				context.accept();
			});
			client.on('ready', () => {
				client.on('session', (accept) => {
					const session = accept();
					session.on('exec', (acceptExec, _reject, info) => {
						commands.push(info.command);
						const channel = acceptExec();
						const upstream = net.connect('/var/run/docker.sock');
						channel.pipe(upstream).pipe(channel);
						upstream.on('error', () => channel.close());
						channel.on('close', () => upstream.destroy());
					});
				});
			});
			client.on('error', () => undefined);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('talks to the engine through dial-stdio, as the current user when the URL names none', async () => {
		const engine = new Engine(parseHost(`ssh://127.0.0.1:${port}`, '-H', {}));
		try {
			const images = await engine.listImages();
			expect(images.some((image) => (image.RepoTags ?? []).includes('fixture/base:1'))).toBe(true);
			const {value} = await engine.inspectImage('fixture/base:1');
			expect(value.Id).toMatch(/^sha256:/);
		} finally {
			engine.close();
		}
		expect(users[0]).toBe(userInfo().username);
		expect(commands[0]).toBe('docker system dial-stdio');
	});

	it('uses the user the URL names', async () => {
		const engine = new Engine(parseHost(`ssh://someone@127.0.0.1:${port}`, '-H', {}));
		try {
			await engine.ping();
		} finally {
			engine.close();
		}
		expect(users.at(-1)).toBe('someone');
	});

	it('dockerode (attach) goes through the same ssh agent', async () => {
		const engine = new Engine(parseHost(`ssh://127.0.0.1:${port}`, '-H', {}));
		try {
			const info = (await engine.docker.version()) as {ApiVersion?: string};
			expect(info.ApiVersion).toMatch(/^1\.\d+/);
		} finally {
			engine.close();
		}
	});
});

/**
 * `-H tcp://[::1]:PORT`: an IPv6 engine address, brackets and all, as the
 * docker CLI takes it. A plain TCP relay on ::1 in front of the real engine.
 */
import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {relayToEngine} from '../helpers/relay.js';
import {docker, haveEngine} from '../helpers/engine.js';

describe.skipIf(!haveEngine)('an engine at tcp://[::1]', () => {
	let relay: net.Server;
	let port = 0;
	beforeAll(async () => {
		relay = net.createServer((front) => relayToEngine(front));
		await new Promise<void>((resolve) => relay.listen(0, '::1', resolve));
		port = (relay.address() as net.AddressInfo).port;
	});
	afterAll(() => relay?.close());

	it('is reached, by the subcommands and the export', async () => {
		const host = `tcp://[::1]:${port}`;
		const inspect = await runCli(['-H', host, 'inspect', '--format', '{{.Id}}', 'fixture/app:1']);
		expect(inspect.stderr).toBe('');
		expect(inspect.stdout).toBe(docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1']));
		const files = await runCli(['-H', host, 'files', 'fixture/app:1', '--json']);
		expect(files.stderr).toBe('');
		expect(files.code).toBe(0);
		expect(JSON.parse(files.stdout)).toMatchObject({image: 'fixture/app:1', layers: 5});
	});
});

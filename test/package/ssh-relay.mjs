// A small ssh server (ssh2's, from the checkout's node_modules) on loopback
// playing a remote docker host for the smoke test: any user is accepted, and
// `docker system dial-stdio` is piped to the local engine's socket. Prints
// its port, then serves until killed.
import {createRequire} from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const ssh2 = require('ssh2');
const key = ssh2.utils.generateKeyPairSync('ed25519');
const server = new ssh2.Server({hostKeys: [key.private]}, (client) => {
	client.on('authentication', (context) => context.accept());
	client.on('ready', () => {
		client.on('session', (accept) => {
			accept().on('exec', (acceptExec, reject, info) => {
				if (info.command !== 'docker system dial-stdio') return reject();
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
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
// Never outlives the smoke test by long.
setTimeout(() => process.exit(0), 10 * 60_000).unref();

import net from 'node:net';

/** Joins a connection a test server accepted (plain TCP, TLS, …) to the real engine's socket. */
export function relayToEngine(front: net.Socket, socketPath = '/var/run/docker.sock'): void {
	const back = net.connect(socketPath);
	front.pipe(back).pipe(front);
	front.on('error', () => back.destroy());
	back.on('error', () => front.destroy());
}

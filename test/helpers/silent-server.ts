/** A TCP server that accepts connections and never answers: a registry (or any peer) gone silent, for idle timeouts and cancels. */
import net from 'node:net';

export interface SilentServer {
	/** Its port on 127.0.0.1. */
	port: number;
	/** Cuts the connections it holds open and stops listening. */
	close(): void;
}

export async function listenSilently(): Promise<SilentServer> {
	const sockets: net.Socket[] = [];
	const server = net.createServer((socket) => sockets.push(socket));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		close() {
			for (const socket of sockets) socket.destroy();
			server.close();
		},
	};
}

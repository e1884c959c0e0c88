// A long-lived imgscope for the fuzzer: runs main(argv) of the built bundle
// (dist/imgscope.js) once per request, with stdout and stderr captured, so
// thousands of cases do not each pay node's start-up. Requests come over IPC,
// one at a time: {id, argv} -> {id, code, stdout (base64), stderr}.
// The process-level behaviour (bin/imgscope, exit, flushing) is what the fixed
// conformance cases check; time zones (TZ is read once) run as processes.
import http from 'node:http';

const {main} = await import(process.argv[2]);

// Each main() makes an engine whose agent keeps its socket alive for the next
// request of a process that would have exited by now: close them after each run.
const sockets = new Set();
const createConnection = http.Agent.prototype.createConnection;
http.Agent.prototype.createConnection = function (...args) {
	const socket = createConnection.apply(this, args);
	sockets.add(socket);
	return socket;
};

const capture = (stream, sink) => {
	stream.write = (chunk, encoding, callback) => {
		sink.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
		const done = typeof encoding === 'function' ? encoding : callback;
		if (done) process.nextTick(done);
		return true;
	};
};

let out = [];
let err = [];
const realErr = process.stderr.write.bind(process.stderr);
capture(process.stdout, {push: b => out.push(b)});
capture(process.stderr, {push: b => err.push(b)});

process.on('message', async ({id, argv, env = {}}) => {
	out = [];
	err = [];
	let code;
	// The case's environment (a private DOCKER_CONFIG or DOCKER_HOST) for this run only.
	const saved = Object.fromEntries(Object.keys(env).map(k => [k, process.env[k]]));
	Object.assign(process.env, env);
	try {
		code = await main(argv);
	} catch (error) {
		realErr(`imgscope-server: ${error?.stack ?? error}\n`);
		code = -2;
	}
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	for (const socket of sockets) socket.destroy();
	sockets.clear();
	process.send({id, code, stdout: Buffer.concat(out).toString('base64'), stderr: Buffer.concat(err).toString('utf8')});
});
process.send({ready: true});

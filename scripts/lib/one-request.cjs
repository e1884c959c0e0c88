// The floor a node program cannot go under for a one-request subcommand:
// node starts, loads its http client, makes one GET on the engine's socket and
// writes the body to stdout. `imgscope ls` and `imgscope history` do this
// plus parsing, formatting and loading their own code; `docker image ls` and
// `docker history` do it from a Go binary. The bench prints both ratios, so a
// miss is shown as node's share or ours.
//
//   node scripts/lib/one-request.cjs /images/json
'use strict';
const http = require('node:http');
const socketPath = process.env.IMGSCOPE_BENCH_SOCKET || '/var/run/docker.sock';
http.get({socketPath, path: process.argv[2]}, (response) => {
	if (response.statusCode !== 200) {
		process.stderr.write(`GET ${process.argv[2]}: ${response.statusCode}\n`);
		process.exitCode = 1;
	}
	response.pipe(process.stdout);
}).on('error', (error) => {
	process.stderr.write(`${error.message}\n`);
	process.exitCode = 1;
});

// Creates or removes N tags of fixture/base:1 through the engine API, quickly.
import http from 'node:http';

const [action, countText] = process.argv.slice(2);
const count = Number(countText);
const call = (method, path) =>
	new Promise((resolve, reject) => {
		const req = http.request({socketPath: '/var/run/docker.sock', method, path, agent: false}, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('error', reject);
		req.end();
	});
const jobs = Array.from({length: count}, (_, i) => i);
async function worker() {
	while (jobs.length) {
		const i = jobs.shift();
		if (action === 'create') await call('POST', `/images/fixture/base:1/tag?repo=imgscope-bench/tag&tag=${i}`);
		else await call('DELETE', `/images/imgscope-bench/tag:${i}?noprune=1`);
	}
}
await Promise.all(Array.from({length: 16}, worker));

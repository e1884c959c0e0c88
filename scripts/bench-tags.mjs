// The bench's images on the engine: one small image of its own (a commit of
// fixture/base:1 labelled imgscope.bench=1, so its ID is the bench's alone)
// tagged imgscope-bench/tag:1..N with concurrent POST /images/{id}/tag, and
// removed in one DELETE /images/{id}?force=1, which untags all N at once.
// Never touches another image: removal only deletes IDs carrying the label.
//
//   node scripts/bench-tags.mjs create [N]   (default 2000)
//   node scripts/bench-tags.mjs remove
import http from 'node:http';
import {fileURLToPath} from 'node:url';

const socketPath = process.env.IMGSCOPE_BENCH_SOCKET || '/var/run/docker.sock';
export const benchRepo = 'imgscope-bench/tag';
const label = 'imgscope.bench';
const source = 'fixture/base:1';

/** One request on a connection of its own (a kept-alive one the engine closed meanwhile fails with EPIPE), tried twice. */
async function call(method, path, body) {
	try {
		return await request(method, path, body);
	} catch (error) {
		if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
		return request(method, path, body);
	}
}

function request(method, path, body) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request({socketPath, method, path, agent: false, headers: data ? {'Content-Type': 'application/json'} : {}}, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {}
				if (res.statusCode >= 400) reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${json?.message ?? text}`));
				else resolve(json);
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

/** Removes every image labelled as the bench's (with all its tags); returns how many tags went. */
export async function removeBenchImages() {
	const images = await call('GET', `/images/json?filters=${encodeURIComponent(JSON.stringify({label: [`${label}=1`]}))}`);
	let untagged = 0;
	for (const image of images) {
		const detail = await call('GET', `/images/${image.Id}/json`);
		if (detail?.Config?.Labels?.[label] !== '1') continue;
		const answer = await call('DELETE', `/images/${image.Id}?force=1`);
		untagged += answer.filter((entry) => entry.Untagged).length;
	}
	await call('DELETE', '/containers/imgscope-bench-src?force=1').catch(() => undefined);
	return untagged;
}

/** Creates the bench image and `count` tags of it; returns the refs. */
export async function createBenchTags(count, {concurrency = 32} = {}) {
	await removeBenchImages();
	try {
		await call('GET', `/images/${source}/json`);
	} catch {
		throw new Error(`${source} is not on the engine: build the fixtures first (bash test/fixtures/build.sh)`);
	}
	await call('POST', '/containers/create?name=imgscope-bench-src', {Image: source, Cmd: ['true'], Labels: {[label]: '1'}});
	let id;
	try {
		({Id: id} = await call('POST', `/commit?container=imgscope-bench-src&comment=imgscope+bench`, {Labels: {[label]: '1'}}));
	} finally {
		await call('DELETE', '/containers/imgscope-bench-src?force=1').catch(() => undefined);
	}
	const refs = Array.from({length: count}, (_, i) => `${benchRepo}:${i + 1}`);
	let next = 0;
	const worker = async () => {
		while (next < refs.length) {
			const i = next++;
			await call('POST', `/images/${id}/tag?repo=${encodeURIComponent(benchRepo)}&tag=${i + 1}`);
		}
	};
	await Promise.all(Array.from({length: concurrency}, worker));
	return {id, refs};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [action, countText] = process.argv.slice(2);
	const started = performance.now();
	if (action === 'create') {
		const {refs} = await createBenchTags(Number(countText) || 2000);
		console.log(`created ${refs.length} tags of one image in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	} else if (action === 'remove') {
		const untagged = await removeBenchImages();
		console.log(`removed the bench image (${untagged} tags) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	} else {
		console.error('usage: node scripts/bench-tags.mjs create [N] | remove');
		process.exit(2);
	}
}

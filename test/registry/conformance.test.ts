/**
 * `imgscope manifest inspect [--verbose] [--insecure]` against the docker CLI
 * (/usr/local/bin/docker) on the real registries: the same stdout, stderr
 * and exit status, for images, an OCI image, zstd layers, a buildah image,
 * a multi-platform index, by tag and by digest, and for missing ones.
 */
import {execFile} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {basic, goodConfig, haveRegistries, plain} from './support.js';

const docker = '/usr/local/bin/docker';

function runDocker(args: string[], env: Record<string, string>): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		execFile(docker, args, {env: {...process.env, ...env}, encoding: 'utf8', timeout: 30_000}, (error, stdout, stderr) => {
			resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
		});
	});
}

const config = haveRegistries ? goodConfig() : '';
const env = {DOCKER_CONFIG: config};

const cases: string[][] = [];
for (const repo of ['app:1', 'multi:1', 'oci:1', 'zstd:1', 'buildah:1', 'app:nope', 'nope:1']) {
	for (const verbose of [[], ['--verbose']]) cases.push(['manifest', 'inspect', ...verbose, '--insecure', `${plain}/registry-test/${repo}`]);
}
// Without --insecure docker does not use plain HTTP, even on loopback: "no such manifest".
cases.push(['manifest', 'inspect', `${plain}/registry-test/app:1`]);
// TLS with the CA in /etc/docker/certs.d and basic auth.
cases.push(['manifest', 'inspect', `${basic}/registry-test/app:1`], ['manifest', 'inspect', '-v', `${basic}/registry-test/multi:1`]);
cases.push(['manifest', 'inspect', '--insecure', 'Bad/Ref:x']);

describe.skipIf(!haveRegistries)('manifest inspect is docker manifest inspect', () => {
	it.each(cases.map((c) => [c.join(' '), c]))('%s', async (_name, args) => {
		const [ours, theirs] = await Promise.all([runCli(args as string[], {env}), runDocker(args as string[], env)]);
		expect({code: ours.code, stdout: ours.stdout, stderr: ours.stderr}).toEqual({code: theirs.code, stdout: theirs.stdout, stderr: theirs.stderr});
	});

	it('by digest: the index and one of its children', async () => {
		const index = await runDocker(['manifest', 'inspect', '--insecure', '-v', `${plain}/registry-test/multi:1`], env);
		const digests = [...index.stdout.matchAll(/"digest": "(sha256:[0-9a-f]{64})"/g)].map((m) => m[1]);
		const child = digests[0];
		for (const args of [['manifest', 'inspect', '--insecure', `${plain}/registry-test/multi@${child}`], ['manifest', 'inspect', '--insecure', '-v', `${plain}/registry-test/multi@${child}`]]) {
			const [ours, theirs] = await Promise.all([runCli(args, {env}), runDocker(args, env)]);
			expect(ours.stdout).toBe(theirs.stdout);
			expect(ours.code).toBe(0);
		}
	});
});

/**
 * The explorer's Inspect tab on a remote tag (registry/raw-documents.ts): its
 * manifest section is `docker manifest inspect REPO@DIGEST`'s output (as a
 * terminal shows its tabs), its index section the bytes the registry serves
 * (what `docker buildx imagetools inspect --raw` prints; no buildx here, so
 * curl's copy of the same answer is the reference).
 */
describe.skipIf(!haveRegistries)('the Inspect tab of a remote tag shows the manifest and index as docker does', () => {
	it.each(['app:1', 'oci:1', 'zstd:1', 'multi:1'])('%s', async (tag) => {
		const {RegistrySource} = await import('../../source/engine/registry-source.js');
		const {parseRemote} = await import('../../source/registry/remote-reference.js');
		const {expandTabs} = await import('../../source/registry/raw-documents.js');
		const {inspectLinesOf} = await import('../../source/ui/inspect-lines.js');
		const repository = `${plain}/registry-test/${tag.split(':')[0]}`;
		const source = new RegistrySource(parseRemote(repository));
		try {
			const image = await source.resolve(tag.split(':')[1]);
			const detail = await source.imageDetail(image.reference.ref.reference);
			const [manifest, index, indented] = detail.remote.documents;
			const theirs = await runDocker(['manifest', 'inspect', '--insecure', `${repository}@${image.manifestDoc.digest}`], env);
			expect(theirs.code).toBe(0);
			expect(manifest.lines).toEqual(theirs.stdout.replace(/\n$/, '').split('\n').map(expandTabs));
			expect(manifest.title).toContain(`docker manifest inspect ${repository}@${image.manifestDoc.digest}`);
			const lines = inspectLinesOf(detail);
			expect(lines[0]).toBe('# config-based (docker image inspect after a pull); Size and VirtualSize are compressed until the Files tab reads the layers');
			expect(lines).toContain(`# ${manifest.title}`);
			if (!image.index) {
				expect(index).toBeUndefined();
				return;
			}
			const served = await fetch(`http://${repository.replace(`${plain}/`, `${plain}/v2/`)}/manifests/${tag.split(':')[1]}`, {headers: {accept: image.top.contentType}});
			const bytes = await served.text();
			expect(index.lines).toEqual(bytes.replace(/\n$/, '').split('\n'));
			expect(index.title).toContain(`docker buildx imagetools inspect --raw ${repository}:1`);
			// Served on one line: the same bytes indented follow.
			expect(bytes.includes('\n')).toBe(false);
			expect(indented.lines.join('').replace(/\s/g, '')).toBe(bytes.replace(/\s/g, ''));
			expect(indented.lines.length).toBeGreaterThan(10);
		} finally {
			source.close();
		}
	});
});

/**
 * The remote figures against docker's own after a pull: for a buildah-built
 * OCI image (never built by this engine) and the waste fixture, the remote
 * Layers, History and config-based inspect equal the pulled image's (diff_ids,
 * steps, sizes), and `check` gives the same wastedBytes remote and local.
 * The pulled tags (under 127.0.0.1:5000/registry-test/) are removed after.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {docker, haveEngine} from '../helpers/engine.js';
import {goodConfig, haveRegistries, plain} from './support.js';

const images = [`${plain}/registry-test/buildah:1`, `${plain}/registry-test/waste:1`, `${plain}/registry-test/multi:1`];
const env = {DOCKER_CONFIG: haveRegistries ? goodConfig() : ''};
const cli = (args: string[]) => runCli(args, {env, timeout: 60_000});
const pulled: string[] = [];

describe.skipIf(!haveRegistries || !haveEngine)('remote figures equal docker\'s after a pull', () => {
	beforeAll(() => {
		for (const image of images) {
			// Only tags this test makes are removed after (an image someone else tagged the same stays).
			const had = (() => {
				try {
					docker(['image', 'inspect', image]);
					return true;
				} catch {
					return false;
				}
			})();
			docker(['pull', '-q', image]);
			if (!had) pulled.push(image);
		}
	}, 120_000);
	afterAll(() => {
		for (const image of pulled) docker(['rmi', image]);
	});

	it.each(images)('layers of %s', async (image) => {
		const [remote, local] = await Promise.all([cli(['layers', '--json', '--remote', image]), cli(['layers', '--json', image])]);
		const rows = (text: string) => JSON.parse(text).layers.map((l: any) => ({index: l.index, diff_id: l.diff_id, size: l.size, cumulative_size: l.cumulative_size, step: l.step}));
		expect(remote.code).toBe(0);
		expect(rows(remote.stdout)).toEqual(rows(local.stdout));
	});

	it('history of the buildah image: docker history byte for byte', async () => {
		const format = ['--no-trunc', '--human=false', '--format', '{{.ID}}|{{.CreatedAt}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}'];
		const remote = await cli(['history', ...format, images[0]]);
		expect(remote.code).toBe(0);
		expect(remote.stdout).toBe(docker(['history', ...format, images[0]]));
	});

	it('history of the waste image: steps and sizes (its ids are the local build\'s)', async () => {
		const format = ['--no-trunc', '--human=false', '--format', '{{.CreatedAt}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}'];
		const remote = await cli(['history', ...format, images[1]]);
		expect(remote.stdout).toBe(docker(['history', ...format, images[1]]));
	});

	it.each(images)('inspect of %s: the config-based fields docker shows', async (image) => {
		// RepoTags: the local image may carry other tags too (the waste fixture's own); Parent is a local build's.
		const format = ['--format', '{{.Id}}|{{index .RepoTags 0}}|{{.RepoDigests}}|{{.Created}}|{{.Os}}/{{.Architecture}}|{{.Size}}|{{json .RootFS}}|{{json .Config.Env}}|{{json .Config.Labels}}|{{json .Config}}|{{json .ContainerConfig}}|{{.Author}}|{{.Comment}}|{{.DockerVersion}}|{{.VirtualSize}}'];
		const remote = await cli(['inspect', ...format, '--remote', image]);
		expect(remote.code).toBe(0);
		expect(remote.stdout).toBe(docker(['image', 'inspect', ...format, image]));
	});

	it.each(images)('check of %s: the same wastedBytes remote and pulled', async (image) => {
		const [remote, local] = await Promise.all([cli(['check', '--json', '--remote', image]), cli(['check', '--json', image])]);
		const figures = (text: string) => {
			const doc = JSON.parse(text);
			return {wastedBytes: doc.wastedBytes, efficiency: doc.efficiency, userWastedPercent: doc.userWastedPercent, layers: doc.layers};
		};
		expect(figures(remote.stdout)).toEqual(figures(local.stdout));
		expect(remote.code).toBe(local.code);
	});
});

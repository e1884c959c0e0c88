/**
 * Tag and remove against the real engine, checked through `docker` afterwards.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {removeImage, tagImage} from '../../source/engine/actions/images.js';
import {docker, engine, haveEngine, imageExists} from '../helpers/engine.js';

const repo = 'imgscope-test/actions-images';
const container = 'imgscope-actions-images-user';

function cleanup() {
	try {
		docker(['rm', '-f', container]);
	} catch {}
	const refs = docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo]).split('\n').filter(Boolean);
	for (const ref of refs) docker(['rmi', ref]);
}

describe.skipIf(!haveEngine)('tag and remove images', () => {
	const e = engine();
	let baseId = '';
	beforeAll(() => {
		cleanup();
		baseId = docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1']).trim();
	});
	afterAll(cleanup);

	it('tags an image: the new name points at the same image', async () => {
		const result = await tagImage(e, 'fixture/app:1', `${repo}:one`);
		expect(result.reference).toBe(`${repo}:one`);
		expect(docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:one`]).trim()).toBe(baseId);
	});

	it('fills in the tag latest, and accepts an image ID as the source', async () => {
		const result = await tagImage(e, baseId, repo);
		expect(result.reference).toBe(`${repo}:latest`);
		expect(imageExists(`${repo}:latest`)).toBe(true);
	});

	it('refuses an invalid reference before asking the engine, and tags nothing', async () => {
		const names = () => docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter((n) => n.startsWith('imgscope-test/actions-')).sort();
		const before = names();
		for (const bad of ['Imgscope-Test/Upper:1', `${repo}:-bad`, `${repo}@sha256:${'a'.repeat(64)}`, '']) {
			await expect(tagImage(e, 'fixture/app:1', bad)).rejects.toThrow(/invalid reference/);
		}
		expect(names()).toEqual(before);
	});

	it('reports a missing source image as notFound', async () => {
		const error = await tagImage(e, 'imgscope-test/actions-nothing:1', `${repo}:x`).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(EngineError);
		expect((error as EngineError).kind).toBe('notFound');
		expect((error as EngineError).message).toMatch(/No such image/);
	});

	it('removing one tag leaves the image and its other tags', async () => {
		await tagImage(e, 'fixture/app:1', `${repo}:two`);
		const result = await removeImage(e, {scope: 'tag', reference: `${repo}:two`});
		expect(result.untagged).toEqual([`${repo}:two`]);
		expect(result.deleted).toEqual([]);
		expect(imageExists(`${repo}:two`)).toBe(false);
		expect(imageExists(`${repo}:one`)).toBe(true);
		expect(imageExists('fixture/app:1')).toBe(true);
	});

	it('a whole-image removal of an image in use is refused with the conflict, and removes nothing', async () => {
		// A private image: a commit of a container, with two tags, used by a stopped container.
		docker(['create', '--network', 'none', '--name', container, 'fixture/base:1', 'true']);
		const id = docker(['commit', container, `${repo}:mine`]).trim();
		docker(['tag', id, `${repo}:mine2`]);
		docker(['rm', container]);
		docker(['create', '--network', 'none', '--name', container, `${repo}:mine`, 'true']);

		const error = (await removeImage(e, {scope: 'image', id}).catch((error_: unknown) => error_)) as EngineError;
		expect(error).toBeInstanceOf(EngineError);
		expect(error.kind).toBe('conflict');
		expect(error.message).toMatch(/conflict: unable to delete .* being used by stopped container/);
		expect(imageExists(`${repo}:mine`)).toBe(true);
		expect(imageExists(`${repo}:mine2`)).toBe(true);

		// One tag of a used image with another tag: only that name goes.
		await removeImage(e, {scope: 'tag', reference: `${repo}:mine2`});
		// The last tag of a used image: the engine's own conflict message.
		const last = (await removeImage(e, {scope: 'tag', reference: `${repo}:mine`}).catch((error_: unknown) => error_)) as EngineError;
		expect(last.kind).toBe('conflict');
		expect(last.message).toMatch(/^Error response from daemon: conflict: unable to remove repository reference/);
		expect(imageExists(`${repo}:mine`)).toBe(true);

		// Force, chosen explicitly, removes it despite the stopped container.
		docker(['tag', id, `${repo}:mine2`]);
		const forced = await removeImage(e, {scope: 'image', id, force: true});
		expect(forced.untagged.sort()).toEqual([`${repo}:mine`, `${repo}:mine2`]);
		expect(imageExists(id)).toBe(false);
	});

	it('removes an image with all its tags when nothing uses it', async () => {
		docker(['rm', '-f', container]);
		docker(['create', '--network', 'none', '--name', container, 'fixture/base:1', 'true']);
		const id = docker(['commit', container, `${repo}:gone1`]).trim();
		docker(['rm', container]);
		docker(['tag', id, `${repo}:gone2`]);
		docker(['tag', id, 'imgscope-test/actions-images-other:gone3']);
		const result = await removeImage(e, {scope: 'image', id});
		expect(result.untagged.sort()).toEqual(['imgscope-test/actions-images-other:gone3', `${repo}:gone1`, `${repo}:gone2`]);
		expect(result.deleted).toContain(id);
		expect(imageExists(id)).toBe(false);
	});

	it('a removal of a tag that does not exist says so', async () => {
		const error = (await removeImage(e, {scope: 'tag', reference: `${repo}:never`}).catch((error_: unknown) => error_)) as EngineError;
		expect(error.kind).toBe('notFound');
		expect(error.message).toMatch(/No such image/);
	});
});

import {describe, expect, it} from 'vitest';
import {loadImageDetail} from '../../source/engine/image-detail.js';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {EngineError} from '../../source/engine/errors.js';
import {docker, engine, haveEngine} from '../helpers/engine.js';

describe.skipIf(!haveEngine)('the engine adapter against the real engine', () => {
	it('lists images with their tags', async () => {
		const images = await engine().listImages();
		const tags = images.flatMap((image) => image.RepoTags ?? []);
		expect(tags).toEqual(expect.arrayContaining(['fixture/app:1', 'fixture/app:latest', 'fixture/base:1']));
	});

	it('keeps the daemon bytes of inspect', async () => {
		const {raw, value} = await engine().inspectImage('fixture/app:1');
		expect(value.Id).toBe(docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/app:1']).trim());
		expect(raw.startsWith('{"Id":"sha256:')).toBe(true);
	});

	it('pairs history with layers: metadata-only steps own none, sized steps own theirs', async () => {
		const detail = await loadImageDetail(engine(), 'fixture/app:1');
		const layers = detail.pairing.layers;
		expect(layers.length).toBe(Number(docker(['image', 'inspect', '--format', '{{len .RootFS.Layers}}', 'fixture/app:1'])));
		expect(layers[2].step?.createdBy).toContain('dd if=/dev/zero');
		expect(layers[2].size).toBe(524288);
		expect(layers[3].step?.createdBy).toContain('COPY');
		expect(layers.at(-1)!.cumulativeSize).toBe(detail.inspect.value.Size);
	});

	it('reads the exact pairing from the config when sizes cannot tell (a 0-byte step that owns a layer)', async () => {
		const detail = await loadImageDetail(engine(), 'fixture/zero-layer:1');
		expect(detail.pairingSource).toBe('config');
		const owners = detail.pairing.layers.map((layer) => layer.step?.createdBy ?? '');
		expect(owners.some((text) => text.includes('mkdir /emptydir'))).toBe(true);
		expect(owners.some((text) => text.includes('/bin/sh -c true'))).toBe(false);
	});

	it('names a missing image', async () => {
		const error = await engine().inspectImage('fixture/does-not-exist:1').catch((e) => e);
		expect(error).toBeInstanceOf(EngineError);
		expect(error.kind).toBe('notFound');
		expect(error.message).toMatch(/No such image: fixture\/does-not-exist:1/i);
	});

	it('says which endpoint did not answer and what to do', async () => {
		const error = await new Engine(resolveEndpoint({host: 'unix:///tmp/imgscope-no-such.sock', env: {}})).ping().catch((e) => e);
		expect(error).toBeInstanceOf(EngineError);
		expect(error.kind).toBe('unreachable');
		expect(error.message).toContain('unix:///tmp/imgscope-no-such.sock');
		expect(error.message).toContain('daemon running');
	});

	it('follows image events', async () => {
		const seen: string[] = [];
		const subscription = engine().events(['image'], (event) => seen.push(`${event.Action} ${event.Actor?.Attributes?.name ?? ''}`), () => undefined);
		await new Promise((resolve) => setTimeout(resolve, 300));
		docker(['tag', 'fixture/base:1', 'fixture/events-probe:1']);
		docker(['rmi', 'fixture/events-probe:1']);
		// Other work on the engine sends events too: wait for this probe's.
		const done = () => seen.includes('tag fixture/events-probe:1') && seen.some((line) => line.startsWith('untag '));
		for (let i = 0; i < 50 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
		subscription.close();
		expect(seen).toContain('tag fixture/events-probe:1');
		expect(seen.some((line) => line.startsWith('untag '))).toBe(true);
	});
});

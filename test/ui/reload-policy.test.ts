/**
 * The list controller's reload policy on the real engine: an event reloads
 * only the feeds of its type, a container's exec reloads nothing, and a storm
 * of events reloads at most once a second. The engine is the real one; its
 * list calls and the events it sends are counted as they pass. Other work
 * tags images on the same engine meanwhile: an images list is allowed per
 * image event that arrived, never more.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {Controller} from '../../source/ui/controller.js';
import type {Msg} from '../../source/ui/model.js';
import {docker, haveEngine} from '../helpers/engine.js';

const label = 'imgscope.test=reload-policy';

function counted() {
	const engine = new Engine(resolveEndpoint());
	const calls = {images: 0, containers: 0, imageEvents: 0, containerEvents: 0, execEvents: 0};
	const events = engine.events.bind(engine);
	engine.events = (types, onEvent, onEnd) => events(types, (event) => {
		if (event.Type === 'image') calls.imageEvents++;
		else if (event.Type === 'container' && event.Action.startsWith('exec_')) calls.execEvents++;
		else if (event.Type === 'container') calls.containerEvents++;
		onEvent(event);
	}, onEnd);
	const listImages = engine.listImages.bind(engine);
	const listContainers = engine.listContainers.bind(engine);
	engine.listImages = (options) => (calls.images++, listImages(options));
	engine.listContainers = (options) => (calls.containers++, listContainers(options));
	const messages: Msg[] = [];
	const controller = new Controller(engine, (msg) => messages.push(msg));
	return {engine, calls, messages, controller};
}

async function until(condition: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 600; i++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`never happened: ${what}`);
}

const shows = (messages: Msg[], feed: 'images' | 'containers', test: (names: string[]) => boolean) =>
	messages.some((m) => m.type === 'data' && m.data[feed] !== undefined && test((m.data[feed] as {Names?: string[]; RepoTags?: string[]}[]).flatMap((row) => row.Names ?? row.RepoTags ?? [])));

describe.skipIf(!haveEngine)('the list controller reloads what changed', () => {
	const name = `imgscope-reload-policy-${process.pid}`;
	const tags = Array.from({length: 12}, (_, i) => `imgscope-test/reload-policy-${process.pid}:${i}`);
	afterAll(() => {
		try {
			docker(['rm', '-f', name]);
		} catch {}
		for (const tag of tags) {
			try {
				docker(['rmi', tag]);
			} catch {}
		}
	});

	it('a container event lists the containers and not the images; an exec lists nothing', async () => {
		const {calls, messages, controller} = counted();
		controller.start();
		try {
			await until(() => messages.some((m) => m.type === 'data' && m.answered), 'the first load');
			const imagesBefore = calls.images;
			const eventsBefore = calls.imageEvents;
			docker(['create', '--network=none', '--label', label, '--name', name, 'fixture/base:1', 'sleep', '600']);
			await until(() => shows(messages, 'containers', (names) => names.includes(`/${name}`)), 'the new container listed');
			expect(calls.images - imagesBefore).toBeLessThanOrEqual(calls.imageEvents - eventsBefore);

			docker(['start', name]);
			await until(() => messages.filter((m) => m.type === 'data' && m.data.containers).length >= 3, 'the start listed');
			const containersBefore = calls.containers;
			const loudBefore = calls.containerEvents;
			// An exec (three exec_ events), then a kill that does reload: no list is owed to the exec.
			docker(['exec', name, 'true']);
			docker(['kill', name]);
			await until(() => calls.execEvents >= 3 && calls.containers > containersBefore, 'the kill listed');
			expect(calls.containers - containersBefore).toBeLessThanOrEqual(calls.containerEvents - loudBefore);
			expect(calls.images - imagesBefore).toBeLessThanOrEqual(calls.imageEvents - eventsBefore);
		} finally {
			controller.stop();
		}
	});

	it('a storm of tags lists the images at most once a second', async () => {
		const {calls, messages, controller} = counted();
		controller.start();
		try {
			await until(() => messages.some((m) => m.type === 'data' && m.answered), 'the first load');
			const before = calls.images;
			const started = Date.now();
			for (const tag of tags) docker(['tag', 'fixture/base:1', tag]);
			await until(() => shows(messages, 'images', (names) => names.includes(tags.at(-1)!)), 'the last tag listed');
			const seconds = (Date.now() - started) / 1000;
			// One reload per started second of the storm, and the first one.
			expect(calls.images - before).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
			expect(calls.images - before).toBeLessThan(tags.length);
		} finally {
			controller.stop();
		}
	});
});

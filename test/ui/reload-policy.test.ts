/**
 * The list controller's reload policy on the real engine: an event reloads
 * only the feeds of its type, a container's exec reloads nothing, and a storm
 * of events reloads at most once a second. The engine is the real one; its
 * list calls and the events it sends are counted as they pass. Other work
 * tags images on the same engine meanwhile: an images list is allowed per
 * image event that arrived, never more.
 *
 * The costly reads follow the screen shown (issue 16): GET /system/df (the
 * Disk feed, the volumes' sizes) only while a screen that reads it is shown,
 * at once when it is, then at most once every few seconds while events come;
 * an image tagged again is inspected again only for the format column.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import {Controller} from '../../source/ui/controller.js';
import type {Msg} from '../../source/ui/model.js';
import {initialState} from '../../source/ui/state.js';
import {specOf} from '../../source/ui/lists/registry.js';
import type {ListId} from '../../source/ui/lists/names.js';
import {docker, haveEngine} from '../helpers/engine.js';

const label = 'imgscope.test=reload-policy';

function counted() {
	const engine = new Engine(resolveEndpoint());
	const calls = {images: 0, containers: 0, imageEvents: 0, containerEvents: 0, execEvents: 0, inspects: [] as string[], df: [] as number[], volumeDf: [] as number[]};
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
	const inspectImage = engine.inspectImage.bind(engine);
	engine.inspectImage = (ref, signal) => (calls.inspects.push(ref), inspectImage(ref, signal));
	// GET /system/df: everything (the Disk feed), or ?type=volume (the volumes' sizes); when each was asked.
	const text = engine.text.bind(engine);
	engine.text = (path, options) => {
		if (path === '/system/df') (options?.query?.type === 'volume' ? calls.volumeDf : calls.df).push(Date.now());
		return text(path, options);
	};
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

/** What App.tsx tells the controller when a list is shown: its spec's feeds and reads. */
function readsOf(id: ListId, state: Partial<ReturnType<typeof initialState>> = {}) {
	const spec = specOf(id);
	return [...spec.feeds, ...(spec.reads?.({...initialState(120, 40), ...state}) ?? [])];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!haveEngine)('the costly reads follow the screen shown', () => {
	const name = `imgscope-reload-shown-${process.pid}`;
	const retag = `imgscope-test/reload-shown-${process.pid}`;
	afterAll(() => {
		try {
			docker(['rm', '-f', name]);
		} catch {}
		for (const tag of [1, 2, 3]) {
			try {
				docker(['rmi', `${retag}:${tag}`]);
			} catch {}
		}
	});

	/** A burst of container events (create, start, kill, remove), each listed before the next. */
	async function containerBurst(messages: Msg[]): Promise<void> {
		docker(['create', '--network=none', '--label', label, '--name', name, 'fixture/base:1', 'sleep', '600']);
		await until(() => shows(messages, 'containers', (names) => names.includes(`/${name}`)), 'the new container listed');
		docker(['start', name]);
		docker(['kill', name]);
		docker(['rm', '-f', name]);
		await until(() => !lastContainers(messages).includes(`/${name}`), 'the container gone from the list');
	}

	const lastContainers = (messages: Msg[]): string[] => {
		const last = messages.findLast((m) => m.type === 'data' && m.data.containers !== undefined);
		return last?.type === 'data' ? (last.data.containers ?? []).flatMap((c) => c.Names ?? []) : [];
	};

	it('the Images list reads no df; the Disk list reads one at once, again at most every 5 s while events come, none once left', async () => {
		const {calls, messages, controller} = counted();
		controller.start();
		controller.show(readsOf('images'));
		try {
			await until(() => messages.some((m) => m.type === 'data' && m.answered), 'the first load');
			await containerBurst(messages);
			await sleep(500);
			expect(calls.df).toEqual([]);
			expect(calls.volumeDf).toEqual([]);

			// The Disk list (its V question reads the volumes' sizes too): one df at once.
			const shown = Date.now();
			controller.show(readsOf('disk'));
			await until(() => messages.some((m) => m.type === 'data' && m.data.disk?.report !== undefined), 'the Disk feed');
			expect(calls.df.length).toBe(1);
			// At once: not after the 5 s a refresh waits.
			expect(calls.df[0] - shown).toBeLessThan(1000);
			await until(() => messages.some((m) => m.type === 'data' && m.data.volumeSizes !== undefined), 'the volumes\' sizes');
			expect(calls.volumeDf.length).toBe(1);

			// Events while it is shown: it follows them, no sooner than 5 s after the last answer.
			await containerBurst(messages);
			await containerBurst(messages);
			await until(() => calls.df.length >= 2, 'the Disk feed read again after the events');
			for (let i = 1; i < calls.df.length; i++) expect(calls.df[i] - calls.df[i - 1]).toBeGreaterThanOrEqual(4900);
			for (let i = 1; i < calls.volumeDf.length; i++) expect(calls.volumeDf[i] - calls.volumeDf[i - 1]).toBeGreaterThanOrEqual(4900);

			// Back to the Images list: events read no df at all.
			controller.show(readsOf('images'));
			await sleep(500);
			const [df, volumeDf] = [calls.df.length, calls.volumeDf.length];
			await containerBurst(messages);
			await sleep(6000);
			expect(calls.df.length).toBe(df);
			expect(calls.volumeDf.length).toBe(volumeDf);

			// The Volumes list reads the volumes' sizes, not the whole df; the UNIQUE column reads the df.
			controller.show(readsOf('volumes'));
			await until(() => calls.volumeDf.length > volumeDf, 'the volumes\' sizes for the Volumes list');
			expect(calls.df.length).toBe(df);
			controller.show(readsOf('images', {uniqueColumn: true}));
			await until(() => calls.df.length > df, 'the df for the UNIQUE column');
		} finally {
			controller.stop();
		}
	}, 120_000);

	it('a retag inspects the image again only while the format column is shown', async () => {
		const {calls, messages, controller} = counted();
		const id = docker(['image', 'inspect', '--format', '{{.Id}}', 'fixture/base:1']).trim();
		const inspected = () => calls.inspects.filter((ref) => ref === id).length;
		controller.start();
		controller.show(readsOf('images'));
		try {
			await until(() => messages.some((m) => m.type === 'layerCounts' && m.counts[id] !== undefined), 'the layer count of fixture/base:1');
			const before = inspected();
			docker(['tag', 'fixture/base:1', `${retag}:1`]);
			await until(() => shows(messages, 'images', (names) => names.includes(`${retag}:1`)), 'the tag listed');
			await sleep(500);
			// Its layers are the same: LAYERS needs no second inspect (other work may tag it meanwhile: none of those either).
			expect(inspected()).toBe(before);

			// The format column shown: the document tagged since it was read is read again, at once, and again after each tag.
			controller.show(readsOf('images', {format: {...initialState(120, 40).format, column: '{{len .RepoTags}}'}}));
			await until(() => inspected() === before + 1, 'the retagged image inspected again');
			docker(['tag', 'fixture/base:1', `${retag}:2`]);
			await until(() => inspected() >= before + 2, 'inspected again after the next tag');

			// The column gone: a tag reads nothing again.
			controller.show(readsOf('images'));
			await sleep(200);
			const after = inspected();
			docker(['tag', 'fixture/base:1', `${retag}:3`]);
			await until(() => shows(messages, 'images', (names) => names.includes(`${retag}:3`)), 'the last tag listed');
			await sleep(500);
			expect(inspected()).toBe(after);
		} finally {
			controller.stop();
		}
	}, 60_000);
});

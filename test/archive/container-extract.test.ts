/**
 * `x` of a file in the final filesystem through a created, never started
 * container's archive API (image built here, label imgscope.test=realimages):
 * the bytes and mode come out, nothing is left behind, also on a refusal and
 * on a cancelled copy.
 */
import {mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {extractFromContainer} from '../../source/engine/archive/container-extract.js';
import {buildImage, docker, engine, haveEngine} from '../helpers/engine.js';

const tag = `realimages-extract:${process.pid}`;

describe.skipIf(!haveEngine)('extracting through the archive API of a created container', () => {
	let work: string;
	let id: string;
	const left = () => docker(['ps', '-aq', '--filter', `ancestor=${id}`]).trim();
	let built: ReturnType<typeof buildImage>;
	beforeAll(() => {
		built = buildImage(tag, (ctx) => {
			mkdirSync(`${ctx}/d`);
			writeFileSync(`${ctx}/tool`, '#!/bin/sh\necho hi\n', {mode: 0o750});
			writeFileSync(`${ctx}/d/data`, 'x'.repeat(100_000));
			writeFileSync(`${ctx}/Dockerfile`, 'FROM scratch\nCOPY tool /usr/bin/tool\nCOPY d /d\nLABEL imgscope.test=realimages\n');
		});
		work = built.work;
		id = docker(['image', 'inspect', '--format', '{{.Id}}', tag]).trim();
	}, 120_000);
	afterAll(() => built.remove());

	it('writes the file with its bytes and mode, and removes the container', async () => {
		const out = mkdtempSync(path.join(work, 'out-'));
		const r = await extractFromContainer(engine(), id, 'usr/bin/tool', out, 'tool');
		expect(readFileSync(r.path, 'utf8')).toBe('#!/bin/sh\necho hi\n');
		expect(statSync(r.path).mode & 0o777).toBe(0o750);
		expect(r.bytes).toBe(18);
		expect(left()).toBe('');
	}, 60_000);

	it('refuses a directory and a missing path, leaving nothing', async () => {
		const out = mkdtempSync(path.join(work, 'out-'));
		await expect(extractFromContainer(engine(), id, 'd', out, 'd')).rejects.toThrow(/not a regular file/);
		await expect(extractFromContainer(engine(), id, 'no/such', out, 'x')).rejects.toThrow();
		expect(left()).toBe('');
	}, 60_000);

	it('removes the container when the copy is cancelled', async () => {
		const out = mkdtempSync(path.join(work, 'out-'));
		const controller = new AbortController();
		const real = engine();
		let created = false;
		// Cancelled once the container exists and its archive is streaming (Esc, Ctrl+C).
		const cancelling = new Proxy(real, {
			get(target, key) {
				if (key === 'stream') {
					return async (...args: Parameters<typeof real.stream>) => {
						created = left() !== '';
						const stream = await target.stream(...args);
						controller.abort(new Error('cancelled'));
						return stream;
					};
				}
				const value = Reflect.get(target, key, target);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		await expect(extractFromContainer(cancelling, id, 'd/data', out, 'data', controller.signal)).rejects.toThrow(/cancelled/);
		expect(created).toBe(true);
		expect(left()).toBe('');
	}, 60_000);
});

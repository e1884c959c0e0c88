/**
 * `layers` on an image whose sizes cannot settle the pairing (an empty COPY
 * and a LABEL, both 0 bytes): the first look reads the config from an export
 * and keeps it in the layer index; the second needs no export (an engine whose
 * export fails proves it), and --no-cache asks for one again.
 */
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseArgs} from '../../source/cli/args.js';
import {globalFlags} from '../../source/cli/global.js';
import layers from '../../source/cli/layers.js';
import type {Engine} from '../../source/engine/engine.js';
import {buildImage, engine, haveEngine} from '../helpers/engine.js';
import {Capture} from './support.js';

const tag = `realimages-pairing:${process.pid}`;

/** The real engine, with exports refused: what reaches saveImage is counted. */
function noExport(): {engine: Engine; exports: () => number} {
	const real = engine();
	let exports = 0;
	const wrapped = new Proxy(real, {
		get(target, key, receiver) {
			if (key === 'saveImage') return () => (exports++, Promise.reject(new Error('no export allowed')));
			if (key === 'daemon') return receiver;
			const value = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return {engine: wrapped, exports: () => exports};
}

async function run(e: Engine, extra: string[] = []): Promise<{stdout: string; stderr: string}> {
	const stdout = new Capture();
	const stderr = new Capture();
	const parsed = parseArgs([tag, '--json', ...extra], [...globalFlags, ...layers.flags], {command: 'layers'});
	await layers.run({stdout, stderr, engine: async () => e, noCache: extra.includes('--no-cache')} as never, parsed);
	return {stdout: stdout.text, stderr: stderr.text};
}

describe.skipIf(!haveEngine)('the config read once is kept in the layer index', () => {
	let built: ReturnType<typeof buildImage>;
	beforeAll(() => {
		built = buildImage(tag, (ctx, work) => {
			// This file's own layer index (the suite turns the cache off elsewhere).
			process.env.XDG_CACHE_HOME = path.join(work, 'cache');
			delete process.env.IMGSCOPE_NO_CACHE;
			mkdirSync(`${ctx}/empty`);
			writeFileSync(`${ctx}/a`, 'a');
			writeFileSync(`${ctx}/Dockerfile`, 'FROM scratch\nCOPY a /a\nCOPY empty/ /e/\nLABEL imgscope.test=realimages\n');
		});
	}, 120_000);
	afterAll(() => built.remove());

	it('reads the config once, then answers from the index', async () => {
		const first = await run(engine());
		const doc = JSON.parse(first.stdout);
		expect(doc.pairing).toBe('config');
		expect(doc.layers.map((l: {step: {created_by: string}}) => l.step.created_by)).toEqual([expect.stringContaining('COPY file:'), expect.stringContaining('COPY dir:')]);
		const configs = path.join(built.work, 'cache', 'imgscope', 'configs');
		expect(existsSync(configs) && readdirSync(configs).length).toBe(1);
		const second = noExport();
		expect((await run(second.engine)).stdout).toBe(first.stdout);
		expect(second.exports()).toBe(0);
		const bypass = noExport();
		const third = JSON.parse((await run(bypass.engine, ['--no-cache'])).stdout);
		expect(bypass.exports()).toBe(1);
		expect(third.pairing).toBe('inferred');
	}, 90_000);
});

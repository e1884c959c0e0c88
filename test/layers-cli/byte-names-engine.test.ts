/**
 * Names that are not UTF-8 on a real image (built here by the engine, label
 * imgscope.test=realimages): files and check keep caf\xe9, caf\xe8 and
 * caf\xef\xbf\xbd apart, the waste is the 20 bytes really overwritten.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import check from '../../source/cli/check.js';
import files from '../../source/cli/files.js';
import {buildImage, haveEngine} from '../helpers/engine.js';
import {runCommand} from './support.js';

const tag = `realimages-bytes:${process.pid}`;
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe.skipIf(!haveEngine)('names as bytes on an image from the engine', () => {
	let built: ReturnType<typeof buildImage>;
	beforeAll(() => {
		built = buildImage(tag, (ctx, work) => {
			// The layer index of this run only, not the user's.
			process.env.XDG_CACHE_HOME = path.join(work, 'cache');
			mkdirSync(`${ctx}/base`);
			mkdirSync(`${ctx}/top`);
			const put = (dir: string, name: number[], data: string) => writeFileSync(Buffer.concat([Buffer.from(`${ctx}/${dir}/`), Buffer.from(name)]), data);
			put('base', [0x63, 0x61, 0x66, 0xe9], '0123456789');
			put('base', [0x63, 0x61, 0x66, 0xe8], 'abcdefghij');
			put('base', [...Buffer.from('caf\ufffd')], 'x'.repeat(1003));
			put('top', [0x63, 0x61, 0x66, 0xe9], 'new');
			put('top', [0x63, 0x61, 0x66, 0xe8], 'new');
			writeFileSync(`${ctx}/Dockerfile`, 'FROM scratch\nCOPY base/ /\nCOPY top/ /\nLABEL imgscope.test=realimages\n');
		});
	}, 120_000);
	afterAll(() => built.remove());

	it('files lists three names, with their bytes in JSON and escaped in text', async () => {
		const r = await runCommand(files, [tag, '--aggregate', '--json']);
		expect(r.code).toBe(0);
		const entries = JSON.parse(r.stdout).entries.filter((e: {path: string}) => e.path.startsWith('caf'));
		expect(entries.map((e: {path: string; pathBytes?: string; size: number}) => [e.path, e.pathBytes, e.size]).sort()).toEqual([
			['caf\udce8', b64([0x63, 0x61, 0x66, 0xe8]), 3],
			['caf\udce9', b64([0x63, 0x61, 0x66, 0xe9]), 3],
			['caf\ufffd', undefined, 1003],
		]);
		const text = (await runCommand(files, [tag, '--aggregate'])).stdout;
		expect(text).toContain('caf\\xe9');
		expect(text).toContain('caf\\xe8');
		expect(text).toContain('caf\ufffd');
	}, 60_000);

	it('check counts 20 B wasted in 2 copies', async () => {
		const r = await runCommand(check, [tag, '--json']);
		const doc = JSON.parse(r.stdout);
		expect(doc.wastedBytes).toBe(20);
		expect(doc.wasted.map((w: {pathBytes: string}) => w.pathBytes).sort()).toEqual([b64([0x63, 0x61, 0x66, 0xe8]), b64([0x63, 0x61, 0x66, 0xe9])]);
	}, 60_000);

	it('files --layer 1 sees both names modified, the third untouched', async () => {
		const r = await runCommand(files, [tag, '--layer', '1', '--json']);
		const changes = JSON.parse(r.stdout).entries.map((e: {path: string; pathBytes?: string; change: string}) => `${e.change} ${e.pathBytes ?? e.path}`);
		expect(changes.sort()).toEqual([`modified ${b64([0x63, 0x61, 0x66, 0xe8])}`, `modified ${b64([0x63, 0x61, 0x66, 0xe9])}`]);
	}, 60_000);
});

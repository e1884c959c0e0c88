/**
 * `layers` on an archive whose config history has no empty_layer flags (the
 * engine refuses to load one; an archive can hold it): the pairing is
 * inferred, the JSON says so and stderr warns that it was guessed.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseArgs} from '../../source/cli/args.js';
import layers from '../../source/cli/layers.js';
import {ArchiveEngine} from '../../source/engine/archive-engine.js';
import {configFor, layer, packTar, sha256} from '../archive/helpers.js';
import {Capture} from './support.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-guessed-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function archiveWith(history: object[]): Promise<string> {
	// The second layer adds nothing: sizes cannot tell which zero-byte step made it.
	const ls = [await layer([{name: 'a', data: 'a'}]), await layer([])];
	const config = configFor(ls, {history});
	const configName = `${sha256(config)}.json`;
	const manifest = JSON.stringify([{Config: configName, RepoTags: ['g/h:1'], Layers: ['l0/layer.tar', 'l1/layer.tar']}]);
	const file = path.join(dir, `${sha256(JSON.stringify(history)).slice(0, 8)}.tar`);
	writeFileSync(file, await packTar([{name: 'l0/layer.tar', data: ls[0].blob}, {name: 'l1/layer.tar', data: ls[1].blob}, {name: configName, data: config}, {name: 'manifest.json', data: manifest}]));
	return file;
}

async function run(file: string): Promise<{code: number; stdout: string; stderr: string}> {
	const stdout = new Capture();
	const stderr = new Capture();
	const engine = new ArchiveEngine(file);
	const code = await layers.run({stdout, stderr, engine: async () => engine} as never, parseArgs(['g/h:1', '--json'], layers.flags, {command: 'layers'}));
	return {code, stdout: stdout.text, stderr: stderr.text};
}

describe('layers with a history of no empty_layer flags', () => {
	it('warns on stderr that the pairing is guessed; the document says inferred', async () => {
		const r = await run(await archiveWith([{created_by: 'ADD a /'}, {created_by: 'ENV X=1'}, {created_by: 'RUN rm -f /nothing'}]));
		expect(r.code).toBe(0);
		expect(r.stderr).toMatch(/warning: .*guessed/);
		const doc = JSON.parse(r.stdout);
		expect(doc.pairing).toBe('inferred');
		// The guess: a RUN makes a layer more likely than an ENV does.
		expect(doc.layers.map((l: {step: {created_by: string}}) => l.step.created_by)).toEqual(['ADD a /', 'RUN rm -f /nothing']);
	});

	it('says nothing when the flags are there', async () => {
		const r = await run(await archiveWith([{created_by: 'ADD a /'}, {created_by: 'ENV X=1', empty_layer: true}, {created_by: 'RUN rm -f /nothing'}]));
		expect(r.stderr).toBe('');
		expect(JSON.parse(r.stdout).pairing).toBe('config');
	});
});

import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {extract} from 'tar-stream';
import {afterAll, describe, expect, it} from 'vitest';
import {DockerIgnore, readDockerignore} from '../../source/actions/dockerignore.js';
import {packContext} from '../../source/engine/actions/build-context.js';

describe('readDockerignore', () => {
	it('comments, trimming, exceptions, cleaning, leading slash', () => {
		expect(readDockerignore('\uFEFF# comment\n  *.log  \n\n!keep.log\n/abs/x\n./rel/../other/\n ! spaced \n #not a comment\r\n')).toEqual(['*.log', '!keep.log', 'abs/x', 'other', '!spaced', '#not a comment']);
	});
});

describe('DockerIgnore.excluded', () => {
	const cases: [string, string[], Record<string, boolean>][] = [
		['plain name matches at the root only', ['a.txt'], {'a.txt': true, 'sub/a.txt': false}],
		['* stays within a component', ['*.log'], {'x.log': true, 'd/x.log': false, 'x.log.txt': false}],
		['*/ one level', ['*/*.log'], {'d/x.log': true, 'x.log': false, 'd/e/x.log': false}],
		['** any depth', ['**/*.log'], {'x.log': true, 'd/x.log': true, 'd/e/x.log': true, 'x.txt': false}],
		['** in the middle', ['a/**/b'], {'a/b': true, 'a/x/b': true, 'a/x/y/b': true, 'b': false}],
		['trailing ** matches everything below', ['a/**'], {'a/x': true, 'a/x/y': true, 'b/x': false}],
		['a directory covers its contents', ['dir'], {'dir': true, 'dir/f': true, 'dir/sub/f': true, 'dirx': false}],
		['? one character', ['?.txt'], {'a.txt': true, 'ab.txt': false}],
		['classes', ['[ab].txt', 'n[0-9]'], {'a.txt': true, 'c.txt': false, 'n5': true, 'nx': false}],
		['negated class', ['[^a].txt'], {'a.txt': false, 'b.txt': true}],
		['escape', ['\\*.txt'], {'*.txt': true, 'a.txt': false}],
		['dots are literal', ['a.b'], {'a.b': true, 'axb': false}],
		['regex characters are literal', ['a+(b)|{c}$'], {'a+(b)|{c}$': true, 'aab': false}],
		['exceptions, last match wins', ['*.md', '!README.md'], {'a.md': true, 'README.md': false}],
		['re-exclusion after an exception', ['*.md', '!*.md', 'secret.md'], {'a.md': false, 'secret.md': true}],
		['an exception inside an excluded directory', ['docs', '!docs/keep.md'], {'docs/x': true, 'docs/keep.md': false}],
		['everything but', ['*', '!src'], {'a': true, 'src': false, 'src/x': false}],
	];
	it.each(cases)('%s', (_name, patterns, expected) => {
		const ignore = new DockerIgnore(patterns);
		for (const [file, excluded] of Object.entries(expected)) expect([file, ignore.excluded(file)]).toEqual([file, excluded]);
	});
	it('walks into an excluded directory only when an exception could bring something back', () => {
		const ignore = new DockerIgnore(['docs', 'build', '!docs/keep.md']);
		expect(ignore.mayIncludeUnder('docs')).toBe(true);
		expect(ignore.mayIncludeUnder('build')).toBe(false);
		expect(ignore.hasExceptions).toBe(true);
	});
	it('a lone "!" is an error', () => {
		expect(() => new DockerIgnore(['!'])).toThrow(/invalid .dockerignore/);
	});
});

describe('packContext', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-actions-ctx-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const files: Record<string, string> = {
		'Dockerfile': 'FROM x\n',
		'.dockerignore': 'Dockerfile\n.dockerignore\nnode_modules\n*.log\ndocs\n!docs/keep.md\n',
		'a.txt': 'aaa',
		'empty': '',
		'x.log': 'l',
		'node_modules/m/index.js': 'm',
		'docs/keep.md': 'k',
		'docs/drop.md': 'd',
		'src/b.txt': 'bbb',
	};
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		writeFileSync(path.join(dir, name), content);
	}
	symlinkSync('a.txt', path.join(dir, 'link'));

	async function entries(dockerfile?: string) {
		const context = packContext(dir, dockerfile);
		const out: {name: string; type: string; uid: number; body: string; linkname?: string | null}[] = [];
		const tar = extract();
		const done = new Promise<void>((resolve, reject) => {
			tar.on('entry', (header, stream, next) => {
				const chunks: Buffer[] = [];
				stream.on('data', (c: unknown) => chunks.push(c as Buffer));
				stream.on('end', () => {
					out.push({name: header.name, type: header.type ?? '', uid: header.uid ?? -1, body: Buffer.concat(chunks).toString(), linkname: header.linkname});
					next();
				});
			});
			tar.on('finish', resolve);
			tar.on('error', reject);
		});
		context.stream.pipe(tar);
		await done;
		return {context, out};
	}

	it('sends what docker build sends: ignored files out, the Dockerfile and .dockerignore in, owned by root', async () => {
		const {context, out} = await entries();
		expect(context.dockerfile).toBe('Dockerfile');
		expect(out.map((e) => e.name)).toEqual(['.dockerignore', 'Dockerfile', 'a.txt', 'docs/keep.md', 'empty', 'link', 'src', 'src/b.txt']);
		expect(out.find((e) => e.name === 'a.txt')).toMatchObject({type: 'file', body: 'aaa', uid: 0});
		expect(out.find((e) => e.name === 'link')).toMatchObject({type: 'symlink', linkname: 'a.txt'});
		expect(out.find((e) => e.name === 'src')).toMatchObject({type: 'directory'});
	});

	it('a Dockerfile outside the context goes in under a generated name', async () => {
		const outside = path.join(path.dirname(dir), `${path.basename(dir)}.Dockerfile`);
		writeFileSync(outside, 'FROM y\n');
		try {
			const {context, out} = await entries(outside);
			expect(context.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
			expect(out.at(-1)).toMatchObject({name: context.dockerfile, body: 'FROM y\n'});
		} finally {
			rmSync(outside);
		}
	});

	it('a missing context or Dockerfile is an error at once', () => {
		expect(() => packContext(path.join(dir, 'nope'))).toThrow(/invalid context: .* does not exist/);
		expect(() => packContext(dir, 'Missing')).toThrow(/invalid Dockerfile: .*Missing does not exist/);
	});
});

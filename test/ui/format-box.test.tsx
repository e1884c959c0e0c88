// The format box in the App, on the real engine's fixture images: what it
// shows must be what `docker image inspect --format` prints.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import {historyPath} from '../../source/ui/format/history-file.js';
import {engine, haveEngine} from '../helpers/engine.js';
import {keys, tick, waitFor} from '../helpers/ink.js';

const DOCKER = process.env.IMGSCOPE_DOCKER_CLI ?? '/usr/local/bin/docker';

/** docker's stdout (and stderr) for `docker image inspect --format T REF`. */
function dockerFormat(template: string, ref: string): {stdout: string; stderr: string; status: number | null} {
	const run = spawnSync(DOCKER, ['image', 'inspect', '--format', template, ref], {encoding: 'utf8'});
	return {stdout: run.stdout, stderr: run.stderr.trim(), status: run.status};
}

/** The frame's lines without Ink's padding, joined: a multi-line output can be looked for whole. */
const lines = (frame: string) =>
	frame
		.split('\n')
		.map((line) => line.trimEnd())
		.join('\n');

/** Error messages are folded at the screen's width: joined again. */
const unfolded = (frame: string) =>
	frame
		.split('\n')
		.map((line) => line.trimEnd())
		.join('')
		.replace(/\s+/g, ' ');

const shows = (frame: string, output: string) => lines(frame).includes(lines(output.replace(/\n$/, '')));

describe.skipIf(!haveEngine)('the format box on the real engine', () => {
	let state: string;
	let saved: string | undefined;
	beforeAll(() => {
		saved = process.env.XDG_STATE_HOME;
		state = mkdtempSync(path.join(tmpdir(), 'imgscope-format-'));
		process.env.XDG_STATE_HOME = state;
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.XDG_STATE_HOME;
		else process.env.XDG_STATE_HOME = saved;
		rmSync(state, {recursive: true, force: true});
	});

	/** A new App with the list filtered to `ref`, and the box opened on it. */
	async function openBox(ref: string) {
		const app = render(<App engine={engine()} />);
		// Other suites may have put many newer images above the fixtures: the list loaded is enough.
		await waitFor(app.lastFrame, (f) => /Images \([1-9]\d*\)/.test(f) && f.includes('REPOSITORY'), 20_000);
		await tick();
		app.stdin.write('/');
		await tick();
		app.stdin.write(ref);
		await waitFor(app.lastFrame, (f) => f.includes('Images (1 of'));
		app.stdin.write(keys.enter);
		await tick();
		app.stdin.write('f');
		await waitFor(app.lastFrame, (f) => /^format( |$)/m.test(f) && f.includes('"Id": "sha256:'), 10_000);
		return app;
	}

	async function type(app: ReturnType<typeof render>, text: string) {
		app.stdin.write(text);
		await tick();
	}

	it("shows docker's output as you type; an error with its column keeps the last good result under it", async () => {
		const app = await openBox('fixture/app:1');
		try {
			const template = '{{.Os}}/{{.Architecture}} {{len .RootFS.Layers}} layers, user {{printf "%q" .Config.User}}';
			await type(app, template);
			const want = dockerFormat(template, 'fixture/app:1');
			expect(want.status).toBe(0);
			let frame = await waitFor(app.lastFrame, (f) => shows(f, want.stdout));
			expect(frame).toContain(`format ${template}`);

			// Several lines, exactly.
			await type(app, keys.ctrlU);
			const env = '{{range .Config.Env}}{{println .}}{{end}}{{.Config.Labels}}';
			await type(app, env);
			const wantEnv = dockerFormat(env, 'fixture/app:1').stdout;
			frame = await waitFor(app.lastFrame, (f) => shows(f, wantEnv));
			expect(wantEnv.split('\n').length).toBeGreaterThan(3);

			// Now break it: docker's message, a caret at the column, the last good result still there.
			const broken = `${env} {{.Config.Nope.Deeper}}`;
			await type(app, ' {{.Config.Nope.Deeper}}');
			const error = dockerFormat(broken, 'fixture/app:1');
			expect(error.status).toBe(1);
			frame = await waitFor(app.lastFrame, (f) => unfolded(f).includes(`✗ ${error.stderr}`));
			// Go's column counts bytes from the start of the line, from 0: the caret stands under it.
			const column = Number(/:1:(\d+):/.exec(error.stderr)![1]);
			expect(broken.slice(column)).toMatch(/^\.(Nope|Deeper)/);
			expect(frame).toMatch(new RegExp(`^ {${'format '.length + column}}\\^ column ${column}$`, 'm'));
			expect(frame).toContain('last good result:');
			expect(shows(frame, wantEnv)).toBe(true);

			// A parse error: docker's words (exit 64 there), the caret where the parser stopped.
			await type(app, ' {{');
			const parse = dockerFormat(`${broken} {{`, 'fixture/app:1');
			expect(parse.status).toBe(64);
			frame = await waitFor(app.lastFrame, (f) => unfolded(f).includes(`✗ ${parse.stderr}`));
			expect(shows(frame, wantEnv)).toBe(true);
		} finally {
			app.unmount();
		}
	}, 60_000);

	it('Tab completes field names from the inspect document', async () => {
		const app = await openBox('fixture/app:1');
		try {
			await type(app, '{{.Confi');
			await type(app, keys.tab);
			await waitFor(app.lastFrame, (f) => /^format \{\{\.Config\s*$/m.test(f));
			await type(app, '.E');
			await type(app, keys.tab);
			// Env, Entrypoint, ExposedPorts: listed, the common prefix stays.
			const several = await waitFor(app.lastFrame, (f) => f.includes('.Config.Env') && f.includes('.Config.Entrypoint'));
			expect(several).toContain('.Config.ExposedPorts');
			await type(app, 'nt');
			await type(app, keys.tab);
			await type(app, '}}');
			const want = dockerFormat('{{.Config.Entrypoint}}', 'fixture/app:1').stdout;
			const frame = await waitFor(app.lastFrame, (f) => shows(f, want));
			expect(frame).toContain('format {{.Config.Entrypoint}}');
		} finally {
			app.unmount();
		}
	}, 60_000);

	it('Enter keeps the template for every image opened, and saves it; the next App recalls it with Up', async () => {
		const template = '{{slice .Id 7 19}} {{.Comment}}';
		let app = await openBox('fixture/app:1');
		try {
			await type(app, template);
			await type(app, keys.enter);
			// The tab shows it once the image's detail is read (the box may have used the list's inspect before).
			const app1 = dockerFormat(template, 'fixture/app:1').stdout;
			let frame = await waitFor(app.lastFrame, (f) => f.includes(`format: ${template}`) && !/^format( |$)/m.test(f) && shows(f, app1));
			expect(frame).toContain('Inspect');
			// Another image: the filter is its Inspect view too.
			await type(app, keys.backspace);
			await waitFor(app.lastFrame, (f) => f.includes('REPOSITORY'));
			await type(app, '/');
			await type(app, keys.ctrlU);
			await type(app, 'fixture/base:1');
			await waitFor(app.lastFrame, (f) => f.includes('Images (1 of'));
			await type(app, keys.enter);
			await type(app, keys.enter);
			await waitFor(app.lastFrame, (f) => f.includes('CUMULATIVE'));
			await type(app, keys.tab);
			await type(app, keys.tab);
			const base = dockerFormat(template, 'fixture/base:1').stdout;
			frame = await waitFor(app.lastFrame, (f) => shows(f, base));
			expect(frame).toContain(`format: ${template}`);
			// Esc on Inspect removes it: the JSON is back.
			await type(app, keys.escape);
			await waitFor(app.lastFrame, (f) => f.includes('"Id": "sha256:') && !f.includes(`format: ${template}`));
		} finally {
			app.unmount();
		}
		// Saved under $XDG_STATE_HOME/imgscope/format-history.
		expect(historyPath()).toBe(path.join(state, 'imgscope', 'format-history'));
		expect(readFileSync(historyPath(), 'utf8')).toContain(JSON.stringify(template));
		app = await openBox('fixture/base:1');
		try {
			await type(app, keys.up);
			await waitFor(app.lastFrame, (f) => f.includes(`format ${template}`));
			await type(app, keys.down);
			await waitFor(app.lastFrame, (f) => /^format\s*$/m.test(f));
		} finally {
			app.unmount();
		}
	}, 90_000);

	it('F makes the template a column of the image list, from the inspects the list already made', async () => {
		const template = '{{.Architecture}}-{{len .RootFS.Layers}}';
		const app = await openBox('fixture/app:1');
		try {
			await type(app, template);
			await type(app, keys.enter);
			await waitFor(app.lastFrame, (f) => f.includes('format: {{.Architecture}}-{{len') && f.includes('amd64-5'));
			await type(app, keys.backspace);
			await type(app, '/');
			await type(app, keys.ctrlU);
			await type(app, 'fixture/');
			await type(app, keys.enter);
			await type(app, 'F');
			const frame = await waitFor(app.lastFrame, (f) => f.includes('{{.Architecture') && /fixture\/base\s+1\s.*\S+-\d/.test(f), 20_000);
			for (const ref of ['fixture/app:1', 'fixture/base:1', 'fixture/hostile:1']) {
				const [repository, tag] = ref.split(':');
				const want = dockerFormat(template, ref).stdout.trim();
				const row = lines(frame)
					.split('\n')
					.find((line) => line.startsWith(`${repository} `) && line.split(/\s+/)[1] === tag);
				expect(row, `${ref} row in\n${frame}`).toBeDefined();
				expect(row).toContain(` ${want} `);
			}
			await type(app, 'F');
			await waitFor(app.lastFrame, (f) => !f.includes('{{.Architecture'));
		} finally {
			app.unmount();
		}
	}, 60_000);

	it('the column follows a retag: the image is inspected again when the engine says it was tagged', async () => {
		const tagCount = () => Number(dockerFormat('{{len .RepoTags}}', 'fixture/base:1').stdout.trim());
		execFileSync(DOCKER, ['tag', 'fixture/base:1', 'imgscope-test/retag:1']);
		const app = await openBox('imgscope-test/retag:1');
		try {
			const before = tagCount();
			await type(app, '{{len .RepoTags}}tags');
			await type(app, keys.enter);
			await type(app, keys.backspace);
			await type(app, 'F');
			await waitFor(app.lastFrame, (f) => new RegExp(`imgscope-test/retag\\s+1\\s.*\\s${before}tags\\s`).test(f), 20_000);
			execFileSync(DOCKER, ['tag', 'fixture/base:1', 'imgscope-test/retag:2']);
			// The filter keeps showing tag 1 (and now 2): its row must count one tag more.
			await waitFor(app.lastFrame, (f) => new RegExp(`imgscope-test/retag\\s+1\\s.*\\s${before + 1}tags\\s`).test(f), 20_000);
			expect(tagCount()).toBe(before + 1);
		} finally {
			app.unmount();
			spawnSync(DOCKER, ['rmi', 'imgscope-test/retag:1', 'imgscope-test/retag:2']);
		}
	}, 60_000);
});

describe.skipIf(!haveEngine)('docker client', () => {
	it('is the 28 client the box is compared with', () => {
		expect(execFileSync(DOCKER, ['version', '--format', '{{.Client.Version}}'], {encoding: 'utf8'})).toMatch(/^2[89]\./);
	});
});

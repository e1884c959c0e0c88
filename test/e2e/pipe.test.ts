// Pick, then pipe, in a real terminal: `imgscope | cat > out` draws on
// /dev/tty; Enter writes exactly what docker prints, q writes nothing.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {Terminal} from '../helpers/tmux.js';

const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));
const DOCKER = process.env.IMGSCOPE_DOCKER_CLI ?? (existsSync('/usr/local/bin/docker') ? '/usr/local/bin/docker' : 'docker');
const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-pipe-'));

/** `imgscope | cat > FILE` in tmux; the screen ends with `[status N]`, imgscope's own exit status. */
function piped(name: string): {term: Terminal; out: string} {
	const out = path.join(dir, name);
	const script = `node ${JSON.stringify(bin)} | cat > ${JSON.stringify(out)}; echo "[status \${PIPESTATUS[0]}]"`;
	const term = new Terminal(`bash -c ${shellQuote(script)}`, 110, 30, {XDG_STATE_HOME: path.join(dir, 'state')});
	return {term, out};
}

function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The image list is there (other suites may have put many newer images above the fixtures). */
function listed(term: Terminal): Promise<string> {
	return term.waitFor((s) => /Images \([1-9]\d*\)/.test(s) && s.includes('REPOSITORY'), 20_000);
}

/** The list, filtered to one image (its only row selected). */
async function filterTo(term: Terminal, ref: string): Promise<void> {
	await listed(term);
	term.keys('/');
	term.type(ref);
	await term.waitFor((s) => /Images \(1 of \d+\)/.test(s));
	term.keys('Enter');
	await term.waitFor((s) => s.includes('(/ edits, esc clears)'));
}

describe.skipIf(!haveEngine)('pick, then pipe (imgscope | cat > out)', () => {
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('f, a template, Enter: out holds exactly what docker prints, and imgscope exits 0', async () => {
		const template = '{{json .RootFS}} {{.Os}}/{{.Architecture}} {{len .Config.Env}}';
		const {term, out} = piped('template');
		try {
			await filterTo(term, 'fixture/app:1');
			term.keys('f');
			await term.waitFor((s) => /^format/m.test(s) && s.includes('"Id": "sha256:'));
			term.type(template);
			// The screen shows the result before Enter: what the pipe will get.
			await term.waitFor((s) => s.includes('{"Type":"layers","Layers":["sha256:'));
			term.keys('Enter');
			const screen = await term.waitFor((s) => s.includes('[status'));
			expect(screen).toContain('[status 0]');
			const want = execFileSync(DOCKER, ['image', 'inspect', '--format', template, 'fixture/app:1']);
			expect(readFileSync(out)).toEqual(want);
			// The UI drew on the terminal, and left it: nothing of it is on stdout.
			expect(readFileSync(out, 'utf8')).not.toContain('REPOSITORY');
		} finally {
			term.close();
		}
	}, 60_000);

	it('Enter on an image with no format box writes its inspect JSON as docker indents it', async () => {
		const {term, out} = piped('json');
		try {
			await filterTo(term, 'fixture/base:1');
			term.keys('Enter');
			const screen = await term.waitFor((s) => s.includes('[status'));
			expect(screen).toContain('[status 0]');
			expect(readFileSync(out)).toEqual(execFileSync(DOCKER, ['image', 'inspect', 'fixture/base:1']));
		} finally {
			term.close();
		}
	}, 60_000);

	it('q exits 1 with nothing written; so do Esc at the top and Ctrl+C', async () => {
		for (const [name, keys] of [['q', ['q']], ['esc', ['Escape']], ['ctrl-c', ['C-c']]] as const) {
			const {term, out} = piped(name);
			try {
				await listed(term);
				term.keys(...keys);
				const screen = await term.waitFor((s) => s.includes('[status'));
				expect(screen, name).toContain('[status 1]');
				expect(readFileSync(out, 'utf8'), name).toBe('');
			} finally {
				term.close();
			}
		}
	}, 90_000);
});

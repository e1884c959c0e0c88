/**
 * `imgscope completion bash|zsh|fish`, run by those shells as a user has
 * them: bash and zsh interactive in tmux, Tab pressed, the line read back;
 * fish through `complete -C`. A subcommand, a flag and an image name (a tag
 * this test makes on fixture/base:1 and removes), and nothing, quickly, when
 * the engine is down.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {TmuxSession} from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tag = `imgscope-test-pkg/complete-me-${process.pid}:1`;
let work: string;
let env: Record<string, string>;

/** An interactive shell in tmux with imgscope on PATH and its completion loaded. */
class Shell extends TmuxSession {
	constructor(command: string) {
		super('imgscope-completion');
		const exports = Object.entries(env).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
		this.tmux(['new-session', '-d', '-x', '160', '-y', '20', '-s', 'main', `env -u CI ${exports.join(' ')} ${command}`]);
	}

	/** Types the text and presses Tab; the prompt's line once it reads `expected` (capture-pane drops its trailing blank), or the screen after a while. */
	async complete(typed: string, expected: string): Promise<string> {
		this.keys('C-u');
		this.type(typed);
		this.keys('Tab');
		const line = (text: string) => text.split('\n').find((row) => row.trimEnd() === expected.trimEnd());
		const screen = await this.waitFor((text) => line(text) !== undefined, 10_000, `completing "${typed}"`).catch((error: Error) => error.message);
		return line(screen) ?? screen;
	}
}

beforeAll(() => {
	work = mkdtempSync(`${tmpdir()}/imgscope-completion-`);
	mkdirSync(`${work}/bin`);
	symlinkSync(`${root}bin/imgscope`, `${work}/bin/imgscope`);
	env = {PATH: `${work}/bin:${process.env.PATH}`, HOME: work, PS1: '$ ', XDG_CACHE_HOME: `${work}/cache`, TERM: 'xterm-256color'};
	writeFileSync(`${work}/complete.bash`, execFileSync(`${root}bin/imgscope`, ['completion', 'bash'], {encoding: 'utf8'}));
	writeFileSync(`${work}/complete.zsh`, execFileSync(`${root}bin/imgscope`, ['completion', 'zsh'], {encoding: 'utf8'}));
	writeFileSync(`${work}/complete.fish`, execFileSync(`${root}bin/imgscope`, ['completion', 'fish'], {encoding: 'utf8'}));
	if (haveEngine) execFileSync('docker', ['tag', 'fixture/base:1', tag]);
});
afterAll(() => {
	if (haveEngine) spawnSync('docker', ['rmi', tag]);
	rmSync(work, {recursive: true, force: true});
});

const shells = [
	['bash', `bash --norc --noprofile -i`, () => `source ${work}/complete.bash`],
	['zsh', `zsh -f -i`, () => `autoload -U compinit && compinit -u -d ${work}/zcompdump && source ${work}/complete.zsh`],
] as const;

describe.skipIf(!haveEngine).each(shells)('%s completion, in a terminal', (_name, command, load) => {
	let shell: Shell;
	beforeAll(async () => {
		shell = new Shell(command);
		await shell.waitFor((text) => text.includes('$'), 10_000, 'no prompt');
		shell.type(`${load()} && echo loaded`);
		shell.keys('Enter');
		await shell.waitFor((text) => /^loaded$/m.test(text), 10_000, 'the script did not load');
		shell.type('clear');
		shell.keys('Enter');
	});
	afterAll(() => shell?.close());

	it('completes a subcommand', async () => {
		expect(await shell.complete('imgscope hist', '$ imgscope history')).toBe('$ imgscope history');
	});

	it("completes a subcommand's flag", async () => {
		expect(await shell.complete('imgscope ls --no-t', '$ imgscope ls --no-trunc')).toBe('$ imgscope ls --no-trunc');
	});

	it('completes an image name, from the engine', async () => {
		const prefix = tag.slice(0, tag.indexOf('complete-me') + 'compl'.length);
		expect(await shell.complete(`imgscope inspect ${prefix}`, `$ imgscope inspect ${tag}`)).toBe(`$ imgscope inspect ${tag}`);
	});

	it('completes an image as the first word (imgscope IMAGE)', async () => {
		const prefix = tag.slice(0, tag.indexOf('complete-me') + 'compl'.length);
		expect(await shell.complete(`imgscope ${prefix}`, `$ imgscope ${tag}`)).toBe(`$ imgscope ${tag}`);
	});
});

describe.skipIf(!haveEngine)('fish completion', () => {
	const fish = (line: string, extra: Record<string, string> = {}) =>
		execFileSync('fish', ['--no-config', '-c', `source ${work}/complete.fish; complete -C ${JSON.stringify(line)}`], {encoding: 'utf8', env: {...process.env, ...env, ...extra}})
			.split('\n')
			.map((row) => row.split('\t')[0]);

	it('completes a subcommand, a flag and an image name', () => {
		expect(fish('imgscope hist')).toContain('history');
		expect(fish('imgscope ls --no-t')).toContain('--no-trunc');
		expect(fish(`imgscope inspect ${tag.slice(0, -3)}`)).toContain(tag);
		// A flag's value: contexts for --context, nothing to guess for --format.
		expect(fish('imgscope --context ')).toContain('default');
		expect(fish('imgscope ls --format ').filter(Boolean)).toEqual([]);
	});
});

describe('__complete, what the scripts ask', () => {
	it('prints nothing and succeeds when the engine is down', () => {
		const result = spawnSync(`${root}bin/imgscope`, ['__complete', 'images'], {encoding: 'utf8', env: {...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock'}});
		expect(result).toMatchObject({status: 0, stdout: '', stderr: ''});
	});

	it('is not listed in the help', () => {
		expect(execFileSync(`${root}bin/imgscope`, ['--help'], {encoding: 'utf8'})).not.toContain('__complete');
	});

	it.skipIf(!haveEngine)('lists the tags of the images, and the containers by name', () => {
		const images = execFileSync(`${root}bin/imgscope`, ['__complete', 'images'], {encoding: 'utf8'}).split('\n');
		expect(images).toContain(tag);
		expect(images).not.toContain('<none>:<none>');
		const containers = execFileSync(`${root}bin/imgscope`, ['__complete', 'containers'], {encoding: 'utf8'}).split('\n').filter(Boolean);
		const names = execFileSync('docker', ['ps', '-a', '--format', '{{.Names}}'], {encoding: 'utf8'}).split('\n').filter(Boolean);
		// Others' tests make and remove containers meanwhile: the ones both saw agree.
		for (const name of containers.filter((n) => names.includes(n))) expect(names).toContain(name);
		expect(containers.every((name) => !name.startsWith('/'))).toBe(true);
	});

	it('offers the shells to `completion`', () => {
		const script = execFileSync(`${root}bin/imgscope`, ['completion', 'bash'], {encoding: 'utf8'});
		const run = spawnSync('bash', ['-c', `source /dev/stdin <<'EOF'\n${script}\nEOF\nCOMP_LINE='imgscope completion '; COMP_POINT=\${#COMP_LINE}; _imgscope; printf '%s\\n' "\${COMPREPLY[@]}"`], {encoding: 'utf8', env: {...process.env, ...env}});
		expect(run.stdout.split('\n').filter(Boolean)).toEqual(['bash', 'zsh', 'fish']);
		expect(spawnSync(`${root}bin/imgscope`, ['completion', 'tcsh'], {encoding: 'utf8'})).toMatchObject({status: 2, stderr: expect.stringContaining('unknown shell "tcsh"')});
	});
});

/**
 * Issue 7, terminal safety: strings from images and from the engine (labels,
 * history, comments, env, container commands, names, tags, daemon messages)
 * are drawn with their control characters visible, never emitted. Checked
 * in a real terminal (tmux): the pane title stays, the frame is not
 * cleared, no colour from an image reaches the screen, and the escapes read
 * as text (`\x1b]0;pwned\x07`, `\u202e`).
 */
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from './support/daemon.js';
import {suiteFaultProxy} from './support/proxy.js';
import {nonSgrEscapes, Term} from './support/term.js';

const fixtures = fileURLToPath(new URL('./fixtures.sh', import.meta.url));
/** Characters that must never reach the screen from an image: C0 (but newline), DEL, C1, bidi controls. */
const rawControl = /[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The list has come (a count above 0), whatever is on its first page: other suites add newer images. */
const listed = (s: string) => /Images \([1-9]\d*\)/.test(s);

/** Everything a hostile string could have done to the terminal, checked at once. */
function expectUntouched(term: Term, title: string): {screen: string; escapes: string} {
	const screen = term.screen();
	const escapes = term.screenEscapes();
	expect(term.title(), 'the pane title was changed').toBe(title);
	expect(nonSgrEscapes(escapes), 'escape sequences other than colours reached the screen').toEqual([]);
	expect(screen, 'a raw control or bidi character reached the screen').not.toMatch(rawControl);
	// Nothing from an image coloured the screen.
	expect(escapes).not.toMatch(/\x1b\[31m(red|env-red|Up)|\x1b\[1mkey/);
	// The frame was not cleared or moved: the header is on the first line and the footer at the bottom.
	const lines = screen.split('\n');
	expect(lines[0]).toMatch(/^imgscope {2}/);
	expect(lines.filter((line) => line.trim()).at(-1)).toMatch(/q quit/);
	return {screen, escapes};
}

describe.skipIf(!haveEngine)('terminal safety in a real terminal', () => {
	let term: Term | undefined;
	beforeAll(() => {
		execFileSync('bash', [fixtures], {stdio: 'pipe'});
	});
	afterEach(() => {
		term?.close();
		term = undefined;
	});

	it('control: raw escapes in this terminal do retitle it and colour text, so the checks below can fail', async () => {
		term = new Term([], {raw: `printf 'before\\n\\033]0;control-pwned\\007\\033[31mred\\033[0m\\n'`, width: 80, height: 10});
		await term.waitFor((s) => s.includes('red'), 5000);
		expect(term.title()).toBe('control-pwned');
		expect(term.screenEscapes()).toContain('\x1b[31mred');
	});

	it('fixture/hostile:1: Layers, History and Inspect show its labels and history escaped', async () => {
		term = new Term([], {width: 200, height: 40});
		await term.waitFor(listed, 15_000);
		const title = term.title();
		expect(title).not.toMatch(/pwned/);
		term.keys('/');
		term.type('fixture/hostile');
		term.keys('Enter', 'Enter');
		// Layers: the RUN step's echo of an OSC title and a clear-screen in a file name.
		await term.waitFor((s) => s.includes('title-from-history') && s.includes('CUMULATIVE'), 10_000);
		term.keys('j');
		let {screen} = expectUntouched(term, title);
		await term.waitFor((s) => /layer 1 {2}sha256:/.test(s), 3000);
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('echo "\\x1b]0;title-from-history\\x07" > /tmp/x');
		expect(screen).toContain('/tmp/evil\\x1b[2Jname');
		// History: the LABEL step, selected so its full text is shown.
		term.keys('Tab');
		await term.waitFor((s) => s.includes('COMMENT'), 3000);
		term.keys('j');
		await term.waitFor((s) => s.includes('metadata-only step'), 3000);
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('LABEL title=\\x1b]0;pwned\\x07 clear=\\x1b[2J\\x1b[H colour=\\x1b[31mred\\x1b[0m bidi=abc\\u202edef');
		// Inspect: docker's JSON escapes C0 itself; the bidi override is raw in it and must be escaped by us.
		term.keys('Tab');
		await term.waitFor((s) => s.includes('"Id": "sha256:'), 3000);
		for (let i = 0; i < 6 && !term.screen().includes('"title": '); i++) {
			term.keys('PageDown');
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('"bidi": "abc\\u202edef"');
		expect(screen).toContain('"title": "\\u001b]0;pwned\\u0007"');
		expect(screen).toContain('"colour": "\\u001b[31mred\\u001b[0m"');
		expect(screen).toContain('"clear": "\\u001b[2J\\u001b[H"');
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeDefined();
		expect(term.title()).toBe(title);
	});

	it('hostile/commit:1: a commit message with escapes, a newline, C1 and bidi isolates; author, env and label keys', async () => {
		term = new Term([], {width: 200, height: 40});
		await term.waitFor(listed, 15_000);
		const title = term.title();
		term.keys('/');
		term.type('hostile/commit');
		term.keys('Enter', 'Enter');
		await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('/committed'), 10_000);
		term.keys('j');
		await term.waitFor((s) => /layer 1 {2}sha256:/.test(s), 3000);
		let {screen} = expectUntouched(term, title);
		expect(screen).toContain('# \\x1b]0;comment-pwned\\x07\\x1b[2Jfirst line\\nsecond line \\u009b31mc1-red \\u0085nel \\u2066iso\\u2069');
		term.keys('Tab');
		await term.waitFor((s) => s.includes('COMMENT'), 3000);
		({screen} = expectUntouched(term, title));
		expect(screen).toMatch(/\\x1b\]0;commen/);
		term.keys('Tab');
		await term.waitFor((s) => s.includes('"Id": "sha256:'), 3000);
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('"Comment": "\\u001b]0;comment-pwned\\u0007\\u001b[2Jfirst line\\nsecond line \\u009b31mc1-red \\u0085nel \\u2066iso\\u2069"');
		expect(screen).toContain('"Author": "\\u001b]2;author-pwned\\u0007"');
		for (let i = 0; i < 6 && !term.screen().includes('HOSTILE_ENV'); i++) {
			term.keys('PageDown');
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('"HOSTILE_ENV=\\u001b[31menv-red\\u001b[0m"');
		expect(screen).toContain('"\\u001b[1mkey": "\\u202evalue"');
	});

	it('hostile/tabs:1: a TAB and a DEL in a RUN step are shown as \\t and \\x7f', async () => {
		term = new Term([], {width: 160, height: 30});
		await term.waitFor(listed, 15_000);
		const title = term.title();
		term.keys('/');
		term.type('hostile/tabs');
		term.keys('Enter', 'Enter');
		await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('/tabbed'), 10_000);
		const {screen} = expectUntouched(term, title);
		expect(screen).toContain('echo "a\\tb\\x7fc" > /tabbed');
		// The columns stay aligned: a TAB drawn raw would push SIZE out of its column.
		const header = screen.split('\n').find((line) => line.includes('CUMULATIVE'))!;
		const row = screen.split('\n').find((line) => line.includes('/tabbed'))!;
		expect(row.indexOf('1.98MB') + '1.98MB'.length).toBe(header.indexOf('CUMULATIVE') + 'CUMULATIVE'.length);
	});
	it("hostile/arch:1: the image's architecture and variant (shown in the title line) are escaped", async () => {
		term = new Term([], {width: 200, height: 30});
		const title = term.title();
		await term.waitFor(listed, 15_000);
		term.keys('/');
		term.type('hostile/arch');
		term.keys('Enter', 'Enter');
		await term.waitFor((s) => s.includes('CUMULATIVE') && s.includes('1 layer'), 10_000);
		const {screen} = expectUntouched(term, title);
		expect(screen.split('\n')[0]).toContain('linux/\\x1b]0;arch-pwned\\x07');
	});
});

describe.skipIf(!haveEngine)('terminal safety: what the engine says (a hostile or compromised engine)', () => {
	const proxy = suiteFaultProxy();
	let term: Term | undefined;
	const now = Math.floor(Date.now() / 1000);
	const evilImageId = `sha256:${'e'.repeat(64)}`;
	afterEach(() => {
		term?.close();
		term = undefined;
	});

	it('image tags and container names, images, commands and statuses from the engine are escaped', async () => {
		proxy.rewrite = (path, body) => {
			if (path.startsWith('/images/json')) {
				return [
					{Id: evilImageId, ParentId: '', RepoTags: ['evil/\x1b]0;tag-pwned\x07\u202ex:\x1b[2J'], RepoDigests: [], Created: now + 60, Size: 1234, SharedSize: -1, VirtualSize: 1234, Labels: {'\x1b]0;lbl\x07': 'x'}, Containers: -1},
					...(body as unknown[]),
				];
			}
			if (path.startsWith('/containers/json')) {
				return [
					{Id: 'f'.repeat(64), Names: ['/evil\x1b]0;name-pwned\x07'], Image: 'img\x1b[2J\u202e', ImageID: evilImageId, Command: 'sh \x1b]0;cmd-pwned\x07\x9b31m', Created: now + 60, Ports: [], Labels: {}, State: 'running', Status: '\x1b[31mUp\x1b[0m', HostConfig: {NetworkMode: 'none'}, NetworkSettings: {Networks: {}}, Mounts: []},
					...(body as unknown[]),
				];
			}
			return body;
		};
		term = new Term(['-H', proxy.url], {width: 200, height: 30});
		// The title before anything hostile could change it.
		const title = term.title();
		await term.waitFor((s) => s.includes('evil/'), 15_000);
		let {screen} = expectUntouched(term, title);
		expect(screen).toMatch(/evil\/\\x1b\]0;tag-pwned\\x07\\u202ex +\\x1b\[2J /);
		term.keys('2');
		await term.waitFor((s) => s.includes('Containers ('), 3000);
		({screen} = expectUntouched(term, title));
		expect(screen).toContain('evil\\x1b]0;name-pwned\\x07');
		expect(screen).toContain('img\\x1b[2J\\u202e');
		expect(screen).toContain('\\x1b]0;cmd-pwned');
		expect(screen).toContain('\\x1b[31mUp\\x1b[0m');
		// Opening the injected image: the engine's error names the hostile ref; shown escaped.
		term.keys('1');
		await term.waitFor((s) => s.includes('REPOSITORY'), 3000);
		term.keys('g', 'Enter');
		await term.waitFor((s) => /No such image|no such image|Error/i.test(s), 10_000);
		expectUntouched(term, title);
	});

	/** The engine's answers about fixture/base:1 with hostile ids, diff_ids and os. */
	const hostileIds = (path: string, body: unknown, parts = {inspect: true, history: true}): unknown => {
		if (path.startsWith('/images/json')) {
			return [{Id: `sha256:\x1b]0;id-pwned\x07${'0'.repeat(40)}`, ParentId: '', RepoTags: ['evil/ids:1'], RepoDigests: [], Created: now + 60, Size: 1, SharedSize: -1, VirtualSize: 1, Labels: {}, Containers: -1}, ...(body as unknown[])];
		}
		if (parts.inspect && /^\/images\/fixture\/base(%3A|:)1\/json/.test(path)) {
			const inspect = body as {Os: string; RootFS: {Layers: string[]}};
			inspect.Os = 'linux\x1b]0;os-pwned\x07';
			inspect.RootFS.Layers = inspect.RootFS.Layers.map(() => 'sha256:\x1b]0;diff-pwned\x07');
			return inspect;
		}
		if (parts.history && /^\/images\/fixture\/base(%3A|:)1\/history/.test(path)) {
			return (body as {Id: string}[]).map((item) => ({...item, Id: 'sha256:\x1b]0;hist-pwned\x07'}));
		}
		return body;
	};

	async function openBase(parts: {inspect: boolean; history: boolean}): Promise<string> {
		proxy.rewrite = (path, body) => hostileIds(path, body, parts);
		term = new Term(['-H', proxy.url], {width: 200, height: 30});
		const title = term.title();
		await term.waitFor(listed, 15_000);
		term.keys('/');
		term.type('fixture/base');
		term.keys('Enter', 'Enter');
		await term.waitFor((s) => s.includes('CUMULATIVE') && /layer 0 /.test(s), 10_000);
		return title;
	}

	it('an image ID from the engine is escaped in the list', async () => {
		proxy.rewrite = hostileIds;
		term = new Term(['-H', proxy.url], {width: 200, height: 30});
		const title = term.title();
		await term.waitFor((s) => s.includes('evil/ids'), 15_000);
		const {screen} = expectUntouched(term, title);
		expect(screen).toMatch(/evil\/ids +1 +\\x1b\]0;id-pw/);
	});

	it("a diff_id and the os from the engine are escaped (Layers tab, title line)", async () => {
		const title = await openBase({inspect: true, history: false});
		const {screen} = expectUntouched(term!, title);
		expect(screen).toContain('\\x1b]0;diff-pwned\\x07');
		expect(screen.split('\n')[0]).toContain('linux\\x1b]0;os-pwned\\x07');
	});

	it('a history id from the engine is escaped (History tab)', async () => {
		const title = await openBase({inspect: false, history: true});
		term!.keys('Tab');
		await term!.waitFor((s) => s.includes('COMMENT'), 3000);
		const {screen} = expectUntouched(term!, title);
		expect(screen).toContain('\\x1b]0;hist-p');
	});

	it("a daemon's error message with escapes in the banner is escaped", async () => {
		proxy.mode = 'error';
		proxy.only = /^\/images\/json/;
		proxy.errorMessage = 'boom \x1b]0;banner-pwned\x07\x1b[2J\x1b[31mred\u202e';
		term = new Term(['-H', proxy.url], {width: 160, height: 20});
		const title = term.title();
		const screen = await term.waitFor((s) => s.includes('⚠'), 10_000);
		expect(screen).toContain('boom \\x1b]0;banner-pwned\\x07\\x1b[2J\\x1b[31mred\\u202e');
		expectUntouched(term, title);
	});
});

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('terminal safety: a real container with a hostile command and labels', () => {
	const daemon = suitePrivateDaemon(['fixture/base:1']);
	let term: Term | undefined;
	beforeAll(() => {
		// COMMAND is a narrow column: each container puts its hostile part first (the entrypoint is not checked at create).
		daemon.docker(['create', '--network', 'none', '--name', 'hostile-osc', '--label', 'evil=\x1b]0;label-pwned\x07', '--entrypoint', '\x1b]0;pwn\x07', 'fixture/base:1', 'x']);
		daemon.docker(['create', '--network', 'none', '--name', 'hostile-bidi', '--entrypoint', '\u202e\x9b[2J', 'fixture/base:1', 'x']);
		daemon.docker(['create', '--network', 'none', '--name', 'hostile-clear', 'fixture/base:1', 'sh', '-c', '\x1b[2J\x1b[31mred']);
	});
	afterAll(() => term?.close());

	it('the Containers list shows the command escaped', async () => {
		term = new Term(['-H', daemon.url], {width: 200, height: 20});
		await term.waitFor((s) => /fixture\/base\s+1/.test(s), 15_000);
		const title = term.title();
		term.keys('2');
		await term.waitFor((s) => s.includes('hostile-osc') && s.includes('hostile-bidi') && s.includes('hostile-clear'), 5000);
		const {screen} = expectUntouched(term, title);
		expect(screen).toMatch(/hostile-osc .*\\x1b\]0;pwn\\x07 x/);
		expect(screen).toMatch(/hostile-bidi .*\\u202e\\u009b\[2J/);
		expect(screen).toMatch(/hostile-clear .*sh -c \\x1b\[2J\\x1b/);
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeDefined();
	});
});

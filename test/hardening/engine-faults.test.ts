/**
 * Issue 7, a failing engine: a fault proxy (support/proxy.ts) sits between
 * imgscope and the real dockerd and makes it absent, slow, silent, cut off
 * mid-answer or talking nonsense. The CLI answers with a message that names
 * the endpoint and exits 1 in bounded time; the explorer shows a banner,
 * keeps its screen and its keyboard, recovers, and quits at once.
 */
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {hasStackTrace, runCli, type CliResult} from '../helpers/cli.js';
import {docker, haveEngine} from '../helpers/engine.js';
import {type FaultProxy, suiteFaultProxy} from './support/proxy.js';
import {Term} from './support/term.js';

const timeoutMs = 1000;

function expectEngineFailure(result: CliResult, proxy: FaultProxy, message?: RegExp): void {
	expect(result.timedOut, 'imgscope hung').toBe(false);
	expect(result.code, result.stderr).toBe(1);
	expect(result.stdout).toBe('');
	expect(hasStackTrace(result.stderr)).toBe(false);
	expect(result.stderr).not.toMatch(/unexpected error/);
	expect(result.stderr).toContain(proxy.url);
	if (message) expect(result.stderr).toMatch(message);
}

describe.skipIf(!haveEngine)('the CLI against a failing engine', () => {
	const proxy = suiteFaultProxy();
	const env = {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)};
	const commands = [
		['layers', 'fixture/app:1'],
		['ps'],
	];

	it('passes through when nothing is wrong (the proxy itself is sound)', async () => {
		const result = await runCli(['-H', proxy.url, 'layers', 'fixture/app:1'], {env});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('CUMULATIVE');
	});

	it('no engine at all: exit 1, the endpoint and what to do', async () => {
		await proxy.stop();
		try {
			for (const args of commands) {
				const result = await runCli(['-H', proxy.url, ...args], {env});
				expectEngineFailure(result, proxy, /Cannot connect to the Docker engine/);
				expect(result.stderr).toMatch(/is the daemon running|DOCKER_HOST/);
			}
		} finally {
			await proxy.start();
		}
	});

	// The export is asked for only once inspect has answered (inspect says whether the layer index holds
	// every layer), so a failing inspect leaves no export behind.
	it("inspect failing (files, check): the daemon's words, exit 1, no stack trace, and no export asked for", async () => {
		proxy.holdBodyOf = /\/get$/;
		proxy.mode = 'error';
		proxy.only = /\/json/;
		proxy.errorAfterMs = 500;
		for (const args of [['files', 'fixture/base:1'], ['check', 'fixture/base:1']]) {
			const result = await runCli(['-H', proxy.url, ...args], {timeout: 20_000});
			expect(result.code, result.stderr).toBe(1);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('simulated daemon failure');
			expect(result.stderr).not.toMatch(/Unhandled|node:events/);
			expect(hasStackTrace(result.stderr)).toBe(false);
		}
		expect(proxy.seen.filter((line) => /\/json$/.test(line)).length).toBeGreaterThanOrEqual(2);
		expect(proxy.seen.filter((line) => /\/get$/.test(line))).toHaveLength(0);
	});

	it('a slow engine (delay > IMGSCOPE_TIMEOUT_MS): a timeout message, not a hang', async () => {
		proxy.mode = 'delay';
		proxy.delayMs = 4000;
		for (const args of commands) {
			const result = await runCli(['-H', proxy.url, ...args], {env, timeout: 15_000});
			expectEngineFailure(result, proxy, /did not answer in time/);
			expect(result.ms).toBeLessThan(timeoutMs + 2500);
		}
	});

	it('an engine that accepts and never answers: a timeout message, not a hang', async () => {
		proxy.mode = 'stall';
		for (const args of commands) {
			const result = await runCli(['-H', proxy.url, ...args], {env, timeout: 15_000});
			expectEngineFailure(result, proxy, /did not answer in time/);
			expect(result.ms).toBeLessThan(timeoutMs + 2500);
		}
	});

	it('an engine that answers slowly but within the timeout is waited for', async () => {
		proxy.mode = 'delay';
		proxy.delayMs = 300;
		const result = await runCli(['-H', proxy.url, 'layers', 'fixture/app:1'], {env: {IMGSCOPE_TIMEOUT_MS: '5000'}});
		expect(result.code, result.stderr).toBe(0);
	});

	for (const mode of ['half', 'garbage', 'noise', 'drop'] as const) {
		it(`an engine whose answers are ${mode === 'half' ? 'cut in half' : mode === 'drop' ? 'dropped' : mode === 'noise' ? 'not HTTP' : 'not JSON'}: a clear error naming the endpoint`, async () => {
			proxy.mode = mode;
			for (const args of commands) {
				const result = await runCli(['-H', proxy.url, ...args], {env, timeout: 15_000});
				expectEngineFailure(result, proxy);
				expect(result.stderr.length).toBeLessThan(1000);
			}
		});
	}

	it("a daemon error (HTTP 500) is reported as the daemon's", async () => {
		proxy.mode = 'error';
		proxy.errorMessage = 'simulated: disk on fire';
		const result = await runCli(['-H', proxy.url, 'layers', 'fixture/app:1'], {env});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Error response from daemon: simulated: disk on fire');
		expect(hasStackTrace(result.stderr)).toBe(false);
	});
});

describe.skipIf(!haveEngine)('the explorer against a failing engine', () => {
	// The tests start it.
	const proxy = suiteFaultProxy({start: false});
	let term: Term | undefined;
	afterAll(() => {
		try {
			docker(['rmi', 'hostile/fault-probe:1']);
		} catch {}
		try {
			docker(['rmi', 'hostile/race-probe:1']);
		} catch {}
	});
	afterEach(async () => {
		term?.close();
		term = undefined;
		await proxy.stop();
	});

	/** The list has come (a count above 0); not which rows are on its first page: other suites add newer images. */
	const listed = (s: string) => /Images \((?:\d+ of )?[1-9]\d*\)/.test(s) && !s.includes('Loading images');
	/** Filters the list on `text` (Enter keeps it) and waits until the filter is applied. */
	const filterOn = async (text: string) => {
		term!.keys('/');
		term!.type(text);
		term!.keys('Enter');
		await term!.waitFor((s) => s.includes(`/${text}`) && / of \d+\)/.test(s), 3000, `the filter ${text} was not applied`);
	};
	const shownCount = (s: string) => Number(/Images \((\d+) of \d+\)/.exec(s)?.[1] ?? NaN);
	const banner = (s: string) => s.includes('⚠');

	it('no engine at start: a banner naming the endpoint, keys work, the engine coming up is noticed, q quits', async () => {
		term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)}});
		let screen = await term.waitFor((s) => banner(s), 15_000, 'no banner');
		expect(screen).toContain(`Cannot connect to the Docker engine at ${proxy.url}`);
		term.keys('?');
		await term.waitFor((s) => s.includes('Cycle the sort'), 3000, 'help did not open while the engine is down');
		term.keys('Escape');
		await term.waitFor((s) => !s.includes('Cycle the sort'), 3000);
		term.keys('2');
		await term.waitFor((s) => /Containers \(\d+\)/.test(s), 3000, 'containers did not open while the engine is down');
		term.keys('1');
		await term.waitFor((s) => /Images \(\d+/.test(s), 3000);
		await proxy.start();
		screen = await term.waitFor((s) => listed(s) && !banner(s), 8000, 'the explorer did not recover when the engine came up');
		term.keys('q');
		const ms = await term.timeToExit(3000);
		expect(ms, 'did not exit after q').toBeDefined();
		expect(ms!).toBeLessThan(1000);
		expect(term.exitCode()).toBe(0);
		expect(term.screen()).not.toContain('REPOSITORY');
	});

	it('the engine dying mid-session: a banner, the list kept, the keyboard alive, recovery, events followed again', async () => {
		await proxy.start();
		term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)}});
		await term.waitFor(listed, 15_000, 'no list');
		await proxy.stop();
		let screen = await term.waitFor(banner, 8000, 'no banner after the engine died');
		expect(screen).toContain(proxy.url);
		expect(listed(screen), 'the list was dropped when the engine died').toBe(true);
		// The keyboard works on what is there.
		term.keys('s');
		await term.waitFor((s) => s.includes('sort: size'), 2000, 'sort key ignored while the engine is down');
		term.keys('/');
		term.type('fixture/app');
		term.keys('Enter');
		screen = await term.waitFor((s) => /Images \(3 of \d+\)/.test(s), 2000, 'filter ignored while the engine is down');
		term.keys('Escape');
		await term.waitFor((s) => /Images \(\d+\)/.test(s), 2000);
		// It comes back.
		await proxy.start();
		await term.waitFor((s) => listed(s) && !banner(s), 10_000, 'the banner stayed after the engine came back');
		// And the event stream is followed again (filtered: the probe has fixture/base's age, so it may sort below the first page).
		await filterOn('hostile/fault-probe');
		expect(shownCount(term.screen())).toBe(0);
		docker(['tag', 'fixture/base:1', 'hostile/fault-probe:1']);
		try {
			await term.waitFor((s) => shownCount(s) === 1 && /hostile\/fault-probe\s+1\s/.test(s), 10_000, 'events are not followed after recovery');
		} finally {
			docker(['rmi', 'hostile/fault-probe:1']);
		}
		await term.waitFor((s) => shownCount(s) === 0 && !/hostile\/fault-probe\s+1\s/.test(s), 8000, 'an untag after recovery was not followed');
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeLessThan(1000);
	});

	it('a slow engine: a timeout banner, the keyboard never blocked, q quits at once', async () => {
		await proxy.start();
		proxy.mode = 'delay';
		proxy.delayMs = 5000;
		term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)}});
		await term.waitFor((s) => s.includes('Loading images'), 10_000);
		// Requests are in flight: keys still answer.
		const pressed = Date.now();
		term.keys('?');
		await term.waitFor((s) => s.includes('Cycle the sort'), 1500, 'help blocked by a slow engine');
		expect(Date.now() - pressed).toBeLessThan(1500);
		term.keys('Escape');
		const screen = await term.waitFor(banner, timeoutMs + 5000, 'no banner for a slow engine');
		expect(screen).toMatch(/did not answer in time/);
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeLessThan(1000);
	});

	for (const mode of ['half', 'garbage'] as const) {
		it(`answers ${mode === 'half' ? 'cut in half' : 'that are not JSON'}: a banner that says what is wrong, then recovery`, async () => {
			await proxy.start();
			proxy.mode = mode;
			proxy.only = /^\/(images|containers)\/json/;
			term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)}});
			const screen = await term.waitFor(banner, 10_000, `no banner for ${mode} answers`);
			expect(screen).toContain(proxy.url);
			expect(screen).not.toMatch(/unexpected error|SyntaxError|Unexpected token/);
			proxy.mode = 'none';
			await term.waitFor((s) => listed(s) && !banner(s), 8000, `no recovery after ${mode} answers stopped`);
			term.keys('q');
			expect(await term.timeToExit(3000)).toBeLessThan(1000);
		});
	}

	it('a daemon error on the list while the event stream stays up: the banner clears when the engine answers again', async () => {
		await proxy.start();
		proxy.mode = 'error';
		proxy.errorMessage = 'simulated: try again later';
		proxy.only = /^\/images\/json/;
		term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: String(timeoutMs)}});
		await term.waitFor((s) => banner(s) && s.includes('try again later'), 10_000, 'no banner for a daemon error');
		proxy.mode = 'none';
		await term.waitFor((s) => listed(s) && !banner(s), 8000, 'the explorer never retried after a daemon error');
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeLessThan(1000);
	});

	it('a reload answered late never overwrites a newer one (an image removed stays removed)', async () => {
		await proxy.start();
		term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: '10000'}});
		await term.waitFor(listed, 15_000);
		// Filtered on the probe, so that its row would show wherever it sorts.
		await filterOn('hostile/race-probe');
		// The next image list is answered 2.5 s late, with what the engine had when asked.
		proxy.mode = 'slow';
		proxy.delayMs = 2500;
		proxy.only = /^\/images\/json/;
		proxy.budget = 1;
		docker(['tag', 'fixture/base:1', 'hostile/race-probe:1']);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(proxy.budget, 'no reload was asked for after the tag').toBe(0);
		const asked = proxy.seen.length;
		docker(['rmi', 'hostile/race-probe:1']);
		// The newer answer (without the probe) comes first, the late one (with it) after.
		await new Promise((resolve) => setTimeout(resolve, 3500));
		expect(proxy.seen.slice(asked).some((r) => r.startsWith('GET /images/json')), 'no reload after the removal').toBe(true);
		const screen = term.screen();
		expect(screen, 'a stale list replaced a newer one').not.toMatch(/hostile\/race-probe\s+1\s/);
		expect(shownCount(screen), 'a stale list replaced a newer one').toBe(0);
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeLessThan(1000);
	});

	it('quits within a second with the event stream open and a request hanging (q, Ctrl+C)', async () => {
		await proxy.start();
		for (const key of ['q', 'C-c']) {
			term?.close();
			proxy.mode = 'none';
			term = new Term(['-H', proxy.url], {env: {IMGSCOPE_TIMEOUT_MS: '60000'}});
			await term.waitFor(listed, 15_000);
			// Open an image while the engine stops answering: its requests hang.
			proxy.mode = 'stall';
			proxy.only = /^\/images\/fixture/;
			term.keys('/');
			term.type('fixture/base');
			term.keys('Enter', 'Enter');
			await term.waitFor((s) => s.includes('Loading fixture/base:1'), 5000);
			term.keys(key);
			const ms = await term.timeToExit(3000);
			expect(ms, `still running 3 s after ${key}`).toBeDefined();
			expect(ms!).toBeLessThan(1000);
			expect(term.screen()).not.toContain('REPOSITORY');
		}
	});

	it('SIGTERM: exits and restores the terminal', async () => {
		await proxy.start();
		term = new Term(['-H', proxy.url]);
		await term.waitFor(listed, 15_000);
		process.kill(term.pid()!, 'SIGTERM');
		const ms = await term.timeToExit(3000);
		expect(ms).toBeDefined();
		expect(term.exitCode()).toBe(143);
		expect(term.screen()).not.toContain('REPOSITORY');
	});
});

/**
 * Issue 7, volume and storms, on a private dockerd (support/daemon.ts) so
 * that the flood does not disturb the other test files: an event storm
 * (tagging and removing in a loop for 10 s while the explorer is open),
 * 5,000 tags, a key held down, repeated resizes and a 20x5 terminal. No
 * crash, bounded memory, a responsive keyboard, and a screen that is right
 * at the end.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {haveEngine} from '../helpers/engine.js';
import {canRunPrivateDaemon, suitePrivateDaemon} from './support/daemon.js';
import {selectedLine, Term} from './support/term.js';

const tags = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function countIn(screen: string): {shown: number; total: number} | undefined {
	const match = /Images \((?:(\d+) of )?(\d+)\)/.exec(screen);
	if (!match) return undefined;
	const total = Number(match[2]);
	return {shown: match[1] === undefined ? total : Number(match[1]), total};
}

/** The rows the list shows, a page (what PgUp and PgDn move by): the lines between its header and the footer. */
function pageOf(screen: string): number {
	const lines = screen.replace(/\s+$/, '').split('\n');
	return lines.length - 1 - lines.findIndex((line) => line.includes('REPOSITORY')) - 1;
}
const tag = (n: number) => `t${String(n).padStart(4, '0')}`;

/** The screen fits the terminal: no line wider, no more lines, header on top, footer present. */
function expectFits(screen: string, width: number, height: number): void {
	const lines = screen.replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThanOrEqual(height);
	for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
	expect(lines[0]).toMatch(/^imgscope/);
}

describe.skipIf(!haveEngine || !canRunPrivateDaemon())('volume and storms (a private engine)', () => {
	const daemon = suitePrivateDaemon(['fixture/base:1']);
	let term: Term | undefined;
	afterAll(() => term?.close());
	afterEach(() => {
		term?.close();
		term = undefined;
	});

	it('an event storm (tag and remove in a loop for 10 s): no crash, the list follows during it, bounded memory, right at the end', async () => {
		term = new Term(['-H', daemon.url], {width: 120, height: 30});
		await term.waitFor((s) => /fixture\/base\s+1/.test(s), 20_000);
		await sleep(1500);
		const rssBefore = term.rssKb();
		// Tag and untag as fast as the engine allows; every 25th tag stays.
		let stop = false;
		let ops = 0;
		let serial = 0;
		const worker = async () => {
			while (!stop) {
				const n = serial++;
				const tag = `s${String(n).padStart(5, '0')}`;
				await daemon.request('POST', `/images/fixture/base:1/tag?repo=hostile/storm&tag=${tag}`);
				ops++;
				if (n % 25 !== 0) {
					await daemon.request('DELETE', `/images/hostile/storm:${tag}`);
					ops++;
				}
			}
		};
		const workers = Array.from({length: 2}, worker);
		// While it rages: the count on screen moves, and keys answer.
		const seen = new Set<number>();
		const latencies: number[] = [];
		const started = Date.now();
		while (Date.now() - started < 10_000) {
			const count = countIn(term.screen());
			if (count) seen.add(count.total);
			if (latencies.length < 3 && Date.now() - started > 3000 * (latencies.length + 1) - 1000) {
				const pressed = Date.now();
				term.keys('?');
				await term.waitFor((s) => s.includes('Cycle the sort'), 3000, 'help did not open during the storm');
				term.keys('Escape');
				await term.waitFor((s) => s.includes('REPOSITORY'), 3000);
				latencies.push(Date.now() - pressed);
			}
			await sleep(100);
		}
		stop = true;
		await Promise.all(workers);
		expect(ops, 'the storm was not a storm').toBeGreaterThan(200);
		console.log(`storm: ${ops} operations in 10 s; counts seen on screen: ${[...seen].join(', ')}; key latencies ${latencies.join(', ')} ms`);
		expect(term.alive(), 'imgscope died in the storm').toBe(true);
		expect(Math.max(...latencies), `key latency during the storm: ${latencies.join(', ')} ms`).toBeLessThan(1500);
		// The list followed while events flowed (not only after they stopped). Soft: the checks below still run.
		expect.soft(seen.size, `counts seen during the storm: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(3);
		// At the end it matches the engine.
		const expected = daemon.imageRows();
		const kept = expected.filter((row) => row.startsWith('hostile/storm:')).sort();
		await term.waitFor((s) => countIn(s)?.total === expected.length, 10_000, `the list never settled on docker's ${expected.length} rows`);
		term.keys('/');
		term.type('hostile/storm');
		term.keys('Enter');
		const screen = await term.waitFor((s) => countIn(s)?.shown === kept.length, 5000);
		const onScreen = [...screen.matchAll(/hostile\/storm\s+(s\d{5})/g)].map((m) => `hostile/storm:${m[1]}`).sort();
		expect(onScreen).toEqual(kept.slice(0, onScreen.length));
		if (kept.length <= 20) expect(onScreen).toEqual(kept);
		await sleep(1000);
		const rssAfter = term.rssKb();
		console.log(`storm: VmRSS ${rssBefore} kB before, ${rssAfter} kB after`);
		expect(rssAfter, `VmRSS ${rssBefore} kB before, ${rssAfter} kB after`).toBeLessThan(rssBefore * 1.5 + 50_000);
		term.keys('q');
		expect(await term.timeToExit(3000)).toBeLessThan(1000);
	}, 90_000);

	describe('5,000 tags', () => {
		beforeAll(async () => {
			// Clear what the storm left, then seed the tags (see support/daemon.ts for why not through the API).
			for (const row of daemon.imageRows().filter((r) => r.startsWith('hostile/storm:'))) await daemon.request('DELETE', `/images/${row}`);
			await daemon.seedTags('fixture/base:1', 'hostile/vol', tags);
			expect(daemon.imageRows()).toHaveLength(tags + 1);
		}, 120_000);

		it('lists them, sorts, scrolls (j held down, G, PgUp, PgDn, g), filters, in bounded memory', async () => {
			term = new Term(['-H', daemon.url], {width: 120, height: 30});
			const started = Date.now();
			await term.waitFor((s) => countIn(s)?.total === tags + 1 && /hostile\/vol/.test(s), 20_000, 'the 5,001 rows never showed');
			const firstList = Date.now() - started;
			expect(firstList).toBeLessThan(10_000);
			term.keys('s', 's');
			await term.waitFor((s) => s.includes('sort: name'), 3000);
			// Row 0 is fixture/base:1, then hostile/vol t0000..t4999.
			await term.waitFor((s) => selectedLine(term!.screenEscapes())?.includes('fixture/base') ?? false, 3000);
			// A key held down: 500 j's as fast as tmux can send them.
			const pressed = Date.now();
			term.type('j'.repeat(500));
			await term.waitFor(() => /hostile\/vol\s+t0499\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 10_000, '500 j did not land on row 500');
			expect(Date.now() - pressed).toBeLessThan(5000);
			term.keys('G');
			await term.waitFor(() => /hostile\/vol\s+t4999\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 3000, 'G did not reach the last row');
			// A page is the rows on screen (26 in a 30-line terminal: the title, the header and the footer take the rest).
			const page = pageOf(term.screen());
			expect(page, term.screen()).toBeGreaterThan(20);
			term.keys('PageUp');
			await term.waitFor(() => new RegExp(`hostile/vol\\s+${tag(4999 - page)}\\s`).test(selectedLine(term!.screenEscapes()) ?? ''), 3000, `PgUp did not move a page (${page} rows) up`);
			term.keys('g');
			await term.waitFor(() => /fixture\/base\s+1\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 3000, 'g did not reach the first row');
			term.keys('PageDown', 'PageDown', 'PageDown');
			await term.waitFor(() => new RegExp(`hostile/vol\\s+${tag(3 * page - 1)}\\s`).test(selectedLine(term!.screenEscapes()) ?? ''), 3000, `PgDn x3 did not move ${3 * page} rows`);
			expectFits(term.screen(), 120, 30);
			term.keys('/');
			term.type('vol:t49');
			await term.waitFor((s) => countIn(s)?.shown === 100, 3000, 'the filter did not narrow to 100 rows');
			term.keys('Enter');
			term.keys('G');
			await term.waitFor(() => /hostile\/vol\s+t4999\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 3000);
			term.keys('Escape');
			await term.waitFor((s) => countIn(s)?.shown === tags + 1 && !s.includes(' of '), 3000, 'Esc did not clear the filter');
			const rss = term.rssKb();
			expect(rss, `VmRSS ${rss} kB with 5,001 rows`).toBeLessThan(400_000);
			term.keys('q');
			expect(await term.timeToExit(3000)).toBeLessThan(1000);
		}, 60_000);

		it('repeated resizes and a 20x5 terminal: no crash, the frame fits, the selection kept', async () => {
			term = new Term(['-H', daemon.url], {width: 120, height: 30});
			await term.waitFor((s) => countIn(s)?.total === tags + 1, 20_000);
			term.keys('s', 's');
			await term.waitFor((s) => s.includes('sort: name'), 3000);
			term.type('j'.repeat(40));
			await term.waitFor(() => /hostile\/vol\s+t0039\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 5000);
			const sizes: [number, number][] = [[80, 24], [40, 10], [200, 50], [30, 8], [100, 30], [20, 5], [160, 12], [60, 40]];
			for (let round = 0; round < 3; round++) {
				for (const [w, h] of sizes) {
					term.resize(w, h);
					await sleep(30);
				}
			}
			term.resize(100, 30);
			let screen = await term.waitFor((s) => /hostile\/vol\s+t0039\s/.test(selectedLine(term!.screenEscapes()) ?? '') && s.includes('q quit'), 5000, 'the selection or the footer was lost after resizes');
			expectFits(screen, 100, 30);
			expect(term.alive()).toBe(true);
			term.resize(20, 5);
			await sleep(500);
			screen = await term.waitFor((s) => s.startsWith('imgscope'), 3000, 'no frame at 20x5');
			expectFits(screen, 20, 5);
			// Still driven by keys at 20x5.
			term.keys('j');
			term.resize(100, 30);
			await term.waitFor(() => /hostile\/vol\s+t0040\s/.test(selectedLine(term!.screenEscapes()) ?? ''), 5000, 'a key pressed at 20x5 was lost');
			expect(term.alive()).toBe(true);
			term.keys('q');
			expect(await term.timeToExit(3000)).toBeLessThan(1000);
		}, 60_000);

		it('starts in a 20x5 terminal, opens an image there, and quits', async () => {
			term = new Term(['-H', daemon.url], {width: 20, height: 5});
			let screen = await term.waitFor((s) => /Images \(\d+\)/.test(s) || s.startsWith('imgscope'), 20_000);
			await sleep(1500);
			screen = term.screen();
			expectFits(screen, 20, 5);
			term.keys('Enter');
			await sleep(1500);
			screen = term.screen();
			expectFits(screen, 20, 5);
			expect(term.alive()).toBe(true);
			term.keys('Tab', 'Tab', 'G', 'Escape', '?');
			await sleep(500);
			expectFits(term.screen(), 20, 5);
			term.keys('Escape', 'q');
			expect(await term.timeToExit(3000)).toBeLessThan(1000);
			expect(term.exitCode()).toBe(0);
		}, 60_000);
	});
});

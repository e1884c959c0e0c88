// Disk usage asks take turns (source/ui/lists/disk-usage-turns.ts): a 20.10
// daemon counts one at a time and refuses the rest ("a disk usage operation is
// already running"); the Volumes list's sizes stayed "…" for good when their
// ask met the Disk list's at start.
import {describe, expect, it} from 'vitest';
import {readDiskUsage} from '../../source/engine/disk-usage.js';
import {volumeSizes} from '../../source/engine/volumes/volumes.js';
import {diskUsageTurn} from '../../source/ui/lists/disk-usage-turns.js';
import {engine, haveEngine} from '../helpers/engine.js';

const refusal = 'Error response from daemon: a disk usage operation is already running';
const never = new AbortController().signal;

describe('disk usage turns', () => {
	it('one ask at a time, in the order asked', async () => {
		let running = 0;
		const seen: string[] = [];
		const ask = (name: string) => async () => {
			expect(running).toBe(0);
			running++;
			await new Promise((resolve) => setTimeout(resolve, 20));
			running--;
			seen.push(name);
			return name;
		};
		const answers = await Promise.all(['a', 'b', 'c'].map((name) => diskUsageTurn(`t1 ${name}`, ask(name), never)));
		expect(answers).toEqual(['a', 'b', 'c']);
		expect(seen).toEqual(['a', 'b', 'c']);
	});

	it('a busy refusal is asked again; any other failure is the answer at once', async () => {
		let calls = 0;
		const busyTwice = async () => {
			if (++calls <= 2) throw new Error(refusal);
			return 'counted';
		};
		await expect(diskUsageTurn('t2 busy', busyTwice, never)).resolves.toBe('counted');
		expect(calls).toBe(3);
		let failures = 0;
		const gone = async () => {
			failures++;
			throw new Error('Cannot connect to the Docker daemon');
		};
		await expect(diskUsageTurn('t2 gone', gone, never)).rejects.toThrow('Cannot connect');
		expect(failures).toBe(1);
	});

	it('asks of one kind that come while one waits share its answer; a later one asks again', async () => {
		let release!: () => void;
		const first = diskUsageTurn('t3 hold', () => new Promise<string>((resolve) => (release = () => resolve('held'))), never);
		let asked = 0;
		const again = () => diskUsageTurn('t3 volumes', async () => `count ${++asked}`, never);
		const [a, b, c] = [again(), again(), again()];
		await new Promise((resolve) => setTimeout(resolve, 10));
		release();
		expect(await Promise.all([first, a, b, c])).toEqual(['held', 'count 1', 'count 1', 'count 1']);
		expect(await again()).toBe('count 2');
	});

	it('an aborted wait ends the retrying', async () => {
		const abort = new AbortController();
		let calls = 0;
		const turn = diskUsageTurn('t4', async () => {
			calls++;
			throw new Error(refusal);
		}, abort.signal);
		await new Promise((resolve) => setTimeout(resolve, 100));
		abort.abort();
		await expect(turn).rejects.toThrow();
		expect(calls).toBeGreaterThan(0);
		expect(calls).toBeLessThan(4);
	});
});

describe.skipIf(!haveEngine)('disk usage turns on the engine', () => {
	it('every size and disk usage asked at once is answered', async () => {
		const docker = engine();
		try {
			const asks = Array.from({length: 6}, (_, i) =>
				i % 2 ? diskUsageTurn(`live ${i} volumes`, () => volumeSizes(docker, never), never).then((sizes) => sizes instanceof Map) : diskUsageTurn(`live ${i} all`, () => readDiskUsage(docker, never), never).then((report) => Array.isArray(report.value.Images)),
			);
			expect(await Promise.all(asks)).toEqual([true, true, true, true, true, true]);
		} finally {
			docker.close();
		}
	}, 120_000);
});

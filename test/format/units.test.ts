import {describe, expect, it} from 'vitest';
import {
	bytesSize,
	createdSince,
	fromHumanSize,
	historySize,
	humanDuration,
	humanDurationSeconds,
	humanSize,
	humanSizeWithPrecision,
	imageContainers,
	imageSharedSize,
	imageSize,
	imageUniqueSize,
	imageVirtualSize,
	ramInBytes,
} from '../../source/format/units.js';

const KB = 1e3;
const MB = 1e6;
const GB = 1e9;
const TB = 1e12;
const PB = 1e15;
const KiB = 1024;
const MiB = KiB * 1024;
const GiB = MiB * 1024;
const TiB = GiB * 1024;
const PiB = TiB * 1024;

describe('docker columns (values from the docker 28.2.2 client and the fixture images)', () => {
	it('image ls Size / VirtualSize', () => {
		// fixture/app:1 .Size 2506717: docker image ls {{.Size}} 2.51MB, {{.VirtualSize}} 2.507MB
		expect(imageSize(2506717)).toBe('2.51MB');
		expect(imageVirtualSize(2506717)).toBe('2.507MB');
		// fixture/base:1 .Size 1982398: 1.98MB / 1.982MB
		expect(imageSize(1982398)).toBe('1.98MB');
		expect(imageVirtualSize(1982398)).toBe('1.982MB');
	});
	it('image ls SharedSize / UniqueSize / Containers: N/A for -1', () => {
		// docker image ls --format '{{.SharedSize}}|{{.UniqueSize}}|{{.Containers}}' -> N/A|N/A|N/A
		expect(imageSharedSize(-1)).toBe('N/A');
		expect(imageUniqueSize(2506717, -1)).toBe('N/A');
		expect(imageUniqueSize(-1, 5)).toBe('N/A');
		expect(imageContainers(-1)).toBe('N/A');
		expect(imageContainers(3)).toBe('3');
		// docker system df -v: SHARED SIZE 1.982MB, UNIQUE SIZE 524.3kB / 2B / 0B
		expect(imageSharedSize(1982400)).toBe('1.982MB');
		expect(imageUniqueSize(2506717, 1982400)).toBe('524.3kB');
		expect(imageUniqueSize(1982402, 1982400)).toBe('2B');
		expect(imageUniqueSize(1982400, 1982400)).toBe('0B');
	});
	it('history Size: precision 3 when human, raw integer with -H=false', () => {
		// docker history fixture/app:1: 524kB / 23B / 4B / 0B / 1.98MB; -H=false: 524288 ...
		expect(historySize(524288)).toBe('524kB');
		expect(historySize(23)).toBe('23B');
		expect(historySize(0)).toBe('0B');
		expect(historySize(1982398)).toBe('1.98MB');
		expect(historySize(524288, false)).toBe('524288');
		expect(historySize(0, false)).toBe('0');
	});
});

describe('humanSize / humanSizeWithPrecision (go-units size_test.go)', () => {
	it('HumanSize', () => {
		expect(humanSize(1000)).toBe('1kB');
		expect(humanSize(1024)).toBe('1.024kB');
		expect(humanSize(1000000)).toBe('1MB');
		expect(humanSize(1048576)).toBe('1.049MB');
		expect(humanSize(2 * MB)).toBe('2MB');
		expect(humanSize(3.42 * GB)).toBe('3.42GB');
		expect(humanSize(5.372 * TB)).toBe('5.372TB');
		expect(humanSize(2.22 * PB)).toBe('2.22PB');
		expect(humanSize(10000000000000 * PB)).toBe('1e+04YB');
	});
	it("Go %.*g quirks (docker printf '%.3g' oracle)", () => {
		expect(humanSizeWithPrecision(999999, 3)).toBe('1e+03kB');
		expect(humanSizeWithPrecision(999499, 3)).toBe('999kB');
		expect(humanSizeWithPrecision(999, 3)).toBe('999B');
		expect(humanSizeWithPrecision(0, 3)).toBe('0B');
		expect(humanSizeWithPrecision(1, 3)).toBe('1B');
		expect(humanSizeWithPrecision(1500, 0)).toBe('2kB');
		expect(humanSizeWithPrecision(2500, 1)).toBe('2kB');
		expect(humanSizeWithPrecision(-1, 3)).toBe('-1B');
		expect(humanSize(9999999)).toBe('10MB');
		expect(humanSize(99999)).toBe('100kB');
	});
	it('BytesSize', () => {
		expect(bytesSize(1024)).toBe('1KiB');
		expect(bytesSize(1024 * 1024)).toBe('1MiB');
		expect(bytesSize(2 * MiB)).toBe('2MiB');
		expect(bytesSize(3.42 * GiB)).toBe('3.42GiB');
		expect(bytesSize(5.372 * TiB)).toBe('5.372TiB');
		expect(bytesSize(2.22 * PiB)).toBe('2.22PiB');
		expect(bytesSize(KiB * KiB * KiB * KiB * KiB * PiB)).toBe('1.049e+06YiB');
		expect(bytesSize(0)).toBe('0B');
	});
});

describe('fromHumanSize / ramInBytes (go-units size_test.go)', () => {
	it('FromHumanSize', () => {
		const ok: [string, number][] = [
			['32', 32],
			['32b', 32],
			['32B', 32],
			['32k', 32 * KB],
			['32K', 32 * KB],
			['32kb', 32 * KB],
			['32Kb', 32 * KB],
			['32Mb', 32 * MB],
			['32Gb', 32 * GB],
			['32Tb', 32 * TB],
			['32Pb', 32 * PB],
			['32.5kB', 32.5 * KB],
			['32.5 kB', 32.5 * KB],
			['32.5 B', 32],
			['0.3 K', 300],
			['20MB', 20_000_000],
			['1.5GB', 1_500_000_000],
			['512kB', 512_000],
			['100', 100],
			['1KiB', 1000],
			['32 ', 32], // the regex allows the optional space with no unit
		];
		for (const [s, n] of ok) expect(fromHumanSize(s), s).toBe(n);
	});
	it('RAMInBytes', () => {
		const ok: [string, number][] = [
			['32', 32],
			['32b', 32],
			['32k', 32 * KiB],
			['32Kib', 32 * KiB],
			['32KIB', 32 * KiB],
			['32Mb', 32 * MiB],
			['32Gb', 32 * GiB],
			['32Tb', 32 * TiB],
			['32Pb', 32 * PiB],
			['32PB', 32 * PiB],
			['32P', 32 * PiB],
			['32.3', 32],
			['32.3 mb', Math.trunc(32.3 * MiB)],
			['0.3MB', Math.trunc(0.3 * MiB)],
		];
		for (const [s, n] of ok) expect(ramInBytes(s), s).toBe(n);
	});
	it('rejects bad input with go-units messages', () => {
		for (const s of ['', 'hello', '-32', '.3kB', ' 32 ', '32m b', '32bm', '1e3']) {
			expect(() => fromHumanSize(s), s).toThrow(`invalid size: '${s}'`);
			expect(() => ramInBytes(s), s).toThrow(`invalid size: '${s}'`);
		}
		expect(() => fromHumanSize('1.2.3')).toThrow('strconv.ParseFloat: parsing "1.2.3": invalid syntax');
	});
});

describe('humanDuration (go-units duration_test.go)', () => {
	const s = 1000;
	const m = 60 * s;
	const h = 60 * m;
	const day = 24 * h;
	const week = 7 * day;
	const month = 30 * day;
	const year = 365 * day;
	const cases: [number, string][] = [
		[450, 'Less than a second'],
		[1 * s, '1 second'],
		[45 * s, '45 seconds'],
		[46 * s, '46 seconds'],
		[59 * s, '59 seconds'],
		[60 * s, 'About a minute'],
		[1 * m, 'About a minute'],
		[3 * m, '3 minutes'],
		[35 * m, '35 minutes'],
		[35 * m + 40 * s, '35 minutes'],
		[45 * m, '45 minutes'],
		[45 * m + 40 * s, '45 minutes'],
		[46 * m, '46 minutes'],
		[59 * m, '59 minutes'],
		[1 * h, 'About an hour'],
		[1 * h + 29 * m, 'About an hour'],
		[1 * h + 31 * m, '2 hours'],
		[1 * h + 59 * m, '2 hours'],
		[3 * h, '3 hours'],
		[3 * h + 29 * m, '3 hours'],
		[3 * h + 31 * m, '4 hours'],
		[3 * h + 59 * m, '4 hours'],
		[3 * h + 60 * m, '4 hours'],
		[24 * h, '24 hours'],
		[1 * day + 12 * h, '36 hours'],
		[2 * day, '2 days'],
		[7 * day, '7 days'],
		[13 * day + 5 * h, '13 days'],
		[2 * week, '2 weeks'],
		[2 * week + 4 * day, '2 weeks'],
		[3 * week, '3 weeks'],
		[4 * week, '4 weeks'],
		[4 * week + 3 * day, '4 weeks'],
		[1 * month, '4 weeks'],
		[1 * month + 2 * week, '6 weeks'],
		[2 * month, '2 months'],
		[2 * month + 2 * week, '2 months'],
		[3 * month, '3 months'],
		[3 * month + 1 * week, '3 months'],
		[5 * month + 2 * week, '5 months'],
		[13 * month, '13 months'],
		[23 * month, '23 months'],
		[24 * month, '24 months'],
		[24 * month + 2 * week, '2 years'],
		[3 * year + 2 * month, '3 years'],
	];
	for (const [ms, want] of cases) {
		it(`${ms}ms -> ${want}`, () => {
			expect(humanDuration(ms)).toBe(want);
		});
	}
	it('edge cases', () => {
		expect(humanDuration(0)).toBe('Less than a second');
		expect(humanDuration(-5000)).toBe('Less than a second');
		expect(humanDuration(999)).toBe('Less than a second');
		expect(humanDuration(1999)).toBe('1 second');
		expect(humanDuration(119999)).toBe('About a minute');
		expect(humanDurationSeconds(90)).toBe('About a minute');
	});
	it('createdSince (docker image ls / history CREATED)', () => {
		// fixture/app:1 created 2026-11-26T19:36:08Z; docker showed "10 minutes ago" at 19:46
		const created = Date.UTC(2026, 10, 26, 19, 36, 8) / 1000;
		expect(createdSince(created, Date.UTC(2026, 10, 26, 19, 46, 30))).toBe('10 minutes ago');
		expect(createdSince(created, Date.UTC(2026, 10, 26, 19, 36, 41))).toBe('33 seconds ago');
		expect(createdSince(created, created * 1000 - 10_000)).toBe('Less than a second ago');
	});
});

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {
	UTC,
	daysFromCivil,
	fixedZone,
	formatRFC3339,
	goTimeString,
	historyCreatedAt,
	imageCreatedAt,
	intlLocation,
	loadLocalLocation,
	parseRFC3339Nano,
	parseTZif,
	posixLocation,
	tzset,
} from '../../source/format/time.js';

// tz.json: TZif files copied from this machine's /usr/share/zoneinfo (Debian tzdata, base64) and,
// for 57 instants per zone, the output of
//   TZ=<zone> date -d @<sec> '+%Y-%m-%d %H:%M:%S %z %Z|%Y-%m-%dT%H:%M:%S%:z'
// (glibc reads the same files; Go's Time.String() and RFC3339 print the same fields).
const tz: {zones: Record<string, string>; cases: [string, number, string, string][]} = JSON.parse(
	readFileSync(new URL('./fixtures/tz.json', import.meta.url), 'utf8'),
);
const zoneBytes = (name: string): Uint8Array => Buffer.from(tz.zones[name], 'base64');
const locs = new Map(Object.keys(tz.zones).map((z) => [z, parseTZif(z, zoneBytes(z))]));

// The image fixture/app:1 created 2026-11-26T19:36:08Z, as printed by the docker 28.2.2 client.
const CREATED = Date.UTC(2026, 10, 26, 19, 36, 8) / 1000;

describe('docker CreatedAt columns (real docker output with TZ set)', () => {
	it('image ls {{.CreatedAt}} (TZ unset, container /etc/localtime = Etc/UTC)', () => {
		// docker image ls --format '{{.CreatedAt}}': 2026-11-26 19:36:08 +0000 UTC
		expect(imageCreatedAt(CREATED, locs.get('Etc/UTC')!)).toBe('2026-11-26 19:36:08 +0000 UTC');
		expect(imageCreatedAt(CREATED)).toBe('2026-11-26 19:36:08 +0000 UTC');
	});
	it('history {{.CreatedAt}} is RFC 3339 in local time', () => {
		// docker history --format '{{.CreatedAt}}': 2026-11-26T19:36:08Z
		expect(historyCreatedAt(CREATED, UTC)).toBe('2026-11-26T19:36:08Z');
	});
	const cases: [string, string, string][] = [
		// TZ=<zone> docker image ls / docker history --format '{{.CreatedAt}}'
		['America/New_York', '2026-11-26 14:36:08 -0500 EST', '2026-11-26T14:36:08-05:00'],
		['Asia/Kolkata', '2026-11-27 01:06:08 +0530 IST', '2026-11-27T01:06:08+05:30'],
		['Europe/Paris', '2026-11-26 20:36:08 +0100 CET', '2026-11-26T20:36:08+01:00'],
		['UTC', '2026-11-26 19:36:08 +0000 UTC', '2026-11-26T19:36:08Z'],
	];
	for (const [zone, ls, hist] of cases) {
		it(`TZ=${zone}`, () => {
			const loc = loadLocalLocation(zone, (p) => (p === '/usr/share/zoneinfo/' + zone ? zoneBytes(zone) : null));
			expect(imageCreatedAt(CREATED, loc)).toBe(ls);
			expect(historyCreatedAt(CREATED, loc)).toBe(hist);
		});
	}
});

describe('TZif zones against glibc date over 1900-2103 (footer rules after 2037)', () => {
	for (const [zone, sec, str, rfc] of tz.cases) {
		it(`${zone} @${sec}`, () => {
			const loc = locs.get(zone)!;
			expect(goTimeString(sec, loc)).toBe(str);
			expect(formatRFC3339(sec, loc)).toBe(rfc);
		});
	}
});

describe('loadLocalLocation follows Go initLocal', () => {
	const files: Record<string, Uint8Array> = {
		'/etc/localtime': zoneBytes('America/New_York'),
		'/usr/share/zoneinfo/Europe/Paris': zoneBytes('Europe/Paris'),
		'/custom/zone': zoneBytes('Asia/Kolkata'),
	};
	const read = (p: string): Uint8Array | null => files[p] ?? null;
	it('TZ unset reads /etc/localtime and is named Local', () => {
		const loc = loadLocalLocation(undefined, read);
		expect(loc.name).toBe('Local');
		expect(goTimeString(CREATED, loc)).toBe('2026-11-26 14:36:08 -0500 EST');
	});
	it('TZ="" is UTC', () => {
		expect(loadLocalLocation('', read)).toBe(UTC);
	});
	it('TZ=zone and TZ=:zone load from the zoneinfo directory', () => {
		expect(loadLocalLocation('Europe/Paris', read).name).toBe('Europe/Paris');
		expect(goTimeString(CREATED, loadLocalLocation(':Europe/Paris', read))).toBe('2026-11-26 20:36:08 +0100 CET');
	});
	it('TZ=/absolute/path', () => {
		const loc = loadLocalLocation('/custom/zone', read);
		expect(loc.name).toBe('/custom/zone');
		expect(goTimeString(CREATED, loc)).toBe('2026-11-27 01:06:08 +0530 IST');
		expect(loadLocalLocation('/etc/localtime', read).name).toBe('Local');
	});
	it('a zone that is not a file is UTC, POSIX rules in TZ are not parsed (docker: TZ=Foo/Bar, TZ="<+03>-3")', () => {
		// TZ=Foo/Bar docker image ls --format '{{.CreatedAt}}' -> 2026-11-26 19:36:06 +0000 UTC
		expect(goTimeString(CREATED, loadLocalLocation('Foo/Bar', read))).toBe('2026-11-26 19:36:08 +0000 UTC');
		expect(goTimeString(CREATED, loadLocalLocation('<+03>-3', read))).toBe('2026-11-26 19:36:08 +0000 UTC');
	});
	it('unknown zone or missing /etc/localtime falls back to UTC', () => {
		expect(loadLocalLocation('Nowhere/Land', read)).toBe(UTC);
		expect(loadLocalLocation(undefined, () => null)).toBe(UTC);
		expect(loadLocalLocation('UTC', read)).toBe(UTC);
		expect(loadLocalLocation('../../etc/passwd', read)).toBe(UTC);
	});
	it('garbage zone data falls back to UTC', () => {
		expect(loadLocalLocation('Bad', () => Uint8Array.of(1, 2, 3))).toBe(UTC);
		expect(() => parseTZif('x', Uint8Array.of(1, 2, 3))).toThrow('malformed time zone information');
	});
});

describe('tzset (POSIX rules, Go zoneinfo_test.go style)', () => {
	it('evaluates northern and southern hemisphere rules', () => {
		// 2026-07-01T00:00:00Z and 2026-01-15T00:00:00Z
		const jul = Date.UTC(2026, 6, 1) / 1000;
		const jan = Date.UTC(2026, 0, 15) / 1000;
		expect(tzset('EST5EDT,M3.2.0,M11.1.0', jul)).toEqual({name: 'EDT', offset: -14400, isDST: true});
		expect(tzset('EST5EDT,M3.2.0,M11.1.0', jan)).toEqual({name: 'EST', offset: -18000, isDST: false});
		expect(tzset('AEST-10AEDT,M10.1.0,M4.1.0/3', jan)).toEqual({name: 'AEDT', offset: 39600, isDST: true});
		expect(tzset('AEST-10AEDT,M10.1.0,M4.1.0/3', jul)).toEqual({name: 'AEST', offset: 36000, isDST: false});
		expect(tzset('<+0530>-5:30', jul)).toEqual({name: '+0530', offset: 19800, isDST: false});
		expect(tzset('<-03>3', jul)).toEqual({name: '-03', offset: -10800, isDST: false});
		// default rule when only names are given
		expect(tzset('EST5EDT', jul)).toEqual({name: 'EDT', offset: -14400, isDST: true});
		expect(tzset('AB5', jul)).toBeNull();
		expect(tzset('', jul)).toBeNull();
		expect(tzset('EST5EDT,M3.2.0', jul)).toBeNull();
	});
	it('switches exactly at the transition (2026-03-08 07:00:00Z for America/New_York)', () => {
		const t = Date.UTC(2026, 2, 8, 7) / 1000;
		expect(tzset('EST5EDT,M3.2.0,M11.1.0', t - 1)!.name).toBe('EST');
		expect(tzset('EST5EDT,M3.2.0,M11.1.0', t)!.name).toBe('EDT');
		const loc = posixLocation('Rule', 'EST5EDT,M3.2.0,M11.1.0')!;
		expect(goTimeString(t, loc)).toBe('2026-03-08 03:00:00 -0400 EDT');
		expect(goTimeString(t - 1, loc)).toBe('2026-03-08 01:59:59 -0500 EST');
	});
});

describe('goTimeString / formatRFC3339', () => {
	it('prints nanoseconds like Go (.999999999, trailing zeros dropped)', () => {
		// Go: time.Unix(1795721768, 453413091).UTC().String()
		expect(goTimeString(1795721768, UTC, 453413091)).toBe('2026-11-26 19:36:08.453413091 +0000 UTC');
		expect(goTimeString(1795721768, UTC, 450000000)).toBe('2026-11-26 19:36:08.45 +0000 UTC');
		expect(formatRFC3339(1795721768, UTC, 453413091, true)).toBe('2026-11-26T19:36:08.453413091Z');
		expect(formatRFC3339(1795721768, UTC, 453413091)).toBe('2026-11-26T19:36:08Z');
	});
	it('handles the epoch, negative times and fixed zones', () => {
		expect(goTimeString(0)).toBe('1970-01-01 00:00:00 +0000 UTC');
		expect(goTimeString(-1)).toBe('1969-12-31 23:59:59 +0000 UTC');
		expect(goTimeString(0, fixedZone('', 3600))).toBe('1970-01-01 01:00:00 +0100 +0100');
		expect(formatRFC3339(0, fixedZone('X', -9000))).toBe('1969-12-31T21:30:00-02:30');
		// Go: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).String() == "0000-01-01 00:00:00 +0000 UTC"
		expect(goTimeString(daysFromCivil(0, 1, 1) * 86400)).toBe('0000-01-01 00:00:00 +0000 UTC');
		// docker's zero-time image Created (0001-01-01)
		expect(goTimeString(-62135596800)).toBe('0001-01-01 00:00:00 +0000 UTC');
	});
	it('intlLocation gives exact offsets without zoneinfo files', () => {
		const ny = intlLocation('America/New_York');
		expect(goTimeString(CREATED, ny)).toBe('2026-11-26 14:36:08 -0500 EST');
		expect(formatRFC3339(Date.UTC(2026, 6, 1) / 1000, ny)).toBe('2026-06-30T20:00:00-04:00');
		expect(goTimeString(CREATED, intlLocation('Asia/Dubai'))).toBe('2026-11-26 23:36:08 +0400 +04');
		expect(formatRFC3339(CREATED, intlLocation('Asia/Kolkata'))).toBe('2026-11-27T01:06:08+05:30');
	});
});

describe('parseRFC3339Nano', () => {
	it('keeps nanoseconds exactly', () => {
		// docker image inspect --format '{{.Created}}' fixture/app:1
		expect(parseRFC3339Nano('2026-11-26T19:36:08.453413091Z')).toEqual({
			seconds: 1795721768,
			nanos: 453413091,
			offset: 0,
		});
		expect(parseRFC3339Nano('2026-11-26T19:36:08Z')).toEqual({seconds: 1795721768, nanos: 0, offset: 0});
		expect(parseRFC3339Nano('2026-11-26T19:36:08.1Z').nanos).toBe(100000000);
		expect(parseRFC3339Nano('2026-11-26T19:36:08.000000001Z').nanos).toBe(1);
		// more than 9 digits are truncated, like Go
		expect(parseRFC3339Nano('2026-11-26T19:36:08.1234567899Z').nanos).toBe(123456789);
	});
	it('applies offsets', () => {
		expect(parseRFC3339Nano('2026-11-26T14:36:08-05:00')).toEqual({seconds: 1795721768, nanos: 0, offset: -18000});
		expect(parseRFC3339Nano('2026-11-27T01:06:08.5+05:30').seconds).toBe(1795721768);
		expect(parseRFC3339Nano('0001-01-01T00:00:00Z').seconds).toBe(-62135596800);
		expect(parseRFC3339Nano('1970-01-01T00:00:00Z').seconds).toBe(0);
		expect(parseRFC3339Nano('2024-02-29T12:00:00Z').seconds).toBe(1709208000);
	});
	it('rejects malformed input', () => {
		for (const bad of ['', '2026-11-26', '2026-11-26 19:36:08Z', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T19:36:08', '2026-11-26T19:36:08+5:00', '2026-11-26t19:36:08z', '2026-11-26T19:36:60Z']) {
			expect(() => parseRFC3339Nano(bad)).toThrow();
		}
	});
});

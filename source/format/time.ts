/**
 * The Go time formatting docker prints, without I/O.
 *
 * - goTimeString(sec, loc): time.Unix(sec, 0).String() in a location
 *   (`2026-11-26 17:19:27 +0000 UTC`), used by `image ls` {{.CreatedAt}}.
 * - formatRFC3339(sec, loc): Format(time.RFC3339) (`2026-11-26T17:19:27Z`,
 *   `2026-11-26T14:36:08-05:00`), used by `history` {{.CreatedAt}} (local time in docker 28).
 * - parseRFC3339Nano(s): exact {seconds, nanos} of an RFC 3339 timestamp.
 *
 * Locations follow Go: `loadLocalLocation(process.env.TZ, readFile)` reproduces time.Local's
 * initialisation (TZ unset: /etc/localtime; TZ="" or unloadable: UTC; `TZ=:Zone`, absolute
 * paths), with the zoneinfo bytes supplied by the caller (TZif v1-v3, including the POSIX
 * footer rule used after the last transition, as Go's tzset does).
 */

export interface ZoneInfo {
	/** abbreviation, e.g. `UTC`, `EST`, `+0530` */
	name: string;
	/** seconds east of UTC */
	offset: number;
	isDST: boolean;
}

export interface Location {
	/** Go's Location.String(): `UTC`, `Local`, `Europe/Paris` */
	name: string;
	lookup(unixSeconds: number): ZoneInfo;
}

export const UTC: Location = {
	name: 'UTC',
	lookup: () => ({name: 'UTC', offset: 0, isDST: false}),
};

/** A location with one fixed offset (time.FixedZone). */
export function fixedZone(name: string, offset: number): Location {
	return {name, lookup: () => ({name, offset, isDST: false})};
}

// ---------------------------------------------------------------------------
// TZif

interface Trans {
	when: number;
	index: number;
}

class TZifLocation implements Location {
	constructor(
		public name: string,
		private readonly zones: ZoneInfo[],
		private readonly tx: Trans[],
		private readonly extend: string,
	) {}

	private lookupFirstZone(): number {
		const used = this.tx.some((t) => t.index === 0);
		if (!used) return 0;
		if (this.tx.length > 0 && this.zones[this.tx[0].index].isDST) {
			for (let zi = this.tx[0].index - 1; zi >= 0; zi--) if (!this.zones[zi].isDST) return zi;
		}
		for (let zi = 0; zi < this.zones.length; zi++) if (!this.zones[zi].isDST) return zi;
		return 0;
	}

	lookup(sec: number): ZoneInfo {
		if (this.zones.length === 0) return {name: 'UTC', offset: 0, isDST: false};
		const tx = this.tx;
		if (tx.length === 0 || sec < tx[0].when) {
			const z = this.zones[this.lookupFirstZone()];
			return {...z};
		}
		let lo = 0;
		let hi = tx.length;
		while (hi - lo > 1) {
			const m = (lo + hi) >>> 1;
			if (sec < tx[m].when) hi = m;
			else lo = m;
		}
		const z = this.zones[tx[lo].index];
		if (lo === tx.length - 1 && this.extend !== '') {
			const r = tzset(this.extend, sec);
			if (r) return r;
		}
		return {...z};
	}
}

/**
 * Parse TZif bytes (the content of /usr/share/zoneinfo/<name>) like Go's LoadLocationFromTZData.
 * Throws on malformed data.
 */
export function parseTZif(name: string, data: Uint8Array): Location {
	const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
	let p = 0;
	const bad = (): never => {
		throw new Error('malformed time zone information');
	};
	const need = (n: number): void => {
		if (p + n > data.length) bad();
	};
	need(44);
	if (data[0] !== 0x54 || data[1] !== 0x5a || data[2] !== 0x69 || data[3] !== 0x66) bad();
	const version = data[4] === 0 ? 1 : data[4] - 0x30;
	const counts = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((i) => dv.getUint32(at + 20 + i * 4));
	let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0);
	p = 44;
	let is64 = false;
	if (version > 1) {
		// skip the v1 block
		const skip = timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
		need(skip + 44);
		p += skip;
		if (data[p] !== 0x54 || data[p + 1] !== 0x5a) bad();
		[isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(p);
		p += 44;
		is64 = true;
	}
	const tsize = is64 ? 8 : 4;
	need(timecnt * (tsize + 1) + typecnt * 6 + charcnt);
	const whens: number[] = [];
	for (let i = 0; i < timecnt; i++) {
		whens.push(is64 ? Number(dv.getBigInt64(p)) : dv.getInt32(p));
		p += tsize;
	}
	const idx: number[] = [];
	for (let i = 0; i < timecnt; i++) idx.push(data[p++]);
	const raw: {off: number; dst: boolean; ai: number}[] = [];
	for (let i = 0; i < typecnt; i++) {
		raw.push({off: dv.getInt32(p), dst: data[p + 4] !== 0, ai: data[p + 5]});
		p += 6;
	}
	const chars = data.subarray(p, p + charcnt);
	p += charcnt;
	p += leapcnt * (tsize + 4) + isstdcnt + isutcnt;
	const abbr = (i: number): string => {
		let e = i;
		while (e < chars.length && chars[e] !== 0) e++;
		return String.fromCharCode(...chars.subarray(i, e));
	};
	const zones: ZoneInfo[] = raw.map((r) => ({name: abbr(r.ai), offset: r.off, isDST: r.dst}));
	let tx: Trans[] = whens.map((when, i) => {
		if (idx[i] >= zones.length) bad();
		return {when, index: idx[i]};
	});
	let extend = '';
	if (is64 && p < data.length && data[p] === 0x0a) {
		let e = p + 1;
		while (e < data.length && data[e] !== 0x0a) e++;
		if (e < data.length) extend = String.fromCharCode(...data.subarray(p + 1, e));
	}
	if (tx.length === 0) tx = [{when: -(2 ** 63), index: 0}];
	return new TZifLocation(name, zones, tx, extend);
}

// ---------------------------------------------------------------------------
// POSIX TZ rules (Go's tzset)

const SECONDS_PER_DAY = 86400;

function tzsetName(s: string): [string, string] | null {
	if (s.length === 0) return null;
	if (s[0] !== '<') {
		for (let i = 0; i < s.length; i++) {
			if ('0123456789,-+'.includes(s[i])) {
				if (i < 3) return null;
				return [s.slice(0, i), s.slice(i)];
			}
		}
		if (s.length < 3) return null;
		return [s, ''];
	}
	const e = s.indexOf('>');
	if (e < 0) return null;
	return [s.slice(1, e), s.slice(e + 1)];
}

function tzsetNum(s: string, min: number, max: number): [number, string] | null {
	if (s.length === 0) return null;
	let num = 0;
	let i = 0;
	for (; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) break;
		num = num * 10 + (c - 48);
		if (num > max) return null;
	}
	if (i === 0) return null;
	if (num < min) return null;
	return [num, s.slice(i)];
}

function tzsetOffset(s: string): [number, string] | null {
	if (s.length === 0) return null;
	let neg = false;
	if (s[0] === '+') s = s.slice(1);
	else if (s[0] === '-') {
		s = s.slice(1);
		neg = true;
	}
	let r = tzsetNum(s, 0, 24 * 7);
	if (!r) return null;
	let off = r[0] * 3600;
	s = r[1];
	if (s.length === 0 || s[0] !== ':') return [neg ? -off : off, s];
	r = tzsetNum(s.slice(1), 0, 59);
	if (!r) return null;
	off += r[0] * 60;
	s = r[1];
	if (s.length === 0 || s[0] !== ':') return [neg ? -off : off, s];
	r = tzsetNum(s.slice(1), 0, 59);
	if (!r) return null;
	off += r[0];
	s = r[1];
	return [neg ? -off : off, s];
}

interface Rule {
	kind: 'julian' | 'doy' | 'mwd';
	day: number;
	week: number;
	mon: number;
	time: number;
}

function tzsetRule(s: string): [Rule, string] | null {
	const r: Rule = {kind: 'doy', day: 0, week: 0, mon: 0, time: 2 * 3600};
	if (s.length === 0) return null;
	let n: [number, string] | null;
	if (s[0] === 'J') {
		n = tzsetNum(s.slice(1), 1, 365);
		if (!n) return null;
		r.kind = 'julian';
		r.day = n[0];
		s = n[1];
	} else if (s[0] === 'M') {
		const m = tzsetNum(s.slice(1), 1, 12);
		if (!m || m[1].length === 0 || m[1][0] !== '.') return null;
		const w = tzsetNum(m[1].slice(1), 1, 5);
		if (!w || w[1].length === 0 || w[1][0] !== '.') return null;
		const d = tzsetNum(w[1].slice(1), 0, 6);
		if (!d) return null;
		r.kind = 'mwd';
		r.mon = m[0];
		r.week = w[0];
		r.day = d[0];
		s = d[1];
	} else {
		n = tzsetNum(s, 0, 365);
		if (!n) return null;
		r.kind = 'doy';
		r.day = n[0];
		s = n[1];
	}
	if (s.length === 0 || s[0] !== '/') return [r, s];
	const off = tzsetOffset(s.slice(1));
	if (!off) return null;
	r.time = off[0];
	return [r, off[1]];
}

function isLeap(y: number): boolean {
	return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysIn(mon: number, year: number): number {
	if (mon === 2 && isLeap(year)) return 29;
	return daysBefore[mon] - daysBefore[mon - 1];
}

function tzruleTime(year: number, r: Rule, off: number): number {
	let s = 0;
	if (r.kind === 'julian') {
		s = (r.day - 1) * SECONDS_PER_DAY;
		if (isLeap(year) && r.day >= 60) s += SECONDS_PER_DAY;
	} else if (r.kind === 'doy') {
		s = r.day * SECONDS_PER_DAY;
	} else {
		const m1 = ((r.mon + 9) % 12) + 1;
		let yy0 = year;
		if (r.mon <= 2) yy0--;
		const yy1 = Math.trunc(yy0 / 100);
		const yy2 = yy0 % 100;
		let dow =
			(Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
		if (dow < 0) dow += 7;
		let d = r.day - dow;
		if (d < 0) d += 7;
		for (let i = 1; i < r.week; i++) {
			if (d + 7 >= daysIn(r.mon, year)) break;
			d += 7;
		}
		d += daysBefore[r.mon - 1];
		if (isLeap(year) && r.mon > 2) d++;
		s = d * SECONDS_PER_DAY;
	}
	return s + r.time - off;
}

/** Evaluate a POSIX TZ rule string (TZif footer) at a Unix time, like Go's tzset. */
export function tzset(spec: string, sec: number): ZoneInfo | null {
	let s = spec;
	const sn = tzsetName(s);
	if (!sn) return null;
	let stdName = sn[0];
	s = sn[1];
	const so = tzsetOffset(s);
	if (!so) return null;
	let stdOffset = -so[0];
	s = so[1];
	if (s.length === 0 || s[0] === ',') return {name: stdName, offset: stdOffset, isDST: false};
	const dn = tzsetName(s);
	if (!dn) return null;
	let dstName = dn[0];
	s = dn[1];
	let dstOffset: number;
	if (s.length === 0 || s[0] === ',') {
		dstOffset = stdOffset + 3600;
	} else {
		const d = tzsetOffset(s);
		if (!d) return null;
		dstOffset = -d[0];
		s = d[1];
	}
	if (s.length === 0) s = ',M3.2.0,M11.1.0';
	if (s[0] !== ',' && s[0] !== ';') return null;
	s = s.slice(1);
	const sr = tzsetRule(s);
	if (!sr || sr[1].length === 0 || sr[1][0] !== ',') return null;
	const er = tzsetRule(sr[1].slice(1));
	if (!er || er[1].length > 0) return null;

	const date = new Date(sec * 1000);
	const year = date.getUTCFullYear();
	const ystart = Date.UTC(year, 0, 1) / 1000;
	const ysec = sec - ystart;

	let startSec = tzruleTime(year, sr[0], stdOffset);
	let endSec = tzruleTime(year, er[0], dstOffset);
	let dstIsDST = true;
	let stdIsDST = false;
	if (endSec < startSec) {
		[startSec, endSec] = [endSec, startSec];
		[stdName, dstName] = [dstName, stdName];
		[stdOffset, dstOffset] = [dstOffset, stdOffset];
		[stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
	}
	if (ysec < startSec || ysec >= endSec) return {name: stdName, offset: stdOffset, isDST: stdIsDST};
	return {name: dstName, offset: dstOffset, isDST: dstIsDST};
}

/** A location from a POSIX TZ rule alone (e.g. `EST5EDT,M3.2.0,M11.1.0`). */
export function posixLocation(name: string, spec: string): Location | null {
	if (!tzset(spec, 0)) return null;
	return {name, lookup: (sec) => tzset(spec, sec)!};
}

// ---------------------------------------------------------------------------
// time.Local

/** Go's platformZoneSources on Unix. */
export const ZONE_SOURCES = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];

/**
 * Go's time.Local initialisation (zoneinfo_unix.go initLocal). `tz` is process.env.TZ
 * (undefined when unset); readFile returns a file's bytes or null. Pure apart from readFile.
 */
export function loadLocalLocation(tz: string | undefined, readFile: (path: string) => Uint8Array | null): Location {
	const tryLoad = (name: string, path: string): Location | null => {
		try {
			const data = readFile(path);
			return data ? parseTZif(name, data) : null;
		} catch {
			return null;
		}
	};
	if (tz === undefined) {
		const z = tryLoad('Local', '/etc/localtime');
		if (z) return z;
	} else if (tz !== '') {
		if (tz[0] === ':') tz = tz.slice(1);
		if (tz !== '' && tz[0] === '/') {
			const z = tryLoad(tz === '/etc/localtime' ? 'Local' : tz, tz);
			if (z) return z;
		} else if (tz !== '' && tz !== 'UTC') {
			// Go's containsDotDot check and zone name validity are approximated here.
			if (!tz.split('/').includes('..')) {
				for (const dir of ZONE_SOURCES) {
					const z = tryLoad(tz, dir + tz);
					if (z) return z;
				}
			}
		}
	}
	return UTC;
}

/**
 * A location computed with the JS runtime's Intl time zone data (no files). Offsets are exact;
 * the abbreviation is ICU's short English name when it has one (`EST`, `CET`), else Go's
 * numeric form (`+0530`, `+04`), which can differ from tzdata's abbreviation (e.g. Asia/Kolkata
 * is `IST` in tzdata). Prefer loadLocalLocation with real zoneinfo bytes where exactness matters.
 */
export function intlLocation(zone: string, name = zone): Location {
	const offFmt = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longOffset'});
	const abbrFmt = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'short'});
	const part = (f: Intl.DateTimeFormat, d: Date): string =>
		f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
	return {
		name,
		lookup(sec: number): ZoneInfo {
			const d = new Date(sec * 1000);
			const lo = part(offFmt, d); // GMT, GMT+05:30, GMT-05:00
			const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(lo);
			const offset = m ? (m[1] === '-' ? -1 : 1) * (+m[2] * 3600 + +m[3] * 60 + +(m[4] ?? 0)) : 0;
			let abbr = part(abbrFmt, d);
			if (/^(GMT|UTC)([+-]|$)/.test(abbr)) {
				if (offset === 0) abbr = zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : 'GMT';
				else {
					const a = Math.abs(offset);
					const hh = String(Math.trunc(a / 3600)).padStart(2, '0');
					const mm = Math.trunc((a % 3600) / 60);
					abbr = (offset < 0 ? '-' : '+') + hh + (mm ? String(mm).padStart(2, '0') : '');
				}
			}
			return {name: abbr, offset, isDST: false};
		},
	};
}

// ---------------------------------------------------------------------------
// Formatting

function pad(n: number, w: number): string {
	const s = String(Math.abs(n));
	return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
}

interface Civil {
	year: number;
	month: number;
	day: number;
	hour: number;
	min: number;
	sec: number;
}

function civil(unixSeconds: number, offset: number): Civil {
	const t = unixSeconds + offset;
	const days = Math.floor(t / SECONDS_PER_DAY);
	let rem = t - days * SECONDS_PER_DAY;
	const d = new Date(days * SECONDS_PER_DAY * 1000);
	const hour = Math.floor(rem / 3600);
	rem -= hour * 3600;
	const min = Math.floor(rem / 60);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour,
		min,
		sec: rem - min * 60,
	};
}

function year4(y: number): string {
	// Go's "2006": at least 4 digits, sign for negatives
	return y < 0 ? '-' + pad(-y, 4) : pad(y, 4);
}

/** Go's -0700 numeric zone (seconds dropped). */
function numericZone(offset: number, colon: boolean): string {
	let zone = Math.trunc(offset / 60);
	let sign = '+';
	if (zone < 0) {
		sign = '-';
		zone = -zone;
	}
	return sign + pad(Math.trunc(zone / 60), 2) + (colon ? ':' : '') + pad(zone % 60, 2);
}

/** Go's .999999999 fraction: trailing zeros dropped, nothing for zero. */
function fraction9(nanos: number): string {
	if (!nanos) return '';
	return ('.' + String(nanos).padStart(9, '0')).replace(/0+$/, '');
}

/**
 * time.Unix(sec, nanos).In(loc).String(): `2006-01-02 15:04:05.999999999 -0700 MST`.
 * A zone without an abbreviation prints as -0700 (Go's MST fallback).
 */
export function goTimeString(unixSeconds: number, loc: Location = UTC, nanos = 0): string {
	const z = loc.lookup(unixSeconds);
	const c = civil(unixSeconds, z.offset);
	const num = numericZone(z.offset, false);
	return (
		`${year4(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)} ${pad(c.hour, 2)}:${pad(c.min, 2)}:${pad(c.sec, 2)}` +
		`${fraction9(nanos)} ${num} ${z.name !== '' ? z.name : num}`
	);
}

/** Format(time.RFC3339) (nanos omitted) or time.RFC3339Nano (withNanos). `Z` when the offset is 0. */
export function formatRFC3339(unixSeconds: number, loc: Location = UTC, nanos = 0, withNanos = false): string {
	const z = loc.lookup(unixSeconds);
	const c = civil(unixSeconds, z.offset);
	return (
		`${year4(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)}T${pad(c.hour, 2)}:${pad(c.min, 2)}:${pad(c.sec, 2)}` +
		(withNanos ? fraction9(nanos) : '') +
		(z.offset === 0 ? 'Z' : numericZone(z.offset, true))
	);
}

/** `image ls` {{.CreatedAt}}: time.Unix(created, 0).String() in local time. */
export function imageCreatedAt(createdUnix: number, local: Location = UTC): string {
	return goTimeString(createdUnix, local);
}

/** `history` {{.CreatedAt}} in docker 28: time.Unix(created, 0).Local().Format(time.RFC3339). */
export function historyCreatedAt(createdUnix: number, local: Location = UTC): string {
	return formatRFC3339(createdUnix, local);
}

// ---------------------------------------------------------------------------
// Parsing

export interface Timestamp {
	/** whole seconds since the Unix epoch (floor, so nanos is always 0..999999999) */
	seconds: number;
	nanos: number;
	/** the offset written in the text, seconds east of UTC */
	offset: number;
}

const rfc3339Re = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parse an RFC 3339 timestamp with any number of fraction digits (Go's time.RFC3339Nano parse)
 * keeping nanoseconds exact. Digits beyond 9 are truncated, like Go. Throws on bad input.
 */
export function parseRFC3339Nano(s: string): Timestamp {
	const m = rfc3339Re.exec(s);
	if (!m) throw new Error(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
	const [year, month, day, hour, min, sec] = m.slice(1, 7).map(Number);
	if (month < 1 || month > 12) throw new Error(`parsing time ${JSON.stringify(s)}: month out of range`);
	if (day < 1 || day > daysIn(month, year)) throw new Error(`parsing time ${JSON.stringify(s)}: day out of range`);
	if (hour > 23 || min > 59 || sec > 59) throw new Error(`parsing time ${JSON.stringify(s)}: out of range`);
	const nanos = m[7] ? Number((m[7] + '00000000').slice(0, 9)) : 0;
	let offset = 0;
	if (!m[8]) {
		const oh = Number(m[10]);
		const om = Number(m[11]);
		if (oh > 23 || om > 59) throw new Error(`parsing time ${JSON.stringify(s)}: time zone offset out of range`);
		offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
	}
	const days = daysFromCivil(year, month, day);
	return {seconds: days * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec - offset, nanos, offset};
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
	y -= m <= 2 ? 1 : 0;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

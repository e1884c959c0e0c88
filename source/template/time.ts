// time.Time and time.Duration as Go prints them (Time.String, Duration.String,
// Time.Format layouts, RFC 3339 JSON). Pure: no access to the local zone, so a
// zero offset is named "UTC" (the case on docker hosts without TZ).
import type {GoMethod, GoType, GoValue} from './core.js';
import {GoError, T} from './core.js';
import {daysFromCivil} from '../format/time.js';

// ---- Duration ----

/** Go's Duration.String() for a count of nanoseconds. */
export function formatDuration(ns: bigint): string {
	const neg = ns < 0n;
	let u = BigInt.asUintN(64, neg ? -ns : ns);
	let out: string;
	if (u < 1_000_000_000n) {
		if (u === 0n) return '0s';
		let prec: number;
		let unit: string;
		if (u < 1000n) {
			prec = 0; unit = 'ns';
		} else if (u < 1_000_000n) {
			prec = 3; unit = 'µs';
		} else {
			prec = 6; unit = 'ms';
		}
		const [frac, rest] = fmtFrac(u, prec);
		out = rest.toString() + frac + unit;
	} else {
		const [frac, rest] = fmtFrac(u, 9);
		u = rest;
		out = (u % 60n).toString() + frac + 's';
		u /= 60n;
		if (u > 0n) {
			out = (u % 60n).toString() + 'm' + out;
			u /= 60n;
			if (u > 0n) out = u.toString() + 'h' + out;
		}
	}
	return neg ? '-' + out : out;
}

// The fraction of v/10**prec without trailing zeros (and no dot when zero).
function fmtFrac(v: bigint, prec: number): [string, bigint] {
	let s = '';
	let print = false;
	for (let i = 0; i < prec; i++) {
		const digit = v % 10n;
		print ||= digit !== 0n;
		if (print) s = digit.toString() + s;
		v /= 10n;
	}
	return [print ? '.' + s : '', v];
}

const durMethod = (result: GoType, f: (ns: bigint) => GoValue): GoMethod => ({
	result,
	call: recv => f(recv.v as bigint),
});
const fl = (n: number): GoValue => ({type: T.float64, v: n});
const i64 = (n: bigint): GoValue => ({type: T.int64, v: n});

export const durationType: GoType = {
	kind: 'int64',
	name: 'time.Duration',
	methods: {
		String: durMethod(T.string, ns => ({type: T.string, v: formatDuration(ns)})),
		Hours: durMethod(T.float64, ns => fl(Number(ns / 3_600_000_000_000n) + Number(ns % 3_600_000_000_000n) / 3.6e12)),
		Minutes: durMethod(T.float64, ns => fl(Number(ns / 60_000_000_000n) + Number(ns % 60_000_000_000n) / 6e10)),
		Seconds: durMethod(T.float64, ns => fl(Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9)),
		Milliseconds: durMethod(T.int64, ns => i64(ns / 1_000_000n)),
		Microseconds: durMethod(T.int64, ns => i64(ns / 1000n)),
		Nanoseconds: durMethod(T.int64, ns => i64(ns)),
	},
};

export const goDuration = (ns: number | bigint): GoValue => ({type: durationType, v: BigInt(ns)});

// ---- Time ----

export interface TimeParts {
	/** Unix seconds. */
	sec: bigint;
	nsec: number;
	/** Seconds east of UTC. */
	offset: number;
	/** Zone abbreviation; '' for a fixed zone without a name. */
	zone: string;
}

const ZERO_SEC = -62135596800n; // 0001-01-01T00:00:00Z

/** Nanoseconds since the Unix epoch, as Go's Time.UnixNano (a bigint: no int64 overflow to mind here). */
export function unixNano(p: TimeParts): bigint {
	return p.sec * 1_000_000_000n + BigInt(p.nsec);
}

export function timeParts(x: GoValue): TimeParts {
	const r = x.v as Record<string, GoValue>;
	return {sec: r.sec.v as bigint, nsec: Number(r.nsec.v), offset: Number(r.offset.v), zone: r.zone.v as string};
}

const locationType: GoType = {kind: 'struct', name: 'time.Location', fields: [{name: 'name', type: T.string}]};
const locPtr: GoType = {kind: 'ptr', elem: locationType};
const SEC_TO_INTERNAL = 62135596800n; // seconds from 0001-01-01 to 1970-01-01

/**
 * A time.Time from an RFC 3339 string (as encoding/json parses it) or from parts.
 * The declared fields are Go's unexported wall/ext/loc (what %d or %+v print);
 * the parts used for formatting are kept beside them.
 */
export function goTime(input: string | TimeParts): GoValue {
	const p = typeof input === 'string' ? parseRFC3339(input) : input;
	const utc = p.offset === 0 && p.zone === 'UTC';
	return {
		type: timeType,
		v: {
			wall: {type: T.uint64, v: BigInt(p.nsec)},
			ext: {type: T.int64, v: p.sec + SEC_TO_INTERNAL},
			loc: {type: locPtr, v: utc ? null : {type: locationType, v: {name: {type: T.string, v: p.zone}}}},
			sec: {type: T.int64, v: p.sec},
			nsec: {type: T.int64, v: BigInt(p.nsec)},
			offset: {type: T.int, v: BigInt(p.offset)},
			zone: {type: T.string, v: p.zone},
		},
	};
}

/** An RFC 3339 time as Go's time.Parse reads it, to the nanosecond; throws Go's error. */
export function parseRFC3339(s: string): TimeParts {
	const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(s);
	if (!m) throw new GoError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
	const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
	const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
	const secOfDay = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
	const sec = BigInt(days) * 86400n + BigInt(secOfDay - offset);
	const nsec = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
	return {sec, nsec, offset, zone: offset === 0 ? 'UTC' : ''};
}

function civilFromDays(z: number): [number, number, number] {
	z += 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp + (mp < 10 ? 3 : -9);
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

interface Civil {
	year: number; month: number; day: number; hour: number; min: number; sec: number; nsec: number;
	weekday: number; yday: number; offset: number; zone: string;
}

function civil(p: TimeParts): Civil {
	const local = p.sec + BigInt(p.offset);
	const days = Number(local >= 0n ? local / 86400n : -((-local + 86399n) / 86400n));
	const secOfDay = Number(local - BigInt(days) * 86400n);
	const [year, month, day] = civilFromDays(days);
	return {
		year, month, day,
		hour: Math.floor(secOfDay / 3600), min: Math.floor(secOfDay / 60) % 60, sec: secOfDay % 60, nsec: p.nsec,
		weekday: (((days + 4) % 7) + 7) % 7,
		yday: days - daysFromCivil(year, 1, 1) + 1,
		offset: p.offset, zone: p.zone,
	};
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w: number): string => (n < 0 ? '-' + String(-n).padStart(w, '0') : String(n).padStart(w, '0'));

// Layout elements, longest alternatives first where Go's nextStdChunk would match them first.
const TOKEN_RE = new RegExp(
	'(January|Jan|Monday|Mon|MST|2006|002|__2|_2|15|PM|pm|Z07:00:00|Z070000|Z07:00|Z0700|Z07|-07:00:00|-070000|-07:00|-0700|-07|[.,](?:0+|9+)(?![0-9])|01|02|03|04|05|06|1|2|3|4|5)',
	'g',
);

function zoneText(c: Civil, tok: string): string {
	if (tok.startsWith('Z') && c.offset === 0) return 'Z';
	let z = Math.trunc(c.offset / 60);
	let s = c.offset % 60;
	const sign = c.offset < 0 ? '-' : '+';
	z = Math.abs(z); s = Math.abs(s);
	const hh = pad(Math.floor(z / 60), 2);
	const mm = pad(z % 60, 2);
	const ss = pad(s, 2);
	const colon = tok.includes(':');
	if (tok.endsWith('07')) return sign + hh;
	const withSec = tok.length === 7 || tok.length === 9;
	return sign + hh + (colon ? ':' : '') + mm + (withSec ? (colon ? ':' : '') + ss : '');
}

/** Go's Time.Format for the common layout elements. */
export function formatTime(p: TimeParts, layout: string): string {
	const c = civil(p);
	return layout.replace(TOKEN_RE, tok => {
		switch (tok) {
			case 'January': return MONTHS[c.month - 1];
			case 'Jan': return MONTHS[c.month - 1].slice(0, 3);
			case 'Monday': return DAYS[c.weekday];
			case 'Mon': return DAYS[c.weekday].slice(0, 3);
			case 'MST': {
				if (c.zone !== '') return c.zone;
				const z = Math.trunc(c.offset / 60);
				return (z < 0 ? '-' : '+') + pad(Math.floor(Math.abs(z) / 60), 2) + pad(Math.abs(z) % 60, 2);
			}
			case '2006': return pad(c.year, 4);
			case '06': return pad(c.year % 100, 2);
			case '01': return pad(c.month, 2);
			case '1': return String(c.month);
			case '02': return pad(c.day, 2);
			case '2': return String(c.day);
			case '_2': return String(c.day).padStart(2, ' ');
			case '__2': return String(c.yday).padStart(3, ' ');
			case '002': return pad(c.yday, 3);
			case '15': return pad(c.hour, 2);
			case '03': return pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
			case '3': return String(c.hour % 12 === 0 ? 12 : c.hour % 12);
			case '04': return pad(c.min, 2);
			case '4': return String(c.min);
			case '05': return pad(c.sec, 2);
			case '5': return String(c.sec);
			case 'PM': return c.hour >= 12 ? 'PM' : 'AM';
			case 'pm': return c.hour >= 12 ? 'pm' : 'am';
			default:
				if (tok[0] === 'Z' || tok[0] === '-') return zoneText(c, tok);
				// Fractional seconds: .000 keeps zeros, .999 trims them (and the dot when all zero).
				{
					const digits = String(c.nsec).padStart(9, '0').slice(0, tok.length - 1);
					if (tok[1] === '0') return tok[0] + digits;
					const trimmed = digits.replace(/0+$/, '');
					return trimmed === '' ? '' : tok[0] + trimmed;
				}
		}
	});
}

export const timeString = (p: TimeParts): string => formatTime(p, '2006-01-02 15:04:05.999999999 -0700 MST');

const tm = (result: GoType, f: (p: TimeParts, args: GoValue[]) => GoValue, params?: GoType[]): GoMethod => ({
	result,
	params,
	call: (recv, args) => f(timeParts(recv), args),
});
const int = (n: number): GoValue => ({type: T.int, v: BigInt(n)});

/** time.Month and time.Weekday: ints whose String() is the English name. */
const named = (name: string, names: string[], first: number): GoType => ({
	kind: 'int',
	name,
	methods: {
		String: {
			result: T.string,
			call: recv => {
				const n = Number(recv.v as bigint);
				return {type: T.string, v: names[n - first] ?? `%!${name.slice(5)}(${n})`};
			},
		},
	},
});
const monthType = named('time.Month', MONTHS, 1);
const weekdayType = named('time.Weekday', DAYS, 0);

const NS = 1_000_000_000n;
/** Nanoseconds since Go's zero time, and back: what Add, Round and Truncate work on. */
const sinceZero = (p: TimeParts): bigint => (p.sec - ZERO_SEC) * NS + BigInt(p.nsec);
const fromZero = (p: TimeParts, ns: bigint): GoValue => {
	const sec = ns >= 0n ? ns / NS : -((-ns + NS - 1n) / NS);
	return goTime({...p, sec: sec + ZERO_SEC, nsec: Number(ns - sec * NS)});
};

export const timeType: GoType = {
	kind: 'struct',
	name: 'time.Time',
	fields: [{name: 'wall', type: T.uint64}, {name: 'ext', type: T.int64}, {name: 'loc', type: locPtr}],
	zero: () => goTime({sec: ZERO_SEC, nsec: 0, offset: 0, zone: 'UTC'}),
	methods: {
		String: tm(T.string, p => ({type: T.string, v: timeString(p)})),
		Format: tm(T.string, (p, a) => ({type: T.string, v: formatTime(p, a[0].v as string)}), [T.string]),
		MarshalJSON: {
			result: {kind: 'slice', elem: T.uint8, name: '[]uint8'},
			returnsError: true,
			call(recv) {
				const p = timeParts(recv);
				const y = civil(p).year;
				if (y < 0 || y > 9999) throw new GoError('Time.MarshalJSON: year outside of range [0,9999]');
				return {type: T.string, v: '"' + formatTime(p, '2006-01-02T15:04:05.999999999Z07:00') + '"'};
			},
		},
		Unix: tm(T.int64, p => ({type: T.int64, v: p.sec})),
		UnixNano: tm(T.int64, p => ({type: T.int64, v: unixNano(p)})),
		IsZero: tm(T.bool, p => ({type: T.bool, v: p.sec === ZERO_SEC && p.nsec === 0})),
		UTC: tm(undefined as unknown as GoType, p => goTime({...p, offset: 0, zone: 'UTC'})),
		Year: tm(T.int, p => int(civil(p).year)),
		Day: tm(T.int, p => int(civil(p).day)),
		Hour: tm(T.int, p => int(civil(p).hour)),
		Minute: tm(T.int, p => int(civil(p).min)),
		Second: tm(T.int, p => int(civil(p).sec)),
		Nanosecond: tm(T.int, p => int(p.nsec)),
		YearDay: tm(T.int, p => int(civil(p).yday)),
		Month: tm(monthType, p => ({type: monthType, v: BigInt(civil(p).month)})),
		Weekday: tm(weekdayType, p => ({type: weekdayType, v: BigInt(civil(p).weekday)})),
		UnixMilli: tm(T.int64, p => ({type: T.int64, v: p.sec * 1000n + BigInt(Math.floor(p.nsec / 1e6))})),
		UnixMicro: tm(T.int64, p => ({type: T.int64, v: p.sec * 1_000_000n + BigInt(Math.floor(p.nsec / 1e3))})),
		// Times here come from RFC 3339 text: UTC or a fixed offset, never daylight saving.
		IsDST: tm(T.bool, () => ({type: T.bool, v: false})),
		Add: tm(undefined as unknown as GoType, (p, a) => fromZero(p, sinceZero(p) + (a[0].v as bigint)), [durationType]),
		Truncate: tm(undefined as unknown as GoType, (p, a) => {
			const d = a[0].v as bigint;
			const t = sinceZero(p);
			return fromZero(p, d <= 0n ? t : t - (((t % d) + d) % d));
		}, [durationType]),
		Round: tm(undefined as unknown as GoType, (p, a) => {
			const d = a[0].v as bigint;
			const t = sinceZero(p);
			if (d <= 0n) return fromZero(p, t);
			const r = ((t % d) + d) % d;
			return fromZero(p, r + r < d ? t - r : t + d - r);
		}, [durationType]),
		AddDate: tm(undefined as unknown as GoType, (p, a) => {
			const c = civil(p);
			const months = c.month - 1 + Number(a[1].v as bigint);
			const year = c.year + Number(a[0].v as bigint) + Math.floor(months / 12);
			const month = (((months % 12) + 12) % 12) + 1;
			const days = daysFromCivil(year, month, 1) + c.day - 1 + Number(a[2].v as bigint);
			const local = BigInt(days) * 86400n + BigInt(c.hour * 3600 + c.min * 60 + c.sec);
			return goTime({...p, sec: local - BigInt(p.offset)});
		}, [T.int, T.int, T.int]),
	},
};
for (const m of ['UTC', 'Add', 'Truncate', 'Round', 'AddDate']) timeType.methods![m].result = timeType;

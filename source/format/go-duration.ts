/**
 * Go's time.ParseDuration (go/src/time/format.go), pure: what the daemon
 * accepts for `docker builder prune --filter until=D` (it parses the filter
 * value with it), with Go's error text. An optional sign, then one or more
 * decimal numbers each with a unit (ns, us, µs, μs, ms, s, m, h); "0" alone is
 * zero; nothing is trimmed; over 2^63-1 ns is an error.
 */

const UNITS: Record<string, bigint> = {
	ns: 1n,
	us: 1000n,
	'\u00b5s': 1000n,
	'\u03bcs': 1000n,
	ms: 1_000_000n,
	s: 1_000_000_000n,
	m: 60_000_000_000n,
	h: 3_600_000_000_000n,
};

const MAX = 1n << 63n;

/** Go's time.quote: ASCII printable as is (" and \ escaped), every other byte as \xNN. */
function quote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const code = ch.codePointAt(0)!;
		if (code >= 0x80 || code < 0x20) {
			for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
		} else {
			out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
		}
	}
	return out + '"';
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export type GoDuration = {ns: bigint} | {error: string};

export function parseGoDuration(orig: string): GoDuration {
	let s = orig;
	let neg = false;
	const invalid = {error: `time: invalid duration ${quote(orig)}`};
	if (s !== '' && (s[0] === '-' || s[0] === '+')) {
		neg = s[0] === '-';
		s = s.slice(1);
	}
	if (s === '0') return {ns: 0n};
	if (s === '') return invalid;
	let d = 0n;
	while (s !== '') {
		if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
		// [0-9]*
		let i = 0;
		let v = 0n;
		while (isDigit(s[i])) {
			v = v * 10n + BigInt(s.charCodeAt(i) - 48);
			if (v > MAX) return invalid;
			i++;
		}
		const pre = i > 0;
		s = s.slice(i);
		// (\.[0-9]*)?
		let f = 0n;
		let scale = 1;
		let post = false;
		if (s[0] === '.') {
			s = s.slice(1);
			let j = 0;
			let overflow = false;
			while (isDigit(s[j])) {
				if (!overflow) {
					if (f > (MAX - 1n) / 10n) overflow = true;
					else {
						const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
						if (y > MAX) overflow = true;
						else {
							f = y;
							scale *= 10;
						}
					}
				}
				j++;
			}
			post = j > 0;
			s = s.slice(j);
		}
		if (!pre && !post) return invalid;
		// The unit: everything up to the next '.' or digit.
		let k = 0;
		while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
		if (k === 0) return {error: `time: missing unit in duration ${quote(orig)}`};
		const u = s.slice(0, k);
		s = s.slice(k);
		const unit = UNITS[u];
		if (unit === undefined) return {error: `time: unknown unit ${quote(u)} in duration ${quote(orig)}`};
		if (v > MAX / unit) return invalid;
		v *= unit;
		if (f > 0n) {
			// Go: v += uint64(float64(f) * (float64(unit) / scale))
			v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
			if (v > MAX) return invalid;
		}
		d += v;
		if (d > MAX) return invalid;
	}
	if (neg) return {ns: -d};
	if (d > MAX - 1n) return invalid;
	return {ns: d};
}

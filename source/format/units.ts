/**
 * docker/go-units (size.go, duration.go) and the size/number columns of docker's `image ls` and
 * `history` formatters (docker/cli cli/command/formatter/image.go, history.go).
 */
import {formatFloat} from './strconv.js';

const decimalAbbrs = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const binaryAbbrs = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, map: string[]): [number, string] {
	let i = 0;
	const limit = map.length - 1;
	while (size >= base && i < limit) {
		size = size / base;
		i++;
	}
	return [size, map[i]];
}

/** Go's `%.*g` for a float64 (precision 0 behaves as 1, like fmt). */
function goG(x: number, prec: number): string {
	return formatFloat(x, 'g', prec, 64);
}

/** units.HumanSizeWithPrecision: decimal units, Go `%.*g` (999999 -> `1e+03kB`). */
export function humanSizeWithPrecision(size: number, precision: number): string {
	const [v, unit] = sizeAndUnit(size, 1000, decimalAbbrs);
	return goG(v, precision) + unit;
}

/** units.HumanSize: HumanSizeWithPrecision(size, 4). */
export function humanSize(size: number): string {
	return humanSizeWithPrecision(size, 4);
}

/** units.BytesSize: binary units, `%.4g` (e.g. `44KiB`, `17MiB`). */
export function bytesSize(size: number): string {
	const [v, unit] = sizeAndUnit(size, 1024, binaryAbbrs);
	return goG(v, 4) + unit;
}

/** units.CustomSize with a `%.<p>g%s`-style format given as a precision. */
export function customSize(precision: number, size: number, base: number, map: string[]): string {
	const [v, unit] = sizeAndUnit(size, base, map);
	return goG(v, precision) + unit;
}

const sizeRegex = /^(\d+(\.\d+)*) ?([kmgtp])?i?b?$/i;
const decimalMap: Record<string, number> = {k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15};
const binaryMap: Record<string, number> = {k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5};

function parseSize(s: string, map: Record<string, number>): number {
	const m = sizeRegex.exec(s);
	if (!m) throw new Error(`invalid size: '${s}'`);
	// Go's ParseFloat: `1.2.3` matches the regex but is not a float.
	if (!/^\d+(\.\d+)?$/.test(m[1])) throw new Error(`strconv.ParseFloat: parsing "${m[1]}": invalid syntax`);
	let size = Number(m[1]);
	const prefix = (m[3] ?? '').toLowerCase();
	if (prefix in map) size *= map[prefix];
	return goInt64(size);
}

/** Go's int64(float64) for the values this can see (non-negative; saturates where amd64 does). */
function goInt64(x: number): number {
	if (!Number.isFinite(x) || x >= 2 ** 63) return -(2 ** 63); // amd64 CVTTSD2SI gives 0x8000...
	return Math.trunc(x);
}

/**
 * units.FromHumanSize: decimal (`20MB` = 20_000_000, `1.5GB`, `512kB`, `100`). Case-insensitive
 * units, optional `i` and `b`. Throws Error(`invalid size: '...'`) like go-units.
 * Results above 2^53 lose precision (JS numbers).
 */
export function fromHumanSize(s: string): number {
	return parseSize(s, decimalMap);
}

/** units.RAMInBytes: like fromHumanSize with binary multipliers (`1k` = 1024). */
export function ramInBytes(s: string): number {
	return parseSize(s, binaryMap);
}

/**
 * units.HumanDuration for a duration in milliseconds (Go time.Duration / 1e6).
 * `Less than a second`, `1 second`, `N seconds`, `About a minute`, `N minutes`, `About an hour`,
 * `N hours` (< 48h), `N days` (< 14d), `N weeks` (< 60d), `N months` (< 2y), `N years`.
 */
export function humanDuration(ms: number): string {
	const seconds = Math.trunc(ms / 1000);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.trunc(ms / 60000);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(ms / 3600000 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	return `${Math.trunc(Math.trunc(ms / 3600000) / 24 / 365)} years`;
}

/** humanDuration for a duration in whole seconds. */
export function humanDurationSeconds(seconds: number): string {
	return humanDuration(seconds * 1000);
}

/**
 * docker's CreatedSince for `image ls` and `history`: HumanDuration(now - created) + " ago".
 * createdUnix and nowMs: seconds since the epoch / milliseconds since the epoch.
 */
export function createdSince(createdUnix: number, nowMs: number): string {
	return humanDuration(nowMs - createdUnix * 1000) + ' ago';
}

// ---------------------------------------------------------------------------
// Columns of docker's formatters

/** `image ls` {{.Size}}: HumanSizeWithPrecision(size, 3) (no N/A handling in docker). */
export function imageSize(size: number): string {
	return humanSizeWithPrecision(size, 3);
}

/** `image ls` {{.VirtualSize}} (deprecated alias): HumanSize(size), 4 digits. */
export function imageVirtualSize(size: number): string {
	return humanSize(size);
}

/** `image ls` {{.SharedSize}}: `N/A` for -1, else HumanSize. */
export function imageSharedSize(sharedSize: number): string {
	return sharedSize === -1 ? 'N/A' : humanSize(sharedSize);
}

/** `image ls` {{.UniqueSize}}: `N/A` if size or sharedSize is -1, else HumanSize(size - shared). */
export function imageUniqueSize(size: number, sharedSize: number): string {
	return size === -1 || sharedSize === -1 ? 'N/A' : humanSize(size - sharedSize);
}

/** `image ls` {{.Containers}}: `N/A` for -1, else the number. */
export function imageContainers(containers: number): string {
	return containers === -1 ? 'N/A' : String(containers);
}

/** `history` {{.Size}}: HumanSizeWithPrecision(size, 3) when human (default), else the integer. */
export function historySize(size: number, human = true): string {
	return human ? humanSizeWithPrecision(size, 3) : String(size);
}

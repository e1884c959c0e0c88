/**
 * Identifier and text truncation as docker prints them: formatter.TruncateID / stringid.TruncateID,
 * formatter.Ellipsis (history CreatedBy), and a short digest helper.
 */
import {xtextRuneWidth} from '../text/width.js';

const SHORT_LEN = 12;

/** Cut to n UTF-8 bytes the way Go's s[:n] does (a split rune becomes U+FFFD in a JS string). */
function byteSlice(s: string, n: number): string {
	// ASCII fast path
	let ascii = true;
	for (let i = 0; i < s.length && i < n + 1; i++) {
		if (s.charCodeAt(i) >= 0x80) {
			ascii = false;
			break;
		}
	}
	if (ascii) return s.slice(0, n);
	const bytes = new TextEncoder().encode(s);
	if (bytes.length <= n) return s;
	return new TextDecoder().decode(bytes.subarray(0, n));
}

function byteLength(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

/**
 * docker's TruncateID: drop everything up to and including the first ':' (`sha256:`), then keep
 * 12 bytes. `<missing>` (history) stays as is.
 */
export function truncateID(id: string): string {
	const i = id.indexOf(':');
	if (i >= 0) id = id.slice(i + 1);
	if (byteLength(id) > SHORT_LEN) id = byteSlice(id, SHORT_LEN);
	return id;
}

/**
 * Short form of a digest for display: `sha256:0123456789ab` (algorithm kept, 12 hex digits).
 * A value without an algorithm is cut to 12 characters like truncateID.
 */
export function shortDigest(digest: string, hexLen = SHORT_LEN): string {
	const i = digest.indexOf(':');
	if (i < 0) return digest.slice(0, hexLen);
	return digest.slice(0, i + 1) + digest.slice(i + 1, i + 1 + hexLen);
}

/**
 * docker's formatter.Ellipsis (cli/command/formatter/displayutils.go): cut s to maxDisplayWidth
 * columns, ending with `…`. Width per rune from golang.org/x/text/width: East Asian Wide or
 * Fullwidth = 2, every other rune (combining marks and controls included) = 1.
 * Quirks kept: width 1 returns the first rune whatever its width; when the first rune alone is
 * wider than maxDisplayWidth-1 the string comes back unchanged.
 */
export function ellipsis(s: string, maxDisplayWidth: number): string {
	if (maxDisplayWidth <= 0) return '';
	// ASCII fast path (Go: len(s) == RuneCount(s))
	let ascii = true;
	for (let i = 0; i < s.length; i++) {
		if (s.charCodeAt(i) >= 0x80) {
			ascii = false;
			break;
		}
	}
	if (ascii) {
		if (maxDisplayWidth === 1) return s.slice(0, 1);
		if (s.length <= maxDisplayWidth) return s;
		return s.slice(0, maxDisplayWidth - 1) + '…';
	}
	const rs = Array.from(s);
	if (maxDisplayWidth === 1) return rs.length > 0 ? rs[0] : '';
	const display: number[] = [];
	let width = 0;
	for (const r of rs) {
		width += xtextRuneWidth(r.codePointAt(0)!);
		display.push(width);
	}
	if (width <= maxDisplayWidth) return s;
	for (let i = 0; i < display.length - 1; i++) {
		if (display[i] <= maxDisplayWidth - 1 && display[i + 1] > maxDisplayWidth - 1) {
			return rs.slice(0, i + 1).join('') + '…';
		}
	}
	return s;
}

/** `history` {{.CreatedBy}}: tabs become spaces; cut to 45 columns with `…` unless noTrunc. */
export function historyCreatedBy(createdBy: string, trunc = true): string {
	const s = createdBy.replaceAll('\t', ' ');
	return trunc ? ellipsis(s, 45) : s;
}

/** `image ls` / `history` {{.ID}}: truncateID unless --no-trunc. */
export function displayID(id: string, trunc = true): string {
	return trunc ? truncateID(id) : id;
}

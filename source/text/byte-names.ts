/**
 * File names in a tar are bytes, not text. They are kept as JavaScript
 * strings (the whole model, the tree and the index work on strings) decoded
 * the way Python's surrogateescape does: valid UTF-8 as itself, every byte
 * that is not part of valid UTF-8 as the lone surrogate U+DC80+byte. Two
 * names that differ in any byte stay two strings, and encodeName gives back
 * the exact bytes (a valid UTF-8 decoding never yields a lone surrogate, so
 * the mapping goes both ways). Pure.
 */

const strict = new TextDecoder('utf-8', {fatal: true});

/** The name held by bytes start..end of buf. */
export function decodeName(buf: Uint8Array, start = 0, end = buf.length): string {
	let ascii = true;
	for (let i = start; i < end; i++) {
		if (buf[i] >= 0x80) {
			ascii = false;
			break;
		}
	}
	if (ascii) return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
	const bytes = buf.subarray(start, end);
	try {
		return strict.decode(bytes);
	} catch {
		return escapeDecode(bytes);
	}
}

/** Byte by byte: each valid UTF-8 sequence as its character, anything else as U+DC80+byte. */
function escapeDecode(b: Uint8Array): string {
	let out = '';
	let i = 0;
	while (i < b.length) {
		const c = b[i];
		if (c < 0x80) {
			out += String.fromCharCode(c);
			i++;
			continue;
		}
		const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
		let cp = n === 1 ? c & 0x1f : n === 2 ? c & 0x0f : c & 0x07;
		let ok = n > 0 && i + n < b.length;
		for (let k = 1; ok && k <= n; k++) {
				const d = b[i + k];
			if ((d & 0xc0) !== 0x80) ok = false;
			else cp = (cp << 6) | (d & 0x3f);
		}
		// Overlong forms, surrogates and code points past U+10FFFF are not valid UTF-8.
		if (ok && ((n === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
		if (!ok) {
			out += String.fromCharCode(0xdc00 + c);
			i++;
			continue;
		}
		out += String.fromCodePoint(cp);
		i += n + 1;
	}
	return out;
}

const escapedByte = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const escapedByteG = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** True when the name came from bytes that are not UTF-8 (it holds an escaped byte). */
export function hasRawBytes(name: string): boolean {
	return escapedByte.test(name);
}

/** The exact bytes a name was decoded from. */
export function encodeName(name: string): Buffer {
	if (!hasRawBytes(name)) return Buffer.from(name, 'utf8');
	const parts: Buffer[] = [];
	let last = 0;
	escapedByteG.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = escapedByteG.exec(name)) !== null) {
		if (m.index > last) parts.push(Buffer.from(name.slice(last, m.index), 'utf8'));
		parts.push(Buffer.of(name.charCodeAt(m.index) - 0xdc00));
		last = m.index + 1;
	}
	if (last < name.length) parts.push(Buffer.from(name.slice(last), 'utf8'));
	return Buffer.concat(parts);
}

/** For JSON: the name's bytes in base64 when they are not UTF-8 (the text form alone then is not exact). */
export function pathBytes(name: string): string | undefined {
	return hasRawBytes(name) ? encodeName(name).toString('base64') : undefined;
}

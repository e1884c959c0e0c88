/**
 * Go's strconv as the template engine uses it: one implementation, in
 * source/format/strconv.ts, shared with docker's formatting.
 */
import {toBytes} from './core.js';
import {quote as quoteString, quoteRune as quoteOneRune, quoteRuneToASCII, quoteToASCII} from '../format/strconv.js';

export {canBackquote, formatFloat, isPrint} from '../format/strconv.js';

/** strconv.Quote, or strconv.QuoteToASCII when `ascii` (the `%+q` verb). */
export function quote(s: string, ascii = false): string {
	// Escaped bytes of invalid UTF-8 (core.ts) quote as Go's \xNN.
	const text = /[\udc80-\udcff]/.test(s) ? toBytes(s) : s;
	return ascii ? quoteToASCII(text) : quoteString(text);
}

/** strconv.QuoteRune, or strconv.QuoteRuneToASCII when `ascii`. */
export function quoteRune(r: number, ascii = false): string {
	return ascii ? quoteRuneToASCII(r) : quoteOneRune(r);
}

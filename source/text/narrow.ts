/**
 * Text whose terminal width is its length, known without segmenting it.
 *
 * Ink measures every line of every frame with string-width, which has a fast
 * path for printable ASCII only; any other character sends the whole line
 * through Intl.Segmenter, about 1 ms for a 120-column line on this project's
 * machines (0.003 ms for ASCII). A list's rows nearly all hold one: the
 * truncation mark `…`, the sort's `↓`, `✓`, box drawing. So a frame of 40
 * such rows spent ~40 ms measuring. scripts/build.mjs gives string-width's
 * fast path these characters too (test/text/narrow.test.ts checks each
 * against string-width itself).
 *
 * Each code point here is one column wide (East Asian Width narrow, neutral
 * or ambiguous, and string-width counts ambiguous as narrow by default), has
 * no emoji presentation, and is a grapheme of its own (Grapheme_Base, not a
 * spacing mark): no neighbour can join it into a cluster, so a run of them
 * is as wide as it is long. All are in the BMP (one UTF-16 unit each).
 * Latin-1 and Latin Extended-A/B but © ® and the soft hyphen; the dashes,
 * quotes, bullets and `…` of General Punctuation, and `‰ ′ ″ ‹ ›`; the four
 * arrows; `⇒`; box drawing and block elements; `▸ ▾ ✓ ✗` (source/ui/glyphs.ts).
 */
const narrowOnly = /^[\u0020-\u007E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u024F\u2010-\u2027\u2030-\u203B\u2190-\u2193\u21D2\u2500-\u259F\u25B8\u25BE\u2713\u2717]*$/;

/** Whether every character of `text` (no escape sequences) is one column wide on its own. */
export function allNarrow(text: string): boolean {
	return narrowOnly.test(text);
}

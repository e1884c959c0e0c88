/**
 * The glyph table (ui/glyphs.ts): every glyph the UI's sources draw has a
 * stand-in of the same width, and ASCII mode leaves nothing else; the
 * explorer's cell widths (text/width.ts useTerminalWidths) against Ink's
 * string-width on the cases where docker's go-runewidth differs.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {visible} from '../../source/text/sanitize.js';
import {displayWidth, truncateToWidth, useTerminalWidths} from '../../source/text/width.js';
import {asciiOnly, glyphs} from '../../source/ui/glyphs.js';

const ui = fileURLToPath(new URL('../../source/ui', import.meta.url));
const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
	const file = path.join(dir, name);
	return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
});

describe('the glyph table', () => {
	it('every non-ASCII character in source/ui (outside comments and the table itself) has a stand-in', () => {
		const missing = new Set<string>();
		for (const file of sources(ui)) {
			if (file.endsWith('glyphs.ts')) continue;
			const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/ \/\/ .*$/gm, '');
			for (const [ch] of code.matchAll(/[^\x00-\x7f]/gu)) if (!(ch in glyphs)) missing.add(`${ch} in ${path.relative(ui, file)}`);
		}
		expect([...missing]).toEqual([]);
	});

	it('each stand-in is ASCII and as wide as its glyph', () => {
		for (const [glyph, stand] of Object.entries(glyphs)) {
			expect(/^[\x20-\x7e]+$/.test(stand), glyph).toBe(true);
			expect(stand.length, glyph).toBe(stringWidth(glyph));
			expect(stand.length, glyph).toBe(displayWidth(glyph));
		}
	});

	it('ASCII mode: stand-ins, `?` per column for the rest, escapes untouched', () => {
		expect(asciiOnly('\x1b[1mimgscope\x1b[22m  sort: created ↓')).toBe('\x1b[1mimgscope\x1b[22m  sort: created v');
		expect(asciiOnly('▸ café 中 😀 🇩🇪 ☁ …')).toBe('> caf? ?? ?? ?? ? >');
		expect(asciiOnly('e\u0301')).toBe('?');
		const text = 'plain ascii';
		expect(asciiOnly(text)).toBe(text);
	});
});

describe("the explorer's cell widths", () => {
	it("docker's widths by default; as the terminal and string-width once the explorer asks; VS16 never reaches the screen", () => {
		const flag = '🇩🇪';
		expect(displayWidth(`a${flag}b`)).toBe(3);
		useTerminalWidths();
		try {
			expect(displayWidth(`a${flag}b`)).toBe(stringWidth(`a${flag}b`));
			expect(displayWidth(flag + flag)).toBe(4);
			expect(truncateToWidth(`${flag}${flag}x`, 3, '…')).toBe(`${flag}…`);
			for (const name of ['☁️ cloud', '❤️', '🇩🇪 flag', '中文', 'plain', '👍🏽', '👨‍👩‍👧']) {
				const shown = visible(name);
				expect(displayWidth(shown), name).toBe(stringWidth(shown));
			}
		} finally {
			useTerminalWidths(false);
		}
		expect(displayWidth(flag)).toBe(1);
	});
});

/**
 * Go's text/tabwriter as forked by docker (cli/command/formatter/tabwriter): cells are terminated
 * by '\t' (or '\v'); '\n' ends a line, '\f' ends a line and all columns. Tab-terminated cells in
 * consecutive lines form a column (elastic tabstops); the text after the last tab of a line is
 * not part of any column and is never padded. Cell width is measured with go-runewidth
 * (displayWidth: CJK = 2, combining marks 0), as docker's fork does.
 *
 * docker's tables use NewWriter(out, 10, 1, 3, ' ', 0): minwidth 10, tabwidth 1, padding 3.
 *
 * Not supported: FilterHTML, StripEscape and the 0xff Escape byte (JS strings cannot hold it).
 */
import {displayWidth} from '../text/width.js';

export interface TabWriterOptions {
	/** minimal cell width including any padding (docker: 10) */
	minwidth?: number;
	/** width of a tab character when padchar is '\t' (docker: 1) */
	tabwidth?: number;
	/** padding added to a cell before computing its width (docker: 3) */
	padding?: number;
	/** ASCII padding character (docker: ' ') */
	padchar?: string;
	/** right-align cell content */
	alignRight?: boolean;
	/** handle empty columns terminated only by '\v' as if absent */
	discardEmptyColumns?: boolean;
	/** pad leading empty cells with tabs */
	tabIndent?: boolean;
	/** print '|' between columns */
	debug?: boolean;
	/**
	 * measure with go-runewidth's East Asian condition (ambiguous = 2), as docker does under a
	 * CJK locale; see isEastAsianEnv in text/width.ts
	 */
	eastAsian?: boolean;
}

/** docker's table settings (cli/command/formatter/formatter.go). */
export const DOCKER_TABWRITER: Required<TabWriterOptions> = {
	minwidth: 10,
	tabwidth: 1,
	padding: 3,
	padchar: ' ',
	alignRight: false,
	discardEmptyColumns: false,
	tabIndent: false,
	debug: false,
	eastAsian: false,
};

interface Cell {
	text: string;
	width: number;
	htab: boolean;
}

export class TabWriter {
	private readonly o: Required<TabWriterOptions>;
	private lines: Cell[][] = [[]];
	private cell = '';
	private widths: number[] = [];
	private out: string[] = [];

	constructor(opts: TabWriterOptions = {}) {
		this.o = {...DOCKER_TABWRITER, ...opts};
		if (this.o.minwidth < 0 || this.o.tabwidth < 0 || this.o.padding < 0) {
			throw new RangeError('negative minwidth, tabwidth, or padding');
		}
		if (this.o.padchar === '\t') this.o.alignRight = false;
	}

	/** Buffer text; output becomes available from flush(). */
	write(s: string): void {
		let start = 0;
		for (let i = 0; i < s.length; i++) {
			const ch = s.charCodeAt(i);
			if (ch === 9 || ch === 11 || ch === 10 || ch === 12) {
				this.cell += s.slice(start, i);
				start = i + 1;
				const ncells = this.terminateCell(ch === 9, true);
				if (ch === 10 || ch === 12) {
					this.lines.push([]);
					if (ch === 12 || ncells === 1) {
						this.flushInternal();
						if (ch === 12 && this.o.debug) this.out.push('---\n');
					}
				}
			}
		}
		this.cell += s.slice(start);
	}

	/** Format everything buffered and return all output produced since the last flush. */
	flush(): string {
		this.flushInternal();
		const s = this.out.join('');
		this.out = [];
		return s;
	}

	private terminateCell(htab: boolean, measure: boolean): number {
		const line = this.lines[this.lines.length - 1];
		// Go only measures a cell when a terminator is seen; the pending cell at Flush keeps width 0
		// (it is the last cell of its line and never padded, so this does not matter).
		line.push({text: this.cell, width: measure ? displayWidth(this.cell, {eastAsian: this.o.eastAsian}) : 0, htab});
		this.cell = '';
		return line.length;
	}

	private flushInternal(): void {
		if (this.cell.length > 0) this.terminateCell(false, false);
		this.format(0, this.lines.length);
		this.lines = [[]];
		this.widths = [];
	}

	private writePadding(textw: number, cellw: number, useTabs: boolean): void {
		const {tabwidth, padchar} = this.o;
		if (padchar === '\t' || useTabs) {
			if (tabwidth === 0) return;
			cellw = Math.ceil(cellw / tabwidth) * tabwidth;
			const n = cellw - textw;
			if (n < 0) throw new Error('tabwriter: internal error');
			this.out.push('\t'.repeat(Math.ceil(n / tabwidth)));
			return;
		}
		if (cellw > textw) this.out.push(padchar.repeat(cellw - textw));
	}

	private writeLines(line0: number, line1: number): void {
		const {alignRight, debug, tabIndent} = this.o;
		for (let i = line0; i < line1; i++) {
			const line = this.lines[i];
			let useTabs = tabIndent;
			for (let j = 0; j < line.length; j++) {
				const c = line[j];
				if (j > 0 && debug) this.out.push('|');
				if (c.text.length === 0) {
					if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
				} else {
					useTabs = false;
					if (!alignRight) {
						this.out.push(c.text);
						if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
					} else {
						if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
						this.out.push(c.text);
					}
				}
			}
			if (i + 1 === this.lines.length) {
				// last buffered line: no newline (the pending cell is empty after terminateCell)
				this.out.push(this.cell);
			} else {
				this.out.push('\n');
			}
		}
	}

	private format(line0: number, line1: number): void {
		const column = this.widths.length;
		for (let cur = line0; cur < line1; cur++) {
			let line = this.lines[cur];
			if (column >= line.length - 1) continue;
			// cell exists in this column: print the lines before the block
			this.writeLines(line0, cur);
			line0 = cur;
			let width = this.o.minwidth;
			let discardable = true;
			for (; cur < line1; cur++) {
				line = this.lines[cur];
				if (column >= line.length - 1) break;
				const c = line[column];
				const w = c.width + this.o.padding;
				if (w > width) width = w;
				if (c.width > 0 || c.htab) discardable = false;
			}
			if (discardable && this.o.discardEmptyColumns) width = 0;
			this.widths.push(width);
			this.format(line0, cur);
			this.widths.pop();
			line0 = cur;
		}
		this.writeLines(line0, line1);
	}
}

/** Run text through a TabWriter (docker's settings unless overridden) and return the result. */
export function tabwrite(text: string, opts?: TabWriterOptions): string {
	const w = new TabWriter(opts);
	w.write(text);
	return w.flush();
}

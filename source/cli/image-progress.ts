/**
 * The progress line while an image is read (files, check, diff, and the
 * remote reads of layers, history and inspect): `reading IMAGE: layer 3 of
 * 11, 45.2MB` on stderr when stderr is a terminal, nothing otherwise. A
 * module of its own so that cli/remote.ts can draw it without importing
 * image-source.ts, which imports remote.ts. (Volume export and import have
 * their own, volume-progress.ts.)
 */
import type {ReadProgress} from '../engine/archive/index.js';
import {humanSize} from '../format/units.js';
import {visible} from '../text/sanitize.js';
import {truncateToWidth} from '../text/width.js';

export interface ProgressLine {
	/** True when a line is drawn (stderr is a terminal). */
	active: boolean;
	update(p: ReadProgress): void;
	/** A word about what is happening before bytes flow (the engine exports the whole image before sending any). */
	note(text: string): void;
	/** Clears the line; safe to call more than once. */
	done(): void;
}

/** `reading IMAGE: layer 3 of 11, 45.2MB` on one line of stderr, redrawn at most 10 times a second. */
export function progressLine(stderr: NodeJS.WritableStream, label: string, now: () => number = Date.now): ProgressLine {
	const tty = stderr as NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	if (!tty.isTTY) return {active: false, update() {}, note() {}, done() {}};
	let last = -Infinity;
	let drawn = false;
	let finished = false;
	const shown = visible(label);
	const draw = (text: string) => {
		// A pseudo-terminal may report 0 columns: take 80 then.
		const width = Math.max(10, (tty.columns || 80) - 1);
		tty.write(`\r\x1b[2K${truncateToWidth(text, width, '…')}`);
		drawn = true;
	};
	return {
		active: true,
		update(p) {
			if (finished) return;
			const t = now();
			if (t - last < 100) return;
			last = t;
			const layers = p.layers === undefined ? '' : ` of ${p.layers}`;
			// The total is an estimate (the image size, not the export's): past it, the count goes on alone.
			const total = p.totalBytes === undefined || p.bytesRead > p.totalBytes ? '' : ` of ${humanSize(p.totalBytes)}`;
			// RootFS order when the reader knows which layer this is, else how many the export has begun.
			const layer = p.layer === 0 ? '' : p.position !== undefined ? `layer ${p.position}${layers}, ` : `${p.layer}${layers} layers begun, `;
			const text = `reading ${shown}: ${layer}${humanSize(p.bytesRead)}${total} read`;
			draw(text);
		},
		note(text) {
			if (finished) return;
			last = now();
			draw(`reading ${shown}: ${text}`);
		},
		done() {
			if (finished) return;
			finished = true;
			if (drawn) tty.write('\r\x1b[2K');
		},
	};
}

/** Small helpers for ink-testing-library: wait for a frame, send keys. */
import {readFileSync} from 'node:fs';

export const keys = {up: '\x1b[A', down: '\x1b[B', left: '\x1b[D', right: '\x1b[C', enter: '\r', escape: '\x1b', tab: '\t', shiftTab: '\x1b[Z', backspace: '\x7f', pageDown: '\x1b[6~', ctrlU: '\x15'};

export async function waitFor(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeout = 5000): Promise<string> {
	const start = Date.now();
	for (;;) {
		const frame = lastFrame() ?? '';
		if (predicate(frame)) return frame;
		if (Date.now() - start > timeout) throw new Error(`no frame matched in ${timeout} ms; last frame:\n${frame}`);
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
}

export const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

export function captured<T>(name: string): T {
	return JSON.parse(readFileSync(new URL(`../fixtures/captured/${name}`, import.meta.url), 'utf8')) as T;
}

export function capturedText(name: string): string {
	return readFileSync(new URL(`../fixtures/captured/${name}`, import.meta.url), 'utf8');
}

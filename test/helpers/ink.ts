/** Small helpers for ink-testing-library: wait for a frame, send keys. */
import {readFileSync} from 'node:fs';
import {expect} from 'vitest';

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

/** A frame without its colours. */
export const plainFrame = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');

/** Moves a menu's cursor down to the item matching `line` (a key sent before the menu listens is lost: sent again), then picks it. */
export async function chooseMenuItem(app: {stdin: {write(data: string): void}; lastFrame(): string | undefined}, line: RegExp): Promise<void> {
	// Sent again only after two seconds without the cursor moving: an earlier key answered late would move it twice.
	await tick(200);
	for (let tries = 0; tries < 5 && !line.test(plainFrame(app.lastFrame() ?? '')); tries++) {
		app.stdin.write(keys.down);
		await waitFor(app.lastFrame, (f) => line.test(plainFrame(f)), 2000).catch(() => undefined);
	}
	expect(plainFrame(app.lastFrame() ?? '')).toMatch(line);
	// At once: the Enter goes to the item the cursor moved to, not the one it left (components/MenuView.tsx).
	app.stdin.write(keys.enter);
}

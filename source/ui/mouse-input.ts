/**
 * Takes the mouse reports off the terminal's input before Ink parses it
 * (Ink would read `ESC [ < 0;12;5M` as keys): Ink reads with stdin.read(),
 * so that is where they are taken, and handed to `onMouse`. Turning the
 * terminal's reporting on and off goes through `setMouse`, which also
 * remembers it so the suspend hook (an attached container, a shell) can
 * turn it off while someone else has the terminal and back on after.
 */
import {mouseOff, mouseOn, takeMouse} from './mouse.js';
import type {MouseEvent} from './model.js';

export interface MouseInput {
	/** Called with every report, in order. */
	listen(onMouse: (event: MouseEvent) => void): () => void;
	/** Turns the terminal's reporting on or off. */
	set(on: boolean): void;
	/** Whether reporting is on now. */
	readonly on: boolean;
}

export function mouseInput(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): MouseInput {
	const listeners = new Set<(event: MouseEvent) => void>();
	const read = stdin.read.bind(stdin);
	let pending = '';
	stdin.read = ((size?: number) => {
		for (;;) {
			const chunk = read(size) as string | Buffer | null;
			if (chunk === null) {
				if (!pending) return null;
				// An unfinished report that never finished: it was input after all.
				const held = pending;
				pending = '';
				return held;
			}
			const taken = takeMouse(pending + String(chunk));
			pending = taken.pending;
			for (const event of taken.events) for (const listener of listeners) listener(event);
			if (taken.rest) return taken.rest;
		}
	}) as typeof stdin.read;
	let on = false;
	return {
		listen(onMouse) {
			listeners.add(onMouse);
			return () => listeners.delete(onMouse);
		},
		set(wanted) {
			on = wanted;
			stdout.write(wanted ? mouseOn : mouseOff);
		},
		get on() {
			return on;
		},
	};
}

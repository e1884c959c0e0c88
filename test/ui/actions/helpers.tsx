/**
 * Driving the explorer through ink-testing-library for the action tests:
 * the App on the real engine, a row selected through the filter, a
 * container selected by its name, forms filled field by field.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import type {Suspend} from '../../../source/ui/actions/terminal.js';
import {App} from '../../../source/ui/App.js';
import {docker, engine} from '../../helpers/engine.js';
import {keys, tick, waitFor} from '../../helpers/ink.js';

export {keys, tick};

export interface Driven {
	frame(): string;
	frames: string[];
	write(text: string): Promise<void>;
	waitFor(predicate: (frame: string) => boolean, timeout?: number): Promise<string>;
	/** Types into the focused field, then Tab to the next. */
	fill(...values: string[]): Promise<void>;
	unmount(): void;
}

export async function openApp(options: {suspend?: Suspend} = {}): Promise<Driven> {
	const app = render(<App engine={engine()} suspend={options.suspend} />);
	const driven: Driven = {
		frame: () => app.lastFrame() ?? '',
		frames: app.frames,
		async write(text) {
			app.stdin.write(text);
			await tick(40);
		},
		waitFor: (predicate, timeout = 15_000) => waitFor(app.lastFrame, predicate, timeout),
		async fill(...values) {
			for (const value of values) {
				if (value) await driven.write(value);
				await driven.write(keys.tab);
			}
		},
		unmount: () => app.unmount(),
	};
	await driven.waitFor((f) => /Images \([1-9]\d*\)/.test(f), 20_000);
	return driven;
}

/** Filters the list down to `ref` (REPOSITORY:TAG) and keeps the filter: its row is selected. */
export async function selectImage(app: Driven, ref: string): Promise<void> {
	await app.write('/');
	await app.write(ref);
	await app.write(keys.enter);
	await app.waitFor((f) => /Images \(\d+ of \d+\)/.test(f) && f.includes(ref.split(':')[0]));
}

/** Shows Containers and moves to the one named `name` (checked through its removal question, then cancelled). */
export async function selectContainer(app: Driven, name: string): Promise<void> {
	await app.write('2');
	await app.waitFor((f) => f.includes(name), 15_000);
	await app.write('g');
	for (let i = 0; i < 200; i++) {
		await app.write('d');
		const frame = await app.waitFor((f) => f.includes('Remove container'));
		await app.write('n');
		await app.waitFor((f) => !f.includes('Remove container'));
		if (frame.includes(`Remove container ${name}?`)) return;
		await app.write('j');
	}
	throw new Error(`container ${name} not found in the list`);
}

/** A frame as one line: messages wrapped over several lines read whole. */
export function flat(frame: string): string {
	return frame.replace(/\s*\n\s*/g, ' ');
}

export function inspect(name: string): any {
	return JSON.parse(docker(['inspect', name]))[0];
}

export function exists(kind: 'container' | 'image', name: string): boolean {
	try {
		docker([kind, 'inspect', name]);
		return true;
	} catch {
		return false;
	}
}

export interface Scope {
	/** Containers and volumes: `ui-actions-TAG-`. */
	prefix: string;
	/** Images: `fixture/ui-actions-TAG-`. */
	imagePrefix: string;
	/** Removes every container, image and volume of this scope (never another file's: the files run in parallel). */
	cleanup(): void;
	/** A small image of its own (a unique file on fixture/base:1), so removing it never touches the fixtures. */
	uniqueImage(ref: string, options?: {megabytes?: number}): string;
}

export function scoped(tag: string): Scope {
	const prefix = `ui-actions-${tag}-`;
	const imagePrefix = `fixture/ui-actions-${tag}-`;
	return {
		prefix,
		imagePrefix,
		cleanup() {
			const containers = docker(['ps', '-a', '--format', '{{.Names}}']).split('\n').filter((name) => name.startsWith(prefix));
			if (containers.length) docker(['rm', '-f', '-v', ...containers]);
			const images = docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
				.split('\n')
				.filter((ref) => ref.replace(/^127\.0\.0\.1:\d+\//, '').startsWith(imagePrefix));
			for (const ref of images) {
				try {
					docker(['rmi', '-f', ref]);
				} catch {}
			}
			const volumes = docker(['volume', 'ls', '--format', '{{.Name}}']).split('\n').filter((name) => name.startsWith(prefix));
			if (volumes.length) docker(['volume', 'rm', '-f', ...volumes]);
		},
		uniqueImage(ref, options = {}) {
			const name = `${prefix}src-${Math.random().toString(36).slice(2, 8)}`;
			// Random bytes make a layer that takes a moment to upload (progress has time to show).
			const big = options.megabytes ? `; dd if=/dev/urandom of=/random.bin bs=1048576 count=${options.megabytes} 2>/dev/null` : '';
			docker(['run', '--network', 'none', '--name', name, 'fixture/base:1', 'sh', '-c', `echo '${ref} ${Date.now()}' > /unique.txt${big}`]);
			docker(['commit', name, ref]);
			docker(['rm', name]);
			return inspect(ref).Id as string;
		},
	};
}

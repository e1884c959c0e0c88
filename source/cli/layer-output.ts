/** Output helpers shared by files, check and diff (plain text and JSON; never ink). */
import type {Change} from '../layers/changes.js';
import type {FileEntry} from '../layers/types.js';
import {humanSize} from '../format/units.js';
import {pathBytes} from '../text/byte-names.js';
import {visibleName} from '../text/sanitize.js';

/**
 * Writes text, waiting for the stream to take it. A reader that went away
 * (`| head`) is not an error: the rest is dropped quietly.
 */
export function emit(stream: NodeJS.WritableStream, text: string): Promise<void> {
	if (text === '') return Promise.resolve();
	return new Promise(resolve => {
		const onError = () => resolve();
		stream.once('error', onError);
		stream.write(text, () => {
			stream.removeListener('error', onError);
			resolve();
		});
	});
}

/** Permission bits as four octal digits, like `0644`. */
export function octalMode(mode: number): string {
	return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`.slice(-4);
}

/** An entry's metadata for JSON output (contents are never read, only their sha256). */
export function entryJson(entry: FileEntry): Record<string, unknown> {
	const out: Record<string, unknown> = {type: entry.type, size: entry.size, mode: octalMode(entry.mode), uid: entry.uid, gid: entry.gid};
	if (entry.linkTarget !== undefined) {
		out.linkTarget = entry.linkTarget;
		const bytes = pathBytes(entry.linkTarget);
		if (bytes !== undefined) out.linkTargetBytes = bytes;
	}
	if (entry.digest !== undefined) out.digest = `sha256:${entry.digest}`;
	return out;
}

/**
 * A path for JSON: the name as decoded (a byte that is not UTF-8 is the lone surrogate U+DC80+byte,
 * which JSON writes as `\udce9`: Python's surrogateescape), and only then its exact bytes in base64.
 */
export function pathJson(path: string): {path: string; pathBytes?: string} {
	const bytes = pathBytes(path);
	return bytes === undefined ? {path} : {path, pathBytes: bytes};
}

/** A change for JSON: path, change, type, size first (what the issue promises), then details. */
export function changeJson(change: Change): Record<string, unknown> {
	const {type, size, ...rest} = entryJson(change.entry);
	const out: Record<string, unknown> = {...pathJson(change.path), change: change.change, type, size, ...rest};
	if (change.what) out.what = change.what;
	if (change.before && change.change === 'modified') out.before = entryJson(change.before);
	return out;
}

/**
 * A JSON document whose one big list is written an item per line, so a
 * filesystem of a hundred thousand paths is never one giant string.
 */
export async function emitJsonDocument(stream: NodeJS.WritableStream, head: Record<string, unknown>, lists: Record<string, readonly unknown[]>): Promise<void> {
	const fields = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2))}`);
	const names = Object.keys(lists);
	if (names.length === 0) return emit(stream, `{\n${fields.join(',\n')}\n}\n`);
	await emit(stream, `{\n${fields.map(f => `${f},\n`).join('')}`);
	for (let k = 0; k < names.length; k++) {
		const items = lists[names[k]];
		const tail = k === names.length - 1 ? '\n' : ',\n';
		if (items.length === 0) {
			await emit(stream, `  ${JSON.stringify(names[k])}: []${tail}`);
			continue;
		}
		let buffer = `  ${JSON.stringify(names[k])}: [\n`;
		for (let i = 0; i < items.length; i++) {
			buffer += `    ${JSON.stringify(items[i])}${i === items.length - 1 ? '\n' : ',\n'}`;
			if (buffer.length > 1 << 16) {
				await emit(stream, buffer);
				buffer = '';
			}
		}
		await emit(stream, `${buffer}  ]${tail}`);
	}
	await emit(stream, '}\n');
}

function indent(json: string): string {
	return json.includes('\n') ? json.replace(/\n/g, '\n  ') : json;
}

/** A path for a text line: control characters escaped, link targets shown the way `tar tv` does. */
export function shownPath(path: string, entry?: FileEntry): string {
	const p = visibleName(path);
	if (entry?.type === 'symlink') return `${p} -> ${visibleName(entry.linkTarget ?? '')}`;
	if (entry?.type === 'hardlink') return `${p} link to ${visibleName(entry.linkTarget ?? '')}`;
	return p;
}

/** Sizes in text output: docker's units (go-units HumanSize), as `docker image ls` shows them. */
export function shownSize(bytes: number): string {
	return humanSize(bytes);
}

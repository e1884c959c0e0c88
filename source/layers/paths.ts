/**
 * Path rules shared by the archive reader and the model. Tar names are
 * untrusted: they may be absolute, contain `..`, repeated slashes or `./`.
 * They are resolved lexically against the image root (as the kernel would
 * inside a chroot) and the caller is told what was unusual about them.
 */

export interface NormalisedPath {
	path: string;
	absolute: boolean;
	dotDot: boolean;
}

export function normalisePath(raw: string): NormalisedPath {
	if (isPlain(raw)) return {path: raw.charCodeAt(raw.length - 1) === 47 ? raw.slice(0, -1) : raw, absolute: false, dotDot: false};
	let absolute = false;
	let dotDot = false;
	// Fast path: the common docker name ("usr/bin/", "./etc/passwd") has no odd parts.
	const parts = raw.split('/');
	const out: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		const p = parts[i];
		if (p === '' || p === '.') {
			if (i === 0 && p === '') absolute = raw.length > 0;
			continue;
		}
		if (p === '..') {
			dotDot = true;
			out.pop();
			continue;
		}
		out.push(p);
	}
	return {path: out.join('/'), absolute, dotDot};
}

/**
 * The common docker name ("usr/bin/", "etc/passwd"): relative, no empty,
 * `.` or `..` parts, at most one trailing slash. Normalising it only drops
 * the trailing slash, so the split and join can be skipped (tens of
 * thousands of names per layer).
 */
function isPlain(raw: string): boolean {
	if (raw === '' || raw.charCodeAt(0) === 47 || raw.includes('//')) return false;
	if (raw.includes('.')) {
		if (raw === '.' || raw === '..' || raw.startsWith('./') || raw.startsWith('../') || raw.includes('/./') || raw.includes('/../') || raw.endsWith('/.') || raw.endsWith('/..')) return false;
	}
	return true;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
/** aufs keeps its own bookkeeping under names starting with this; docker skips them. */
export const WHITEOUT_META_PREFIX = '.wh..wh.';

export function baseName(path: string): string {
	const i = path.lastIndexOf('/');
	return i < 0 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
	const i = path.lastIndexOf('/');
	return i < 0 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
	return dir === '' ? name : `${dir}/${name}`;
}

export type Whiteout =
	| {kind: 'opaque'; dir: string}
	| {kind: 'remove'; target: string}
	| {kind: 'meta'}
	| undefined;

/** What a path means as a whiteout, if it is one (OCI image-spec layer.md). */
export function whiteoutOf(path: string): Whiteout {
	const parts = path.split('/');
	// Anything inside an aufs metadata directory (".wh..wh.plnk/...") is bookkeeping.
	for (let i = 0; i < parts.length - 1; i++) if (parts[i].startsWith(WHITEOUT_META_PREFIX)) return {kind: 'meta'};
	const base = parts[parts.length - 1];
	if (!base.startsWith(WHITEOUT_PREFIX)) return undefined;
	const dir = parts.slice(0, -1).join('/');
	if (base === OPAQUE_MARKER) return {kind: 'opaque', dir};
	if (base.startsWith(WHITEOUT_META_PREFIX)) return {kind: 'meta'};
	const name = base.slice(WHITEOUT_PREFIX.length);
	if (name === '' || name === '.' || name === '..') return {kind: 'meta'};
	return {kind: 'remove', target: joinPath(dir, name)};
}

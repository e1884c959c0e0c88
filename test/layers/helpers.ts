import type {FileEntry} from '../../source/layers/types.js';

/** Hand-built entries: f('a', 10, 'x') is a 10-byte file whose content digest is 'x'. */
export const f = (path: string, size: number, digest = `d-${path}-${size}`, extra: Partial<FileEntry> = {}): FileEntry => ({
	path,
	type: 'file',
	size,
	mode: 0o644,
	uid: 0,
	gid: 0,
	digest,
	...extra,
});
export const d = (path: string, extra: Partial<FileEntry> = {}): FileEntry => ({path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, ...extra});
export const sym = (path: string, target: string): FileEntry => ({path, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: target});
export const hard = (path: string, target: string, digest?: string): FileEntry => ({path, type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: target, digest});
/** A whiteout marker as docker writes it: an empty regular file. */
export const wh = (path: string): FileEntry => f(path, 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
export const layers = (...ls: FileEntry[][]) => ls.map(entries => ({entries}));

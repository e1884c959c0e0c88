/**
 * The data the archive reader hands to the layer model. Kept small on purpose:
 * a big image has hundreds of thousands of entries, so each one carries only
 * what the model needs (no mtime, no names of users, never contents).
 */

/** `other` is what no tar type names (an unknown type flag, kept as an anomaly). */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo' | 'other';

export interface FileEntry {
	/** Normalised: relative to the root, no leading `/` or `./`, no trailing `/`, no `.` or `..` parts. */
	path: string;
	type: EntryType;
	/** Bytes stored in the tar for this entry: 0 for everything but regular files (a hard link is 0, as in tar). */
	size: number;
	/** Permission bits, setuid/setgid/sticky (mode & 0o7777). */
	mode: number;
	uid: number;
	gid: number;
	/** Symlink target as written, or the normalised path a hard link points to. */
	linkTarget?: string;
	/** sha256 hex of the contents (files; a hard link carries its target's). */
	digest?: string;
}

export type AnomalyKind =
	| 'absolute-path'
	| 'dot-dot'
	| 'empty-path'
	| 'hardlink-target-missing'
	| 'unsupported-type';

/** Something in a layer that is not trusted as written; reported, never acted on blindly. */
export interface Anomaly {
	kind: AnomalyKind;
	/** The name as it was in the tar (may contain anything; sanitise before display). */
	raw: string;
	/** What it was normalised to. */
	path: string;
}

export interface LayerEntries {
	/** `sha256:` + hex of the uncompressed layer tar, computed while reading it. */
	diffId: string;
	/** Where the blob was inside the archive (or layout directory); extractFile uses it to skip other layers. */
	blobPath: string;
	compression: 'none' | 'gzip' | 'zstd';
	/** Bytes of the uncompressed tar. */
	tarBytes: number;
	/** Entries in tar order, whiteout markers included: interpreting them is the model's job. */
	entries: FileEntry[];
	/** Up to a fixed number of anomalies; anomalyCount has the full count. */
	anomalies: Anomaly[];
	anomalyCount: number;
}

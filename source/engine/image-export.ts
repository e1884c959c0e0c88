/**
 * An image's bytes as an image source hands them to the archive reader
 * (ImageSource.exportImage, image-source.ts). A module of its own because
 * engine.ts makes one and image-source.ts names Engine: neither imports the
 * other for it.
 */
import type {ArchiveSource} from './archive/read.js';
import type {HashingMode} from './archive/layer-hashing.js';

/** An image's bytes for the archive reader (what `docker save` writes, or an archive holding it). */
export interface ImageExport {
	source: ArchiveSource;
	/** Which image of a multi-image archive (an index into its manifest). */
	image?: number;
	/** Hash the layers against the config's diff_ids (false when the engine vouches for its own export). */
	verifyDiffIds: boolean;
	/** Where to hash file contents (ReadOptions.hashing); unset: the reader chooses by size. */
	hashing?: HashingMode;
	/** Lets go of the bytes (a stream is destroyed); safe to call more than once. */
	close(): void;
}

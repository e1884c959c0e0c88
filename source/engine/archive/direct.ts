/**
 * A byte source read without a Readable in between: it hands each piece of
 * its bytes straight from the memory it reads into, which is read into again
 * once the piece's write() returns. No copy, no allocation, no stream event
 * per piece: on a 767 MB export, the copy of every byte out of the read
 * buffer, the fresh memory it went into (page faults, and garbage collections
 * driven by it) were a third of the reader's main-thread time.
 *
 * So a piece is valid only during the write() it is given to: whatever keeps
 * bytes past that copies them (the reader's stages look at Flow.volatile:
 * gunzip and zstd copy their input, a blob's first bytes are copied while
 * its kind is decided). export-stream.ts is the one such source.
 */
export interface DirectReader {
	/** A piece of the bytes, valid only during this call. False: stop reading until resume(). */
	write(piece: Buffer): boolean;
	/** The bytes ended. */
	end(): void;
	/** Reading failed (no more calls follow). */
	fail(error: unknown): void;
}

export interface DirectSource {
	/**
	 * Hands the bytes not yet consumed, and from then on every piece read, to `reader`, at most
	 * once per source. `resume` goes on reading after a write() returned false.
	 */
	readDirect(reader: DirectReader): {resume(): void};
}

export function isDirectSource(source: unknown): source is DirectSource {
	return typeof (source as DirectSource | undefined)?.readDirect === 'function';
}

/**
 * sha256 over a stream of chunks. The digest is a promise so the work could
 * move off the main thread; it does not today: measured on a 200 MB, 40,000
 * file image, a hashing worker (copying chunks to it) was no faster and
 * raised peak RSS from about 140 to 200 MB.
 */
import {createHash, hash} from 'node:crypto';

export interface StreamHasher {
	update(chunk: Buffer): void;
	/** sha256 hex of everything given to update. */
	digest(): Promise<string>;
}

export function streamHasher(): StreamHasher {
	const h = createHash('sha256');
	return {update: c => void h.update(c), digest: async () => h.digest('hex')};
}

/** One-shot hashing when a file's data arrives in one piece (most small files): no Hash object per file. */
export function sha256Bytes(data: Buffer): Buffer {
	return typeof hash === 'function' ? (hash('sha256', data, 'buffer') as unknown as Buffer) : createHash('sha256').update(data).digest();
}

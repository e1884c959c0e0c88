/**
 * The engine multiplexes stdout and stderr of a container without a TTY into
 * one byte stream: frames of an 8-byte header (stream type, three zero
 * bytes, big-endian payload length) then the payload. Frames are split
 * across chunks arbitrarily, so this keeps the unfinished tail.
 */
export type OutputStream = 'stdin' | 'stdout' | 'stderr';

export interface Frame {
	stream: OutputStream;
	data: Buffer;
}

const kinds: Record<number, OutputStream> = {0: 'stdin', 1: 'stdout', 2: 'stderr'};

export class Demuxer {
	private pending: Buffer = Buffer.alloc(0);

	push(chunk: Buffer): Frame[] {
		this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
		const frames: Frame[] = [];
		while (this.pending.length >= 8) {
			const size = this.pending.readUInt32BE(4);
			if (this.pending.length < 8 + size) break;
			// Unknown stream types (3 is the engine's "systemerr") are shown as stderr rather than lost.
			frames.push({stream: kinds[this.pending[0]] ?? 'stderr', data: this.pending.subarray(8, 8 + size)});
			this.pending = this.pending.subarray(8 + size);
		}
		return frames;
	}

	/** Bytes of an unfinished frame at the end of the stream. */
	get leftover(): number {
		return this.pending.length;
	}
}

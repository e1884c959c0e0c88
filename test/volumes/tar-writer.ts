/** A few ustar entries written by hand: the hostile tars no honest tool makes. */

export interface Entry {
	name: string;
	/** '0' file, '1' hard link, '2' symlink, '3' char device, '5' dir, '6' fifo. */
	type?: string;
	linkname?: string;
	data?: string;
	mode?: number;
}

function octal(value: number, width: number): string {
	return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: Entry, size: number): Buffer {
	const block = Buffer.alloc(512);
	block.write(e.name, 0, 100, 'utf8');
	block.write(octal(e.mode ?? 0o644, 8), 100, 'ascii');
	block.write(octal(0, 8), 108, 'ascii');
	block.write(octal(0, 8), 116, 'ascii');
	block.write(octal(size, 12), 124, 'ascii');
	block.write(octal(1_700_000_000, 12), 136, 'ascii');
	block.write('        ', 148, 'ascii');
	block.write(e.type ?? '0', 156, 'ascii');
	if (e.linkname) block.write(e.linkname, 157, 100, 'utf8');
	block.write('ustar\0' + '00', 257, 'ascii');
	let sum = 0;
	for (const b of block) sum += b;
	block.write(octal(sum, 7) + ' ', 148, 'ascii');
	return block;
}

export function tar(entries: Entry[]): Buffer {
	const parts: Buffer[] = [];
	for (const e of entries) {
		const data = Buffer.from(e.data ?? '', 'utf8');
		parts.push(header(e, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
	}
	parts.push(Buffer.alloc(1024));
	return Buffer.concat(parts);
}

import {describe, expect, it} from 'vitest';
import {decodeIndex, encodeIndex, IndexFormatError, type IndexedLayer} from '../../source/cache/index-format.js';
import type {FileEntry} from '../../source/layers/types.js';

const digest = (n: number) => n.toString(16).padStart(64, '0');

function layer(entries: FileEntry[], extra: Partial<IndexedLayer> = {}): IndexedLayer {
	return {diffId: `sha256:${digest(7)}`, tarBytes: 10240, digests: true, entries, anomalies: [], anomalyCount: 0, ...extra};
}

const everyKind: FileEntry[] = [
	{path: 'etc', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0},
	{path: 'etc/passwd', type: 'file', size: 1234, mode: 0o644, uid: 0, gid: 0, digest: digest(1)},
	{path: 'etc/passwd-', type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: 'etc/passwd', digest: digest(1)},
	{path: 'etc/localtime', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: '/usr/share/zoneinfo/Etc/UTC'},
	{path: 'etc/fifo', type: 'other', size: 0, mode: 0o600, uid: 1000, gid: 1000},
	{path: 'usr/bin/sudo', type: 'file', size: 5 * 2 ** 32 + 3, mode: 0o4755, uid: 0, gid: 0, digest: digest(2)},
	{path: 'usr/.wh..wh..opq', type: 'file', size: 0, mode: 0, uid: 0, gid: 0},
	{path: 'home/\u00e9t\u00e9/\ud83d\ude00', type: 'file', size: 1, mode: 0o640, uid: 4294967294, gid: 65534},
	// The previous path ends in a surrogate pair; this one shares its high half only.
	{path: 'home/\u00e9t\u00e9/\ud83d\ude01', type: 'file', size: 2, mode: 0o640, uid: 1, gid: 1},
	{path: 'bad/\ufffd\ufffdname', type: 'file', size: 0, mode: 0o644, uid: 0, gid: 0},
	// Lone surrogates (how a name's invalid bytes may be carried) survive, in paths and link targets.
	{path: 'bad/caf\udce9', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: 'caf\udce8'},
	{path: 'bad/caf\udce9\udce9', type: 'file', size: 0, mode: 0o644, uid: 0, gid: 0},
	{path: `deep/${'d/'.repeat(2000)}leaf`, type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0},
];

describe('layer index format', () => {
	it('round-trips entries of every kind, with big sizes and ids, astral and replaced characters', () => {
		const original = layer(everyKind, {anomalies: [{kind: 'dot-dot', raw: '../x\x1b', path: 'x'}], anomalyCount: 3});
		const decoded = decodeIndex(encodeIndex(original));
		expect(decoded).toEqual(original);
	});

	it('round-trips an empty layer and one without digests', () => {
		expect(decodeIndex(encodeIndex(layer([])))).toEqual(layer([]));
		const plain = layer([{path: 'a', type: 'file', size: 5, mode: 0o644, uid: 0, gid: 0}], {digests: false});
		expect(decodeIndex(encodeIndex(plain))).toEqual(plain);
	});

	it('keeps paths in tar order, whatever their prefixes', () => {
		const entries: FileEntry[] = ['b/c', 'a', 'b', 'b/c/d', 'b/cd', ''].map((path) => ({path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0}));
		expect(decodeIndex(encodeIndex(layer(entries))).entries.map((e) => e.path)).toEqual(['b/c', 'a', 'b', 'b/c/d', 'b/cd', '']);
	});

	it('is compact: well under 60 bytes an entry for a realistic tree with digests', () => {
		const entries: FileEntry[] = [];
		for (let d = 0; d < 100; d++) for (let f = 0; f < 100; f++) entries.push({path: `usr/lib/python3/dist-packages/pkg${d}/module_${f}.py`, type: 'file', size: 1000 + f, mode: 0o644, uid: 0, gid: 0, digest: digest(d * 100 + f)});
		const bytes = encodeIndex(layer(entries)).length;
		expect(bytes / entries.length).toBeLessThan(60);
	});

	it('refuses every truncation and any altered byte', () => {
		const data = encodeIndex(layer(everyKind));
		for (const n of [0, 3, 10, data.length - 33, data.length - 1]) expect(() => decodeIndex(data.subarray(0, n))).toThrow(IndexFormatError);
		for (const at of [0, 4, 5, 20, Math.floor(data.length / 2), data.length - 1]) {
			const altered = Buffer.from(data);
			altered[at]! ^= 0x40;
			expect(() => decodeIndex(altered)).toThrow(IndexFormatError);
		}
	});

	it('refuses another version even with a valid checksum', async () => {
		const {createHash} = await import('node:crypto');
		const data = encodeIndex(layer([]));
		const body = Buffer.from(data.subarray(0, data.length - 32));
		body[4] = 99;
		const other = Buffer.concat([body, createHash('sha256').update(body).digest()]);
		expect(() => decodeIndex(other)).toThrow(/another version/);
	});
});

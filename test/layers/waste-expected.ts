/**
 * What test-layers/waste:1 (fixtures/waste/Dockerfile) must give, every figure
 * following from the Dockerfile: used by the model tests (fixtures.test.ts)
 * and the command tests (test/layers-cli).
 */
export const IMAGE = 'test-layers/waste:1';

// Layer by layer, what `imgscope files --layer N` must list (layer 0 is the busybox base).
export const expected: string[][] = [
	[],
	[
		'added w 0 dir', 'added w/del.txt 10 file', 'added w/dir 0 dir', 'added w/dir/a 2 file', 'added w/dir/sub 0 dir',
		'added w/dir/sub/b 3 file', 'added w/h1 12 file', 'added w/h2 0 hardlink', 'added w/opq 0 dir', 'added w/opq/keep 0 dir',
		'added w/opq/keep/f 5 file', 'added w/opq/o1 2 file', 'added w/over.txt 4 file', 'added w/same.txt 12 file', 'added w/sym 0 symlink',
	],
	['added w/big.bin 1048576 file'],
	['modified w/over.txt 6 file'],
	[], // identical rewrite: nothing changes (the old copy is still waste)
	['removed w/del.txt 10 file'],
	['removed w/dir 0 dir', 'removed w/dir/a 2 file', 'removed w/dir/sub 0 dir', 'removed w/dir/sub/b 3 file'],
	['removed w/opq/keep 0 dir', 'removed w/opq/keep/f 5 file', 'added w/opq/new 3 file', 'removed w/opq/o1 2 file'],
	['removed w/big.bin 1048576 file'],
	['modified w/sym 0 symlink'],
	['modified w/over.txt 6 file'],
];
// over.txt 4 (3) + same.txt 12 (4) + del.txt 10 (5) + dir 2+3 (6) + opq 5+2 (7) + big 1 MiB (8) + over.txt 6 (10)
export const WASTED = 4 + 12 + 10 + 5 + 7 + 1048576 + 6;
// layer 1: 50 bytes; 2: 1 MiB; 3: 6; 4: 12; 7: 3; 10: 6
export const USER_STORED = 50 + 1048576 + 6 + 12 + 3 + 6;

/** The biggest wasted copies, as `path bytes addedIn->hiddenIn hiddenBy` (every one: there are nine). */
export const expectedWasted = [
	'w/big.bin 1048576 2->8 removed',
	'w/same.txt 12 1->4 overwritten',
	'w/del.txt 10 1->5 removed',
	'w/over.txt 6 3->10 overwritten',
	'w/opq/keep/f 5 1->7 opaque',
	'w/over.txt 4 1->3 overwritten',
	'w/dir/sub/b 3 1->6 removed',
	'w/dir/a 2 1->6 removed',
	'w/opq/o1 2 1->7 opaque',
];

/** Layer 0, the busybox base built by fixtures.sh (busybox's size is the host's copy when the image was built). */
export function expectedBase(busyboxBytes: number): string[] {
	const links = ['cat', 'chmod', 'dd', 'echo', 'head', 'ln', 'ls', 'mkdir', 'printf', 'rm', 'sh', 'split', 'true'];
	return ['added bin 0 dir', `added bin/busybox ${busyboxBytes} file`, ...links.map(l => `added bin/${l} 0 symlink`), 'added tmp 0 dir'];
}

/** The final filesystem under w/, as `path type size mode [-> target]`, and the layer each comes from. */
export const expectedFinalW = [
	'w dir 0 0755 @10',
	'w/h1 file 12 0644 @1',
	'w/h2 hardlink 0 0644 -> w/h1 @1',
	'w/opq dir 0 0755 @7',
	'w/opq/new file 3 0644 @7',
	'w/over.txt file 6 0600 @10',
	'w/same.txt file 12 0644 @4',
	'w/sym symlink 0 0777 -> same.txt @9',
];

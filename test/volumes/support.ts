/** Volumes for the volume tests: labelled imgscope.test=volumes, filled with busybox, removed afterwards. */
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {docker} from '../helpers/engine.js';

export const TEST_LABEL = 'imgscope.test=volumes';
export const BASE = 'fixture/base:1';

const made = new Set<string>();
/** Every name this file used, for the helper check (kept after the volumes are removed). */
const used = new Set<string>();

/** A fresh name (other test files run at the same time). */
export function volumeName(tag: string): string {
	const name = `imgscope-vt-${tag}-${randomBytes(4).toString('hex')}`;
	made.add(name);
	used.add(name);
	return name;
}

export function createTestVolume(tag: string): string {
	const name = volumeName(tag);
	docker(['volume', 'create', '--label', TEST_LABEL, name]);
	return name;
}

/** Runs a shell script in busybox with the volume at /v (no network: none is needed). */
export function fill(volume: string, script: string): void {
	docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, BASE, 'sh', '-c', script]);
}

/**
 * Every entry of the volume, one line each: name (hex, so any bytes compare),
 * type, mode, owner, size, link count, link target and the md5 of a file.
 */
export function listing(volume: string): string {
	// One sh per entry (find -exec): names may hold newlines; xxd -p hex-encodes the name's bytes.
	const each = [
		'f=$1',
		'n=$(printf %s "$f" | busybox xxd -p | busybox tr -d "\\n")',
		's=$(busybox stat -c "%F %a %u %g %s %h" "$f")',
		't=""; [ -L "$f" ] && t=$(busybox readlink "$f")',
		'm=""; [ -f "$f" ] && [ ! -L "$f" ] && m=$(busybox md5sum < "$f")',
		'echo "$n|$s|$t|$m"',
	].join('; ');
	const script = `cd /v && busybox find . -mindepth 1 -exec sh -c '${each}' _ {} \\;`;
	const out = execFileSync('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v:ro`, BASE, 'sh', '-c', script], {encoding: 'latin1', maxBuffer: 64 << 20});
	return out.split('\n').filter(Boolean).sort().join('\n');
}

/** The files of every kind the issue lists. */
export const EVERY_KIND = [
	'cd /v',
	'echo hello > plain',
	'busybox dd if=/dev/urandom of=random bs=1k count=300 2>/dev/null',
	': > empty',
	'busybox ln plain hard',
	'busybox ln -s plain sym',
	'mkdir up; busybox ln -s ../plain up/sym-up-inside',
	'busybox ln -s /etc/passwd sym-abs',
	'busybox ln -s nowhere dangling',
	'busybox mkfifo fifo',
	'busybox dd if=/dev/zero of=sparse bs=1 count=1 seek=20971520 2>/dev/null',
	'echo suid > suid; busybox chmod 4755 suid',
	'echo sgid > sgid; busybox chmod 2750 sgid',
	'mkdir sticky; busybox chmod 1777 sticky',
	'echo none > nomode; busybox chmod 0 nomode',
	'echo owned > owned; busybox chown 1234:5678 owned',
	'echo big > bigid; busybox chown 2000000:65534 bigid',
	'mkdir -p deep/a/b/c; echo x > deep/a/b/c/leaf; busybox chown -R 42:42 deep',
	// A name of 200 bytes, and a path past 255 (GNU/pax long names in the tar).
	'long=$(busybox printf "%0200d" 0); echo long > "$long"',
	'd=$(busybox printf "d%0100d" 0); mkdir -p "$d/$d/$d"; echo deeper > "$d/$d/$d/file"',
	// Not UTF-8, and characters a terminal would act on.
	'echo bytes > "$(busybox printf "bad\\377\\376name")"',
	'echo esc > "$(busybox printf "esc\\033[31mred")"',
	'echo "sp ace" > "with space"; echo nl > "$(busybox printf "new\\nline")"',
	'echo utf > "café ☕"',
].join('\n');

/** Removes every volume this file made (and any container still holding one). */
export function cleanupVolumes(): void {
	for (const name of made) {
		try {
			execFileSync('docker', ['volume', 'rm', '-f', name], {stdio: 'ignore'});
		} catch {
			// in use or gone: the helper check reports leftovers
		}
	}
	made.clear();
}

/** Helper containers left on the engine for this file's volumes (there must be none). */
export function leftoverHelpers(): string[] {
	const lines = docker(['ps', '-a', '--filter', 'label=imgscope.helper=volumes', '--format', '{{.ID}} {{.Label "imgscope.volume"}}']).split('\n').filter(Boolean);
	return lines.filter(line => used.has(line.split(' ')[1]));
}

/**
 * What the df, sharing and prune tests need on a private dockerd (never the
 * machine's shared engine: df covers the whole engine, and prune empties it):
 * images that share a base at several depths (base -> l1 -> l2 -> l3, and a
 * sibling of l2 on l1), a tag alias, a rebuild that leaves the first build
 * dangling, a step of 0 bytes, containers that wrote to their layers (one
 * exited, one created, one running with a volume), and volumes with data,
 * one in use and one not.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {PrivateDaemon} from '../../hardening/support/daemon.js';

export const BASE = 'fixture/base:1';

/**
 * The daemon lists images and containers newest first, and those made in the
 * same second in any order: one second apart, every listing has one order.
 */
function nextSecond(): void {
	const ms = 1000 - (Date.now() % 1000) + 20;
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function build(daemon: PrivateDaemon, tag: string, dockerfile: string): void {
	nextSecond();
	const dir = mkdtempSync('/tmp/imgscope-df-ctx-');
	try {
		writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
		writeFileSync(path.join(dir, 'note.txt'), `copied into ${tag}\n`);
		daemon.docker(['build', '-q', '-t', tag, dir]);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const dd = (file: string, kb: number): string => `RUN mkdir -p /d && dd if=/dev/zero of=/d/${file} bs=1024 count=${kb} 2>/dev/null`;

/** Images only (the sharing tests); the daemon holds BASE already (suitePrivateDaemon([BASE])). */
export function populateImages(daemon: PrivateDaemon): void {
	build(daemon, 'df/l1:1', `FROM ${BASE}\n${dd('one', 300)}\nLABEL imgscope.test=df\n`);
	build(daemon, 'df/l2:1', `FROM df/l1:1\n${dd('two', 200)}\nRUN true\n`);
	daemon.docker(['tag', 'df/l2:1', 'df/l2:alias']);
	build(daemon, 'df/l3:1', `FROM df/l2:1\n${dd('three', 100)}\nCOPY note.txt /note.txt\n`);
	build(daemon, 'df/sib:1', `FROM df/l1:1\n${dd('sib', 50)}\n`);
	// The same tag built twice: the first build is left dangling (<none>).
	build(daemon, 'df/rebuilt:1', `FROM ${BASE}\n${dd('r', 20)}\nRUN echo first > /which\n`);
	build(daemon, 'df/rebuilt:1', `FROM ${BASE}\n${dd('r', 20)}\nRUN echo second > /which\n`);
}

/** Images, containers and volumes (df and prune). */
export function populate(daemon: PrivateDaemon): void {
	populateImages(daemon);
	const run = (args: string[]): string => {
		nextSecond();
		return daemon.docker(['run', '--network', 'none', ...args]).trim();
	};
	run(['--name', 'df-exited', '--label', 'imgscope.test=df', 'df/l2:1', 'sh', '-c', 'dd if=/dev/zero of=/written bs=1024 count=64 2>/dev/null']);
	nextSecond();
	daemon.docker(['create', '--network', 'none', '--name', 'df-created', '--label', 'imgscope.test=df', 'df/sib:1', 'true']);
	daemon.docker(['volume', 'create', '--label', 'imgscope.test=df', 'df-used']);
	daemon.docker(['volume', 'create', 'df-idle']);
	daemon.docker(['volume', 'create', 'df-empty']);
	run(['--rm', '-v', 'df-idle:/data', BASE, 'sh', '-c', 'dd if=/dev/zero of=/data/blob bs=1024 count=40 2>/dev/null']);
	run(['-d', '--name', 'df-running', '-v', 'df-used:/data', 'df/l1:1', 'sh', '-c', 'dd if=/dev/zero of=/data/blob bs=1024 count=12 2>/dev/null; echo x > /scratch; sleep 3600']);
	// The running container has written its files before the tests read sizes.
	for (let i = 0; i < 50; i++) {
		if (daemon.docker(['exec', 'df-running', 'sh', '-c', 'test -f /scratch && echo yes || true']).trim() === 'yes') break;
	}
}

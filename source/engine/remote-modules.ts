/**
 * dockerode (attach) and ssh2 (ssh:// engines), loaded on first use: they
 * are the slowest modules to load and few runs need them. From the sources
 * (tsx, vitest) they come from node_modules; in the build this module is
 * replaced by one that loads dist/remote.cjs, a bundle of the two
 * (scripts/build.mjs), so that the installed package needs no node_modules.
 *
 * ssh2's native parts (its crypto binding, cpu-features) are not in that
 * bundle: ssh2 runs without them, on node's crypto.
 */
import type Docker from 'dockerode';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

export function loadDockerode(): typeof Docker {
	return require('dockerode') as typeof Docker;
}

export function loadSsh2(): typeof import('ssh2') {
	return require('ssh2') as typeof import('ssh2');
}

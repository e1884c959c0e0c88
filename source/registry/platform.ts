/**
 * Platforms as containerd's platforms package has them: `os/arch[/variant]`
 * parsed and normalised (x86_64 = amd64, aarch64 = arm64, arm64/v8 = arm64,
 * armhf = arm/v7, a bare arm = arm/v7 ...), matched against an index's
 * entries, and the default platform of this machine. Pure (the machine's
 * facts are arguments).
 */

export interface Platform {
	os: string;
	architecture: string;
	variant?: string;
	'os.version'?: string;
	'os.features'?: string[];
}

export class PlatformError extends Error {}

const osAliases: Record<string, string> = {macos: 'darwin'};

/** normalizeArch: the architecture and variant containerd compares. */
export function normaliseArch(arch: string, variant = ''): {architecture: string; variant: string} {
	const a = arch.toLowerCase();
	const v = variant.toLowerCase();
	switch (a) {
		case 'i386':
			return {architecture: '386', variant: ''};
		case 'x86_64':
		case 'x86-64':
		case 'amd64':
			// amd64 v1 is the baseline: the same as no variant.
			return {architecture: 'amd64', variant: v === 'v1' ? '' : v};
		case 'aarch64':
		case 'arm64':
			return {architecture: 'arm64', variant: v === '8' || v === 'v8' ? '' : v};
		case 'armhf':
			return {architecture: 'arm', variant: 'v7'};
		case 'armel':
			return {architecture: 'arm', variant: 'v6'};
		case 'arm':
			if (v === '' || v === '7') return {architecture: 'arm', variant: 'v7'};
			if (v === '5' || v === '6' || v === '8') return {architecture: 'arm', variant: `v${v}`};
			return {architecture: 'arm', variant: v};
		default:
			return {architecture: a, variant: v};
	}
}

const component = /^[A-Za-z0-9_-]+$/;

/** `os/arch[/variant]`, `arch` alone (linux assumed), or `os` alone (this machine's arch); normalised. */
export function parsePlatform(text: string, host: Platform = hostPlatform()): Platform {
	const parts = text.trim().split('/');
	if (text.trim() === '' || parts.length > 3 || parts.some(p => !component.test(p))) {
		throw new PlatformError(`"${text}": unknown operating system or architecture: invalid argument`);
	}
	let os: string;
	let arch: string;
	let variant = '';
	if (parts.length === 1) {
		const only = parts[0].toLowerCase();
		// containerd: a known OS alone takes this machine's architecture; anything else is an arch on linux.
		if (knownOs.has(osAliases[only] ?? only)) {
			os = osAliases[only] ?? only;
			arch = host.architecture;
			variant = host.variant ?? '';
		} else {
			os = 'linux';
			arch = only;
		}
	} else {
		os = parts[0].toLowerCase();
		os = osAliases[os] ?? os;
		arch = parts[1];
		variant = parts[2] ?? '';
	}
	if (!knownOs.has(os)) throw new PlatformError(`"${text}": unknown operating system "${os}": invalid argument`);
	const n = normaliseArch(arch, variant);
	return n.variant ? {os, architecture: n.architecture, variant: n.variant} : {os, architecture: n.architecture};
}

const knownOs = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos', 'wasip1']);

/** The normalised form of any platform (an index entry's, say). */
export function normalise(p: Partial<Platform>): Platform {
	const n = normaliseArch(p.architecture ?? '', p.variant ?? '');
	const os = (p.os ?? '').toLowerCase();
	const out: Platform = {os: osAliases[os] ?? os, architecture: n.architecture};
	if (n.variant) out.variant = n.variant;
	return out;
}

/** `os/arch[/variant]`, as docker prints one. */
export function formatPlatform(p: Partial<Platform>): string {
	return [p.os || 'unknown', p.architecture || 'unknown', p.variant].filter(Boolean).join('/');
}

/** Whether an entry's platform is exactly the wanted one, after normalising both. */
export function matches(wanted: Platform, candidate: Partial<Platform>): boolean {
	const a = normalise(wanted);
	const b = normalise(candidate);
	return a.os === b.os && a.architecture === b.architecture && (a.variant ?? '') === (b.variant ?? '');
}

/**
 * containerd's Only(platform) for the default: the exact platform first, then
 * the ones it can run (arm64 runs arm/v8..v5, arm/v7 runs v6 and v5, amd64 runs
 * 386 not here: containerd's default matcher does not), best first.
 */
export function compatible(wanted: Platform): Platform[] {
	const w = normalise(wanted);
	const list: Platform[] = [w];
	if (w.architecture === 'arm64') for (const v of ['v8', 'v7', 'v6', 'v5']) list.push({os: w.os, architecture: 'arm', variant: v});
	if (w.architecture === 'arm') {
		const order = ['v8', 'v7', 'v6', 'v5'];
		const at = order.indexOf(w.variant ?? 'v7');
		for (const v of order.slice(at + 1)) list.push({os: w.os, architecture: 'arm', variant: v});
	}
	if (w.architecture === 'amd64' && w.variant) {
		const levels = ['v4', 'v3', 'v2'];
		for (const v of levels.slice(levels.indexOf(w.variant) + 1)) list.push({os: w.os, architecture: 'amd64', variant: v});
		list.push({os: w.os, architecture: 'amd64'});
	}
	return list;
}

/** The best candidate for `wanted` (exact, then compatible in containerd's order); undefined if none. */
export function bestMatch<T extends {platform?: Partial<Platform>}>(wanted: Platform, candidates: T[]): T | undefined {
	for (const p of compatible(wanted)) {
		const hit = candidates.find(c => c.platform && matches(p, c.platform));
		if (hit) return hit;
	}
	return undefined;
}

/** Node's process.platform / process.arch in Go's names, with the ARM variant node was built for. */
export function hostPlatform(nodePlatform: string = process.platform, nodeArch: string = process.arch, armVersion?: string): Platform {
	const os = nodePlatform === 'win32' ? 'windows' : nodePlatform;
	const archMap: Record<string, string> = {x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips: 'mips', mipsel: 'mipsle'};
	const architecture = archMap[nodeArch] ?? nodeArch;
	if (architecture === 'arm') {
		const v = armVersion ?? String((process.config.variables as Record<string, unknown>).arm_version ?? '7');
		return {os, architecture, variant: `v${v}`};
	}
	return {os, architecture};
}

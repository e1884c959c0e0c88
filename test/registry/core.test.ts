import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {nextLink, parseChallenges} from '../../source/registry/challenge.js';
import {goCompact, goString, inspectList, platformFromConfig} from '../../source/registry/docker-manifest.js';
import {dockerLayerSize} from '../../source/registry/layer-size.js';
import {ManifestError, choosePlatform, digestOf, imageEntries, parseManifest, verifyDigest} from '../../source/registry/manifest.js';
import {bestMatch, formatPlatform, hostPlatform, matches, normalise, parsePlatform} from '../../source/registry/platform.js';
import {namesRegistry, parseRemote, parseRepository, plainHttpAllowed} from '../../source/registry/remote-reference.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const amd64 = {os: 'linux', architecture: 'amd64'};

describe('platforms (containerd normalisation)', () => {
	it.each([
		['linux/amd64', 'linux/amd64'],
		['linux/x86_64', 'linux/amd64'],
		['linux/arm64/v8', 'linux/arm64'],
		['linux/aarch64', 'linux/arm64'],
		['linux/arm', 'linux/arm/v7'],
		['linux/armhf', 'linux/arm/v7'],
		['linux/armel', 'linux/arm/v6'],
		['linux/arm/7', 'linux/arm/v7'],
		['arm64', 'linux/arm64'],
		['LINUX/AMD64', 'linux/amd64'],
		['linux/i386', 'linux/386'],
		['windows/amd64', 'windows/amd64'],
		['macos/arm64', 'darwin/arm64'],
	])('%s is %s', (input, want) => {
		expect(formatPlatform(parsePlatform(input, amd64))).toBe(want);
	});

	it('an OS alone takes this machine\'s architecture', () => {
		expect(parsePlatform('linux', {os: 'linux', architecture: 'arm64'})).toEqual({os: 'linux', architecture: 'arm64'});
	});

	it.each(['', 'linux/', 'a/b/c/d', 'linux/amd 64', 'plan10/amd64'])('%j is refused', (input) => {
		expect(() => parsePlatform(input, amd64)).toThrow(/invalid argument/);
	});

	it('matches after normalising both sides', () => {
		expect(matches(parsePlatform('linux/arm64/v8'), {os: 'linux', architecture: 'arm64'})).toBe(true);
		expect(matches(parsePlatform('linux/arm64'), {os: 'linux', architecture: 'arm64', variant: 'v8'})).toBe(true);
		expect(matches(parsePlatform('linux/arm/v7'), {os: 'linux', architecture: 'arm', variant: 'v6'})).toBe(false);
		expect(normalise({os: 'Linux', architecture: 'x86_64'})).toEqual(amd64);
	});

	it('arm64 falls back to arm/v8..v5, arm/v7 to v6 and v5, in that order', () => {
		const entries = [{platform: {os: 'linux', architecture: 'arm', variant: 'v6'}}, {platform: {os: 'linux', architecture: 'arm', variant: 'v7'}}];
		expect(bestMatch(parsePlatform('linux/arm64'), entries)?.platform.variant).toBe('v7');
		expect(bestMatch(parsePlatform('linux/arm/v7'), entries)?.platform.variant).toBe('v7');
		expect(bestMatch(parsePlatform('linux/arm/v6'), entries)?.platform.variant).toBe('v6');
		expect(bestMatch(parsePlatform('linux/amd64'), entries)).toBeUndefined();
	});

	it('the machine\'s platform in Go\'s names', () => {
		expect(hostPlatform('linux', 'x64')).toEqual(amd64);
		expect(hostPlatform('linux', 'arm64')).toEqual({os: 'linux', architecture: 'arm64'});
		expect(hostPlatform('linux', 'arm', '6')).toEqual({os: 'linux', architecture: 'arm', variant: 'v6'});
		expect(hostPlatform('win32', 'x64')).toEqual({os: 'windows', architecture: 'amd64'});
	});
});

describe('manifests and indexes', () => {
	it('reads the registry\'s Docker manifest (captured)', () => {
		const m = parseManifest(fixture('app-manifest.json'), 'application/vnd.docker.distribution.manifest.v2+json');
		expect(m.kind).toBe('manifest');
		if (m.kind !== 'manifest') return;
		expect(m.layers).toHaveLength(5);
		expect(m.config.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
	});

	it('reads an OCI manifest with zstd layers (captured)', () => {
		const m = parseManifest(fixture('zstd-manifest.json'));
		expect(m.kind === 'manifest' && m.layers.every((l) => l.mediaType === 'application/vnd.oci.image.layer.v1.tar+zstd')).toBe(true);
	});

	it('an index: images for a platform, attestations labelled, never offered', () => {
		const index = parseManifest(fixture('buildkit-index.json'));
		if (index.kind !== 'index') throw new Error('not an index');
		expect(index.manifests.map((m) => [m.platformName, m.role])).toEqual([
			['linux/amd64', 'image'],
			['linux/arm64/v8', 'image'],
			['linux/arm/v7', 'image'],
			['unknown/unknown', 'attestation'],
		]);
		expect(imageEntries(index)).toHaveLength(3);
		expect(choosePlatform(index, parsePlatform('linux/arm64')).digest).toMatch(/^sha256:2/);
		expect(choosePlatform(index, parsePlatform('linux/arm/v7')).digest).toMatch(/^sha256:3/);
		expect(() => choosePlatform(index, parsePlatform('linux/s390x'))).toThrow('no matching manifest for linux/s390x in the manifest list entries (it has: linux/amd64, linux/arm64/v8, linux/arm/v7)');
	});

	it('refuses what is not a manifest, saying why', () => {
		const bad = (doc: unknown, type?: string) => () => parseManifest(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)), type);
		expect(bad('<html>')).toThrow(ManifestError);
		expect(bad('<html>')).toThrow(/not JSON/);
		expect(bad({schemaVersion: 1, name: 'x'}, 'application/vnd.docker.distribution.manifest.v1+prettyjws')).toThrow(/schema 1/);
		expect(bad({schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {mediaType: 'x', digest: 'sha256:abc', size: 1}, layers: []})).toThrow('config has an invalid digest');
		expect(bad({schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {mediaType: 'x', digest: `sha256:${'a'.repeat(64)}`, size: -1}, layers: []})).toThrow('config has an invalid size');
		expect(bad({schemaVersion: 2, mediaType: 'text/plain'})).toThrow(/unsupported manifest media type/);
	});

	it('checks digests, naming what did not match', () => {
		const bytes = Buffer.from('{}');
		const good = digestOf(bytes);
		expect(good).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
		expect(() => verifyDigest(bytes, good, 'manifest')).not.toThrow();
		expect(() => verifyDigest(Buffer.from('{ }'), good, 'layer 2')).toThrow(`layer 2: digest mismatch: expected ${good}`);
	});
});

describe('WWW-Authenticate and Link', () => {
	it('parses Bearer and Basic challenges, quoted values and several challenges', () => {
		expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"')).toEqual([
			{scheme: 'bearer', params: {realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull'}},
		]);
		expect(parseChallenges('Basic realm="imgscope-basic"')).toEqual([{scheme: 'basic', params: {realm: 'imgscope-basic'}}]);
		expect(parseChallenges('Basic realm="a, b", Bearer realm=x,error="invalid_token"')).toEqual([
			{scheme: 'basic', params: {realm: 'a, b'}},
			{scheme: 'bearer', params: {realm: 'x', error: 'invalid_token'}},
		]);
		expect(parseChallenges('Bearer realm="say \\"hi\\""')[0].params.realm).toBe('say "hi"');
		expect(parseChallenges('')).toEqual([]);
	});

	it('finds the next page in a Link header', () => {
		expect(nextLink('</v2/x/tags/list?n=2&last=b>; rel="next"')).toBe('/v2/x/tags/list?n=2&last=b');
		expect(nextLink('<https://a/prev>; rel="prev", </next?x=1>; rel=next')).toBe('/next?x=1');
		expect(nextLink(undefined)).toBeUndefined();
		expect(nextLink('</a>; rel="prev"')).toBeUndefined();
	});
});

describe('remote references', () => {
	it('uses docker\'s grammar and normalisation', () => {
		expect(parseRemote('alpine').fullName).toBe('docker.io/library/alpine:latest');
		expect(parseRemote('alpine').host).toBe('registry-1.docker.io');
		const r = parseRemote('127.0.0.1:5000/registry-test/app:1');
		expect([r.host, r.ref.path, r.target, r.fullName]).toEqual(['127.0.0.1:5000', 'registry-test/app', '1', '127.0.0.1:5000/registry-test/app:1']);
		const d = parseRemote(`localhost:5000/x@sha256:${'a'.repeat(64)}`);
		expect(d.target).toBe(`sha256:${'a'.repeat(64)}`);
		expect(() => parseRemote('UPPER/case')).not.toThrow(); // UPPER is a registry host there
		expect(() => parseRemote('a/UPPER')).toThrow(/lowercase/);
		expect(() => parseRepository('x/y:1')).toThrow(/repository is wanted/);
	});

	it('knows which references name a registry host', () => {
		expect(namesRegistry('127.0.0.1:5000/x')).toBe(true);
		expect(namesRegistry('localhost/x')).toBe(true);
		expect(namesRegistry('ghcr.io/a/b:1')).toBe(true);
		expect(namesRegistry('fixture/app:1')).toBe(false);
		expect(namesRegistry('alpine')).toBe(false);
	});

	it('allows plain HTTP only on loopback or for --insecure-registry', () => {
		expect(plainHttpAllowed('localhost:5000')).toBe(true);
		expect(plainHttpAllowed('127.0.0.1:5000')).toBe(true);
		expect(plainHttpAllowed('127.8.9.10')).toBe(true);
		expect(plainHttpAllowed('[::1]:5000')).toBe(true);
		expect(plainHttpAllowed('registry.example:5000')).toBe(false);
		expect(plainHttpAllowed('10.0.0.1:5000')).toBe(false);
		expect(plainHttpAllowed('10.0.0.1:5000', ['10.0.0.1:5000'])).toBe(true);
	});
});

describe('docker manifest inspect rendering', () => {
	it('encodes strings as Go does (HTML escaped)', () => {
		expect(goString('a<b>&"\\\n\u0001\u2028')).toBe('"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\u0001\\u2028"');
		expect(goCompact('{ "a" : "<x>" ,\n "b": [1, 2] }')).toBe('{"a":"\\u003cx\\u003e","b":[1,2]}');
	});

	it('rebuilds a list with the first child\'s kind deciding its media type', () => {
		const child = {ref: 'h/x@sha256:1', mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 10, raw: Buffer.from('{}'), platform: {architecture: 'arm64', os: 'linux', variant: 'v8'}};
		const out = inspectList([child]);
		expect(out).toContain('"mediaType": "application/vnd.oci.image.index.v1+json"');
		expect(out).toContain('            "variant": "v8"\n');
		expect(out.endsWith('}\n')).toBe(true);
	});

	it('reads the platform from a config as Go\'s Unmarshal would', () => {
		expect(platformFromConfig({architecture: 'amd64', os: 'linux', Variant: 'v2', 'os.version': '10'})).toEqual({architecture: 'amd64', os: 'linux', variant: 'v2', 'os.version': '10'});
	});
});

describe('docker\'s layer size', () => {
	it('adds files and symlink lengths; directories, whiteouts and hard links add nothing', () => {
		const e = (type: 'file' | 'dir' | 'symlink' | 'hardlink', size: number, linkTarget?: string) => ({path: 'p', type, size, mode: 0, uid: 0, gid: 0, linkTarget});
		expect(dockerLayerSize([e('file', 100), e('dir', 0), e('symlink', 0, 'busybox'), e('hardlink', 0, 'p'), e('file', 0)])).toBe(107);
	});
});

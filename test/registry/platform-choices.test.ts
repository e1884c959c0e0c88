/**
 * The platform chooser's rows (registry/platform-choices.ts): every index
 * entry, images with their os.version and variant where set and their
 * stored size (layers + config, compressed), attestations and artifacts
 * listed as what they are.
 */
import {describe, expect, it} from 'vitest';
import {parseManifest, type ImageManifest} from '../../source/registry/manifest.js';
import {choiceLabel, platformChoices, singleChoice, storedSize} from '../../source/registry/platform-choices.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const manifest = (config: number, ...layers: number[]): ImageManifest => ({
	kind: 'manifest',
	mediaType: 'application/vnd.oci.image.manifest.v1+json',
	config: {mediaType: 'application/vnd.oci.image.config.v1+json', digest: d(9), size: config},
	layers: layers.map((size, i) => ({mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(i + 1), size})),
});

const index = parseManifest(
	Buffer.from(
		JSON.stringify({
			schemaVersion: 2,
			mediaType: 'application/vnd.oci.image.index.v1+json',
			manifests: [
				{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d(1), size: 500, platform: {os: 'linux', architecture: 'amd64'}},
				{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d(2), size: 500, platform: {os: 'linux', architecture: 'arm', variant: 'v7'}},
				{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d(3), size: 500, platform: {os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5458'}},
				{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d(4), size: 500, platform: {os: 'unknown', architecture: 'unknown'}, annotations: {'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': d(1)}},
				{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d(5), size: 500, platform: {os: 'linux', architecture: 's390x'}},
			],
		}),
	),
);

describe('the platform chooser', () => {
	it('lists every entry: sizes are the layers and the config, compressed; os.version where set; attestations not offered', () => {
		if (index.kind !== 'index') throw new Error('not an index');
		// The s390x manifest could not be read: no size for it, said so.
		const children = new Map([[d(1), manifest(1000, 2_000_000, 300)], [d(2), manifest(900, 1_500_000)], [d(3), manifest(1200, 100_000_000)]]);
		const choices = platformChoices(index, children);
		expect(choices.map((c) => [c.name, c.role, c.size])).toEqual([
			['linux/amd64', 'image', 2_001_300],
			['linux/arm/v7', 'image', 1_500_900],
			['windows/amd64', 'image', 100_001_200],
			['unknown/unknown', 'attestation', undefined],
			['linux/s390x', 'image', undefined],
		]);
		expect(choices.map(choiceLabel)).toEqual([
			'linux/amd64  2MB compressed (layers + config)',
			'linux/arm/v7  1.5MB compressed (layers + config)',
			'windows/amd64  os.version 10.0.17763.5458  100MB compressed (layers + config)',
			`unknown/unknown  attestation manifest ${d(4).slice(7, 19)} (not a platform)`,
			'linux/s390x  size unknown',
		]);
	});

	it('a lone manifest is one choice, its variant from the config', () => {
		const m = manifest(10, 20, 30);
		expect(storedSize(m)).toBe(60);
		const one = singleChoice('linux/arm64', d(7), m, {variant: 'v8', 'os.version': ''});
		expect(one).toEqual({name: 'linux/arm64', role: 'image', digest: d(7), variant: 'v8', size: 60});
		expect(choiceLabel(one)).toBe('linux/arm64  variant v8  60B compressed (layers + config)');
	});
});

/**
 * What `docker save` writes with the containerd image store (Docker 29's
 * default): an OCI layout (oci-layout, index.json, blobs/sha256/…) whose
 * index.json points at the image's index of two platforms plus a BuildKit
 * attestation manifest (unknown/unknown, an in-toto JSON layer that is not a
 * tar), and docker's manifest.json beside it naming this machine's platform.
 * Built here, in the shapes those exports have (docker 20.10 here has no
 * containerd store to make one).
 */
import {type Layer, type TarItem, configFor, layer, packTar, sha256} from './helpers.js';

export const thisArch = process.arch === 'arm64' ? 'arm64' : 'amd64';
export const otherArch = thisArch === 'amd64' ? 'arm64' : 'amd64';

export interface ContainerdExport {
	tar: Buffer;
	/** The layers of each platform's image. */
	layers: Record<string, Layer[]>;
}

export async function containerdExport(options: {manifestJson: boolean}): Promise<ContainerdExport> {
	const blobs: TarItem[] = [];
	const blob = (data: string | Buffer) => {
		const b = typeof data === 'string' ? Buffer.from(data) : data;
		blobs.push({name: `blobs/sha256/${sha256(b)}`, data: b});
		return {digest: `sha256:${sha256(b)}`, size: b.length};
	};
	const layers: Record<string, Layer[]> = {};
	const manifests: object[] = [];
	const platformImages: Record<string, {config: string; layers: string[]}> = {};
	for (const arch of ['amd64', 'arm64']) {
		const ls = [await layer([{name: 'etc/os', data: 'base'}], 'gzip'), await layer([{name: `bin/${arch}`, data: arch.repeat(10)}], 'gzip')];
		layers[arch] = ls;
		const config = configFor(ls, {architecture: arch, history: [{created_by: 'ADD base /'}, {created_by: `COPY ${arch} /bin/`}]});
		const c = blob(config);
		const manifest = JSON.stringify({
			schemaVersion: 2,
			mediaType: 'application/vnd.oci.image.manifest.v1+json',
			config: {mediaType: 'application/vnd.oci.image.config.v1+json', ...c},
			layers: ls.map(l => ({mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...blob(l.blob)})),
		});
		manifests.push({mediaType: 'application/vnd.oci.image.manifest.v1+json', ...blob(manifest), platform: {architecture: arch, os: 'linux'}});
		platformImages[arch] = {config: c.digest, layers: ls.map(l => `sha256:${sha256(l.blob)}`)};
	}
	// The attestation: its "layer" is an in-toto statement, JSON, not a tar.
	const statement = blob(JSON.stringify({_type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://spdx.dev/Document'}));
	const attConfig = blob('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}');
	const attestation = JSON.stringify({
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', ...attConfig},
		layers: [{mediaType: 'application/vnd.in-toto+json', ...statement, annotations: {'in-toto.io/predicate-type': 'https://spdx.dev/Document'}}],
	});
	const first = manifests[0] as {digest: string};
	manifests.push({
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		...blob(attestation),
		platform: {architecture: 'unknown', os: 'unknown'},
		annotations: {'vnd.docker.reference.digest': first.digest, 'vnd.docker.reference.type': 'attestation-manifest'},
	});
	const imageIndex = JSON.stringify({schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests});
	const ii = blob(imageIndex);
	const index = JSON.stringify({
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.index.v1+json',
		manifests: [{mediaType: 'application/vnd.oci.image.index.v1+json', ...ii, annotations: {'io.containerd.image.name': 'docker.io/library/multi:1', 'org.opencontainers.image.ref.name': '1'}}],
	});
	const items: TarItem[] = [{name: 'blobs/', type: 'directory'}, {name: 'blobs/sha256/', type: 'directory'}, ...blobs.reverse()];
	items.push({name: 'index.json', data: index});
	if (options.manifestJson) {
		const own = platformImages[thisArch];
		const path = (d: string) => `blobs/sha256/${d.slice('sha256:'.length)}`;
		items.push({name: 'manifest.json', data: JSON.stringify([{Config: path(own.config), RepoTags: ['multi:1'], Layers: own.layers.map(path)}])});
	}
	items.push({name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}'});
	return {tar: await packTar(items), layers};
}

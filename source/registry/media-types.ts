/**
 * The manifest and index media types a registry serves (Docker v2 schema 2,
 * the Docker manifest list, OCI image manifest and index) and what each
 * means to us. Pure.
 */

export const dockerManifest = 'application/vnd.docker.distribution.manifest.v2+json';
export const dockerManifestList = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
export const ociIndex = 'application/vnd.oci.image.index.v1+json';
export const dockerSchema1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const dockerSchema1Signed = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
export const dockerConfig = 'application/vnd.docker.container.image.v1+json';
export const ociConfig = 'application/vnd.oci.image.config.v1+json';

/** The Accept header for a manifest GET: every kind we read, as docker's client sends them. */
export const manifestAccept = [dockerManifest, dockerManifestList, ociManifest, ociIndex].join(', ');

export type ManifestKind = 'manifest' | 'index' | 'schema1' | 'unknown';

export function kindOf(mediaType: string | undefined): ManifestKind {
	switch (mediaType) {
		case dockerManifest:
		case ociManifest:
			return 'manifest';
		case dockerManifestList:
		case ociIndex:
			return 'index';
		case dockerSchema1:
		case dockerSchema1Signed:
			return 'schema1';
		default:
			return 'unknown';
	}
}

/** Layer media types that are image layers (compressed or not); others (foreign, artifacts) are named as such. */
export function isLayerType(mediaType: string | undefined): boolean {
	if (!mediaType) return false;
	return /^application\/vnd\.(docker\.image\.rootfs\.(foreign\.)?diff\.tar(\.gzip|\.zstd)?|oci\.image\.layer\.(nondistributable\.)?v1\.tar(\+gzip|\+zstd)?)$/.test(mediaType);
}

/** Short names for the TUI and tables. */
export function shortType(mediaType: string | undefined): string {
	switch (mediaType) {
		case dockerManifest:
			return 'docker manifest';
		case dockerManifestList:
			return 'docker manifest list';
		case ociManifest:
			return 'oci manifest';
		case ociIndex:
			return 'oci index';
		default:
			return mediaType ?? 'unknown';
	}
}

/**
 * Manifests and indexes as a registry serves them: parsed from their bytes,
 * checked (descriptors well formed, the bytes matching the digest they were
 * asked by or announced with), and an index's entries told apart: image
 * manifests for a platform, attestations (`vnd.docker.reference.type:
 * attestation-manifest`, or an unknown/unknown platform) and other
 * artifacts. Pure (sha256 is computation, not I/O).
 */
import {createHash} from 'node:crypto';
import {type ManifestKind, isLayerType, kindOf} from './media-types.js';
import {type Platform, bestMatch, formatPlatform, normalise} from './platform.js';

export interface Descriptor {
	mediaType: string;
	digest: string;
	size: number;
	urls?: string[];
	annotations?: Record<string, string>;
	platform?: Platform;
	artifactType?: string;
}

export interface ImageManifest {
	kind: 'manifest';
	mediaType: string;
	config: Descriptor;
	layers: Descriptor[];
	annotations?: Record<string, string>;
}

export interface IndexEntry extends Descriptor {
	/** 'image' for a runnable platform; the others are listed, never offered as platforms. */
	role: 'image' | 'attestation' | 'artifact';
	/** os/arch[/variant], or 'unknown/unknown'. */
	platformName: string;
}

export interface ImageIndex {
	kind: 'index';
	mediaType: string;
	manifests: IndexEntry[];
	annotations?: Record<string, string>;
}

export type Manifest = ImageManifest | ImageIndex;

export class ManifestError extends Error {}

const digestRe = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

export function isDigest(text: unknown): text is string {
	return typeof text === 'string' && digestRe.test(text);
}

/** The digest of bytes in the algorithm of `like` (sha256 unless it says sha512). */
export function digestOf(bytes: Uint8Array, like = 'sha256:'): string {
	const algorithm = like.startsWith('sha512:') ? 'sha512' : 'sha256';
	return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Throws unless the bytes hash to `expected` ("manifest", "config", "layer 3" say what it was). */
export function verifyDigest(bytes: Uint8Array, expected: string, what: string): void {
	const actual = digestOf(bytes, expected);
	if (actual !== expected) throw new ManifestError(`${what}: digest mismatch: expected ${expected}, got ${actual}`);
}

function descriptor(value: unknown, where: string): Descriptor {
	const d = value as Record<string, unknown>;
	if (!d || typeof d !== 'object' || Array.isArray(d)) throw new ManifestError(`${where} is not a descriptor`);
	if (typeof d.mediaType !== 'string' || d.mediaType === '') throw new ManifestError(`${where} has no mediaType`);
	if (!isDigest(d.digest)) throw new ManifestError(`${where} has an invalid digest ${JSON.stringify(String(d.digest)).slice(0, 90)}`);
	if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) throw new ManifestError(`${where} has an invalid size`);
	const out: Descriptor = {mediaType: d.mediaType, digest: d.digest, size: d.size};
	if (Array.isArray(d.urls)) out.urls = d.urls.filter((u): u is string => typeof u === 'string');
	if (d.annotations && typeof d.annotations === 'object') out.annotations = d.annotations as Record<string, string>;
	if (d.platform && typeof d.platform === 'object') out.platform = d.platform as Platform;
	if (typeof d.artifactType === 'string') out.artifactType = d.artifactType;
	return out;
}

/**
 * Parses a manifest or index. `contentType` is the registry's Content-Type;
 * the document's own mediaType wins when present (OCI makes it optional,
 * then the header or the shape decides).
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): Manifest {
	let doc: any;
	try {
		doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch (e) {
		throw new ManifestError(`the manifest is not JSON: ${(e as Error).message}`);
	}
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ManifestError('the manifest is not a JSON object');
	const header = contentType?.split(';')[0].trim();
	let mediaType: string | undefined = typeof doc.mediaType === 'string' ? doc.mediaType : undefined;
	let kind: ManifestKind = kindOf(mediaType);
	if (kind === 'unknown' && mediaType === undefined) {
		kind = kindOf(header);
		if (kind !== 'unknown') mediaType = header;
		else if (Array.isArray(doc.manifests)) [kind, mediaType] = ['index', 'application/vnd.oci.image.index.v1+json'];
		else if (doc.config && Array.isArray(doc.layers)) [kind, mediaType] = ['manifest', 'application/vnd.oci.image.manifest.v1+json'];
	}
	if (kind === 'schema1') throw new ManifestError('the manifest is Docker schema 1, which is not supported (docker removed it too)');
	if (kind === 'unknown') throw new ManifestError(`unsupported manifest media type ${JSON.stringify(mediaType ?? header ?? '')}`);
	if (doc.schemaVersion !== 2) throw new ManifestError(`unsupported manifest schemaVersion ${JSON.stringify(doc.schemaVersion)}`);
	if (kind === 'index') {
		if (!Array.isArray(doc.manifests)) throw new ManifestError('the index has no manifests list');
		const manifests = doc.manifests.map((m: unknown, i: number) => entry(descriptor(m, `manifests[${i}]`)));
		return {kind, mediaType: mediaType!, manifests, annotations: doc.annotations};
	}
	if (!Array.isArray(doc.layers)) throw new ManifestError('the manifest has no layers list');
	return {
		kind,
		mediaType: mediaType!,
		config: descriptor(doc.config, 'config'),
		layers: doc.layers.map((l: unknown, i: number) => descriptor(l, `layers[${i}]`)),
		annotations: doc.annotations,
	};
}

function entry(d: Descriptor): IndexEntry {
	const platformName = d.platform ? formatPlatform(d.platform) : 'unknown/unknown';
	let role: IndexEntry['role'] = 'image';
	if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') role = 'attestation';
	else if (kindOf(d.mediaType) === 'unknown' || d.artifactType) role = 'artifact';
	else if (!d.platform || platformName === 'unknown/unknown') role = 'attestation';
	return {...d, role, platformName};
}

/** The entries that are images for a platform (what a platform switch offers). */
export function imageEntries(index: ImageIndex): IndexEntry[] {
	return index.manifests.filter(m => m.role === 'image');
}

/** The entry for `wanted` (containerd's matching), or a message naming the platforms there are. */
export function choosePlatform(index: ImageIndex, wanted: Platform): IndexEntry {
	const images = imageEntries(index);
	const hit = bestMatch(wanted, images);
	if (hit) return hit;
	const have = images.map(m => m.platformName).join(', ') || 'none';
	throw new ManifestError(`no matching manifest for ${formatPlatform(normalise(wanted))} in the manifest list entries (it has: ${have})`);
}

/** Layers that are not image layers (foreign or unknown types) get named, not silently read. */
export function oddLayers(manifest: ImageManifest): number[] {
	return manifest.layers.flatMap((l, i) => (isLayerType(l.mediaType) ? [] : [i]));
}

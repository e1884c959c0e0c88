/**
 * Which blobs make up the image, in which order. Layer order always comes from
 * the manifest (legacy manifest.json `Layers`, or OCI index -> manifest ->
 * layers), never from the order blobs appear in the archive: dive takes OCI
 * layers in tar order and gets them shuffled.
 */
import {normalisePath, dirName, joinPath} from '../../layers/paths.js';
import {ArchiveError} from './errors.js';

export interface Layout {
	format: 'docker' | 'oci';
	configPath: string;
	layerPaths: string[];
	repoTags: string[];
}

export interface LayoutOptions {
	/** Which image of a multi-image archive: a RepoTag / ref name, or an index. Default: the first. */
	image?: string | number;
	/** `os/arch[/variant]` for an OCI index with several platforms. Default: this machine's, else linux/amd64, else the first. */
	platform?: string;
}

type JsonLookup = (path: string) => unknown | undefined;

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

export function blobPathOf(digest: unknown): string {
	const m = typeof digest === 'string' ? /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest) : null;
	if (!m) throw new ArchiveError(`invalid digest ${JSON.stringify(String(digest).slice(0, 80))}`, 'bad-archive');
	return `blobs/${m[1]}/${m[2]}`;
}

export function resolveLayout(json: JsonLookup, has: (path: string) => boolean, options: LayoutOptions = {}): Layout {
	if (has('manifest.json')) return legacy(json('manifest.json'), options);
	if (has('index.json')) return oci(json, options);
	throw new ArchiveError('not an image archive: neither manifest.json nor index.json found', 'bad-archive');
}

function legacy(manifest: unknown, options: LayoutOptions): Layout {
	if (!Array.isArray(manifest) || manifest.length === 0) throw new ArchiveError('manifest.json lists no image', 'no-image');
	let item: any;
	if (typeof options.image === 'number') item = manifest[options.image];
	else if (typeof options.image === 'string') item = manifest.find((m: any) => Array.isArray(m?.RepoTags) && m.RepoTags.includes(options.image));
	else item = manifest[0];
	if (!item) throw new ArchiveError(`image ${JSON.stringify(options.image)} is not in this archive`, 'no-image');
	if (typeof item.Config !== 'string' || !Array.isArray(item.Layers)) throw new ArchiveError('manifest.json: an entry lacks Config or Layers', 'bad-json');
	return {
		format: 'docker',
		configPath: normalisePath(item.Config).path,
		layerPaths: item.Layers.map((l: unknown) => {
			if (typeof l !== 'string') throw new ArchiveError('manifest.json: a layer path is not a string', 'bad-json');
			return normalisePath(l).path;
		}),
		repoTags: Array.isArray(item.RepoTags) ? item.RepoTags.filter((t: unknown) => typeof t === 'string') : [],
	};
}

function refName(desc: any): string | undefined {
	const a = desc?.annotations;
	return a?.['io.containerd.image.name'] ?? a?.['org.opencontainers.image.ref.name'];
}

function oci(json: JsonLookup, options: LayoutOptions): Layout {
	const index: any = json('index.json');
	if (!Array.isArray(index?.manifests) || index.manifests.length === 0) throw new ArchiveError('index.json lists no manifest', 'no-image');
	let candidates: any[] = index.manifests;
	if (typeof options.image === 'number') candidates = [candidates[options.image]].filter(Boolean);
	else if (typeof options.image === 'string') candidates = candidates.filter(d => refName(d) === options.image || refName(d)?.endsWith(`:${options.image}`));
	if (candidates.length === 0) throw new ArchiveError(`image ${JSON.stringify(options.image)} is not in this archive`, 'no-image');
	const top = candidates[0];
	const repoTags = candidates.map(refName).filter((t): t is string => typeof t === 'string');
	let desc = top;
	// Nested indexes (multi-platform): pick one platform, a few levels at most.
	for (let depth = 0; INDEX_TYPES.has(desc?.mediaType); depth++) {
		if (depth > 4) throw new ArchiveError('index nesting too deep', 'bad-archive');
		const nested: any = json(blobPathOf(desc.digest));
		if (!Array.isArray(nested?.manifests)) throw new ArchiveError(`index ${desc.digest} is missing or has no manifests`, 'missing-blob');
		desc = pickPlatform(nested.manifests, options.platform);
	}
	const manifest: any = json(blobPathOf(desc?.digest));
	if (!manifest || !Array.isArray(manifest.layers) || !manifest.config) throw new ArchiveError(`manifest ${desc?.digest} is missing or is not an image manifest`, 'missing-blob');
	return {
		format: 'oci',
		configPath: blobPathOf(manifest.config.digest),
		layerPaths: manifest.layers.map((l: any) => blobPathOf(l?.digest)),
		repoTags,
	};
}

function pickPlatform(manifests: any[], wanted: string | undefined): any {
	const name = (d: any) => [d?.platform?.os, d?.platform?.architecture, d?.platform?.variant].filter(Boolean).join('/');
	// Attestation manifests (BuildKit) say unknown/unknown and vnd.docker.reference.type: never an image to show.
	const images = manifests.filter(d => name(d) !== 'unknown/unknown' && d?.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
	if (wanted) {
		const hit = images.find(d => name(d) === wanted || name(d).startsWith(`${wanted}/`));
		if (!hit) throw new ArchiveError(`no manifest for platform ${wanted} (have: ${images.map(name).join(', ')})`, 'no-image');
		return hit;
	}
	// This machine's platform, as docker picks it; then amd64, then the first.
	const own = `linux/${goArch[process.arch] ?? process.arch}`;
	return images.find(d => name(d) === own || name(d).startsWith(`${own}/`)) ?? images.find(d => name(d) === 'linux/amd64') ?? images[0] ?? manifests[0];
}

/** Node's process.arch in Go's GOARCH names (the OCI platform's). */
const goArch: Record<string, string> = {x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64'};

/** Legacy archives store a repeated layer as a symlink to the first copy; follow such aliases. */
export function resolveAlias(aliases: Map<string, string>, path: string): string {
	for (let i = 0; i < 16 && aliases.has(path); i++) path = aliases.get(path)!;
	return path;
}

export function aliasTarget(linkPath: string, target: string, hard: boolean): string {
	return normalisePath(hard ? target : joinPath(dirName(linkPath), target)).path;
}

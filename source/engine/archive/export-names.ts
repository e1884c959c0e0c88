/**
 * Which RootFS position a layer blob of an export holds, from its name alone,
 * before its bytes go by: what lets the reader skip the layers the caller
 * already knows (ReadOptions.knownLayers) and say which layer it is reading.
 *
 * - An OCI layout (docker 25+, containerd): an uncompressed layer's blob is
 *   named by its digest, which is its diff_id: `blobs/sha256/<diff_id hex>`.
 * - A legacy `docker save` (docker up to 24): `<v1 id>/layer.tar`, in the
 *   order of the v1 ids (the manifest, which says which is which, comes
 *   last). Below the top layer the v1 id is a function of the diff_ids
 *   alone (moby image/tarexport/save.go, image/v1.CreateID): the sha256 of
 *   `{"container_config":<an empty container config>,"created":"1970-01-01T00:00:00Z","layer_id":"<chain id>","parent":"sha256:<v1 id below>"}`.
 *   The top layer's v1 id hashes the image's config too; its `<v1 id>/json`
 *   (which comes before its layer.tar) names the v1 id below as its parent.
 *
 * A name that matches nothing here is no position: that layer is read. The
 * reader checks every answer against the manifest at the end
 * (read.ts assemble), so a wrong one costs a read again, never a wrong layer.
 */
import {createHash} from 'node:crypto';

/** container.Config{} as docker 20.10-24 marshal it (the v1 JSON of every layer below the top). */
const emptyContainerConfig =
	'{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null}';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const hex64 = /^[0-9a-f]{64}$/;
const legacyLayer = /^([0-9a-f]{64})\/layer\.tar$/;
const ociBlob = /^blobs\/sha256\/([0-9a-f]{64})$/;

/** The v1 ids a legacy `docker save` gives the layers below the top, bottom first (hex). */
export function legacyLayerIds(diffIds: readonly string[]): string[] {
	const ids: string[] = [];
	let chain = '';
	let parent = '';
	for (let i = 0; i < diffIds.length - 1; i++) {
		chain = i === 0 ? diffIds[0] : `sha256:${sha256(`${chain} ${diffIds[i]}`)}`;
		parent = sha256(`{"container_config":${emptyContainerConfig},"created":"1970-01-01T00:00:00Z","layer_id":"${chain}"${parent ? `,"parent":"sha256:${parent}"` : ''}}`);
		ids.push(parent);
	}
	return ids;
}

export class ExportNames {
	private readonly legacy = new Map<string, number>();
	private readonly below: string | undefined;

	/** `diffIds`: RootFS.Layers of the image exported. */
	constructor(readonly diffIds: readonly string[]) {
		if (!diffIds.every((d) => /^sha256:[0-9a-f]{64}$/.test(d))) return;
		const ids = legacyLayerIds(diffIds);
		ids.forEach((id, i) => this.legacy.set(id, i));
		this.below = ids.at(-1);
	}

	/** Whether `<dir>/json` is worth keeping: the top layer's tells its parent. */
	wantsJson(path: string): boolean {
		const slash = path.indexOf('/');
		return this.diffIds.length > 0 && slash === 64 && path.slice(65) === 'json' && hex64.test(path.slice(0, 64));
	}

	/**
	 * The 0-based RootFS position of the blob at `path`, or undefined. `json` gives a document kept
	 * so far (for the top layer's `<v1 id>/json`).
	 */
	position(path: string, json: (path: string) => Buffer | undefined): number | undefined {
		const oci = ociBlob.exec(path);
		if (oci) {
			const i = this.diffIds.indexOf(`sha256:${oci[1]}`);
			return i >= 0 ? i : undefined;
		}
		const m = legacyLayer.exec(path);
		if (!m || this.diffIds.length === 0) return undefined;
		const known = this.legacy.get(m[1]);
		if (known !== undefined) return known;
		const raw = json(`${m[1]}/json`);
		if (!raw) return undefined;
		let v1: unknown;
		try {
			v1 = JSON.parse(raw.toString('utf8'));
		} catch {
			return undefined;
		}
		if (typeof v1 !== 'object' || v1 === null || (v1 as {id?: unknown}).id !== m[1]) return undefined;
		const parent = (v1 as {parent?: unknown}).parent;
		if (this.below === undefined ? parent === undefined : parent === this.below) return this.diffIds.length - 1;
		return undefined;
	}
}

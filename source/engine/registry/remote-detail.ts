/**
 * What the image screens and `layers` / `history` show for a remote image,
 * built as the engine would build it after a pull: the inspect document from
 * the config (RepoTags the reference, RepoDigests repository@manifest digest,
 * Size the layers' sizes), the history API's answer from the config's
 * history, and the config-exact layer pairing. The layer sizes are docker's
 * (layer-size.ts) when the blobs were read, else the compressed sizes the
 * manifest gives (said so by `sizes: 'compressed'`).
 */
import {makeImage} from '../archive-engine.js';
import type {ImageArchive} from '../archive/read.js';
import type {ImageDetail} from '../image-detail.js';
import {pairHistory, stepsFromConfig, stepsFromHistoryApi} from '../../layers/history.js';
import {dockerLayerSize} from '../../registry/layer-size.js';
import type {RemoteImage} from './remote-image.js';

export interface RemoteDetail extends ImageDetail {
	sizes: 'docker' | 'compressed';
	/** Compressed size per layer, from the manifest. */
	compressed: number[];
	/** The layer blobs' digests, in manifest order. */
	blobDigests: string[];
}

export function remoteDetail(image: RemoteImage, read?: ImageArchive): RemoteDetail {
	const compressed = image.manifest.layers.map((l) => l.size);
	const layerBytes = read ? read.layers.map((l) => dockerLayerSize(l.entries)) : compressed;
	const ref = image.reference.ref;
	const id = image.manifest.config.digest;
	const made = makeImage(id, 0, [ref.reference], image.config, layerBytes);
	const value = {...made.inspect.value, RepoDigests: [`${ref.repository}@${image.top.digest}`]};
	const inspect = {raw: JSON.stringify(value), value};
	const steps = stepsFromConfig(Array.isArray(image.config.history) ? image.config.history : [], stepsFromHistoryApi(made.history));
	const diffIds: string[] = inspect.value.RootFS?.Layers ?? [];
	const history = made.history;
	return {ref: ref.reference, inspect, history, steps, pairing: pairHistory(steps, diffIds), pairingSource: 'config', sizes: read ? 'docker' : 'compressed', compressed, blobDigests: image.manifest.layers.map((l) => l.digest)};
}

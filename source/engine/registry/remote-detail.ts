/**
 * What the image screens and `layers` / `history` show for a remote image,
 * built as the engine would build it after a pull: the inspect document from
 * the config (RepoTags the reference, RepoDigests repository@manifest digest,
 * Size the layers' sizes), the history API's answer from the config's
 * history, and the config-exact layer pairing. The layer sizes are docker's
 * (layer-size.ts) when the blobs were read, else the compressed sizes the
 * manifest gives (said so by `remote.sizes: 'compressed'`); `remote.documents`
 * are the manifest and index as docker's commands print them.
 */
import {makeImage} from '../archive-engine.js';
import type {ImageArchive} from '../archive/read.js';
import type {ImageDetail, RemoteFacts} from '../image-detail.js';
import {pairHistory, stepsFromConfig, stepsFromHistoryApi} from '../../layers/history.js';
import {daemonContainerConfig} from '../../registry/container-config.js';
import {dockerLayerSize} from '../../registry/layer-size.js';
import {rawDocuments} from '../../registry/raw-documents.js';
import type {RemoteImage} from './remote-image.js';

export interface RemoteDetail extends ImageDetail {
	remote: RemoteFacts;
}

/** `read`: the layers read (or docker's size of each, kept from an earlier read); none: the compressed sizes stand in. */
export function remoteDetail(image: RemoteImage, read?: ImageArchive | readonly number[]): RemoteDetail {
	const compressed = image.manifest.layers.map((l) => l.size);
	const layerBytes = read ? ('layers' in read ? read.layers.map((l) => dockerLayerSize(l.entries)) : [...read]) : compressed;
	const ref = image.reference.ref;
	const id = image.manifest.config.digest;
	const made = makeImage(id, 0, [ref.reference], image.config, layerBytes);
	// As the daemon shows a pulled image: its RepoDigests, both configs in full, VirtualSize (20.10) after Size.
	const doc: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(made.inspect.value as Record<string, unknown>)) {
		if (key === 'Metadata') continue;
		if (key === 'Config') {
			if (!('Container' in doc)) {
				doc.Container = typeof image.config.container === 'string' ? image.config.container : '';
				doc.ContainerConfig = daemonContainerConfig(image.config.container_config);
			}
		}
		doc[key] = key === 'RepoDigests' ? [`${ref.repository}@${image.top.digest}`] : key === 'Config' || key === 'ContainerConfig' ? daemonContainerConfig(v) : v;
		if (key === 'Size') doc.VirtualSize = v;
	}
	// The daemon (20.10 LookupImage): no comment in the config, then the last history entry's.
	const history = Array.isArray(image.config.history) ? image.config.history : [];
	if (doc.Comment === '' && history.length && typeof history[history.length - 1]?.comment === 'string') doc.Comment = history[history.length - 1].comment;
	doc.Metadata = {LastTagTime: '0001-01-01T00:00:00Z'};
	const value = doc as typeof made.inspect.value;
	const inspect = {raw: JSON.stringify(value), value};
	const steps = stepsFromConfig(Array.isArray(image.config.history) ? image.config.history : [], stepsFromHistoryApi(made.history));
	const diffIds: string[] = inspect.value.RootFS?.Layers ?? [];
	const documents = rawDocuments({
		repository: ref.repository,
		reference: ref.reference,
		manifest: {digest: image.manifestDoc.digest, raw: image.manifestDoc.raw},
		index: image.index ? {digest: image.top.digest, raw: image.top.raw} : undefined,
	});
	const remote: RemoteFacts = {sizes: read ? 'docker' : 'compressed', compressed, blobDigests: image.manifest.layers.map((l) => l.digest), documents};
	return {ref: ref.reference, inspect, history: made.history, steps, pairing: pairHistory(steps, diffIds), pairingSource: 'config', remote};
}

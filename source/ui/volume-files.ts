/**
 * A volume's files in the Files tab's tree (source/ui/files): the entries
 * read through the helper container become a one-layer model, shown as the
 * whole filesystem, on an explorer screen marked with the volume's name (it
 * has only the Files tab, Esc goes back to Volumes, x extracts the selected
 * file through the helper). One tree UI for images and volumes: search, sort,
 * filter, modes, owners, link targets, sizes are the tab's own.
 */
import type {LayerEntries} from '../layers/types.js';
import {buildImageModel} from '../layers/index.js';
import {pairHistory} from '../layers/history.js';
import type {FilesData} from './files/data.js';
import type {ImageScreen} from './model.js';
import {emptyFiles} from './files/reducer.js';

/** The Files tab's data for a volume's entries (one layer, nothing to pair). */
export function volumeFilesData(volume: string, files: LayerEntries): FilesData {
	const warnings = files.anomalyCount ? [`${files.anomalyCount} unusual path${files.anomalyCount === 1 ? '' : 's'} (${files.anomalies[0]?.kind})`] : [];
	return {imageId: `volume:${volume}`, model: buildImageModel([files]), layerCount: 1, blobPaths: [''], diffIds: [''], warnings, volume};
}

/** The explorer screen that shows it: on its Files tab, the whole filesystem, ready. */
export function volumeFilesScreen(volume: string, data: FilesData, inspectRaw = '{}'): ImageScreen {
	return {
		ref: volume,
		id: data.imageId,
		tab: 'files',
		cursor: {layers: 0, history: 0, inspect: 0},
		detail: {ref: volume, inspect: {raw: inspectRaw, value: {} as never}, history: [], steps: [], pairing: pairHistory([], ['']), pairingSource: 'config'},
		inspectLines: [],
		files: {...emptyFiles(), aggregate: true, load: {status: 'ready', data}},
		volume,
	};
}

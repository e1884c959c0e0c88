/**
 * `f` in Volumes: read the volume's entries through the helper container
 * (progress in bytes; Esc stops it and the helper is removed), then show them
 * in the Files tab's tree (source/ui/volume-files.ts).
 */
import {readVolumeFiles} from '../../engine/volumes/files.js';
import {bytesSize} from '../../format/units.js';
import {visible} from '../../text/sanitize.js';
import {volumeFilesData, volumeFilesScreen} from '../volume-files.js';
import {shownError} from './common.js';
import {TaskRun} from './task-runner.js';
import type {ActionHandler} from './types.js';

export const volumeFilesAction: ActionHandler = async (request, context) => {
	const name = request.subject.name;
	const run = new TaskRun(context, request.overlayId);
	const line = (text: string) => run.update((s) => ({...s, body: {type: 'log', lines: [text]}}));
	try {
		const files = await readVolumeFiles(context.engine, name, {signal: run.signal, onProgress: (bytes) => line(`Reading ${visible(name)} through a helper container… ${bytesSize(bytes)}`)});
		if (run.stopped) return run.end();
		const screen = volumeFilesScreen(name, volumeFilesData(name, files));
		run.end();
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'openVolumeFiles', screen});
	} catch (error) {
		if (run.stopped) return run.end();
		run.finish((s) => ({...s, status: 'failed', error: shownError(error)}));
	}
};

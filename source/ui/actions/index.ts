/** Every action the forms and confirmations can submit, by the name the overlay carries. */
import {build} from './build.js';
import {commit} from './commit.js';
import {exec, inspectContainer, restart, start} from './container-life.js';
import {logs, removeContainerAction, stop} from './container-ops.js';
import {extract} from './extract.js';
import {pruneBuildCacheAction, pruneContainersAction, pruneDangling, pruneUnused} from './prune.js';
import {pruneBuildCacheOlderForm, pruneBuildCacheUntil} from './prune-cache-older.js';
import {removeImageAction} from './remove-image.js';
import {run} from './run.js';
import {tag} from './tag.js';
import {openRemote} from './remote.js';
import {pull, push} from './transfer.js';
import type {ActionHandler} from './types.js';
import {volumeFilesAction} from './volume-files.js';
import {createVolumeAction, exportVolumeAction, extractVolumeFileAction, importVolumeAction, inspectVolumeAction, pruneVolumesAction, removeVolumeAction} from './volumes.js';

export const actionHandlers: Record<string, ActionHandler> = {
	tag,
	extract,
	run,
	push,
	pull,
	removeImage: removeImageAction,
	build,
	commit,
	logs,
	stop,
	removeContainer: removeContainerAction,
	start,
	restart,
	exec,
	inspectContainer,
	inspectVolume: inspectVolumeAction,
	volumeFiles: volumeFilesAction,
	extractVolumeFile: extractVolumeFileAction,
	exportVolume: exportVolumeAction,
	importVolume: importVolumeAction,
	createVolume: createVolumeAction,
	removeVolume: removeVolumeAction,
	pruneVolumes: pruneVolumesAction,
	pruneDangling,
	pruneUnused,
	pruneContainers: pruneContainersAction,
	pruneBuildCache: pruneBuildCacheAction,
	openRemote,
	pruneBuildCacheOlderForm,
	pruneBuildCacheUntil,
};

/** Volumes (issue 12): the calls, their files through a helper container, back up and restore. */
export * from './types.js';
export {apiAtLeast, createVolume, inspectVolume, isAnonymous, listVolumes, prunePlan, pruneVolumes, removeVolume, volumeSizes, volumeUsers, VolumeInUseError, type CreateVolumeSpec, type ListVolumesOptions, type PruneOptions, type PruneResult, type RemoveVolumeResult} from './volumes.js';
export {HELPER_IMAGE, HELPER_LABEL, HELPER_VALUE, removeHelpers, withHelper} from './helper.js';
export {extractVolumeFile, readVolumeFiles, type ExtractedFile, type VolumeFiles} from './files.js';
export {BackupError, checkTar, exportVolume, importVolume, refusal, type ExportResult, type ImportResult} from './backup.js';

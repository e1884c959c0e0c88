/** The engine side of the keyboard actions (issue 4); the forms validate with source/actions/ first. */
export {attachContainer, detachKeys, type AttachEnd, type AttachSession} from './attach.js';
export {buildImage, BuildError, type BuildOptions, type BuildResult} from './build.js';
export {commitContainer, removeContainer, runContainer, stopContainer, type CommitResult, type RunResult, type StopResult} from './containers.js';
export {credentialsFor, encodeAuthHeader, type AuthConfig, type CredentialOptions} from './credentials.js';
export {removeImage, tagImage, type RemoveImageRequest, type RemoveImageResult, type TagResult} from './images.js';
export {containerLogs, type LogChunk, type LogOptions} from './logs.js';
export {pullImage, pushImage, type PullResult, type TransferOptions, type TransferResult} from './transfer.js';
export {execSession, inspectContainerRaw, restartContainer, startContainer} from './container-life.js';

export {readImageArchive, type ArchiveSource, type ImageArchive, type ReadOptions, type ReadProgress} from './read.js';
export {extractFile, checkDestination, type ExtractOptions, type Extracted, type ReopenableSource} from './extract.js';
export {ArchiveError, defaultLimits, type ArchiveErrorCode, type Limits} from './errors.js';
export {detectCompression, type Compression} from './decompress.js';
export type {LayoutOptions} from './layout.js';

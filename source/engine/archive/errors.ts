export type ArchiveErrorCode =
	| 'bad-layer'
	| 'too-many-entries'
	| 'bad-archive'
	| 'missing-blob'
	| 'bad-json'
	| 'no-image'
	| 'extract-refused'
	| 'not-found'
	/** A blob passed unread as a known layer (ReadOptions.knownLayers) is another one by the manifest. */
	| 'known-layer-mismatch';

/** Every failure of the reader: a message that names the layer (blob path) when there is one. */
export class ArchiveError extends Error {
	constructor(
		message: string,
		readonly code: ArchiveErrorCode,
		readonly blobPath?: string,
		cause?: unknown,
	) {
		super(message, cause === undefined ? undefined : {cause});
		this.name = 'ArchiveError';
	}
}

export interface Limits {
	maxEntriesPerLayer: number;
	maxTotalEntries: number;
	/** A JSON document (manifest, index, config) larger than this is not read. */
	maxJsonBytes: number;
	/** All JSON-looking blobs kept while streaming, together. */
	maxTotalJsonBytes: number;
	maxAnomaliesPerLayer: number;
}

export const defaultLimits: Limits = {
	maxEntriesPerLayer: 1_000_000,
	maxTotalEntries: 2_000_000,
	maxJsonBytes: 16 << 20,
	maxTotalJsonBytes: 64 << 20,
	maxAnomaliesPerLayer: 100,
};

/**
 * `x` in the Files tab: the selected file of one layer, written to a path the
 * user typed, inside the current directory. The image's export is read again
 * (the reader never keeps contents); only the one layer's blob is looked
 * into. extractFile refuses a destination outside the directory (`..`,
 * absolute paths elsewhere, symlinked parents that lead out) and never
 * overwrites anything; its refusal is shown next to the field.
 */
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {ArchiveError, extractFile} from '../../engine/archive/index.js';
import {extractFromContainer} from '../../engine/archive/container-extract.js';
import type {Engine} from '../../engine/engine.js';
import {hasRawBytes} from '../../text/byte-names.js';
import {baseName} from '../../layers/paths.js';
import {visible, visibleName} from '../../text/sanitize.js';
import {safeFileName} from '../files/reducer.js';
import type {ActionHandler} from './types.js';

/** The export as a source extractFile can open again (a hard link needs a second read). */
function exported(engine: Engine, imageId: string, signal: AbortSignal): () => AsyncIterable<Uint8Array> {
	return () => ({
		async *[Symbol.asyncIterator]() {
			const stream = await engine.saveImage(imageId, signal);
			try {
				for await (const chunk of stream) yield chunk as Uint8Array;
			} finally {
				stream.destroy();
			}
		},
	});
}

async function isDirectory(p: string): Promise<boolean> {
	return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

export const extract: ActionHandler = async (request, context) => {
	const {imageId, layer, path: filePath, blobPath, final} = request.subject;
	const root = process.cwd();
	let name = request.values.dest.trim();
	// An empty field, or a directory (".", "out/"), receives the file under its own name.
	if (name === '' || name.endsWith('/') || (await isDirectory(path.resolve(root, name)))) name = path.join(name, safeFileName(baseName(filePath)));
	try {
		// A file of the final filesystem comes through a created container's archive API (no export),
		// unless its name is not UTF-8 (the API's path parameter cannot carry such bytes).
		if (final === '1' && context.source?.kind !== 'archive' && !hasRawBytes(filePath)) {
			const result = await extractFromContainer(context.engine, imageId, filePath, root, name, context.signal);
			context.dispatch({type: 'closeOverlay', id: request.overlayId});
			context.dispatch({type: 'notice', text: `Extracted ${visibleName(filePath)} from layer ${layer} to ${visibleName(result.path)} (${result.bytes} bytes)`});
			return;
		}
		// Reading an archive (no engine), or a file a later layer hides: the export, that one layer only.
		const archive = context.source?.kind === 'archive' ? await context.source.exportImage(imageId, context.signal) : undefined;
		const source = archive ? archive.source : exported(context.engine, imageId, context.signal);
		const result = await extractFile(source, Number(layer), filePath, root, name, {blobPath: blobPath || undefined, signal: context.signal, image: archive?.image});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.dispatch({type: 'notice', text: `Extracted ${visibleName(filePath)} from layer ${layer} to ${visibleName(result.path)} (${result.bytes} bytes)`});
	} catch (error) {
		if (context.signal.aborted) return;
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof ArchiveError && error.code === 'extract-refused') {
			context.dispatch({type: 'overlayFailed', id: request.overlayId, message, fieldErrors: {dest: visible(message)}});
			return;
		}
		context.dispatch({type: 'overlayFailed', id: request.overlayId, message: visible(message)});
	}
};

/**
 * Push and pull progress: the engine's JSON messages folded into one state
 * per transfer, a row per layer (in first-seen order, as docker's CLI draws
 * them) and the final digest. Immutable updates, so a React view can keep
 * the previous state and compare. Pure.
 */
import {type JsonMessage, messageError} from './json-stream.js';

/** The statuses the engine sends per layer; others (e.g. "Retrying in 5 seconds", "Mounted from x") pass through. */
export type LayerStatus =
	| 'Preparing'
	| 'Waiting'
	| 'Pushing'
	| 'Pushed'
	| 'Layer already exists'
	| 'Pulling fs layer'
	| 'Downloading'
	| 'Verifying Checksum'
	| 'Download complete'
	| 'Extracting'
	| 'Pull complete'
	| 'Already exists'
	| (string & {});

export interface LayerProgress {
	id: string;
	status: LayerStatus;
	/** Bytes so far and in all, while Pushing / Downloading / Extracting. */
	current?: number;
	total?: number;
	/** The status is final (Pushed, Layer already exists, Pull complete, Already exists, Mounted from ...). */
	done: boolean;
}

export interface TransferProgress {
	layers: readonly LayerProgress[];
	/** Lines without a layer: "The push refers to repository [...]", "Pulling from x", "Status: ...". */
	messages: readonly string[];
	/** The manifest digest (sha256:...) once the engine reports it. */
	digest?: string;
	/** The pushed manifest's size in bytes (push only). */
	size?: number;
	/** The engine's in-band error, once one arrives. */
	error?: string;
}

export const emptyProgress: TransferProgress = {layers: [], messages: []};

const finalStatuses = /^(Pushed|Layer already exists|Pull complete|Already exists|Mounted from .*)$/;
// "Pulling from fixture/app" carries the tag as its id: it is a heading, not a layer.
const headingStatuses = /^(Pulling from |Digest: |Status: |The push refers to )/;
const digestRe = /sha256:[a-f0-9]{64}/;

export function applyProgress(state: TransferProgress, message: JsonMessage): TransferProgress {
	const error = messageError(message);
	if (error) return {...state, error};
	const aux = message.aux as {Digest?: string; Size?: number} | undefined;
	if (aux?.Digest) return {...state, digest: aux.Digest, size: aux.Size ?? state.size};
	const status = message.status;
	if (!status) return state;
	if (!message.id || headingStatuses.test(status)) {
		// "Digest: sha256:..." (pull) and "TAG: digest: sha256:... size: N" (push) both name the digest.
		const found = /digest: (sha256:[a-f0-9]{64})/i.exec(status)?.[1] ?? (status.startsWith('Digest: ') ? digestRe.exec(status)?.[0] : undefined);
		const text = message.id ? `${message.id}: ${status}` : status;
		return {...state, messages: [...state.messages, text], digest: state.digest ?? found};
	}
	const detail = message.progressDetail;
	const layer: LayerProgress = {
		id: message.id,
		status,
		current: detail?.current,
		total: detail?.total && detail.total > 0 ? detail.total : undefined,
		done: finalStatuses.test(status),
	};
	const index = state.layers.findIndex((existing) => existing.id === message.id);
	const layers = index < 0 ? [...state.layers, layer] : state.layers.map((existing, i) => (i === index ? layer : existing));
	return {...state, layers};
}

/**
 * Pairs an image's history with its RootFS layers.
 *
 * The image config's history lists every Dockerfile step, oldest first; the
 * steps marked `empty_layer` changed only metadata, and each other step, in
 * order, made the next diff_id (even when it added 0 bytes). The engine's
 * history API drops the `empty_layer` flag, so when only that is at hand the
 * pairing is inferred: steps with bytes own a layer for certain, and the
 * remaining layers go to the zero-byte steps that look most like layer-making
 * ones. An inferred pairing says whether it was forced (exact) or a guess.
 */

export interface HistoryStep {
	/** Seconds since the epoch (history API) or an RFC 3339 text (config). */
	created?: number | string;
	createdBy: string;
	comment?: string;
	/** Bytes the step's layer adds, as the engine reports it. */
	size?: number;
	/** From the image config; undefined when only the history API was read. */
	emptyLayer?: boolean;
	/** The history API's image id for the step, or `<missing>`. */
	id?: string;
	tags?: string[] | null;
}

export interface LayerRow {
	index: number;
	diffId: string;
	size?: number;
	cumulativeSize?: number;
	/** Index into the steps (oldest first) of the step that made this layer. */
	stepIndex?: number;
	step?: HistoryStep;
}

export interface Pairing {
	layers: LayerRow[];
	/** For each step (oldest first), the layer it made, if any. */
	stepLayer: (number | undefined)[];
	/** True when the config's flags were used, or when the inference had one answer. */
	exact: boolean;
}

/** The diff_id of an empty tar: a layer that changed nothing. */
export const emptyLayerDiffId = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

export function pairHistory(steps: HistoryStep[], diffIds: string[]): Pairing {
	const known = steps.length > 0 && steps.every((step) => step.emptyLayer !== undefined);
	const {owners, exact} = known ? ownersFromFlags(steps) : inferOwners(steps, diffIds.length);
	const stepLayer: (number | undefined)[] = steps.map(() => undefined);
	let cumulative = 0;
	let sizesKnown = true;
	const layers = diffIds.map((diffId, index): LayerRow => {
		const stepIndex = owners[index];
		const step = stepIndex === undefined ? undefined : steps[stepIndex];
		if (stepIndex !== undefined) stepLayer[stepIndex] = index;
		const size = step?.size ?? (diffId === emptyLayerDiffId ? 0 : undefined);
		if (size === undefined) sizesKnown = false;
		else cumulative += size;
		return {index, diffId, size, cumulativeSize: sizesKnown ? cumulative : undefined, stepIndex, step};
	});
	return {layers, stepLayer, exact: exact && owners.length >= diffIds.length};
}

function ownersFromFlags(steps: HistoryStep[]): {owners: number[]; exact: boolean} {
	const owners: number[] = [];
	steps.forEach((step, index) => {
		if (!step.emptyLayer) owners.push(index);
	});
	return {owners, exact: true};
}

/** How much a zero-byte step looks like it made a layer (higher: more). */
export function layerLikelihood(step: HistoryStep): number {
	const text = step.createdBy.trim();
	const nop = /#\(nop\)\s*(\w+)/.exec(text);
	if (nop) return /^(COPY|ADD)$/i.test(nop[1]) ? 2 : -3;
	// Build args prefix RUN lines in legacy history: `|2 A=1 B=2 /bin/sh -c ...`.
	const command = text.replace(/^\|\d+\s+(\S+=\S*\s+)*/, '');
	const instruction = /^(\w+)\b/.exec(command)?.[1]?.toUpperCase();
	if (instruction && ['ENV', 'LABEL', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'VOLUME', 'USER', 'ARG', 'HEALTHCHECK', 'STOPSIGNAL', 'SHELL', 'ONBUILD', 'MAINTAINER'].includes(instruction)) return -3;
	if (instruction && ['COPY', 'ADD', 'RUN', 'WORKDIR'].includes(instruction)) return 1;
	if (/^\/bin\/sh -c /.test(command)) return 1;
	return 0;
}

/**
 * Chooses which steps own the layers: every step with bytes, plus the
 * zero-byte steps most likely to have made a layer, keeping history order.
 */
function inferOwners(steps: HistoryStep[], layerCount: number): {owners: number[]; exact: boolean} {
	const withBytes = steps.map((step, index) => ((step.size ?? 0) > 0 ? index : -1)).filter((index) => index >= 0);
	const zero = steps.map((step, index) => ((step.size ?? 0) > 0 ? -1 : index)).filter((index) => index >= 0);
	const missing = layerCount - withBytes.length;
	if (missing <= 0) {
		// More sized steps than layers means the history is not this image's own;
		// keep the newest ones, which sit on top of the layers.
		return {owners: withBytes.slice(withBytes.length - layerCount), exact: missing === 0};
	}
	if (missing >= zero.length) {
		return {owners: steps.map((_, index) => index).slice(0, layerCount), exact: missing === zero.length};
	}
	// Stable choice: the most layer-like zero-byte steps; on ties, the oldest
	// (a base image's first step is an import or ADD that owns a layer).
	const chosen = zero
		.map((index) => ({index, score: layerLikelihood(steps[index])}))
		.sort((a, b) => b.score - a.score || a.index - b.index)
		.slice(0, missing)
		.map((pick) => pick.index);
	const owners = [...withBytes, ...chosen].sort((a, b) => a - b);
	return {owners, exact: false};
}

/** The history API lists newest first; the model wants oldest first. */
export function stepsFromHistoryApi(items: {Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string}[]): HistoryStep[] {
	return items
		.slice()
		.reverse()
		.map((item) => ({id: item.Id, created: item.Created, createdBy: item.CreatedBy, comment: item.Comment, size: item.Size, tags: item.Tags}));
}

/** Config history (oldest first) merged with the API's sizes and ids when both are known. */
export function stepsFromConfig(
	history: {created?: string; created_by?: string; comment?: string; empty_layer?: boolean}[],
	api?: HistoryStep[],
): HistoryStep[] {
	// A history with no empty_layer flag at all (some archives; the engine refuses to load one
	// whose steps outnumber its layers) says nothing about which step made a layer: inferred.
	const flagged = history.some((entry) => entry.empty_layer !== undefined) || history.length === 0;
	return history.map((entry, index) => {
		// Without flags the API's sizes were laid on the steps by the same guess (an archive's
		// emulated history): they would make it look certain.
		const fromApi = api && api.length === history.length ? api[index] : undefined;
		const size = flagged ? fromApi?.size : undefined;
		return {
			created: entry.created,
			createdBy: entry.created_by ?? '',
			comment: entry.comment,
			emptyLayer: flagged ? Boolean(entry.empty_layer) : undefined,
			size,
			id: fromApi?.id,
			tags: fromApi?.tags,
		};
	});
}

/**
 * `R`: a reference, then the explorer on that remote repository (no engine,
 * no pull): the App swaps its source for a RegistrySource
 * (engine/registry-source.ts); a tag in the reference opens that image.
 * The reference is checked here, and the tag resolved, before anything is
 * swapped: a wrong one stays in the form with its error.
 */
import {visible} from '../../text/sanitize.js';
import {form} from '../overlays/form.js';
import type {Overlay} from '../model.js';
import type {ActionHandler} from './types.js';

export function remoteForm(): Omit<Extract<Overlay, {kind: 'form'}>, 'id'> {
	return {kind: 'form', form: form('openRemote', 'Open a remote repository (no pull)', [
		{name: 'reference', label: 'Reference', hint: 'host[:port]/repository[:tag]; with a tag: that image'},
		{name: 'platform', label: 'Platform', hint: "os/arch[/variant]; empty: this machine's"},
	])};
}

export const openRemote: ActionHandler = async (request, context) => {
	const {parseRemote, ReferenceError} = await import('../../registry/remote-reference.js');
	const {RegistrySource} = await import('../../engine/registry-source.js');
	const text = (request.values.reference ?? '').trim();
	let remote;
	try {
		remote = parseRemote(text);
	} catch (error) {
		if (!(error instanceof ReferenceError)) throw error;
		context.dispatch({type: 'overlayFailed', id: request.overlayId, message: visible(error.message), fieldErrors: {reference: visible(error.message)}});
		return;
	}
	// P pulls into the engine shown (or, from another registry, the one that one pulls into).
	const shown = context.source;
	const pullTo = shown?.kind === 'registry' ? (shown as InstanceType<typeof RegistrySource>).pullTo : shown?.daemon ? {label: shown.label, engine: () => shown.daemon!} : undefined;
	const source = new RegistrySource(remote, {platform: (request.values.platform ?? '').trim() || undefined, pullTo});
	try {
		const open = remote.ref.tagged || remote.ref.digest ? await source.resolve(remote.target, context.signal) : undefined;
		if (!open) await source.listImages({signal: context.signal});
		context.dispatch({type: 'closeOverlay', id: request.overlayId});
		context.useSource?.(source, open && {ref: open.reference.ref.reference, id: open.manifest.config.digest});
	} catch (error) {
		source.close();
		throw error;
	}
};

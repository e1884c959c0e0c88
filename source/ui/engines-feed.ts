/**
 * The Engines list's rows: the docker contexts read from the store
 * (source/engine/contexts.ts), at once, then again with whether each
 * answers (probed together, each bounded by the adapter's timeout).
 */
import {listContexts, probeContexts} from '../engine/contexts.js';
import type {EngineRow} from './lists/feeds.js';
import type {Msg} from './model.js';

export async function loadEngines(dispatch: (msg: Msg) => void, signal: AbortSignal): Promise<void> {
	let rows: EngineRow[];
	try {
		rows = listContexts().contexts;
	} catch (error) {
		dispatch({type: 'notice', text: `docker contexts: ${error instanceof Error ? error.message : String(error)}`, level: 'error'});
		return;
	}
	dispatch({type: 'data', data: {engines: rows}});
	const probes = await probeContexts(rows);
	if (signal.aborted) return;
	dispatch({type: 'data', data: {engines: rows.map((row, index) => {
		const probe = probes[index];
		return probe.ok ? {...row, answers: true, version: probe.version} : {...row, answers: false, problem: probe.error};
	})}});
}

/**
 * The Disk list's feed: GET /system/df through the engine, in its turn
 * (disk-usage-turns.ts: a 20.10 daemon counts one at a time). A failure is
 * kept as the feed's error (the title says it) rather than thrown: the other
 * lists must not show the engine as gone because df failed.
 */
import {readDiskUsage, type DiskUsageJSON} from '../../engine/disk-usage.js';
import type {ImageSource} from '../../engine/image-source.js';
import {visible} from '../../text/sanitize.js';
import {diskUsageTurn} from './disk-usage-turns.js';

export interface DiskFeed {
	report?: DiskUsageJSON;
	error?: string;
}

let last: DiskUsageJSON | undefined;

export async function loadDiskFeed(source: ImageSource, signal: AbortSignal): Promise<DiskFeed> {
	const daemon = source.daemon;
	if (!daemon) return {};
	try {
		// A background feed (lists/feeds.ts): the other lists are shown without waiting for it, and it is shown when it comes.
		last = (await diskUsageTurn(`${daemon.endpoint.url} all`, () => readDiskUsage(daemon, signal), signal)).value;
		return {report: last};
	} catch (error) {
		if (signal.aborted) throw error;
		const message = error instanceof Error ? error.message : String(error);
		return {report: last, error: visible(message.split('\n')[0])};
	}
}

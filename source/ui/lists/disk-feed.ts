/**
 * The Disk list's feed: GET /system/df through the engine. A 20.10 daemon
 * answers one disk usage request at a time ("a disk usage operation is
 * already running"), and reloads can overlap: that one is asked again once.
 * Any other failure is kept as the feed's error (the title says it) rather
 * than thrown: the other lists must not show the engine as gone because df
 * failed.
 */
import {readDiskUsage, type DiskUsageJSON} from '../../engine/disk-usage.js';
import type {ImageSource} from '../../engine/image-source.js';
import {visible} from '../../text/sanitize.js';

export interface DiskFeed {
	report?: DiskUsageJSON;
	error?: string;
}

let last: DiskUsageJSON | undefined;
/** The df in flight: a reload while it runs waits for it rather than asking again (the engine counts every file each time). */
let inflight: Promise<DiskUsageJSON> | undefined;

export async function loadDiskFeed(source: ImageSource, signal: AbortSignal): Promise<DiskFeed> {
	if (!source.daemon) return {};
	for (let attempt = 0; ; attempt++) {
		try {
			const answer = (inflight ??= readDiskUsage(source.daemon, signal)
				.then((a) => (last = a.value))
				.finally(() => (inflight = undefined)));
			// A background feed (lists/feeds.ts): the other lists are shown without waiting for it, and it is shown when it comes.
			return {report: await answer};
		} catch (error) {
			if (signal.aborted) throw error;
			const message = error instanceof Error ? error.message : String(error);
			if (attempt < 3 && /already running/.test(message)) {
				await new Promise((resolve) => setTimeout(resolve, 300));
				continue;
			}
			return {report: last, error: visible(message.split('\n')[0])};
		}
	}
}

/**
 * The volumes the run tests give a container (through the API's spec and
 * through the form), and the check that the engine made both mounts.
 */
import {expect} from 'vitest';

/** A named volume on /data and /tmp bound read-only on /hosttmp, as the volumes field takes them. */
export function runVolumes(volume: string): string {
	return `${volume}:/data /tmp:/hosttmp:ro`;
}

/** A container's mounts from its inspect document, down to what the volumes field sets (a volume by its name, a bind by its host path). */
function mountSummary(info: {Mounts: any[]}): {type: string; source: string; destination: string; rw: boolean}[] {
	return info.Mounts.map((m) => ({type: m.Type, source: m.Type === 'volume' ? m.Name : m.Source, destination: m.Destination, rw: m.RW}));
}

/** The container made with runVolumes(volume) has both mounts. */
export function expectRunVolumes(info: {Mounts: any[]}, volume: string): void {
	expect(mountSummary(info)).toEqual(
		expect.arrayContaining([
			{type: 'volume', source: volume, destination: '/data', rw: true},
			{type: 'bind', source: '/tmp', destination: '/hosttmp', rw: false},
		]),
	);
}

/**
 * The Containers list's rows and columns, pure: NAME, IMAGE, COMMAND,
 * STATUS, PORTS and MOUNTS as `docker ps` words them, and CREATED.
 */
import type {ContainerSummary} from '../../engine/types.js';
import {createdSince} from '../../format/units.js';
import {cellText, fitToContent, type Column} from '../columns.js';
import {displayablePorts, type PortJSON} from '../../docker/ports.js';

/** The list API's port and mount entries (the engine sends them; the shared summary type leaves them out). */
export type ContainerPort = PortJSON;
export interface ContainerMount {
	Type?: string;
	Name?: string;
	Source?: string;
	Destination?: string;
}
export type ContainerRow = ContainerSummary & {Ports?: ContainerPort[] | null; Mounts?: ContainerMount[] | null};

/** The name without docker's leading slash; the short id when it has none. */
export function containerName(container: ContainerSummary): string {
	return String(container.Names?.[0] ?? '').replace(/^\//, '') || String(container.Id ?? '').slice(0, 12);
}

/** PORTS as `docker ps` prints it (source/docker/ports.ts: sorted, runs folded into ranges). */
export function portsText(container: ContainerRow): string {
	return displayablePorts(container.Ports ?? []);
}

/** MOUNTS as `docker ps --format {{.Mounts}}`: volume names, else the source paths. */
export function mountsText(container: ContainerRow): string {
	return (container.Mounts ?? []).map((mount) => (mount.Name ? mount.Name : String(mount.Source ?? ''))).join(',');
}

/** PORTS and MOUNTS widths by row: they depend on the row alone (rows are new objects after each reload). */
const portWidths = new WeakMap<object, number>();
const mountWidths = new WeakMap<object, number>();

export function containerColumns(now: number, rows?: readonly ContainerRow[]): Column<ContainerRow>[] {
	const columns: Column<ContainerRow>[] = [
		{title: 'NAME', width: 16, want: 24, flex: true, priority: 0, cell: (c) => cellText(containerName(c))},
		{title: 'IMAGE', width: 18, priority: 6, cell: (c) => cellText(c.Image)},
		{title: 'COMMAND', width: 20, priority: 2, cell: (c) => cellText(c.Command)},
		{title: 'STATUS', width: 18, priority: 5, cell: (c) => cellText(c.Status)},
		{title: 'PORTS', width: 20, want: 28, priority: 4, cell: (c) => cellText(portsText(c))},
		{title: 'MOUNTS', width: 12, want: 20, priority: 1, cell: (c) => cellText(mountsText(c))},
		{title: 'CREATED', width: 14, want: 18, priority: 3, cell: (c) => createdSince(c.Created, now)},
	];
	// PORTS and MOUNTS are empty for most containers: they take no room then.
	return rows?.length ? columns.map((column, index) => (index === 4 ? fitToContent(column, rows, portWidths) : index === 5 ? fitToContent(column, rows, mountWidths) : column)) : columns;
}

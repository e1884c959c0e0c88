// docker's prune commands (docker/cli v28.2.2 cli/command/image/prune.go,
// container/prune.go, builder/prune.go), pure: the question each asks, the
// filters it sends (the flags, then the config file's pruneFilters as
// command.PruneFilters merges them), and what it prints from the report.
import {humanSize} from '../format/units.js';

export type Filters = Record<string, string[]>;

export const IMAGE_PRUNE_DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
export const IMAGE_PRUNE_ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';
export const CONTAINER_PRUNE_WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';
export const BUILDER_PRUNE_WARNING = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
export const BUILDER_PRUNE_ALL_WARNING = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

/** prompt.Confirm's question: the message, then " [y/N] ". */
export const question = (warning: string): string => `${warning} [y/N] `;

/** prompt.Confirm: yes only for "y" or "Y" (spaces around it trimmed); anything else, or no line at all, is no. */
export const isYes = (line: string | undefined): boolean => line !== undefined && line.trim().toLowerCase() === 'y';

function add(filters: Filters, name: string, value: string): void {
	const values = (filters[name] ??= []);
	if (!values.includes(value)) values.push(value);
}

/** command.PruneFilters: the config file's `pruneFilters` ("k=v") added, unless a label one contradicts the flags. */
export function mergePruneFilters(flags: Filters, config: string[]): Filters {
	const merged: Filters = Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, [...v]]));
	for (const entry of config) {
		const eq = entry.indexOf('=');
		if (eq < 0) continue;
		const name = entry.slice(0, eq);
		const value = entry.slice(eq + 1);
		if (name === 'label' && merged['label!']?.includes(value)) continue;
		if (name === 'label!' && merged.label?.includes(value)) continue;
		add(merged, name, value);
	}
	return merged;
}

/** image prune's filters: the flags plus dangling=true (or false with -a), then the config's. */
export function imagePruneFilters(flags: Filters, all: boolean, config: string[]): Filters {
	const withDangling: Filters = Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, [...v]]));
	add(withDangling, 'dangling', String(!all));
	return mergePruneFilters(withDangling, config);
}

/** What the command prints after the report: its list (Println adds a blank line after it), then the total. */
function withTotal(list: string, reclaimed: number): string {
	return (list === '' ? '' : `${list}\n`) + `Total reclaimed space: ${humanSize(reclaimed)}\n`;
}

export function imagePruneOutput(report: {ImagesDeleted?: {Untagged?: string; Deleted?: string}[] | null; SpaceReclaimed?: number}): string {
	const deleted = report.ImagesDeleted ?? [];
	if (deleted.length === 0) return withTotal('', 0);
	const lines = deleted.map((d) => (d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted ?? ''}\n`)).join('');
	return withTotal(`Deleted Images:\n${lines}`, report.SpaceReclaimed ?? 0);
}

export function containerPruneOutput(report: {ContainersDeleted?: string[] | null; SpaceReclaimed?: number}): string {
	const deleted = report.ContainersDeleted ?? [];
	if (deleted.length === 0) return withTotal('', 0);
	return withTotal(`Deleted Containers:\n${deleted.map((id) => `${id}\n`).join('')}`, report.SpaceReclaimed ?? 0);
}

/** builder prune prints the space reclaimed even when it deleted nothing. */
export function buildCachePruneOutput(report: {CachesDeleted?: string[] | null; SpaceReclaimed?: number}): string {
	const deleted = report.CachesDeleted ?? [];
	const list = deleted.length === 0 ? '' : `Deleted build cache objects:\n${deleted.map((id) => `${id}\n`).join('')}`;
	return withTotal(list, report.SpaceReclaimed ?? 0);
}

/** The engine's volume answers (Engine API v1.41+), as the adapter hands them over. */

export interface VolumeUsage {
	/** Bytes under the mountpoint (-1 when the engine could not count them). */
	Size: number;
	/** Containers that reference the volume (-1 when unknown). */
	RefCount: number;
}

export interface Volume {
	Name: string;
	Driver: string;
	Mountpoint: string;
	CreatedAt?: string;
	Labels: Record<string, string> | null;
	Options: Record<string, string> | null;
	Scope: string;
	Status?: Record<string, unknown>;
	UsageData?: VolumeUsage | null;
	ClusterVolume?: unknown;
}

/** A volume as inspect gave it: the engine's bytes (docker's output is built from them) and the parsed value. */
export interface VolumeInspect {
	raw: string;
	value: Volume;
}

/** One container that mounts a volume. */
export interface VolumeUser {
	id: string;
	/** Without the leading slash. */
	name: string;
	/** created, running, paused, exited, ... */
	state: string;
	/** Where the volume is mounted inside it. */
	destination: string;
	rw: boolean;
}

/** What GET /system/df says of each volume, by name. */
export type VolumeSizes = Map<string, VolumeUsage>;

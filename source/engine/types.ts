/** The engine's answers, typed as the Engine API (v1.41+) returns them. */

export interface ImageSummary {
	Id: string;
	ParentId: string;
	RepoTags: string[] | null;
	RepoDigests: string[] | null;
	Created: number;
	Size: number;
	SharedSize: number;
	VirtualSize?: number;
	Labels: Record<string, string> | null;
	Containers: number;
}

export interface ContainerSummary {
	Id: string;
	Names: string[];
	Image: string;
	ImageID: string;
	Command: string;
	Created: number;
	State: string;
	Status: string;
	Labels?: Record<string, string> | null;
}

export interface HistoryItem {
	Id: string;
	Created: number;
	CreatedBy: string;
	Tags: string[] | null;
	Size: number;
	Comment: string;
}

/** The parts of `docker image inspect` the views read; the raw bytes keep everything. */
export interface ImageInspect {
	Id: string;
	RepoTags?: string[] | null;
	RepoDigests?: string[] | null;
	Created?: string;
	Size?: number;
	Architecture?: string;
	Os?: string;
	Config?: {Labels?: Record<string, string> | null; Env?: string[] | null; Cmd?: string[] | null; Entrypoint?: string[] | null} | null;
	RootFS?: {Type: string; Layers?: string[] | null};
	[key: string]: unknown;
}

export interface InspectResult {
	/** The daemon's JSON bytes, untouched: docker's inspect output is built from them. */
	raw: string;
	value: ImageInspect;
}

export interface EngineEvent {
	Type: string;
	Action: string;
	Actor?: {ID: string; Attributes?: Record<string, string>};
	time?: number;
	timeNano?: number;
}

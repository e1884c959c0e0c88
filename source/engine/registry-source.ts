/**
 * The explorer on a remote repository, no engine and no pull: an
 * ImageSource (as archive-engine.ts is one for archives) that answers from
 * the registry.
 * - the image list: one image per tag of the repository (the registry's
 *   pages followed), each resolved to the chosen platform's manifest (this
 *   machine's first) and config: Id the config's digest (what the engine's
 *   id would be after a pull), RepoDigests repository@the tag's digest,
 *   Created the config's, Size the compressed layers (the manifest's word);
 *   a tag that cannot be resolved is left out of the list (the reason is
 *   kept: `failures`);
 * - inspect and history: remote-detail.ts's config-based documents, as
 *   `imgscope inspect|history --remote` print them; the config itself
 *   (empty_layer flags) makes the layer pairing exact;
 * - the layers (Files tab, waste): the blobs streamed through the archive
 *   reader's scanner and verified against their digests (remote-image.ts);
 *   nothing is kept but what the reader gives back;
 * - no containers, no events, no export: the actions that need a daemon are
 *   greyed as in archive mode, but for `P`: a tag is pulled into `pullTo`'s
 *   engine (the explorer then shows that engine's Images).
 */
import {resolveRemote, readRemoteLayers, clientFor, type RemoteImage} from './registry/remote-image.js';
import {remoteDetail, type RemoteDetail} from './registry/remote-detail.js';
import {dockerLayerSize} from '../registry/layer-size.js';
import {type PlatformChoice, platformChoices, singleChoice} from '../registry/platform-choices.js';
import type {ClientOptions, RegistryClient} from './registry/client.js';
import type {ImageArchive, ReadProgress} from './archive/read.js';
import {type ImageManifest, imageEntries} from '../registry/manifest.js';
import {parsePlatform} from '../registry/platform.js';
import {listRemoteTags, type RemoteTag} from './registry/remote-tags.js';
import {fromReference, type RemoteReference} from '../registry/remote-reference.js';
import {parseReference} from '../actions/reference.js';
import type {Engine} from './engine.js';
import {EngineError} from './errors.js';
import type {ImageConfig} from './image-config.js';
import type {ImageExport} from './image-export.js';
import type {ImageSource} from './image-source.js';
import type {ContainerSummary, EngineEvent, HistoryItem, ImageSummary, InspectResult} from './types.js';

export interface RegistrySourceOptions extends ClientOptions {
	/** os/arch[/variant] to read from an index; this machine's by default. */
	platform?: string;
	/** Tags resolved at once (default 4). */
	concurrency?: number;
	/** Said in the title after the repository (`imgscope REF` for an image the engine does not have). */
	note?: string;
	/** The engine `P` pulls into (the explorer's engine, or the one the environment names); made when first asked for. */
	pullTo?: {label: string; engine: () => Engine};
}

export class RegistrySource implements ImageSource {
	readonly kind = 'registry' as const;
	readonly daemon?: Engine = undefined;
	readonly client: RegistryClient;
	/** Resolved images by config digest and by repository:tag. */
	private byId = new Map<string, RemoteImage>();
	private byRef = new Map<string, RemoteImage>();
	private listing?: Promise<ImageSummary[]>;
	/** Tags that could not be resolved, with why. */
	readonly failures = new Map<string, string>();
	/** docker's size of each layer of the images whose layers were read (by config digest): the sizes shown from then on. */
	private readonly layerSizes = new Map<string, number[]>();
	platform?: string;
	/** Where `P` pulls to; undefined: nowhere (the pull stays greyed). */
	readonly pullTo?: {label: string; engine: () => Engine};
	private pullEngine?: Engine;

	/** `repository`: the repository (a tag or digest in it is ignored here: main.ts opens that tag). */
	constructor(
		readonly repository: RemoteReference,
		private readonly options: RegistrySourceOptions = {},
	) {
		this.client = clientFor(repository, options);
		this.platform = options.platform;
		this.pullTo = options.pullTo;
	}

	/** The engine to pull into, made once. */
	engineForPull(): Engine | undefined {
		if (!this.pullTo) return undefined;
		this.pullEngine ??= this.pullTo.engine();
		return this.pullEngine;
	}

	/** The tag's platforms for the chooser: every index entry with its os.version, variant and stored size (attestations as such). */
	async platformChoices(ref: string, signal?: AbortSignal): Promise<{reference: string; index?: string; choices: PlatformChoice[]}> {
		const image = await this.find(ref, signal);
		const reference = image.reference.ref.reference;
		if (!image.index) return {reference, choices: [singleChoice(image.platform, image.manifestDoc.digest, image.manifest, image.config ?? {})]};
		const index = image.index;
		const children = new Map<string, ImageManifest>([[image.manifestDoc.digest, image.manifest]]);
		const todo = imageEntries(index).filter((entry) => !children.has(entry.digest));
		const worker = async () => {
			for (let entry = todo.shift(); entry; entry = todo.shift()) {
				try {
					const child = await this.client.manifest(this.repository.ref.path, entry.digest, signal);
					if (child.manifest.kind === 'manifest') children.set(entry.digest, child.manifest);
				} catch (error) {
					if (signal?.aborted) throw error;
					// No size for that one: the chooser says "size unknown".
				}
			}
		};
		await Promise.all(Array.from({length: Math.min(4, todo.length)}, worker));
		return {reference, index: image.top.digest, choices: platformChoices(index, children)};
	}

	get label(): string {
		return `${this.repository.ref.repository} (registry, no engine${this.platform ? `, ${this.platform}` : ''}${this.options.note ? `; ${this.options.note}` : ''})`;
	}

	/** Another platform: everything resolved so far is dropped; the next list resolves every tag again. */
	setPlatform(platform: string | undefined): void {
		this.platform = platform;
		this.listing = undefined;
		// Ids are content digests and stay right; which image a tag names changes.
		this.byRef.clear();
		this.failures.clear();
	}

	/** Every platform the indexes read so far offer (attestations left out), in the order first seen. */
	platforms(): string[] {
		const out: string[] = [];
		for (const image of this.byRef.values()) for (const entry of image.index ? imageEntries(image.index) : []) if (!out.includes(entry.platformName)) out.push(entry.platformName);
		return out;
	}

	/** The platform shown now: the one asked for, else what the indexes chose for this machine. */
	currentPlatform(): string | undefined {
		if (this.platform) return this.platform;
		for (const image of this.byRef.values()) if (image.entry) return image.entry.platformName;
		return undefined;
	}

	/** The Tags list's rows (registry/remote-tags.ts): every tag with its digest, type, size and platforms, for the platform shown. */
	async tagRows(signal?: AbortSignal): Promise<RemoteTag[]> {
		const current = this.currentPlatform();
		return listRemoteTags(this.client, this.repository.ref.path, {signal, platform: current ? parsePlatform(current) : undefined});
	}

	listImages(options: {signal?: AbortSignal} = {}): Promise<ImageSummary[]> {
		if (!this.listing) {
			const listing = this.resolveAll(options.signal);
			this.listing = listing;
			// A failed listing (the registry away, an abort) is asked again next time.
			listing.catch(() => {
				if (this.listing === listing) this.listing = undefined;
			});
		}
		return this.listing;
	}

	private async resolveAll(signal?: AbortSignal): Promise<ImageSummary[]> {
		const path = this.repository.ref.path;
		const tags = await this.client.tags(path, {signal});
		const images: (RemoteImage | undefined)[] = new Array(tags.length);
		let next = 0;
		const worker = async () => {
			while (next < tags.length) {
				const i = next++;
				try {
					images[i] = await this.resolve(tags[i], signal);
				} catch (error) {
					if (signal?.aborted) throw error;
					this.failures.set(tags[i], error instanceof Error ? error.message : String(error));
				}
			}
		};
		await Promise.all(Array.from({length: Math.min(this.options.concurrency ?? 4, tags.length)}, worker));
		// One summary per image (config digest), every tag naming it.
		const byId = new Map<string, ImageSummary>();
		for (const image of images) {
			if (!image) continue;
			const id = image.manifest.config.digest;
			const known = byId.get(id);
			if (known) {
				known.RepoTags!.push(image.reference.ref.reference);
				continue;
			}
			byId.set(id, summaryOf(image));
		}
		// Not one tag could be read: say why rather than show an empty repository.
		const [failed] = this.failures;
		if (byId.size === 0 && failed) throw new EngineError('notFound', `${this.repository.ref.repository}:${failed[0]}: ${failed[1]}`);
		return [...byId.values()];
	}

	/** One tag (or digest) of the repository, resolved to the chosen platform; kept for the screens. */
	async resolve(target: string, signal?: AbortSignal): Promise<RemoteImage> {
		const base = this.repository.ref;
		const text = target.startsWith('sha256:') ? `${base.repository}@${target}` : `${base.repository}:${target}`;
		const known = this.byRef.get(text);
		if (known) return known;
		const parsed = parseReference(text, {allowDigest: true});
		if (!parsed.ok) throw new EngineError('invalid', parsed.problem);
		const image = await resolveRemote(fromReference(parsed), {client: this.client, platform: this.platform, signal});
		this.byRef.set(text, image);
		this.byId.set(image.manifest.config.digest, image);
		return image;
	}

	/** A ref as the screens pass it: the config digest (the image's id), repository:tag, or a bare tag. */
	async find(ref: string, signal?: AbortSignal): Promise<RemoteImage> {
		const byId = this.byId.get(ref) ?? this.byId.get(`sha256:${ref}`);
		if (byId) return byId;
		const known = this.byRef.get(ref);
		if (known) return known;
		const repo = this.repository.ref.repository;
		if (ref.startsWith(`${repo}:`)) return this.resolve(ref.slice(repo.length + 1), signal);
		if (ref.startsWith(`${repo}@`)) return this.resolve(ref.slice(repo.length + 1), signal);
		if (/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(ref)) return this.resolve(ref, signal);
		throw new EngineError('notFound', `No such image: ${ref} (not in the repository ${repo})`, 404);
	}

	async listContainers(): Promise<ContainerSummary[]> {
		return [];
	}

	/** Inspect, history, pairing, the manifest and index; docker's layer sizes once the layers were read. */
	async imageDetail(ref: string, signal?: AbortSignal): Promise<RemoteDetail> {
		const image = await this.find(ref, signal);
		return remoteDetail(image, this.layerSizes.get(image.manifest.config.digest));
	}

	async inspectImage(ref: string, signal?: AbortSignal): Promise<InspectResult> {
		return (await this.imageDetail(ref, signal)).inspect;
	}

	async history(ref: string, signal?: AbortSignal): Promise<HistoryItem[]> {
		return (await this.imageDetail(ref, signal)).history;
	}

	async imageConfig(ref: string, signal?: AbortSignal): Promise<ImageConfig | undefined> {
		return (await this.find(ref, signal)).config;
	}

	/** The layers read straight from the blobs (no export: cached-read.ts asks this first). */
	async readLayers(ref: string, options: {signal?: AbortSignal; onProgress?: (p: ReadProgress) => void; digests?: boolean} = {}): Promise<ImageArchive> {
		const image = await this.find(ref, options.signal);
		const read = await readRemoteLayers(image, options);
		this.layerSizes.set(image.manifest.config.digest, read.layers.map((l) => dockerLayerSize(l.entries)));
		return read;
	}

	/** Whether docker's layer sizes are known for the image (its layers were read). */
	sizesKnown(id: string): boolean {
		return this.layerSizes.has(id);
	}

	async exportImage(): Promise<ImageExport> {
		throw new EngineError('invalid', 'not available for a registry image (no engine): pull it first');
	}

	/** A registry sends no events: the list is what it was when read. */
	events(_types: string[], _onEvent: (event: EngineEvent) => void): {close(): void} {
		return {close() {}};
	}

	close(): void {
		this.client.close();
		this.pullEngine?.close();
	}
}

function summaryOf(image: RemoteImage): ImageSummary {
	const created = typeof image.config?.created === 'string' ? Date.parse(image.config.created) : NaN;
	return {
		Id: image.manifest.config.digest,
		ParentId: '',
		RepoTags: [image.reference.ref.reference],
		RepoDigests: [`${image.reference.ref.repository}@${image.top.digest}`],
		Created: Number.isFinite(created) ? Math.floor(created / 1000) : 0,
		Size: image.manifest.layers.reduce((n, l) => n + l.size, 0),
		SharedSize: -1,
		Labels: image.config?.config?.Labels ?? null,
		Containers: -1,
	};
}

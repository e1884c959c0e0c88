/**
 * The platforms of a remote tag, as the platform chooser (`O`) lists them
 * (issue 14): every entry of an index with its os/arch/variant, os.version
 * where set, and its size, the sum of its layers' compressed sizes and its
 * config's (what the registry stores for that platform; the uncompressed
 * size is known only once the layers are read). Attestations and other
 * artifacts are listed as what they are, never offered. Pure.
 */
import {imageSize} from '../format/units.js';
import type {ImageIndex, ImageManifest, IndexEntry} from './manifest.js';

export interface PlatformChoice {
	/** os/arch[/variant], what `--platform` and the chooser take. */
	name: string;
	role: IndexEntry['role'];
	digest: string;
	variant?: string;
	osVersion?: string;
	/** Layers' compressed sizes + the config's; undefined when the manifest could not be read. */
	size?: number;
}

/** The compressed bytes a platform's image is stored as: its layers and its config. */
export function storedSize(manifest: ImageManifest): number {
	return manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0);
}

/** `children`: the image manifests read, by digest (an entry whose manifest is missing has no size). */
export function platformChoices(index: ImageIndex, children: ReadonlyMap<string, ImageManifest>): PlatformChoice[] {
	return index.manifests.map((entry) => {
		const child = children.get(entry.digest);
		const variant = entry.platform?.variant || undefined;
		const osVersion = entry.platform?.['os.version'] || undefined;
		return {name: entry.platformName, role: entry.role, digest: entry.digest, ...(variant ? {variant} : {}), ...(osVersion ? {osVersion} : {}), ...(child ? {size: storedSize(child)} : {})};
	});
}

/** A lone manifest: its one platform (from the config). */
export function singleChoice(name: string, digest: string, manifest: ImageManifest, config: {variant?: unknown; 'os.version'?: unknown}): PlatformChoice {
	const variant = typeof config.variant === 'string' && config.variant ? config.variant : undefined;
	const osVersion = typeof config['os.version'] === 'string' && config['os.version'] ? config['os.version'] : undefined;
	return {name, role: 'image', digest, ...(variant ? {variant} : {}), ...(osVersion ? {osVersion} : {}), size: storedSize(manifest)};
}

/** One line of the chooser: the platform, its os.version and variant where set, its size (said to be compressed). */
export function choiceLabel(choice: PlatformChoice): string {
	if (choice.role === 'attestation') return `${choice.name}  attestation manifest ${choice.digest.slice(7, 19)} (not a platform)`;
	if (choice.role === 'artifact') return `${choice.name}  artifact ${choice.digest.slice(7, 19)} (not a platform)`;
	// The variant is in the name (linux/arm64/v8) unless normalising left it out.
	const variant = choice.variant && !choice.name.endsWith(`/${choice.variant}`) ? `variant ${choice.variant}` : '';
	const facts = [variant, choice.osVersion ? `os.version ${choice.osVersion}` : '', choice.size === undefined ? 'size unknown' : `${imageSize(choice.size)} compressed (layers + config)`].filter(Boolean);
	return `${choice.name}  ${facts.join('  ')}`;
}

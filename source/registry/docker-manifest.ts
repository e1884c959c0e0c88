/**
 * What `docker manifest inspect [--verbose]` prints, byte for byte (docker/cli
 * cli/command/manifest/inspect.go, internal/registryclient/fetcher.go). Pure.
 *
 * - One manifest: its bytes as the registry sent them, json.Indent with tabs.
 * - An index (OCI or Docker list): rebuilt from the fetched child manifests by
 *   manifestlist.FromDescriptors (json.MarshalIndent with three spaces), so
 *   each entry's mediaType, size and digest are the child's own bytes', and its
 *   platform the index entry's; the list's mediaType is the OCI index only when
 *   the first child is an OCI manifest.
 * - --verbose: json.MarshalIndent(ImageManifest or []ImageManifest, tabs):
 *   Ref, Descriptor (platform from the config, or the index entry), Raw
 *   (base64) and SchemaV2Manifest / OCIManifest (the raw bytes, compacted
 *   with Go's HTML escaping and re-indented).
 */
import {indentJson} from '../format/json-indent.js';
import {dockerManifest, ociManifest} from './media-types.js';
import type {Platform} from './platform.js';

/** One manifest as docker's client holds it after fetching it and its config. */
export interface FetchedManifest {
	/** The reference as docker's String() prints it (host/path:tag, plus @digest for an index's child). */
	ref: string;
	/** The manifest's own media type, digest and size (of the bytes received). */
	mediaType: string;
	digest: string;
	size: number;
	raw: Uint8Array;
	/** From the config (a lone manifest) or from the index entry (a child). */
	platform?: Partial<Platform>;
}

/** Go's encoding/json string encoding, HTML-escaping on (json.Marshal's default). */
export function goString(s: string): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
		else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // a lone surrogate: Go writes U+FFFD
		else out += ch;
	}
	return `${out}"`;
}

/** Go's json.Compact with HTML escaping (what Marshal does to a MarshalJSON result). */
export function goCompact(raw: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < raw.length; i++) {
		const ch = raw[i];
		if (inString) {
			if (ch === '\\') {
				out += ch + raw[++i];
				continue;
			}
			if (ch === '"') inString = false;
			if (ch === '<' || ch === '>' || ch === '&') out += `\\u00${ch.charCodeAt(0).toString(16)}`;
			else if (ch === '\u2028' || ch === '\u2029') out += `\\u${ch.charCodeAt(0).toString(16)}`;
			else out += ch;
			continue;
		}
		if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
		if (ch === '"') inString = true;
		out += ch;
	}
	return out;
}

const text = (raw: Uint8Array) => Buffer.from(raw).toString('utf8');

/** A lone manifest, not verbose: json.Indent(raw, "", "\t") and a newline. */
export function inspectManifest(m: FetchedManifest): string {
	return `${indentJson(text(m.raw), '', '\t')}\n`;
}

/** ocispec.Platform's fields, in its order, empty optional ones left out. */
function platformJson(p: Partial<Platform> | undefined): string {
	const fields: string[] = [`"architecture":${goString(String(p?.architecture ?? ''))}`, `"os":${goString(String(p?.os ?? ''))}`];
	if (p?.['os.version']) fields.push(`"os.version":${goString(String(p['os.version']))}`);
	const features = p?.['os.features'];
	if (Array.isArray(features) && features.length) fields.push(`"os.features":[${features.map(f => goString(String(f))).join(',')}]`);
	if (p?.variant) fields.push(`"variant":${goString(String(p.variant))}`);
	return `{${fields.join(',')}}`;
}

/** An index, not verbose: manifestlist.FromDescriptors' canonical bytes and a newline. */
export function inspectList(children: FetchedManifest[]): string {
	const mediaType = children[0]?.mediaType === ociManifest ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.list.v2+json';
	const entries = children.map(c => {
		const fields: string[] = [];
		if (c.mediaType) fields.push(`"mediaType":${goString(c.mediaType)}`);
		if (c.size) fields.push(`"size":${c.size}`);
		if (c.digest) fields.push(`"digest":${goString(c.digest)}`);
		fields.push(`"platform":${platformJson(c.platform)}`);
		return `{${fields.join(',')}}`;
	});
	const compact = `{"schemaVersion":2,"mediaType":${goString(mediaType)},"manifests":[${entries.join(',')}]}`;
	return `${indentJson(compact, '', '   ')}\n`;
}

function verboseOne(m: FetchedManifest): string {
	const descriptor = [`"mediaType":${goString(m.mediaType)}`, `"digest":${goString(m.digest)}`, `"size":${m.size}`];
	if (m.platform) descriptor.push(`"platform":${platformJson(m.platform)}`);
	const field = m.mediaType === dockerManifest ? 'SchemaV2Manifest' : 'OCIManifest';
	const raw = Buffer.from(m.raw);
	const parts = [`"Ref":${goString(m.ref)}`, `"Descriptor":{${descriptor.join(',')}}`];
	if (raw.length) parts.push(`"Raw":"${raw.toString('base64')}"`);
	parts.push(`"${field}":${goCompact(text(m.raw))}`);
	return `{${parts.join(',')}}`;
}

/** --verbose: the ImageManifest (a lone manifest) or the list of them (an index), tabs, and a newline. */
export function inspectVerbose(manifests: FetchedManifest | FetchedManifest[]): string {
	const compact = Array.isArray(manifests) ? `[${manifests.map(verboseOne).join(',')}]` : verboseOne(manifests);
	return `${indentJson(compact, '', '\t')}\n`;
}

/** The platform docker reads from a config for a lone manifest (json.Unmarshal into ocispec.Platform). */
export function platformFromConfig(config: any): Partial<Platform> {
	const p: Partial<Platform> = {};
	const pick = (name: string) => {
		// Go's Unmarshal matches keys without regard to case; the last match wins.
		let value: unknown;
		for (const key of Object.keys(config ?? {})) if (key.toLowerCase() === name) value = config[key];
		return value;
	};
	const arch = pick('architecture');
	const os = pick('os');
	const version = pick('os.version');
	const features = pick('os.features');
	const variant = pick('variant');
	if (typeof arch === 'string') p.architecture = arch;
	if (typeof os === 'string') p.os = os;
	if (typeof version === 'string') p['os.version'] = version;
	if (Array.isArray(features)) p['os.features'] = features.map(String);
	if (typeof variant === 'string') p.variant = variant;
	return p;
}

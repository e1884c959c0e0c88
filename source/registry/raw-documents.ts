/**
 * The registry's own documents for a remote image's Inspect tab, as the
 * docker CLI shows them (issue 14): the image manifest as
 * `docker manifest inspect REPOSITORY@DIGEST` prints it (the bytes as
 * served, json.Indent with tabs), and for a multi-platform tag the index as
 * `docker buildx imagetools inspect --raw REF` prints it (the bytes as
 * served, untouched; one served on a single line follows indented as
 * well, or a terminal would show a line cut short). The tabs are expanded to the terminal's stops (what
 * the same output shows in a terminal), since the explorer draws cells, not
 * tab characters. Pure.
 */
import {inspectManifest} from './docker-manifest.js';

export interface RawDocument {
	/** What the section is and which docker command shows the same bytes. */
	title: string;
	/** The document's lines, ready to draw. */
	lines: string[];
}

export interface ServedDocument {
	digest: string;
	raw: Uint8Array;
}

/** Tabs to spaces at 8-column stops, as a terminal shows them. */
export function expandTabs(line: string): string {
	if (!line.includes('\t')) return line;
	let out = '';
	for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
	return out;
}

function linesOf(text: string): string[] {
	const lines = text.replace(/\n$/, '').split('\n').map(expandTabs);
	return lines.map((line) => line.replace(/\r$/, ''));
}

/** `repository` is host/path (docker's name for it); `reference` is what the user named (host/path:tag). */
export function rawDocuments(input: {repository: string; reference: string; manifest: ServedDocument; index?: ServedDocument}): RawDocument[] {
	const out: RawDocument[] = [
		{
			title: `manifest ${input.manifest.digest}  (as docker manifest inspect ${input.repository}@${input.manifest.digest} prints it: the bytes as served, indented)`,
			lines: linesOf(inspectManifest({ref: '', mediaType: '', digest: input.manifest.digest, size: input.manifest.raw.length, raw: input.manifest.raw})),
		},
	];
	if (input.index) {
		const served = linesOf(Buffer.from(input.index.raw).toString('utf8'));
		out.push({title: `index ${input.index.digest}  (as docker buildx imagetools inspect --raw ${input.reference} prints it: the bytes as served)`, lines: served});
		// Served on one line (as most tools push it), it is unreadable in a terminal: the same bytes indented follow.
		if (served.length === 1 && served[0].length > 100) {
			out.push({title: `index ${input.index.digest}, the same bytes indented (json.Indent with tabs, as docker manifest inspect indents a manifest)`, lines: linesOf(inspectManifest({ref: '', mediaType: '', digest: input.index.digest, size: input.index.raw.length, raw: input.index.raw}))});
		}
	}
	return out;
}

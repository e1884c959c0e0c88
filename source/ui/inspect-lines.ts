/**
 * The Inspect tab's lines: the inspect document as `docker image inspect`
 * indents it; for a registry image (issue 14) a note first (the document is
 * the one a pull would give; its sizes are the compressed ones until the
 * layers are read), then the manifest and index as docker's commands print
 * them (registry/raw-documents.ts), each under a `#` heading.
 */
import type {ImageDetail} from '../engine/image-detail.js';
import {indentJson} from '../format/json-indent.js';

export function inspectLinesOf(detail: ImageDetail): string[] {
	const lines = indentJson(detail.inspect.raw).split('\n');
	const remote = detail.remote;
	if (!remote) return lines;
	const sizes = remote.sizes === 'compressed' ? '; Size and VirtualSize are compressed until the Files tab reads the layers' : '';
	const out = [`# config-based (docker image inspect after a pull)${sizes}`, ...lines];
	for (const document of remote.documents) out.push('', `# ${document.title}`, ...document.lines);
	return out;
}

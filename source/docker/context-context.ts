// `docker context ls` rows (docker/cli cli/command/formatter/context.go): one
// *formatter.clientContextContext per context, the default table with the `*`
// after the current name, -q, json and templates. The list itself (which
// contexts, which is current, their order) is source/docker/context-store.ts.
import {ellipsis} from '../format/ids.js';
import {T, ptrTo} from '../template/index.js';
import type {ClientContext} from './context-store.js';
import {contextType, contextValue, headerValue, writeFormatted, type FormatResult} from './formatter.js';
import {field, struct} from './inspect-type.js';

export const CONTEXT_TABLE = 'table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}';

/** formatter.ClientContext (the unexported `c` field of each row). */
const clientContextType = struct('formatter.ClientContext', [
	field('Name', T.string),
	field('Description', T.string),
	field('DockerEndpoint', T.string),
	field('Current', T.bool),
	field('Error', T.string),
]);

export const clientContextContextType = contextType('formatter.clientContextContext', [field('c', ptrTo(clientContextType))], ['Current', 'Name', 'Description', 'DockerEndpoint', 'Error'], {
	results: {Current: T.bool},
});

const HEADER = {Name: 'NAME', Description: 'DESCRIPTION', DockerEndpoint: 'DOCKER ENDPOINT', Error: 'ERROR'};

/** formatter.NewClientContextFormat. */
export function contextFormat(source: string, quiet: boolean): string {
	if (quiet) return '{{.Name}}';
	return source === 'table' || source === '' ? CONTEXT_TABLE : source;
}

/** docker truncates the error column to 45 cells (maxErrLength). */
const MAX_ERROR = 45;

export function renderContextList(contexts: ClientContext[], options: {format: string; quiet: boolean}): FormatResult {
	const rows = contexts.map(c => {
		const record = {
			type: clientContextType,
			v: {
				Name: {type: T.string, v: c.name},
				Description: {type: T.string, v: c.description},
				DockerEndpoint: {type: T.string, v: c.dockerEndpoint},
				Current: {type: T.bool, v: c.current},
				Error: {type: T.string, v: c.error},
			},
		};
		return contextValue(clientContextContextType, {c: {type: ptrTo(clientContextType), v: record}}, {
			Current: () => ({type: T.bool, v: c.current}),
			Name: () => c.name,
			Description: () => c.description,
			DockerEndpoint: () => c.dockerEndpoint,
			Error: () => ellipsis(c.error, MAX_ERROR),
		});
	});
	return writeFormatted(contextFormat(options.format, options.quiet), rows, headerValue(HEADER));
}

/** What docker writes to stderr after the list when DOCKER_HOST is set. */
export const HOST_OVERRIDE_WARNING =
	'Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.\n';

// Shared test data: a stand-in for docker's `version` struct (so cases checked
// with `docker version --format` can run here) and the raw inspect JSON of a
// fixture image (the data of docker's second inspect pass).
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {GoType, GoValue} from '../../source/template/index.js';
import {decodeJSON, goString, goStruct, T, unbox} from '../../source/template/index.js';

const str = (name: string, json?: string) => ({name, type: T.string, json});
const platform: GoType = {kind: 'struct', name: 'system.platformInfo', fields: [{name: 'Name', type: T.string}]};
const client: GoType = {
	kind: 'struct',
	name: 'system.clientVersion',
	fields: [
		{name: 'Platform', type: {kind: 'ptr', elem: platform}, omitEmpty: true},
		str('Version'), str('APIVersion', 'ApiVersion'), str('DefaultAPIVersion'), str('GitCommit'), str('GoVersion'),
		str('Os'), str('Arch'), str('BuildTime'), str('Context'),
	],
};
const versionInfo: GoType = {kind: 'struct', name: 'system.versionInfo', fields: [{name: 'Client', type: client}]};

/** docker 28.2.2's client version info as `docker version --format` sees it (Server left out). */
export function versionData(): GoValue {
	const vals: Record<string, string> = {
		Version: '28.2.2', APIVersion: '1.41', DefaultAPIVersion: '1.50', GitCommit: 'e6534b4', GoVersion: 'go1.24.3',
		Os: 'linux', Arch: 'amd64', BuildTime: 'Fri May 30 12:07:14 2025', Context: 'default',
	};
	const cv: Record<string, GoValue> = {Platform: {type: {kind: 'ptr', elem: platform}, v: null}};
	for (const [k, v] of Object.entries(vals)) cv[k] = goString(v);
	return goStruct(versionInfo, {Client: goStruct(client, cv)});
}

export const fixturePath = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

/** The raw `docker image inspect` JSON of fixture/app:1 decoded like docker's fallback pass. */
export function inspectData(): GoValue {
	const raw = readFileSync(fixturePath('app-inspect.json'), 'utf8');
	return (unbox(decodeJSON(raw))!.v as GoValue[])[0];
}

export interface OracleCase {
	/** The template. */
	t: string;
	/** docker's stdout (without the final newline), or 'ERR ' + its error message. */
	want: string;
}

export const loadCases = (name: string): OracleCase[] => JSON.parse(readFileSync(fixturePath(name), 'utf8'));

import {describe, expect, it} from 'vitest';
import {contextType, contextValue, finalFormat, headerValue, writeFormatted} from '../../source/docker/formatter.js';
import {unmarshal} from '../../source/docker/unmarshal.js';
import {decodeJSON, durationType, execute, parse, sliceOf, T, timeType, dockerFuncs, type GoType} from '../../source/template/index.js';
import {strSlice} from '../../source/docker/inspect-type.js';

const rowType = contextType('test.rowContext', [{name: 'secret', type: T.string}], ['Name', 'Size']);
const row = (name: string, size: string) => contextValue(rowType, {secret: {type: T.string, v: 'x'}}, {Name: () => name, Size: () => size});
const header = headerValue({Name: 'NAME', Size: 'SIZE'});

describe('formatter.Context', () => {
	it('pre-formats like docker', () => {
		expect(finalFormat('table {{.Name}}\\t{{.Size}}  ')).toBe('{{.Name}}\t{{.Size}}');
		expect(finalFormat('json')).toBe('{{json .}}');
		expect(finalFormat(' \t{{.Name}}\\\\n')).toBe('\t{{.Name}}\\\n');
	});

	it('renders tables through the tabwriter with the header from the column map', () => {
		const out = writeFormatted('table {{.Name}}\t{{.Size}}\t{{.Nope}}', [row('a-long-name', '1B'), row('b', '22B')], header);
		expect(out.error).toMatch(/can't evaluate field Nope in type \*test.rowContext/);
		const ok = writeFormatted('table {{.Name}}\t{{.Size}}|{{len .Name}}', [row('a-long-name', '1B'), row('b', '22B')], header);
		expect(ok.stdout).toBe('NAME          SIZE|4\na-long-name   1B|11\nb             22B|1\n');
	});

	it('keeps the header written before a failing action, and <no value> for unknown keys', () => {
		expect(writeFormatted('table {{.Name}}|{{json .}}', [row('a', '1')], header).stdout).toBe('NAME|\na|{"Name":"a","Size":"1"}\n');
		expect(writeFormatted('table {{.Name}} {{with .Size}}{{.}}{{end}}', [], header).stdout).toBe('NAME SIZE\n');
		expect(writeFormatted('table {{.Name}}{{.Label "x.y-z"}}', [], header).stdout).toBe('NAMEy z\n');
	});

	it('marshals rows as maps of their methods, HTML-escaped, and refuses unexported fields', () => {
		expect(writeFormatted('json', [row('<a&b>', '1')], header).stdout).toBe('{"Name":"\\u003ca\\u0026b\\u003e","Size":"1"}\n');
		expect(writeFormatted('{{.secret}}', [row('a', '1')], header).error).toMatch(/secret is an unexported field of struct type \*test.rowContext/);
		expect(writeFormatted('{{.Header}}|{{printf "%T" .}}', [row('a', '1')], header).stdout).toBe('<no value>|*test.rowContext\n');
	});
});

describe('unmarshal like encoding/json', () => {
	const st: GoType = {
		kind: 'struct',
		name: 'test.S',
		fields: [
			{name: 'ID', type: T.string, json: 'Id'},
			{name: 'N', type: T.int64},
			{name: 'L', type: sliceOf(T.string)},
			{name: 'D', type: durationType},
			{name: 'At', type: timeType},
			{name: 'Cmd', type: strSlice},
			{name: 'inner', type: {kind: 'struct', name: 'test.In', fields: [{name: 'Deep', type: T.bool}]}, embedded: true},
		],
	};
	const show = (json: string): string => execute(parse('{{printf "%+v" .}}|{{json .}}', {funcs: dockerFuncs}), unmarshal(st, decodeJSON(json)));

	it('matches keys exactly or case-insensitively, drops unknown ones, keeps int64 exact', () => {
		expect(show('{"Id":"x","n":9007199254740993,"Extra":1,"deep":true}')).toBe(
			'{ID:x N:9007199254740993 L:[] D:0s At:0001-01-01 00:00:00 +0000 UTC Cmd:[] inner:{Deep:true}}|{"Id":"x","N":9007199254740993,"L":null,"D":0,"At":"0001-01-01T00:00:00Z","Cmd":null,"Deep":true}',
		);
	});

	it('decodes null as zero, durations, times and a StrSlice from a string', () => {
		expect(show('{"L":null,"D":1500000000,"At":"2024-02-29T12:00:00.5Z","Cmd":"sh"}')).toBe(
			'{ID: N:0 L:[] D:1.5s At:2024-02-29 12:00:00.5 +0000 UTC Cmd:[sh] inner:{Deep:false}}|{"Id":"","N":0,"L":null,"D":1500000000,"At":"2024-02-29T12:00:00.5Z","Cmd":["sh"],"Deep":false}',
		);
	});
});

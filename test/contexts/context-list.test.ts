// `docker context ls` rows on meta.json files written by docker 28.2.2's
// `docker context create`, against what that docker printed for them.
import {describe, expect, it} from 'vitest';
import {contextRows, defaultContext, parseContextMeta} from '../../source/docker/context-store.js';
import {renderContextList} from '../../source/docker/context-context.js';

const metas = [
	'{"Name":"ctx9","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://[::1]:2376","SkipTLSVerify":true}}}',
	'{"Name":"ctx10","Metadata":{"Description":"tls ones"},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false}}}',
	'{"Name":"nod","Metadata":{},"Endpoints":{"docker":{"SkipTLSVerify":false}}}',
	'{"Name":"sshy","Metadata":{"Description":"a very long description that goes on and on and on for ever and more"},"Endpoints":{"docker":{"Host":"ssh://me@127.0.0.1:2222","SkipTLSVerify":false}}}',
	'{"Name":"A2","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///var/run/docker.sock","SkipTLSVerify":false}}}',
	'{"Name":"a1","Metadata":{"Description":"first one"},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2399","SkipTLSVerify":false}}}',
].map(m => parseContextMeta(m, 'meta.json'));
const rows = contextRows(metas, defaultContext(undefined), 'default', '');

// docker 28.2.2 `docker context ls` on that store.
const TABLE =
	'NAME        DESCRIPTION                                                            DOCKER ENDPOINT               ERROR\n' +
	'A2                                                                                 unix:///var/run/docker.sock   \n' +
	'a1          first one                                                              tcp://127.0.0.1:2399          \n' +
	'ctx9                                                                               tcp://[::1]:2376              \n' +
	'ctx10       tls ones                                                               tcp://127.0.0.1:2376          \n' +
	'default *   Current DOCKER_HOST based configuration                                unix:///var/run/docker.sock   \n' +
	'nod                                                                                                              \n' +
	'sshy        a very long description that goes on and on and on for ever and more   ssh://me@127.0.0.1:2222       \n';

describe('context ls against docker 28', () => {
	it('the default table, with the * after the current name', () => {
		expect(renderContextList(rows, {format: '', quiet: false})).toEqual({stdout: TABLE});
	});
	it('json: every column, Current a boolean, keys sorted', () => {
		const first = renderContextList(rows, {format: 'json', quiet: false}).stdout.split('\n')[0];
		expect(first).toBe('{"Current":false,"Description":"","DockerEndpoint":"unix:///var/run/docker.sock","Error":"","Name":"A2"}');
	});
	it('-q: the names', () => {
		expect(renderContextList(rows, {format: '{{.Description}}', quiet: true}).stdout).toBe('A2\na1\nctx9\nctx10\ndefault\nnod\nsshy\n');
	});
	it('a missing current context is listed with the store\'s error, cut to 45 cells', () => {
		const missing = 'context "gone": context not found: open /tmp/cc-dcfg/contexts/meta/0123/meta.json: no such file or directory';
		const withStub = contextRows(metas, defaultContext(undefined), 'gone', missing);
		const out = renderContextList(withStub, {format: '{{.Name}}{{if .Current}} *{{end}}|{{.Error}}', quiet: false}).stdout;
		expect(out.split('\n')).toContain('gone *|context "gone": context not found: open /tmp…');
	});
});

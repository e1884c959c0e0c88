// The context store's pure half, on meta.json files as `docker context create`
// (docker 28.2.2) wrote them, and the adapter on a store laid out as docker lays it out.
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ContextStoreError, contextRows, defaultContext, normalizeDaemonHost, parseContextMeta} from '../../source/docker/context-store.js';
import {naturalLess} from '../../source/docker/natural-order.js';
import {listContexts, probeContext} from '../../source/engine/contexts.js';

// Captured from docker 28.2.2 `docker context create`.
const captured = {
	a1: '{"Name":"a1","Metadata":{"Description":"first one"},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2399","SkipTLSVerify":false}}}',
	ctx9: '{"Name":"ctx9","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://[::1]:2376","SkipTLSVerify":true}}}',
	nod: '{"Name":"nod","Metadata":{},"Endpoints":{"docker":{"SkipTLSVerify":false}}}',
};

describe('parseContextMeta', () => {
	it('reads name, description, endpoint and skip-verify', () => {
		expect(parseContextMeta(captured.a1, 'f')).toMatchObject({name: 'a1', description: 'first one', dockerEndpoint: 'tcp://127.0.0.1:2399', skipTLSVerify: false, error: ''});
		expect(parseContextMeta(captured.ctx9, 'f')).toMatchObject({name: 'ctx9', description: '', dockerEndpoint: 'tcp://[::1]:2376', skipTLSVerify: true});
		expect(parseContextMeta(captured.nod, 'f')).toMatchObject({name: 'nod', dockerEndpoint: '', error: ''});
	});
	it('lists a context without a docker endpoint with docker\'s error', () => {
		expect(parseContextMeta('{"Name":"noep","Metadata":{"Description":"d"}}', 'f')).toMatchObject({description: 'd', error: 'cannot find docker endpoint in context'});
		expect(parseContextMeta('{"Name":"n","Endpoints":{"docker":null}}', 'f').error).toBe('endpoint "docker" is not of type EndpointMeta');
	});
	it('fails the whole list for a file docker cannot parse, in docker\'s words', () => {
		expect(() => parseContextMeta('{', '/x/meta.json')).toThrow(new ContextStoreError('failed to read metadata: parsing /x/meta.json: unexpected end of JSON input'));
		expect(() => parseContextMeta('{"Name":"b","Endpoints":{"docker":{"Host":5}}}', '/x/meta.json')).toThrow(
			'failed to read metadata: parsing /x/meta.json: json: cannot unmarshal number into Go struct field EndpointMetaBase.Host of type string',
		);
		expect(() => parseContextMeta('{"Name":"b","Metadata":"str"}', '/m')).toThrow('json: cannot unmarshal string into Go value of type map[string]interface {}');
	});
});

describe('the default context and the current one', () => {
	it('normalises -H / DOCKER_HOST as docker prints it', () => {
		expect(normalizeDaemonHost('')).toBe('unix:///var/run/docker.sock');
		expect(normalizeDaemonHost('tcp://1.2.3.4')).toBe('tcp://1.2.3.4:2375');
		expect(normalizeDaemonHost('1.2.3.4:5')).toBe('tcp://1.2.3.4:5');
		expect(normalizeDaemonHost('unix:///x/y.sock')).toBe('unix:///x/y.sock');
		expect(normalizeDaemonHost('ssh://h')).toBe('ssh://h');
		expect(() => normalizeDaemonHost('tcp://[::1]')).toThrow('invalid bind address format: [::1]');
		expect(defaultContext(undefined)).toMatchObject({name: 'default', description: 'Current DOCKER_HOST based configuration', dockerEndpoint: 'unix:///var/run/docker.sock'});
	});
	it('sorts naturally and marks the current one, or adds a stub for a missing one', () => {
		const stored = ['ctx10', 'a1', 'ctx9', 'A2'].map(name => parseContextMeta(JSON.stringify({Name: name, Endpoints: {docker: {Host: 'tcp://h:1'}}}), 'f'));
		const rows = contextRows(stored, defaultContext(undefined), 'ctx9', 'unused');
		expect(rows.map(r => r.name)).toEqual(['A2', 'a1', 'ctx9', 'ctx10', 'default']);
		expect(rows.filter(r => r.current).map(r => r.name)).toEqual(['ctx9']);
		const stub = contextRows(stored, defaultContext(undefined), 's', 'context "s": context not found');
		expect(stub.find(r => r.name === 's')).toMatchObject({current: true, error: 'context "s": context not found', dockerEndpoint: ''});
		expect(naturalLess('x02', 'x2')).toBe(false);
		expect(naturalLess('x2', 'x02')).toBe(true);
		expect(naturalLess('1a', 'a')).toBe(true);
	});
});

function store(contexts: Record<string, string>, config?: object): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-ctx-'));
	if (config) writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
	for (const [name, text] of Object.entries(contexts)) {
		const id = createHash('sha256').update(name).digest('hex');
		mkdirSync(path.join(dir, 'contexts', 'meta', id), {recursive: true});
		writeFileSync(path.join(dir, 'contexts', 'meta', id, 'meta.json'), text);
	}
	return dir;
}

describe('listContexts reads the store as docker does', () => {
	it('finds every context, the TLS files stored with them, and the current one from config.json', () => {
		const dir = store(captured, {currentContext: 'a1'});
		const tls = path.join(dir, 'contexts', 'tls', createHash('sha256').update('ctx9').digest('hex'), 'docker');
		mkdirSync(tls, {recursive: true});
		writeFileSync(path.join(tls, 'ca.pem'), 'x');
		const list = listContexts({env: {DOCKER_CONFIG: dir}});
		expect(list.current).toBe('a1');
		expect(list.hostOverride).toBe(false);
		expect(list.contexts.map(c => `${c.name}${c.current ? '*' : ''}`)).toEqual(['a1*', 'ctx9', 'default', 'nod']);
		expect(list.contexts.find(c => c.name === 'ctx9')!.tls).toEqual({ca: true, cert: false, key: false});
	});
	it('follows DOCKER_HOST (default is current, with that endpoint) and DOCKER_CONTEXT', () => {
		const dir = store(captured, {currentContext: 'a1'});
		const overridden = listContexts({env: {DOCKER_CONFIG: dir, DOCKER_HOST: 'tcp://1.2.3.4'}});
		expect(overridden).toMatchObject({current: 'default', hostOverride: true});
		expect(overridden.contexts.find(c => c.name === 'default')).toMatchObject({current: true, dockerEndpoint: 'tcp://1.2.3.4:2375'});
		expect(listContexts({env: {DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'nod'}}).current).toBe('nod');
		expect(listContexts({context: 'ctx9', env: {DOCKER_CONFIG: dir}}).current).toBe('ctx9');
	});
	it('probes without throwing: a context with no endpoint and a port nobody listens on fail with a reason', async () => {
		const dir = store({...captured, dead: '{"Name":"dead","Endpoints":{"docker":{"Host":"tcp://127.0.0.1:1"}}}'});
		const {contexts} = listContexts({env: {DOCKER_CONFIG: dir}});
		const env = {DOCKER_CONFIG: dir};
		const nod = await probeContext(contexts.find(c => c.name === 'nod')!, {env, timeoutMs: 500});
		expect(nod).toEqual({ok: false, error: 'context "nod" has no docker endpoint'});
		const dead = await probeContext(contexts.find(c => c.name === 'dead')!, {env, timeoutMs: 500});
		expect(dead.ok).toBe(false);
		expect(dead.ok ? '' : dead.error).toMatch(/ECONNREFUSED|no answer/);
	});
});

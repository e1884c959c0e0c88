import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {EndpointError, resolveEndpoint, unreachableAdvice} from '../../source/engine/endpoint.js';

function configDir(current?: string, contexts: Record<string, string> = {}): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-cfg-'));
	if (current) writeFileSync(path.join(dir, 'config.json'), JSON.stringify({currentContext: current}));
	for (const [name, host] of Object.entries(contexts)) {
		const id = createHash('sha256').update(name).digest('hex');
		mkdirSync(path.join(dir, 'contexts', 'meta', id), {recursive: true});
		writeFileSync(path.join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({Name: name, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}));
	}
	return dir;
}

describe('resolveEndpoint follows the docker CLI', () => {
	it('uses the default socket with nothing set', () => {
		expect(resolveEndpoint({env: {DOCKER_CONFIG: configDir()}})).toMatchObject({kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock'});
	});
	it('takes DOCKER_HOST over the current context', () => {
		const dir = configDir('remote', {remote: 'tcp://10.0.0.1:2375'});
		expect(resolveEndpoint({env: {DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///tmp/podman.sock'}})).toMatchObject({kind: 'unix', socketPath: '/tmp/podman.sock', source: 'DOCKER_HOST'});
	});
	it('takes the current context from config.json', () => {
		const dir = configDir('remote', {remote: 'tcp://10.0.0.1:2375'});
		expect(resolveEndpoint({env: {DOCKER_CONFIG: dir}})).toMatchObject({kind: 'tcp', host: '10.0.0.1', port: 2375});
	});
	it('takes DOCKER_CONTEXT over the config, and --context over DOCKER_HOST', () => {
		const dir = configDir('remote', {remote: 'tcp://10.0.0.1:2375', other: 'unix:///run/other.sock'});
		expect(resolveEndpoint({env: {DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'other'}})).toMatchObject({socketPath: '/run/other.sock'});
		expect(resolveEndpoint({context: 'other', env: {DOCKER_CONFIG: dir, DOCKER_HOST: 'tcp://1.2.3.4:1'}})).toMatchObject({socketPath: '/run/other.sock', source: expect.stringContaining('--context')});
	});
	it('takes -H over everything, and refuses -H with --context', () => {
		expect(resolveEndpoint({host: 'tcp://127.0.0.1:1234', env: {DOCKER_HOST: 'unix:///x'}})).toMatchObject({kind: 'tcp', port: 1234, source: '-H'});
		expect(() => resolveEndpoint({host: 'unix:///x', context: 'y', env: {}})).toThrow(/conflicting options/);
	});
	it('reads ssh and TLS settings', () => {
		expect(resolveEndpoint({host: 'ssh://me@box:2222', env: {}})).toMatchObject({kind: 'ssh', user: 'me', host: 'box', port: 2222});
		const tls = resolveEndpoint({host: 'tcp://box', env: {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent'}});
		expect(tls).toMatchObject({kind: 'tcp', port: 2376, tls: {verify: true}});
	});
	it('takes an IPv6 address in brackets, as docker does (the brackets are not part of the host)', () => {
		expect(resolveEndpoint({host: 'tcp://[::1]:2375', env: {}})).toMatchObject({kind: 'tcp', host: '::1', port: 2375});
	});
	it('names what is wrong with a bad host or context', () => {
		expect(() => resolveEndpoint({host: 'localhost:2375', env: {}})).toThrow(EndpointError);
		expect(() => resolveEndpoint({host: 'ftp://x', env: {}})).toThrow(/unsupported scheme/);
		expect(() => resolveEndpoint({context: 'nope', env: {DOCKER_CONFIG: configDir()}})).toThrow(/context "nope" does not exist/);
	});
	it('tells a person what to do when the engine does not answer', () => {
		const endpoint = resolveEndpoint({host: 'unix:///tmp/none.sock', env: {}});
		expect(unreachableAdvice(endpoint, 'ENOENT')).toMatch(/unix:\/\/\/tmp\/none.sock.*\n.*daemon running/);
		expect(unreachableAdvice(endpoint, 'EACCES')).toMatch(/docker" group/);
	});
});

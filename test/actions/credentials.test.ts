import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {credentialsFor, encodeAuthHeader} from '../../source/engine/actions/credentials.js';

const root = mkdtempSync(path.join(tmpdir(), 'imgscope-actions-creds-'));
const bin = path.join(root, 'bin');
mkdirSync(bin);
// A credential helper as docker runs it: `get`, the server URL on stdin, JSON out.
writeFileSync(
	path.join(bin, 'docker-credential-imgscopetest'),
	`#!/bin/sh
read server
case "$server" in
  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hubuser","Secret":"hubpass"}' "$server" ;;
  tok.example.com) printf '{"ServerURL":"%s","Username":"<token>","Secret":"idtoken"}' "$server" ;;
  broken.example.com) echo 'something broke' >&2; exit 2 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`,
);
chmodSync(path.join(bin, 'docker-credential-imgscopetest'), 0o755);
afterAll(() => rmSync(root, {recursive: true, force: true}));

function config(name: string, content: unknown) {
	const dir = path.join(root, name);
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'config.json'), JSON.stringify(content));
	return {env: {PATH: `${bin}:${process.env.PATH}`, DOCKER_CONFIG: dir}};
}

describe('credentialsFor', () => {
	it('auths: base64 user:password, matched however the key is written', async () => {
		const options = config('auths', {
			auths: {
				'https://index.docker.io/v1/': {auth: Buffer.from('hub:pa:ss').toString('base64')},
				'http://127.0.0.1:5000/v2/': {auth: Buffer.from('local:pw').toString('base64')},
				'id.example.com': {identitytoken: 'tok'},
			},
		});
		expect(await credentialsFor('docker.io', options)).toEqual({serveraddress: 'https://index.docker.io/v1/', username: 'hub', password: 'pa:ss'});
		expect(await credentialsFor('127.0.0.1:5000', options)).toEqual({serveraddress: '127.0.0.1:5000', username: 'local', password: 'pw'});
		expect(await credentialsFor('id.example.com', options)).toEqual({serveraddress: 'id.example.com', identitytoken: 'tok'});
		expect(await credentialsFor('other.example.com', options)).toEqual({serveraddress: 'other.example.com'});
	});

	it('credsStore runs the helper; credHelpers wins for its registry; "not found" is no credentials', async () => {
		const options = config('helpers', {credsStore: 'imgscopetest', credHelpers: {'127.0.0.1:5000': 'imgscopetest'}, auths: {'127.0.0.1:5000': {auth: Buffer.from('ignored:x').toString('base64')}}});
		expect(await credentialsFor('docker.io', options)).toEqual({serveraddress: 'https://index.docker.io/v1/', username: 'hubuser', password: 'hubpass'});
		expect(await credentialsFor('tok.example.com', options)).toEqual({serveraddress: 'tok.example.com', identitytoken: 'idtoken'});
		expect(await credentialsFor('127.0.0.1:5000', options)).toEqual({serveraddress: '127.0.0.1:5000'});
	});

	it('a failing or missing helper is an error that names it', async () => {
		const broken = config('broken', {credsStore: 'imgscopetest'});
		await expect(credentialsFor('broken.example.com', broken)).rejects.toThrow(/credential helper docker-credential-imgscopetest: something broke/);
		const missing = config('missing', {credHelpers: {'r.example.com': 'imgscope-none'}});
		await expect(credentialsFor('r.example.com', missing)).rejects.toThrow(/docker-credential-imgscope-none is not installed/);
	});

	it('no config file means no credentials; a broken one is an error', async () => {
		expect(await credentialsFor('docker.io', {env: {DOCKER_CONFIG: path.join(root, 'none')}})).toEqual({serveraddress: 'https://index.docker.io/v1/'});
		mkdirSync(path.join(root, 'bad'));
		writeFileSync(path.join(root, 'bad', 'config.json'), '{not json');
		await expect(credentialsFor('docker.io', {env: {DOCKER_CONFIG: path.join(root, 'bad')}})).rejects.toThrow(/cannot read credentials from .*config.json/);
	});
});

describe('encodeAuthHeader', () => {
	it('is Go base64.URLEncoding (URL alphabet, padded) of the JSON without empty fields', () => {
		const header = encodeAuthHeader({username: 'u', password: '??>', serveraddress: 'r', identitytoken: ''});
		expect(header).not.toMatch(/[+/]/);
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({username: 'u', password: '??>', serveraddress: 'r'});
		expect(encodeAuthHeader({})).toBe('e30=');
		expect(encodeAuthHeader({username: 'ab'}).length % 4).toBe(0);
	});
});

/**
 * The registries the registry tests use (test/registry/fixtures.sh starts
 * and fills them): plain HTTP on 127.0.0.1:5000, TLS + htpasswd on :5443,
 * bearer tokens on :5444 (issuer :5445), mutual TLS on :5446. Where they do not answer the tests
 * skip, except under IMGSCOPE_REQUIRE_ENGINE=1, where they fail. Private
 * DOCKER_CONFIG directories hold the logins.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {requireEngine} from '../helpers/engine.js';

export const plain = '127.0.0.1:5000';
export const basic = '127.0.0.1:5443';
export const bearer = '127.0.0.1:5444';
export const issuer = 'http://127.0.0.1:5445';
export const user = 'regtest';
export const password = 'regtest-secret';

function answers(url: string, ...extra: string[]): boolean {
	try {
		execFileSync('curl', ['-s', '-k', '-o', '/dev/null', '--max-time', '5', ...extra, url], {stdio: 'pipe'});
		return true;
	} catch {
		return false;
	}
}

function check(): boolean {
	const pair = '/etc/docker/certs.d/127.0.0.1:5446/client';
	// curl's --cert reads "FILE:PASSWORD": the colon of HOST:PORT is escaped.
	const ok = [`http://${plain}/v2/`, `https://${basic}/v2/`, `http://${bearer}/v2/`, `${issuer}/count`].every((url) => answers(url)) && answers('https://127.0.0.1:5446/v2/', '--cert', `${pair}.cert`.replace(/:/g, '\\:'), '--key', `${pair}.key`);
	if (!ok && requireEngine) throw new Error('IMGSCOPE_REQUIRE_ENGINE=1 but the test registries do not answer: run test/registry/fixtures.sh (as root)');
	return ok;
}

export const haveRegistries = check();

/** A DOCKER_CONFIG directory with these logins for the two registries that need one. */
export function dockerConfig(login: {user: string; password: string} | undefined): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-registry-dc-'));
	const auths: Record<string, {auth: string}> = {};
	if (login) for (const host of [basic, bearer]) auths[host] = {auth: Buffer.from(`${login.user}:${login.password}`).toString('base64')};
	writeFileSync(path.join(dir, 'config.json'), JSON.stringify({auths}));
	return dir;
}

export const goodConfig = () => dockerConfig({user, password});

export async function tokensIssued(): Promise<number> {
	return Number(await (await fetch(`${issuer}/count`)).text());
}

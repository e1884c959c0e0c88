/**
 * The subcommands on remote references, against the real registries: tags,
 * layers, history, files, check, diff; platforms of an index; the three
 * setups (plain HTTP, TLS + basic auth, bearer tokens); and the faults a
 * registry can have (through test/helpers/registry-front.ts), each a clear
 * message and exit status 1, no stack trace, no secret.
 */
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasStackTrace, runCli} from '../helpers/cli.js';
import {RegistryFront} from '../helpers/registry-front.js';
import {basic, bearer, dockerConfig, goodConfig, haveRegistries, password, plain, tokensIssued, user} from './support.js';

const good = haveRegistries ? goodConfig() : '';
const none = haveRegistries ? dockerConfig(undefined) : '';
const wrong = haveRegistries ? dockerConfig({user, password: 'not-the-password'}) : '';
const cli = (args: string[], config = good) => runCli(args, {env: {DOCKER_CONFIG: config}, timeout: 60_000});

describe.skipIf(!haveRegistries)('remote subcommands', () => {
	it('tags lists a repository\'s tags; --json too', async () => {
		const r = await cli(['tags', `${plain}/registry-test/base`]);
		expect(r.code).toBe(0);
		expect(r.stdout.trim().split('\n').sort()).toEqual(['1', '2', '3', '4', '5']);
		const j = await cli(['tags', '--json', `${plain}/registry-test/app`]);
		expect(JSON.parse(j.stdout)).toEqual({name: `${plain}/registry-test/app`, tags: ['1']});
	});

	it('layers of an image, an OCI image, zstd layers and an index are the same five layers', async () => {
		const outs = await Promise.all(['app:1', 'oci:1', 'zstd:1', 'multi:1'].map((r) => cli(['layers', '--json', `${plain}/registry-test/${r}`])));
		const layers = outs.map((o) => JSON.parse(o.stdout).layers.map((l: any) => [l.diff_id, l.size, l.step?.created_by]));
		expect(layers[0]).toHaveLength(5);
		for (const l of layers.slice(1)) expect(l).toEqual(layers[0]);
		const zstd = JSON.parse(outs[2].stdout);
		expect(zstd.sizes).toBe('docker');
		expect(zstd.layers[0].compressed_size).toBeGreaterThan(0);
		expect(zstd.layers[0].digest).not.toBe(JSON.parse(outs[0].stdout).layers[0].digest); // zstd blobs differ, diff_ids do not
	});

	it('--platform picks an entry of the index; an unknown platform names the ones there are', async () => {
		const amd = JSON.parse((await cli(['layers', '--json', `${plain}/registry-test/multi:1`])).stdout);
		const arm = JSON.parse((await cli(['layers', '--json', '--platform', 'linux/arm64', `${plain}/registry-test/multi:1`])).stdout);
		expect(amd.layers).toHaveLength(5);
		expect(arm.layers).toHaveLength(1); // the arm64 entry is fixture/base
		const none = await cli(['layers', '--platform', 'linux/s390x', `${plain}/registry-test/multi:1`]);
		expect(none.code).toBe(1);
		expect(none.stderr).toBe(`imgscope: ${plain}/registry-test/multi:1: no matching manifest for linux/s390x in the manifest list entries (it has: linux/amd64, linux/arm64/v8)\n`);
		const lone = await cli(['layers', '--platform', 'linux/arm64', `${plain}/registry-test/app:1`]);
		expect(lone.stderr).toBe(`imgscope: image with reference ${plain}/registry-test/app:1 was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64\n`);
		const bad = await cli(['layers', '--platform', 'linux/', `${plain}/registry-test/multi:1`]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/^imgscope: "linux\/": unknown operating system or architecture/);
	});

	it('files and diff: local against remote, and two remote tags', async () => {
		const files = await cli(['files', `${plain}/registry-test/zstd:1`, '--layer', '2']);
		expect(files.code).toBe(0);
		expect(files.stdout).toContain('app/big.bin');
		const local = await cli(['diff', '--json', 'fixture/app:1', `${plain}/registry-test/oci:1`]);
		expect(local.code).toBe(0);
		const doc = JSON.parse(local.stdout);
		expect(doc.sharedLayers).toHaveLength(5);
		const two = await cli(['diff', `${plain}/registry-test/app:1`, `${plain}/registry-test/base:1`]);
		expect(two.code).toBe(0);
		expect(two.stdout).toContain('shared layers: 1, the bottom 1 in common');
		expect(two.stdout).toMatch(/removed\s+file\s+23B\s+app\/hello\.txt/);
	});

	it('TLS with the CA from certs.d and basic auth; bearer tokens, one per repository scope, reused', async () => {
		const tls = await cli(['layers', `${basic}/registry-test/app:1`]);
		expect(tls.code).toBe(0);
		expect(tls.stdout.split('\n')).toHaveLength(7);
		const before = await tokensIssued();
		// One process: manifest, config and 5 blobs in one scope.
		const check = await cli(['check', '--json', `${bearer}/registry-test/app:1`]);
		expect(check.stderr).toBe('');
		expect(await tokensIssued()).toBe(before + 1);
		expect(JSON.parse(check.stdout).wastedBytes).toBe(524292);
	});

	it('credentials from a credsStore helper (docker-credential-NAME get): a password, and an identity token (the OAuth2 refresh-token flow)', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-registry-helper-'));
		const helper = path.join(dir, 'docker-credential-imgscope-test');
		writeFileSync(
			helper,
			[
				'#!/bin/sh',
				'read server',
				'case "$server" in',
				`${basic}) echo '{"ServerURL":"${basic}","Username":"${user}","Secret":"${password}"}' ;;`,
				`${bearer}) echo '{"ServerURL":"${bearer}","Username":"<token>","Secret":"regtest-identity-token"}' ;;`,
				'*) echo "credentials not found in native keychain"; exit 1 ;;',
				'esac',
				'',
			].join('\n'),
		);
		chmodSync(helper, 0o755);
		writeFileSync(path.join(dir, 'config.json'), JSON.stringify({credsStore: 'imgscope-test'}));
		const env = {DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH}`};
		const tls = await runCli(['tags', `${basic}/registry-test/app`], {env});
		expect([tls.code, tls.stdout, tls.stderr]).toEqual([0, '1\n', '']);
		const token = await runCli(['tags', `${bearer}/registry-test/multi`], {env});
		expect([token.code, token.stdout, token.stderr]).toEqual([0, '1\n', '']);
		// A helper that has nothing for the registry: as no credentials.
		const other = await runCli(['tags', `${plain}/registry-test/app`], {env});
		expect(other.stdout).toBe('1\n');
	});

	it('mutual TLS: the client pair from certs.d; without it, or without the CA, the fix is named', async () => {
		const mtls = '127.0.0.1:5446';
		const ok = await cli(['layers', '--manifest-only', `${mtls}/registry-test/app:1`]);
		expect([ok.code, ok.stderr]).toEqual([0, '']);
		// The blobs not read: the sizes are the manifest's compressed ones, and the headers say so.
		expect(ok.stdout.split('\n')[0]).toMatch(/^# +DIFF ID +COMPRESSED +CUMULATIVE COMPRESSED +CREATED BY$/);
		// A certs.d with the CA only (IMGSCOPE_CERTS_D stands in for /etc/docker/certs.d).
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-registry-certs-'));
		mkdirSync(path.join(dir, mtls));
		copyFileSync(`/etc/docker/certs.d/${mtls}/ca.crt`, path.join(dir, mtls, 'ca.crt'));
		const noClient = await runCli(['tags', `${mtls}/registry-test/app`], {env: {DOCKER_CONFIG: good, IMGSCOPE_CERTS_D: dir}});
		expect([noClient.code, noClient.stderr]).toEqual([1, `imgscope: ${mtls}: TLS: the registry did not accept a client certificate (none was sent, or not one it trusts); docker's pair goes in /etc/docker/certs.d/${mtls}/NAME.cert and NAME.key\n`]);
		const noCa = await runCli(['tags', `${basic}/registry-test/app`], {env: {DOCKER_CONFIG: good, IMGSCOPE_CERTS_D: dir}});
		expect([noCa.code, noCa.stderr]).toEqual([1, `imgscope: ${basic}: TLS: the registry's certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); a private CA goes in /etc/docker/certs.d/${basic}/ca.crt\n`]);
		// --insecure-registry: HTTPS without the certificate check, as docker's insecure registries.
		const insecure = await runCli(['tags', '--insecure-registry', basic, `${basic}/registry-test/app`], {env: {DOCKER_CONFIG: good, IMGSCOPE_CERTS_D: dir}});
		expect([insecure.code, insecure.stdout]).toEqual([0, '1\n']);
	});

	it('without credentials and with wrong ones: the registry named, the secret never shown', async () => {
		const anon = await cli(['tags', `${basic}/registry-test/app`], none);
		expect(anon.code).toBe(1);
		expect(anon.stderr).toBe(`imgscope: ${basic}: authentication required (no credentials for ${basic}; docker login ${basic})\n`);
		const bad = await cli(['layers', `${basic}/registry-test/app:1`], wrong);
		expect(bad.stderr).toBe(`imgscope: ${basic}: the stored credentials for ${basic} were refused (unauthorized)\n`);
		const badToken = await cli(['history', `${bearer}/registry-test/app:1`], wrong);
		expect(badToken.code).toBe(1);
		expect(badToken.stderr).toContain(`the token service 127.0.0.1:5445 refused the credentials for ${bearer}`);
		for (const r of [anon, bad, badToken]) {
			expect(r.stderr).not.toContain('not-the-password');
			expect(r.stderr).not.toContain(password);
			expect(hasStackTrace(r.stderr)).toBe(false);
		}
	});

	it('unknown repository, unknown tag, an invalid reference', async () => {
		const tag = await cli(['layers', `${plain}/registry-test/app:nope`]);
		expect([tag.code, tag.stderr]).toEqual([1, 'imgscope: manifest registry-test/app:nope: manifest unknown\n']);
		const repo = await cli(['check', `${plain}/registry-test/nope:1`]);
		expect([repo.code, repo.stderr]).toEqual([1, 'imgscope: manifest registry-test/nope:1: manifest unknown\n']);
		const tags = await cli(['tags', `${plain}/registry-test/nope`]);
		expect([tags.code, tags.stderr]).toEqual([1, 'imgscope: tags of registry-test/nope: repository name not known to registry\n']);
		const ref = await cli(['layers', '--remote', 'a/UPPER:1']);
		expect(ref.code).toBe(1);
		expect(ref.stderr).toMatch(/^imgscope: invalid reference: repository name "a\/UPPER" must be lowercase/);
	});
});

describe.skipIf(!haveRegistries)('a registry that misbehaves', () => {
	const front = new RegistryFront();
	beforeAll(() => front.start());
	afterAll(() => front.stop());
	const at = (repo: string) => `${front.host}/registry-test/${repo}`;
	const faulty = async (fault: typeof front.fault, args: string[]) => {
		front.fault = fault;
		const r = await cli(args);
		expect(hasStackTrace(r.stderr)).toBe(false);
		return r;
	};

	it('tags are followed page after page through Link headers', async () => {
		front.requests = [];
		const r = await faulty('paged-tags', ['tags', '--page-size', '2', at('base')]);
		expect(r.stdout).toBe('1\n2\n3\n4\n5\n');
		expect(front.requests.filter((u) => u.includes('/tags/list'))).toHaveLength(3);
	});

	it('blobs behind redirects are read', async () => {
		const r = await faulty('redirect-blobs', ['check', '--json', at('app:1')]);
		expect(r.stderr).toBe('');
		expect(front.requests.filter((u) => u.includes('redirected=1')).length).toBeGreaterThan(0);
		expect(JSON.parse(r.stdout).wastedBytes).toBe(524292);
	});

	it('an HTML answer, a redirect loop, a huge manifest', async () => {
		const html = await faulty('html', ['layers', at('app:1')]);
		expect(html.code).toBe(1);
		expect(html.stderr).toContain('answered an HTML page, not a manifest');
		const loop = await faulty('redirect-loop', ['check', at('app:1')]);
		expect(loop.code).toBe(1);
		expect(loop.stderr).toMatch(/^imgscope: the config of .*: redirect loop at 127\.0\.0\.1:\d+\/v2\/registry-test\/app\/blobs\/sha256:/);
		const huge = await faulty('huge-manifest', ['layers', at('app:1')]);
		expect(huge.code).toBe(1);
		expect(huge.stderr).toMatch(/manifest registry-test\/app:1 is (over the|\d+ bytes, over the) 4194304 byte limit/);
	});

	it('a manifest or a blob whose digest does not match, a blob cut short: which one is said', async () => {
		const manifest = await faulty('wrong-manifest-digest', ['layers', at('app:1')]);
		expect(manifest.code).toBe(1);
		expect(manifest.stderr).toMatch(/^imgscope: manifest registry-test\/app:1: manifest digest mismatch: the registry says sha256:0{64}, the bytes are sha256:[0-9a-f]{64}\n$/);
		const blob = await faulty('corrupt-blob', ['check', at('app:1')]);
		expect(blob.code).toBe(1);
		expect(blob.stderr).toMatch(/^imgscope: layer 0 \(sha256:[0-9a-f]{64}\): /);
		const cut = await faulty('cut-blob', ['files', at('app:1')]);
		expect(cut.code).toBe(1);
		expect(cut.stderr).toMatch(/^imgscope: layer 0 \(sha256:[0-9a-f]{64}\): /);
		expect(cut.stdout).toBe('');
	});

	it('429 and low rate-limit headers are reported', async () => {
		const limited = await faulty('rate-limit', ['layers', at('app:1')]);
		expect(limited.code).toBe(1);
		expect(limited.stderr).toBe(`imgscope: manifest registry-test/app:1: ${front.host} answered 429 Too Many Requests (ratelimit-remaining: 0;w=21600); retry after 60 s\n`);
		const low = await faulty('low-rate', ['layers', at('app:1')]);
		expect(low.code).toBe(0);
		expect(low.stderr).toBe(`imgscope: ${front.host}: rate limit: 3 requests left (limit 100)\n`);
	});
});

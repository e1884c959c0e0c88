import {describe, expect, it} from 'vitest';
import {authKeyFor, hostOfAuthKey, parseReference} from '../../source/actions/reference.js';

describe('parseReference: valid references, normalised as docker does', () => {
	it.each([
		['ubuntu', {repository: 'ubuntu', tag: 'latest', tagged: false, registry: 'docker.io', path: 'library/ubuntu', fullName: 'docker.io/library/ubuntu', reference: 'ubuntu:latest'}],
		['ubuntu:22.04', {repository: 'ubuntu', tag: '22.04', tagged: true, registry: 'docker.io', path: 'library/ubuntu'}],
		['docker.io/library/ubuntu:1', {repository: 'ubuntu', tag: '1', registry: 'docker.io', path: 'library/ubuntu'}],
		['index.docker.io/library/ubuntu', {repository: 'ubuntu', registry: 'docker.io'}],
		['docker.io/ubuntu', {repository: 'ubuntu', path: 'library/ubuntu'}],
		['fixture/app:1', {repository: 'fixture/app', tag: '1', registry: 'docker.io', path: 'fixture/app', fullName: 'docker.io/fixture/app'}],
		['127.0.0.1:5000/x/y:1', {repository: '127.0.0.1:5000/x/y', tag: '1', registry: '127.0.0.1:5000', path: 'x/y', reference: '127.0.0.1:5000/x/y:1'}],
		['localhost/app', {repository: 'localhost/app', registry: 'localhost', tag: 'latest'}],
		['localhost:5000/app:v_1.2-3', {registry: 'localhost:5000', tag: 'v_1.2-3'}],
		['registry.example.com/team/app', {registry: 'registry.example.com', path: 'team/app'}],
		['[::1]:5000/app:1', {registry: '[::1]:5000', path: 'app'}],
		['Upper.Host/app', {registry: 'Upper.Host', path: 'app'}],
		['ns/a.b_c__d-e--f', {repository: 'ns/a.b_c__d-e--f'}],
		['localhost:5000', {repository: 'localhost', tag: '5000'}],
		['x:_tag', {tag: '_tag'}],
		['  padded:1  ', {repository: 'padded', tag: '1'}],
		[`x:${'a'.repeat(128)}`, {tag: 'a'.repeat(128)}],
	])('%s', (input, expected) => {
		const result = parseReference(input);
		expect(result.ok).toBe(true);
		expect(result).toMatchObject(expected);
	});

	it('takes a digest only where allowed', () => {
		const digest = `sha256:${'b'.repeat(64)}`;
		expect(parseReference(`app@${digest}`, {allowDigest: true})).toMatchObject({repository: 'app', digest, tag: '', reference: `app@${digest}`});
		expect(parseReference(`app:1@${digest}`, {allowDigest: true})).toMatchObject({tag: '1', digest, reference: `app:1@${digest}`});
	});
});

describe('parseReference: invalid references say why', () => {
	it.each([
		['', /empty/],
		['   ', /empty/],
		['Ubuntu', /"Ubuntu" must be lowercase/],
		['fixture/App', /must be lowercase/],
		['a b', /whitespace/],
		['app:', /empty tag/],
		['app:-x', /tag "-x"/],
		['app:.x', /tag ".x"/],
		['app:a/b', /registry "app:a"/],
		['a.b_c/g', /registry "a.b_c"/],
		[`app:${'a'.repeat(129)}`, /at most 128/],
		['app:t@x', /digest/],
		[`app@sha256:${'a'.repeat(64)}`, /a tag is wanted here/],
		['-app', /path component "-app"/],
		['app-', /path component "app-"/],
		['a..b', /path component "a..b"/],
		['a___b', /path component/],
		['a//b', /empty path component/],
		['app/', /empty path component/],
		[':tag', /no repository name/],
		['localhost:5000/', /no repository name after the registry|empty path component/],
		['bad_host:5000/app', /registry "bad_host:5000"/],
		['host:port/app', /registry "host:port"/],
		['a'.repeat(64), /64-character hexadecimal/],
		[`${'a'.repeat(200)}/${'b'.repeat(60)}`, /at most 255/],
		['app:t:t', /path component|tag|registry/],
	])('%j', (input, why) => {
		const result = parseReference(input);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toMatch(/^invalid reference: /);
			expect(result.problem).toMatch(why);
		}
	});

	it('rejects a digest that is not algorithm:hex', () => {
		const result = parseReference('app@sha256:xyz', {allowDigest: true});
		expect(result).toEqual({ok: false, problem: expect.stringMatching(/^invalid reference: digest "sha256:xyz"/)});
	});
});

describe('credential keys', () => {
	it('Docker Hub is keyed by the v1 index URL, others by host[:port]', () => {
		expect(authKeyFor('docker.io')).toBe('https://index.docker.io/v1/');
		expect(authKeyFor('127.0.0.1:5000')).toBe('127.0.0.1:5000');
	});
	it.each([
		['https://index.docker.io/v1/', 'docker.io'],
		['registry-1.docker.io', 'docker.io'],
		['http://127.0.0.1:5000', '127.0.0.1:5000'],
		['https://r.example.com/v2/', 'r.example.com'],
		['r.example.com', 'r.example.com'],
	])('%s -> %s', (key, host) => expect(hostOfAuthKey(key)).toBe(host));
});

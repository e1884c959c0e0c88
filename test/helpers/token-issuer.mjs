#!/usr/bin/env node
// A small token service for the registry's `auth: token` configuration (the
// bearer flow docker's clients speak): GET /token?service=S&scope=repository:NAME:ACTIONS
// with Basic credentials answers {"token", "expires_in", "issued_at"}, an RS256
// JWT signed by KEY whose certificate (CERT, in the registry's rootcertbundle)
// rides in the x5c header. Wrong or missing credentials: 401. GET /count says
// how many tokens were issued (tests check tokens are reused). POST /token with
// grant_type=refresh_token and IDENTITY_TOKEN as refresh_token is the OAuth2 flow
// docker uses for an identity token.
// Usage: node token-issuer.mjs PORT KEY CERT USER PASSWORD [ISSUER] [TTL_SECONDS] [IDENTITY_TOKEN]
import {createServer} from 'node:http';
import {createPrivateKey, createSign, X509Certificate, randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';

const [port, keyFile, certFile, user, password, issuer = 'imgscope-test-issuer', ttlText = '300', identityToken = ''] = process.argv.slice(2);
const key = createPrivateKey(readFileSync(keyFile));
const der = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
const ttl = Number(ttlText);
let issued = 0;

const b64url = (data) => Buffer.from(data).toString('base64url');

function sign(claims) {
	const header = b64url(JSON.stringify({alg: 'RS256', typ: 'JWT', x5c: [der]}));
	const payload = b64url(JSON.stringify(claims));
	const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
	return `${header}.${payload}.${b64url(signature)}`;
}

createServer((req, res) => {
	if (req.method === 'POST') {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => answer(req, res, new URLSearchParams(body)));
		return;
	}
	answer(req, res);
}).listen(Number(port), '127.0.0.1');

function answer(req, res, form) {
	const url = new URL(req.url, 'http://x');
	if (form) for (const [k, v] of form) url.searchParams.append(k, v);
	if (url.pathname === '/count') {
		res.end(String(issued));
		return;
	}
	if (url.pathname !== '/token') {
		res.writeHead(404).end();
		return;
	}
	const auth = req.headers.authorization ?? '';
	const given = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
	const refresh = form?.get('grant_type') === 'refresh_token' && identityToken !== '' && form.get('refresh_token') === identityToken;
	if (given !== `${user}:${password}` && !refresh) {
		res.writeHead(401, {'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="token"'}).end('{"details":"wrong credentials"}');
		return;
	}
	const access = url.searchParams.getAll('scope').flatMap((scope) => {
		const [type, name, actions] = scope.split(':');
		return type && name ? [{type, name, actions: (actions ?? '').split(',').filter(Boolean)}] : [];
	});
	const now = Math.floor(Date.now() / 1000);
	const token = sign({iss: issuer, sub: user, aud: url.searchParams.get('service') ?? '', exp: now + ttl, nbf: now - 10, iat: now, jti: randomUUID(), access});
	issued++;
	res.writeHead(200, {'Content-Type': 'application/json'}).end(JSON.stringify({token, access_token: token, expires_in: ttl, issued_at: new Date(now * 1000).toISOString()}));
}

/**
 * TLS material for a registry, where docker looks for it:
 * /etc/docker/certs.d/HOST[:PORT]/ holds CA certificates (*.crt) and client
 * pairs (NAME.cert with NAME.key). IMGSCOPE_CERTS_D points elsewhere (tests).
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {rootCertificates} from 'node:tls';

export interface TlsMaterial {
	/** The system roots plus the registry's own CAs (undefined: node's default roots). */
	ca?: string[];
	cert?: Buffer;
	key?: Buffer;
	/** `--insecure`: certificates not verified (docker's InsecureSkipVerify). */
	skipVerify?: boolean;
	/** Files read, to say where a TLS failure's trust came from. */
	files: string[];
}

export function certsDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.IMGSCOPE_CERTS_D || '/etc/docker/certs.d';
}

export function tlsFor(host: string, env: NodeJS.ProcessEnv = process.env): TlsMaterial {
	const dir = path.join(certsDir(env), host);
	const out: TlsMaterial = {files: []};
	if (!existsSync(dir)) return out;
	let names: string[];
	try {
		names = readdirSync(dir).sort();
	} catch {
		return out;
	}
	const cas: string[] = [];
	for (const name of names) {
		const file = path.join(dir, name);
		if (name.endsWith('.crt')) {
			cas.push(readFileSync(file, 'utf8'));
			out.files.push(file);
		} else if (name.endsWith('.cert') && !out.cert) {
			const key = path.join(dir, `${name.slice(0, -'.cert'.length)}.key`);
			if (existsSync(key)) {
				out.cert = readFileSync(file);
				out.key = readFileSync(key);
				out.files.push(file, key);
			}
		}
	}
	if (cas.length) out.ca = [...rootCertificates, ...cas];
	return out;
}

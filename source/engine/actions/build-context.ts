/**
 * The build context as `docker build DIR` sends it: a tar of the directory,
 * streamed (contexts can be large), without what .dockerignore excludes.
 * As in the CLI, the Dockerfile and .dockerignore are always sent (the
 * engine needs the one and reads the other), entries are owned by 0:0, and a
 * Dockerfile outside the context is added under a generated name.
 */
import {randomBytes} from 'node:crypto';
import {createReadStream, existsSync, promises as fs, readFileSync} from 'node:fs';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {type Header, pack as tarPack} from 'tar-stream';

type Headers = Partial<Header> & {name: string};
import {DockerIgnore, readDockerignore} from '../../actions/dockerignore.js';

export interface BuildContext {
	stream: Readable;
	/** The Dockerfile's path inside the tar, for the build's `dockerfile` parameter. */
	dockerfile: string;
}

export class ContextError extends Error {}

/**
 * Checks the directory and Dockerfile, then starts packing. `dockerfile` is
 * relative to the context (default "Dockerfile") or absolute.
 */
export function packContext(contextDir: string, dockerfile = 'Dockerfile'): BuildContext {
	const root = path.resolve(contextDir);
	if (!existsSync(root)) throw new ContextError(`invalid context: ${contextDir} does not exist`);
	const dockerfilePath = path.resolve(root, dockerfile);
	if (!existsSync(dockerfilePath)) throw new ContextError(`invalid Dockerfile: ${dockerfilePath} does not exist`);
	const relative = path.relative(root, dockerfilePath).split(path.sep).join('/');
	const outside = relative.startsWith('../') || path.isAbsolute(relative);
	const ignoreFile = path.join(root, '.dockerignore');
	const patterns = existsSync(ignoreFile) ? readDockerignore(readFileSync(ignoreFile, 'utf8')) : [];
	// The CLI re-includes these two if a pattern excluded them.
	patterns.push('!.dockerignore');
	if (!outside) patterns.push(`!${relative}`);
	let ignore: DockerIgnore;
	try {
		ignore = new DockerIgnore(patterns);
	} catch (error) {
		throw new ContextError((error as Error).message);
	}
	const tarDockerfile = outside ? `.dockerfile.${randomBytes(10).toString('hex')}` : relative;

	const pack = tarPack();
	const add = (header: Headers, file?: string) =>
		new Promise<void>((resolve, reject) => {
			const entry = pack.entry(header, (error) => (error ? reject(error) : resolve()));
			// Directories and links complete by themselves; a file entry needs its body, even an empty one.
			const sink = entry as unknown as NodeJS.WritableStream;
			if (file && header.size) {
				const source = createReadStream(file);
				source.on('error', reject);
				source.pipe(sink);
			} else if (file) sink.end();
		});

	const walk = async (dir: string, prefix: string): Promise<void> => {
		const names = (await fs.readdir(dir)).sort();
		for (const name of names) {
			const rel = prefix ? `${prefix}/${name}` : name;
			const full = path.join(dir, name);
			const stat = await fs.lstat(full);
			const skip = ignore.excluded(rel);
			if (skip && !(stat.isDirectory() && ignore.mayIncludeUnder(rel))) continue;
			const header: Headers = {name: rel, mode: stat.mode & 0o7777, mtime: stat.mtime, uid: 0, gid: 0};
			if (stat.isDirectory()) {
				if (!skip) await add({...header, type: 'directory'});
				await walk(full, rel);
			} else if (stat.isSymbolicLink()) {
				await add({...header, type: 'symlink', linkname: await fs.readlink(full)});
			} else if (stat.isFile()) {
				await add({...header, type: 'file', size: stat.size}, full);
			}
			// Sockets, devices and FIFOs are left out, as the CLI's tar does for sockets.
		}
	};

	(async () => {
		await walk(root, '');
		if (outside) {
			const stat = await fs.stat(dockerfilePath);
			await add({name: tarDockerfile, mode: 0o644, mtime: stat.mtime, uid: 0, gid: 0, type: 'file', size: stat.size}, dockerfilePath);
		}
		pack.finalize();
	})().catch((error: Error) => pack.destroy(new ContextError(`cannot read the build context: ${error.message}`)));

	return {stream: pack as unknown as Readable, dockerfile: tarDockerfile};
}

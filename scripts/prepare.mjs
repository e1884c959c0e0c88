// npm's prepare: runs on `npm install` in a checkout, when npm installs
// imgscope from git (it then packs the result), and after prepack in
// `npm pack`. It builds dist/ when dist/ is stale (scripts/build.mjs
// --if-stale).
//
// `npm install -g git+…` runs it without the devDependencies the build
// needs (npm/cli#8440: the global flag reaches the clone's own install), so
// they are installed here first, into the clone, as a local install.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}node_modules/esbuild/package.json`)) {
	const env = {...process.env};
	for (const key of Object.keys(env)) if (/^npm_config_(global|location|prefix)$/i.test(key)) delete env[key];
	const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
	const result = spawnSync(npm[0], [...npm[1], 'install', '--global=false', '--include=dev', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'], {cwd: root, env, stdio: 'inherit'});
	if (result.status !== 0) {
		console.error('imgscope: installing the build tools (devDependencies) failed');
		process.exit(1);
	}
}
process.argv.push('--if-stale');
await import('./build.mjs');

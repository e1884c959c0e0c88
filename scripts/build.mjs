// Bundles imgscope into dist/ so start-up reads a few files instead of
// hundreds (module resolution is most of node's start-up cost). Code
// splitting keeps the TUI (ink, react) out of the subcommands' path.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	entryPoints: {imgscope: 'source/main.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	logLevel: 'warning',
	// Native and optional parts stay outside: ssh2's crypto binding and
	// cpu-features are optional at run time, react-devtools-core is dev only.
	external: ['cpu-features', '*.node', 'react-devtools-core'],
	// dockerode and its transport are CommonJS: give the ESM bundle a require().
	banner: {js: "import {createRequire as __imgscopeCreateRequire} from 'node:module'; const require = __imgscopeCreateRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"'},
});

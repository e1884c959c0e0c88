// Bundles imgscope into dist/ so that start-up reads one file instead of
// hundreds (module resolution is most of node's start-up cost).
//
//   dist/imgscope.cjs  everything, as one CommonJS script. bin/imgscope runs it
//                      through node:vm with a V8 code cache (see bin/imgscope):
//                      node 20 has no module.enableCompileCache, and only a
//                      classic script can take cachedData. Modules are
//                      evaluated lazily (esbuild's __esm wrappers around each
//                      dynamic import), so a subcommand never evaluates ink or
//                      react, and with the cache it does not even compile them.
//   dist/imgscope.js   an ESM facade (export {main, version}) for importers.
//
// Two packages use top-level await, which a classic script cannot hold; they
// are patched here (pinned versions, checked: the build fails if the text
// moved):
//   - yoga-layout instantiates its wasm synchronously instead of through
//     fetch() of a data: URL (which also loaded node's undici, ~25 ms);
//   - ink's reconciler skips its DEV-only devtools and package.json reads.
import {build} from 'esbuild';
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

function patch(text, file, from, to) {
	if (!text.includes(from)) throw new Error(`scripts/build.mjs: ${file} changed (no "${from.slice(0, 60)}…"); update the patch for its new version`);
	return text.replace(from, to);
}

// A faster Output for ink 6.8.0, same bytes (scripts/build-ink-output.js says how);
// another ink version keeps its own.
const inkVersion = JSON.parse(readFileSync(`${root}node_modules/ink/package.json`, 'utf8')).version;
const inkOutput = {
	name: 'imgscope-ink-output',
	setup(b) {
		if (inkVersion !== '6.8.0') {
			console.warn(`scripts/build.mjs: ink ${inkVersion} is not 6.8.0, so its own build/output.js is bundled (slower frames); check scripts/build-ink-output.js against it`);
			return;
		}
		b.onLoad({filter: /ink[\\/]build[\\/]output\.js$/}, (args) => ({contents: readFileSync(`${root}scripts/build-ink-output.js`, 'utf8'), loader: 'js', resolveDir: dirname(args.path)}));
	},
};

const syncTopLevel = {
	name: 'imgscope-sync-top-level',
	setup(b) {
		b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, (args) => {
			const text = readFileSync(args.path, 'utf8');
			// Module.imgscopeSync: compile and instantiate the embedded wasm now (its base64 decoded by Buffer, not a loop).
			const contents = patch(text, 'yoga-wasm-base64-esm.js', 'if(h.instantiateWasm)try{', 'if(h.imgscopeSync){a(new WebAssembly.Instance(new WebAssembly.Module(ua(H)?Buffer.from(H.slice(37),"base64"):wa()),d));return{}}if(h.instantiateWasm)try{');
			return {contents, loader: 'js'};
		});
		b.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, (args) => {
			const text = readFileSync(args.path, 'utf8');
			const contents = patch(
				text,
				'yoga-layout/dist/src/index.js',
				'const Yoga = wrapAssembly(await loadYoga());',
				"const imgscopeModule = {imgscopeSync: true};\nloadYoga(imgscopeModule);\nif (!imgscopeModule.calledRun) throw new Error('yoga-layout did not initialise synchronously');\nconst Yoga = wrapAssembly(imgscopeModule);",
			);
			return {contents, loader: 'js'};
		});
		b.onLoad({filter: /ink[\\/]build[\\/]reconciler\.js$/}, (args) => {
			let text = readFileSync(args.path, 'utf8');
			text = patch(text, 'ink/build/reconciler.js', "await import('./devtools.js');", "throw Object.assign(new Error('no devtools in the bundle'), {code: 'ERR_MODULE_NOT_FOUND'});");
			text = patch(text, 'ink/build/reconciler.js', '? await loadPackageJson()', '? {name: undefined, version: undefined}');
			return {contents: text, loader: 'js'};
		});
	},
};

// Built beside dist/ and swapped in, so a process started meanwhile (other
// work on this machine runs bin/imgscope all the time) never finds it half written.
const staging = `${dist}.build-${process.pid}`;
rmSync(staging, {recursive: true, force: true});
try {
	await buildInto(staging);
} catch (error) {
	rmSync(staging, {recursive: true, force: true});
	throw error;
}
const old = `${dist}.old-${process.pid}`;
try {
	renameSync(dist, old);
} catch {}
renameSync(staging, dist);
rmSync(old, {recursive: true, force: true});

async function buildInto(outdir) {
	await build({
		absWorkingDir: root,
		entryPoints: {imgscope: 'source/main.ts'},
		outdir,
		outExtension: {'.js': '.cjs'},
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		minify: true,
		keepNames: false,
		sourcemap: 'linked',
		legalComments: 'linked',
		logLevel: 'warning',
		// Native and optional parts stay outside: ssh2's crypto binding and
		// cpu-features are optional at run time, react-devtools-core is dev only.
		external: ['cpu-features', '*.node', 'react-devtools-core'],
		// import.meta.url has no meaning in a classic script: bin/imgscope passes it in.
		define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"', 'import.meta.url': '__imgscope_url'},
		plugins: [syncTopLevel, inkOutput],
	});
	writeFileSync(
		`${outdir}/imgscope.js`,
		[
			'// ESM facade over the CommonJS bundle (bin/imgscope loads imgscope.cjs itself, with a code cache).',
			"import {createRequire} from 'node:module';",
			"import {fileURLToPath} from 'node:url';",
			"const file = new URL('./imgscope.cjs', import.meta.url);",
			'globalThis.__imgscope_url ??= file.href;',
			'const bundle = createRequire(import.meta.url)(fileURLToPath(file));',
			'export const main = bundle.main;',
			'export const version = bundle.version;',
			'',
		].join('\n'),
	);
}

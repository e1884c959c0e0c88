// Bundles imgscope into dist/ so that start-up reads a file or two instead of
// hundreds (module resolution is most of node's start-up cost).
//
//   dist/imgscope.cjs  main.ts: the mode, the subcommands, and what the
//                      explorer needs before ink (its first frame).
//   dist/ui.cjs        the explorer (ui/run.tsx: ink, react, the App), loaded
//                      by main.ts only to run it (its import of ./ui/run.js).
//   dist/remote.cjs    dockerode and ssh2 (attach, ssh:// engines), loaded by
//                      engine/remote-modules.ts on first use.
//   dist/imgscope.js   an ESM facade (export {main, version}) for importers.
//
// What the bundles hold is all the package needs at run time: it has no
// dependencies (package.json lists what is bundled as devDependencies).
//
// Both are CommonJS scripts: bin/imgscope runs them through node:vm with a
// V8 code cache (node 20 has no module.enableCompileCache, and only a
// classic script can take cachedData). Within each, modules behind a dynamic
// import are evaluated lazily (esbuild's __esm wrappers), so a subcommand
// evaluates only its own. The two share no module instances: main.ts hands
// the explorer plain data (the endpoint, the lists, the screen).
//
// Two packages use top-level await, which a classic script cannot hold; they
// are patched here (pinned versions, checked: the build fails if the text
// moved):
//   - yoga-layout instantiates its wasm synchronously instead of through
//     fetch() of a data: URL (which also loaded node's undici, ~25 ms);
//   - ink's reconciler skips its DEV-only devtools and package.json reads.
// And ink's Output is replaced by scripts/build-ink-output.js (same bytes, less work).
//
// Beside the bundles: dist/imgscope.1, the manual page, written from the
// command table (the same table as --help prints), and
// dist/THIRD-PARTY-LICENSES.txt, the licence of every package the bundles hold.
import {build} from 'esbuild';
import {readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

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

// string-width 8.3.0 (what ink and widest-line measure every line of every frame with) has a fast
// path for printable ASCII only: a line holding `…` or `↓` goes through Intl.Segmenter, ~1 ms for
// 120 columns, so 40 such rows cost ~40 ms a frame. Its fast path also takes the characters
// source/text/narrow.ts lists (each one column and a grapheme of its own; test/text/narrow.test.ts
// checks them against string-width): same widths, no segmenter. Another version keeps its own.
const stringWidthVersion = JSON.parse(readFileSync(`${root}node_modules/string-width/package.json`, 'utf8')).version;
const narrowWidth = {
	name: 'imgscope-narrow-width',
	setup(b) {
		if (stringWidthVersion !== '8.3.0') {
			console.warn(`scripts/build.mjs: string-width ${stringWidthVersion} is not 8.3.0, so its own fast path is bundled (slower frames); check the patch against it`);
			return;
		}
		b.onLoad({filter: /node_modules[\\/]string-width[\\/]index\.js$/}, (args) => {
			// wrap-ansi brings its own string-width (7.2): only 8.3.0 is patched.
			if (JSON.parse(readFileSync(`${dirname(args.path)}/package.json`, 'utf8')).version !== '8.3.0') return undefined;
			const text = readFileSync(args.path, 'utf8');
			const contents = patch(
				text,
				'string-width/index.js',
				'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
				'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && imgscopeAllNarrow(string))) {',
			);
			return {contents: `import {allNarrow as imgscopeAllNarrow} from ${JSON.stringify(`${root}source/text/narrow.ts`)};\n${contents}`, loader: 'js', resolveDir: dirname(args.path)};
		});
	},
};

// main.ts's `import('./ui/run.js')`: the other bundle, through bin/imgscope's loader (with its cache).
const uiBundle = {
	name: 'imgscope-ui-bundle',
	setup(b) {
		b.onResolve({filter: /^\.\/ui\/run\.js$/}, (args) => (args.importer.endsWith(`source${'/'}main.ts`) ? {path: 'ui', namespace: 'imgscope-bundle'} : undefined));
		b.onLoad({filter: /.*/, namespace: 'imgscope-bundle'}, (args) => ({contents: `module.exports = __imgscope_load(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
};

// engine/remote-modules.ts: in the build, dist/remote.cjs through the same loader (both bundles share its one instance).
const remoteBundle = {
	name: 'imgscope-remote-bundle',
	setup(b) {
		b.onLoad({filter: /source[\\/]engine[\\/]remote-modules\.ts$/}, () => ({
			contents: "export const loadDockerode = () => __imgscope_load('remote').dockerode;\nexport const loadSsh2 = () => __imgscope_load('remote').ssh2;\n",
			loader: 'js',
		}));
	},
};

// dockerode's BuildKit session (buildImage with version 2: gRPC and protobufjs, 390 kB, and .proto
// files read from its own directory) is never used: imgscope builds through the engine API itself.
const noBuildkit = {
	name: 'imgscope-no-buildkit',
	setup(b) {
		b.onLoad({filter: /dockerode[\\/]lib[\\/](session|buildkit)\.js$/}, (args) => ({
			contents: `module.exports = () => { throw new Error('imgscope: dockerode\\'s ${args.path.endsWith('session.js') ? 'BuildKit session' : 'BuildKit'} is not in the bundle'); };`,
			loader: 'js',
		}));
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
	const common = {
		absWorkingDir: root,
		outdir,
		outExtension: {'.js': '.cjs'},
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		minify: true,
		sourcemap: 'linked',
		// The licences go in dist/THIRD-PARTY-LICENSES.txt, whole (thirdPartyLicenses).
		legalComments: 'none',
		logLevel: 'warning',
		// Native and optional parts stay outside: ssh2's crypto binding and
		// cpu-features are optional at run time, react-devtools-core is dev only.
		external: ['cpu-features', '*.node', 'react-devtools-core'],
		// import.meta.url has no meaning in a classic script: bin/imgscope passes it in.
		define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"', 'import.meta.url': '__imgscope_url'},
		// A classic script run through node:vm has no import(): esbuild turns each into a require (builtins, externals too).
		supported: {'dynamic-import': false},
		metafile: true,
	};
	const built = await Promise.all([
		build({...common, entryPoints: {imgscope: 'source/main.ts'}, plugins: [uiBundle, remoteBundle]}),
		build({...common, entryPoints: {ui: 'source/ui/run.tsx'}, plugins: [syncTopLevel, inkOutput, narrowWidth, remoteBundle]}),
		build({...common, entryPoints: {remote: 'source/engine/remote-bundle.ts'}, plugins: [noBuildkit]}),
	]);
	const [cli] = built;
	// The subcommands' bundle must not carry the explorer's weight.
	const heavy = Object.keys(cli.metafile.inputs).filter((input) => /node_modules[\\/](ink|react|react-reconciler|yoga-layout)[\\/]/.test(input));
	if (heavy.length) throw new Error(`scripts/build.mjs: dist/imgscope.cjs would hold ${heavy[0]} (imported outside ui/run.tsx?)`);
	writeFileSync(
		`${outdir}/imgscope.js`,
		[
			'// ESM facade over the CommonJS bundles (bin/imgscope loads them itself, with a code cache).',
			"import {createRequire} from 'node:module';",
			"import {fileURLToPath} from 'node:url';",
			'const require = createRequire(import.meta.url);',
			"globalThis.__imgscope_url ??= new URL('./imgscope.cjs', import.meta.url).href;",
			"globalThis.__imgscope_load ??= (name) => require(fileURLToPath(new URL(`./${name}.cjs`, import.meta.url)));",
			"const bundle = globalThis.__imgscope_load('imgscope');",
			'export const main = bundle.main;',
			'export const version = bundle.version;',
			'',
		].join('\n'),
	);
	writeFileSync(`${outdir}/THIRD-PARTY-LICENSES.txt`, thirdPartyLicenses(built.flatMap((result) => Object.keys(result.metafile.inputs))));
	await writeManual(outdir);
}

/** Each bundled package's name, version, licence and licence text, from its own directory. */
function thirdPartyLicenses(inputs) {
	const dirs = new Set();
	for (const input of inputs) {
		const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match) dirs.add(match[1]);
	}
	const parts = ['The bundles in this directory hold these packages; each is used under its licence, quoted here.\n'];
	for (const dir of [...dirs].sort()) {
		const pkg = JSON.parse(readFileSync(`${root}${dir}/package.json`, 'utf8'));
		const file = readdirSync(`${root}${dir}`).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
		const text = file ? readFileSync(`${root}${dir}/${file}`, 'utf8').trim() : `(no licence file in the package; package.json says ${pkg.license ?? 'nothing'})`;
		parts.push(`${'-'.repeat(72)}\n${pkg.name} ${pkg.version} (${pkg.license ?? 'no licence field'})\n\n${text}\n`);
	}
	return parts.join('\n');
}

/**
 * dist/imgscope.1 from the command table --help prints: main.ts's version,
 * registry.ts's commands and each one's flags, bundled here for the build
 * alone (not into dist/imgscope.cjs, which every run loads) and run.
 */
async function writeManual(outdir) {
	const entry = "export {commandTable} from './source/cli/command-table.ts'; export {manualPage} from './source/cli/manual.ts'; export {version} from './source/main.ts';";
	const result = await build({
		stdin: {contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'manual-entry.ts'},
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		write: false,
		logLevel: 'warning',
		external: ['cpu-features', '*.node', 'react-devtools-core'],
		define: {'import.meta.url': '__imgscope_url'},
		supported: {'dynamic-import': false},
		// The explorer and dockerode are never loaded by the table: their stand-ins are enough.
		plugins: [uiBundle, remoteBundle],
	});
	const module = {exports: {}};
	const require = createRequire(`${root}package.json`);
	new Function('module', 'exports', 'require', '__imgscope_url', '__imgscope_load', result.outputFiles[0].text)(module, module.exports, require, pathToFileURL(`${root}package.json`).href, () => {
		throw new Error('scripts/build.mjs: the command table loaded a bundle');
	});
	const {commandTable, manualPage, version} = module.exports;
	writeFileSync(`${outdir}/imgscope.1`, manualPage(await commandTable(), version));
}

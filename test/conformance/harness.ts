// Runs a case through the docker client and through imgscope, back to back,
// and compares stdout bytes and exit status.
import {execFile, execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import type {Case} from './cases.js';
import {dockerArgs, documentedException} from './cases.js';
import {normalise as normaliseText, SETTLE_ATTEMPTS} from './unstable.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
	stdout: Buffer;
	stderr: string;
	code: number;
}

export interface Outcome {
	case: Case;
	docker: RunResult;
	imgscope: RunResult;
	/**
	 * 'identical': same bytes and status; 'reordered': same lines in another order (daemon order);
	 * 'exception': same bytes, and the exit statuses of a documented exception (cases.ts); 'different'.
	 */
	verdict: 'identical' | 'reordered' | 'exception' | 'different';
	attempts: number;
}

/** The docker client under test (28.x). */
export const DOCKER_CLI = process.env.IMGSCOPE_DOCKER_CLI ?? (existsSync('/usr/local/bin/docker') ? '/usr/local/bin/docker' : 'docker');

/** The dangling fixture's ID, for the '@dangling' argument. */
export function danglingId(): string {
	try {
		const out = execFileSync(DOCKER_CLI, ['image', 'ls', '-q', '--filter', 'dangling=true', '--filter', 'label=imgscope.fixture=dangling'], {encoding: 'utf8'});
		return out.split('\n')[0] || 'no-dangling-fixture';
	} catch {
		return 'no-dangling-fixture';
	}
}

/** One client run: stdout bytes, stderr text, exit status. */
export function run(file: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
	return new Promise(resolve => {
		const child = execFile(file, args, {encoding: 'buffer', maxBuffer: 64 << 20, timeout: 60_000, env: {...process.env, NO_COLOR: '1', ...env}}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
			resolve({stdout, stderr: stderr.toString('utf8'), code});
		});
		// A question (prune) reads its answer from stdin; without input it sees the end of it.
		if (input !== undefined) child.stdin?.end(input);
	});
}

/**
 * How to start imgscope: the bundle `npm run build` made, else a bundle built
 * here once (starting through tsx costs ~0.3 s a process, the bundle far less).
 */
export async function imgscopeCommand(): Promise<string[]> {
	if (existsSync(`${root}dist/imgscope.js`)) return [`${root}bin/imgscope`];
	const dir = `${root}node_modules/.cache/imgscope-conformance/`;
	mkdirSync(dir, {recursive: true});
	const {build} = await import('esbuild');
	await build({
		entryPoints: {imgscope: `${root}source/main.ts`},
		outdir: dir,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'error',
		external: ['cpu-features', '*.node', 'react-devtools-core'],
		banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
		define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"'},
	});
	// The same start-up as bin/imgscope.
	writeFileSync(
		`${dir}run.mjs`,
		"const {main} = await import('./imgscope.js');\nconst code = await main(process.argv.slice(2));\nprocess.stdout.write('', () => process.exit(code));\n",
	);
	return [`${dir}run.mjs`];
}

// unstable.ts: Go's pointer addresses.
const normalise = (b: Buffer): string => normaliseText(b.toString('latin1'));

const sortedLines = (s: string): string => s.split('\n').sort().join('\n');

function verdict(c: Case, d: RunResult, i: RunResult): Outcome['verdict'] {
	const a = normalise(d.stdout);
	const b = normalise(i.stdout);
	const exception = documentedException(c);
	if (exception && d.code === exception.docker && i.code === exception.imgscope) return a === b ? 'exception' : 'different';
	if (d.code !== i.code) return 'different';
	if (a === b) return 'identical';
	return c.unordered && sortedLines(a) === sortedLines(b) ? 'reordered' : 'different';
}

/**
 * Run one case; a mismatch is bracketed (unstable.ts rule 2): docker runs again,
 * and only when its two runs agree is the verdict final, else the case runs again.
 */
export async function runCase(c: Case, imgscope: string[], substitutions: Record<string, string>): Promise<Outcome> {
	const args = c.args.map(a => substitutions[a] ?? a);
	let last: Outcome | undefined;
	for (let attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
		const docker = await run(DOCKER_CLI, dockerArgs(args), c.env, c.input);
		const mine = await run(process.execPath, [...imgscope, ...args], c.env, c.input);
		const v = verdict(c, docker, mine);
		last = {case: c, docker, imgscope: mine, verdict: v, attempts: attempt};
		if (v === 'identical' || v === 'exception') return last;
		const again = await run(DOCKER_CLI, dockerArgs(args), c.env);
		if (again.code === docker.code && normalise(again.stdout) === normalise(docker.stdout)) return last;
	}
	return last!;
}

/** Run every case with limited parallelism; results in case order. */
export async function runAll(cases: Case[], imgscope: string[], substitutions: Record<string, string>, parallel = Math.max(4, availableParallelism() * 2)): Promise<Outcome[]> {
	const out: Outcome[] = new Array(cases.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < cases.length) {
			const i = next++;
			out[i] = await runCase(cases[i], imgscope, substitutions);
		}
	};
	await Promise.all(Array.from({length: parallel}, worker));
	return out;
}

/** A readable account of a mismatch. */
export function describe(o: Outcome): string {
	const show = (r: RunResult): string => `exit ${r.code}\n${JSON.stringify(r.stdout.toString('utf8').slice(0, 600))}\nstderr: ${r.stderr.slice(0, 300)}`;
	return `${o.case.id}\n--- docker: ${show(o.docker)}\n--- imgscope: ${show(o.imgscope)}`;
}
